/**
 * `lens scan` on the responses added for capture v2: Facebook `/api/graphql/` (.ndjson, with and
 * without `for (;;);`, one and two documents), X SearchTimeline, the 2024 YouTube thread with a short
 * reply page, and the warning for a response whose comments could not be read.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCaseFiles } from '../../../src/cli/read-case.ts';
import { runScan } from '../../../src/cli/scan.ts';
import { hasShared, sharedPath } from '../../helpers/shared.ts';

const tmp = mkdtempSync(join(tmpdir(), 'lens-scan-v2-'));
const temp = (name: string, content: string) => {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
};
const P = (rel: string) => sharedPath(`fixtures/pages/${rel}`);
const FB = 'facebook/fb_graphql_post_comments_replies_NintendoLatAm_460807296509786_2024-05.ndjson';

describe.skipIf(!hasShared('fixtures/pages'))('lens scan reads the capture-v2 responses', () => {
  it('Facebook GraphQL .ndjson, X search, the 2024 YouTube thread: every comment, by kind', async () => {
    const fb = readFileSync(P(FB), 'utf8').trim();
    const second = JSON.stringify({ label: 'CometUFI$defer', path: ['feedback'], data: { viewer: null } });
    const { records, problems, files } = await readCaseFiles([
      P(FB),
      temp('prefixed.json', `for (;;);${fb}`),
      temp('two-documents.ndjson', `${fb}\r\n${second}\r\n`),
      P('twitter/x_graphql_SearchTimeline_newschema_2026-07.json'),
      P('twitter/x_graphql_TweetDetail_1649191520250245121_oldschema_2025-03.json'),
      P('youtube/yt_next_watch_KwEGbw4JV_w_2024-06.json'),
      P('youtube/yt_next_comments_KwEGbw4JV_w_p1_2024-06.json'),
      P('youtube/yt_next_comments_KwEGbw4JV_w_p2_2024-06.json'),
      P('youtube/yt_next_comments_KwEGbw4JV_w_p3_2024-06.json'),
      P('youtube/yt_next_replies_KwEGbw4JV_w_UgxAuwvuj_2024-06.json'),
      P('youtube/yt_next_comments_zYpyS2HaZHM_formatting_2026-01.json'),
    ]);
    expect(problems).toEqual([]);
    expect(files.map((f) => [f.kind, f.records.length, f.warning])).toEqual([
      ['facebook-graphql-json', 14, undefined],
      ['facebook-graphql-json', 14, undefined],
      ['facebook-graphql-json', 14, undefined],
      ['x-search-timeline-json', 20, undefined],
      ['x-tweet-detail-json', 11, undefined],
      ['youtube-next-json', 0, undefined],
      ['youtube-next-json', 20, undefined],
      ['youtube-next-json', 20, undefined],
      ['youtube-next-json', 20, undefined],
      ['youtube-next-json', 10, undefined],
      ['youtube-next-json', 20, undefined],
    ]);
    expect(records).toHaveLength(14 + 20 + 11 + 60 + 10 + 20);
  });

  it('a last reply page saved on its own is read (the video comes from the comments), and unread comments warn', async () => {
    const page = JSON.parse(readFileSync(P('youtube/yt_next_replies_KwEGbw4JV_w_UgxAuwvuj_2024-06.json'), 'utf8'));
    const action = page.onResponseReceivedEndpoints[0].appendContinuationItemsAction;
    // The last page of a reply list has no "show more replies" item, hence no continuation token.
    action.continuationItems = action.continuationItems.filter((item: any) => !item.continuationItemRenderer);
    const short = temp('last-reply-page.json', JSON.stringify(page));
    const { io, out, err } = capture();
    expect(await runScan([short], io)).toBe(0);
    expect(err).toEqual([]);
    const result = JSON.parse(out.join(''));
    expect(result.threads).toEqual([expect.objectContaining({ platform: 'youtube', threadId: 'KwEGbw4JV_w', comments: 10 })]);

    // The same page with every link that names the video removed: nothing readable, and lens says so.
    page.frameworkUpdates.entityBatchUpdate.mutations = page.frameworkUpdates.entityBatchUpdate.mutations.filter((m: any) => m.payload.commentEntityPayload);
    action.continuationItems = [];
    const anonymous = temp('anonymous-replies.json', JSON.stringify(page));
    const second = capture();
    expect(await runScan([anonymous], second.io)).toBe(0);
    expect(second.err).toEqual([`lens scan: warning: ${anonymous}: 10 comments in the response, none could be read (the response does not name the video)`]);
  });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) }, out, err };
}
