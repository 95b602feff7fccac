/**
 * authorAnchorsById: every comment of a page with its badge anchor in one pass, the same anchors the per-id
 * lookup finds, on real page snapshots (../shared/fixtures/pages) and the hand-written fixtures.
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { inflateFacebookHiddenMarkup } from '../../../src/platforms/facebook/saved-page.ts';
import { facebookAdapter, type PlatformAdapter, xAdapter, youtubeAdapter } from '../../../src/platforms/index.ts';
import { hasShared, REPO_ROOT, sharedPath } from '../../helpers/shared.ts';

const ctx = { url: '', seenAt: '2026-11-30T00:00:00.000Z' };

function expectSameAnchorsAsPerIdLookup(adapter: PlatformAdapter, html: string, url: string, atLeast: number) {
  const { document } = parseHTML(html);
  const ids = [...new Set(adapter.recordsFromDocument(document, { ...ctx, url }).records.map((r) => r.commentId))];
  expect(ids.length).toBeGreaterThanOrEqual(atLeast);
  const anchors = adapter.authorAnchorsById(document);
  for (const id of ids) {
    const expected = adapter.authorAnchorForComment(document, id);
    expect(expected, `per-id anchor of ${id}`).not.toBeNull();
    expect(anchors.get(id), `anchor of ${id}`).toBe(expected);
  }
  // Nothing beyond what the page's comments are: every indexed id is one the per-id lookup agrees on.
  for (const [id, anchor] of anchors) expect(adapter.authorAnchorForComment(document, id)).toBe(anchor);
  return { document, anchors, ids };
}

const fixture = (path: string) => readFileSync(`${REPO_ROOT}/test/fixtures/${path}`, 'utf8');

describe('authorAnchorsById on hand-written fixtures', () => {
  it('YouTube 2024 and 2018 comment markup', () => {
    expectSameAnchorsAsPerIdLookup(youtubeAdapter, fixture('youtube/watch-2024-comments.html'), 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', 3);
    expectSameAnchorsAsPerIdLookup(youtubeAdapter, fixture('youtube/watch-2018-comments.html'), '', 1);
  });
  it('X status page and Facebook desktop comments', () => {
    expectSameAnchorsAsPerIdLookup(xAdapter, fixture('x/status-with-replies.html'), 'https://x.com/TestNewsroom/status/1860000000000000001', 3);
    expectSameAnchorsAsPerIdLookup(facebookAdapter, fixture('facebook/desktop-post-comments.html'), '', 2);
  });
  it('is empty on a page without comments and on hostile ids, and never throws', () => {
    const { document } = parseHTML('<html><body><article data-testid="tweet"><a href="/x/status/notanumber">x</a></article></body></html>');
    expect(xAdapter.authorAnchorsById(document).size).toBe(0);
    expect(youtubeAdapter.authorAnchorsById(document).size).toBe(0);
    expect(facebookAdapter.authorAnchorsById(document).size).toBe(0);
  });
});

describe.skipIf(!hasShared('fixtures/pages'))('authorAnchorsById on real page snapshots', () => {
  it('X tweet cells (real)', () => {
    expectSameAnchorsAsPerIdLookup(xAdapter, readFileSync(sharedPath('fixtures/pages/twitter/tweetyoink_x-tweet-quote.html'), 'utf8'), 'https://x.com/TestQuoter/status/1983130065320780162', 1);
    expectSameAnchorsAsPerIdLookup(xAdapter, readFileSync(sharedPath('fixtures/pages/twitter/tweetyoink_x-tweet-sample.html'), 'utf8'), '', 1);
  });
  it('m.facebook.com post and story pages (real)', () => {
    for (const [file, url] of [
      ['m_facebook_posts_4188053201279101_Nintendo_2021.html', 'https://m.facebook.com/Nintendo/posts/4188053201279101'],
      ['m_facebook_story_4191173794300375_Nintendo_2021.html', 'https://m.facebook.com/story.php?story_fbid=4191173794300375&id=119240841493711'],
    ]) {
      expectSameAnchorsAsPerIdLookup(facebookAdapter, inflateFacebookHiddenMarkup(readFileSync(sharedPath(`fixtures/pages/facebook/${file!}`), 'utf8')), url!, 5);
    }
  });
});
