/**
 * The demo's watch page: a minimal YouTube-like page whose own script loads its comments from
 * /youtubei/v1/next and renders them with YouTube's 2024+ comment markup (ytd-comment-view-model), the
 * way the real site does. So the extension reads the demo through the same two paths as youtube.com:
 * the page's JSON (main-world hook) and the DOM.
 */

export interface DemoPageOptions {
  videoId: string;
  title: string;
  banner: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Runs in the demo page: renders the next response with DOM APIs only. Kept as plain JavaScript text
 * (not a serialised function) so that no bundler or loader helper leaks into the page.
 */
const PAGE_SCRIPT = String.raw`
(function (videoId) {
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const child of children) node.append(child);
    return node;
  }
  fetch('/youtubei/v1/next?prettyPrint=false&v=' + encodeURIComponent(videoId), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ videoId }) })
    .then((response) => response.json())
    .then((data) => {
      const entities = new Map();
      for (const mutation of (data.frameworkUpdates && data.frameworkUpdates.entityBatchUpdate.mutations) || []) {
        const payload = mutation.payload && mutation.payload.commentEntityPayload;
        if (payload) entities.set(payload.key, payload);
      }
      const contents = document.querySelector('ytd-comments#comments #contents');
      for (const endpoint of data.onResponseReceivedEndpoints || []) {
        const items = (endpoint.reloadContinuationItemsCommand && endpoint.reloadContinuationItemsCommand.continuationItems) || [];
        for (const item of items) {
          const view = item.commentThreadRenderer && item.commentThreadRenderer.commentViewModel.commentViewModel;
          const entity = view && entities.get(view.commentKey);
          if (!entity) continue;
          const handle = entity.author.displayName;
          const sources = (entity.avatar && entity.avatar.image && entity.avatar.image.sources) || [];
          const avatar = sources.length ? sources[0].url : entity.author.avatarThumbnailUrl;
          const thread = el('ytd-comment-thread-renderer', { class: 'style-scope ytd-item-section-renderer' },
            el('ytd-comment-view-model', { id: 'comment', class: 'style-scope ytd-comment-thread-renderer' },
              el('div', { id: 'author-thumbnail' },
                el('button', { id: 'author-thumbnail-button', 'aria-label': handle },
                  el('yt-img-shadow', {}, el('img', { id: 'img', src: avatar, width: '40', height: '40', alt: '' })))),
              el('div', { id: 'main' },
                el('div', { id: 'header' },
                  el('div', { id: 'header-author' },
                    el('h3', {}, el('a', { id: 'author-text', href: '/' + handle }, el('span', {}, ' ' + handle + ' '))),
                    el('span', { id: 'published-time-text' },
                      el('a', { href: '/watch?v=' + videoId + '&lc=' + entity.properties.commentId }, entity.properties.publishedTime)))),
                el('ytd-expander', { id: 'expander' },
                  el('div', { id: 'content' },
                    el('yt-attributed-string', { id: 'content-text' },
                      el('span', { class: 'yt-core-attributed-string' }, entity.properties.content.content)))),
                el('ytd-comment-engagement-bar', { id: 'action-buttons' },
                  el('span', { id: 'vote-count-middle' }, entity.toolbar.likeCountNotliked || '')))));
          contents.append(thread);
        }
      }
      document.documentElement.dataset.demoLoaded = 'true';
    });
})`;

export function demoWatchPageHtml(options: DemoPageOptions): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(options.title)} - YouTube</title>
<style>
  body { margin: 0; font: 14px/1.4 Roboto, Arial, sans-serif; background: #fff; color: #0f0f0f; }
  .demo-banner { background: #fff4d6; border-bottom: 1px solid #e2b33b; padding: 8px 16px; font-weight: 600; }
  #page { max-width: 900px; margin: 0 auto; padding: 16px; }
  .player { aspect-ratio: 16 / 9; background: #0f0f0f; border-radius: 12px; display: grid; place-items: center; color: #aaa; }
  h1 { font-size: 20px; margin: 12px 0 24px; }
  ytd-comment-thread-renderer { display: block; margin-bottom: 16px; }
  ytd-comment-view-model { display: flex; gap: 16px; }
  #author-thumbnail button { border: 0; padding: 0; background: none; }
  #author-thumbnail img { width: 40px; height: 40px; border-radius: 50%; object-fit: cover; background: #eee; }
  #header-author { display: flex; align-items: center; gap: 6px; }
  #header-author h3 { margin: 0; font-size: 13px; font-weight: 500; }
  #header-author a { color: #0f0f0f; text-decoration: none; }
  #published-time-text a { color: #606060; font-size: 12px; text-decoration: none; }
  #content-text { display: block; margin-top: 2px; white-space: pre-wrap; }
  #vote-count-middle { color: #606060; font-size: 12px; }
</style></head>
<body>
<div class="demo-banner" role="note">${escapeHtml(options.banner)}</div>
<div id="page">
  <div class="player">▶ ${escapeHtml(options.title)}</div>
  <h1>${escapeHtml(options.title)}</h1>
  <ytd-comments id="comments"><ytd-item-section-renderer id="sections"><div id="contents"></div></ytd-item-section-renderer></ytd-comments>
</div>
<script>${PAGE_SCRIPT}(${JSON.stringify(options.videoId)});</script>
</body></html>`;
}
