/**
 * `lens scan` says when it cut a comment's text or read a recognised page that held no comments: a line
 * on stderr and a `warnings` entry in the JSON export (plus `textCutFrom` on the cut comment).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScan } from '../../../src/cli/scan.ts';
import { hasShared, sharedPath } from '../../helpers/shared.ts';

const tmp = mkdtempSync(join(tmpdir(), 'lens-warn-'));
const temp = (name: string, content: string) => {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
};

async function scan(files: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runScan(files, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, out: out.join(''), err: err.join('\n') };
}

describe.skipIf(!hasShared('fixtures/pages/youtube'))('lens scan warnings', () => {
  const page = JSON.parse(readFileSync(sharedPath('fixtures/pages/youtube/yt_next_comments_page1_xaQJbozY_Is.json'), 'utf8'));
  const mutations = page.frameworkUpdates.entityBatchUpdate.mutations as { payload: { commentEntityPayload?: { properties: { commentId: string; content: { content: string } } } } }[];
  const target = mutations.find((m) => m.payload.commentEntityPayload)!.payload.commentEntityPayload!;
  const long = 'a long comment. '.repeat(320_000); // ~5 MB
  target.properties.content.content = long;
  const cutFile = temp('long.json', JSON.stringify(page));
  const emptyFile = temp('empty.json', JSON.stringify({ responseContext: {}, contents: {} }));

  it('a cut comment: stderr names the file and the comment, the export marks it', async () => {
    const { code, out, err } = await scan([cutFile]);
    expect(code).toBe(0);
    expect(err).toContain(`lens scan: warning: ${cutFile}: 1 comment cut to 20,000 characters (longest had ${long.length.toLocaleString('en')}): ${target.properties.commentId}`);
    const exported = JSON.parse(out);
    expect(exported.warnings).toEqual([{ input: cutFile, kind: 'text-cut', detail: expect.stringContaining(target.properties.commentId) }]);
    const comment = exported.accounts.flatMap((a: { commentsDetail?: { commentId: string }[] }) => a.commentsDetail ?? []).find((c: { commentId: string }) => c.commentId === target.properties.commentId);
    expect(comment.text).toHaveLength(20_000);
    expect(comment.textCutFrom).toBe(long.length);
  });

  it('a recognised page without comments: stderr says so, the export lists it', async () => {
    const { code, out, err } = await scan([emptyFile]);
    expect(code).toBe(0);
    expect(err).toContain(`lens scan: warning: ${emptyFile}: recognised as youtube-next-json, but it holds no comments`);
    expect(JSON.parse(out).warnings).toEqual([{ input: emptyFile, kind: 'no-comments', detail: 'recognised as youtube-next-json, but it holds no comments' }]);
  });
});
