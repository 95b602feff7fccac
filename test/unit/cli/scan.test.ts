import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractAssignedJson, readCaseFiles } from '../../../src/cli/read-case.ts';
import { runScan } from '../../../src/cli/scan.ts';
import { hasShared, REPO_ROOT, sharedPath } from '../../helpers/shared.ts';

const tmp = mkdtempSync(join(tmpdir(), 'lens-scan-'));
const temp = (name: string, content: string) => {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
};

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) }, out, err };
}

const P = (rel: string) => sharedPath(`fixtures/pages/${rel}`);

describe.skipIf(!hasShared('fixtures/pages'))('readCaseFiles on the real snapshots', () => {
  it('detects every kind by content and merges all files into one deduplicated set', async () => {
    const { records, problems, files } = await readCaseFiles([
      P('youtube/yt_next_comments_page1_xaQJbozY_Is.json'),
      P('youtube/yt_next_replies_xaQJbozY_Is.json'),
      P('youtube/yt_next_watch_xaQJbozY_Is.json'),
      P('twitter/x_graphql_TweetDetail_1649191520250245121.json'),
      P('twitter/tweetyoink_x-tweet-sample.html'),
      P('facebook/m_facebook_posts_4188053201279101_Nintendo_2021.html'),
      P('facebook/m_facebook_story_4191173794300375_Nintendo_2021.html'),
      `${REPO_ROOT}/test/fixtures/facebook/desktop-post-comments.html`,
      // the same file twice: its comments must not double
      P('youtube/yt_next_replies_xaQJbozY_Is.json'),
    ]);
    expect(problems).toEqual([]);
    expect(files.map((f) => [f.kind, f.records.length])).toEqual([
      ['youtube-next-json', 20],
      ['youtube-next-json', 10],
      ['youtube-next-json', 0],
      ['x-tweet-detail-json', 37],
      ['x-status-html', 1],
      ['facebook-mobile-html', 21],
      ['facebook-mobile-html', 30],
      ['facebook-desktop-html', 3],
      ['youtube-next-json', 10],
    ]);
    expect(records).toHaveLength(20 + 10 + 37 + 1 + 21 + 30 + 3);
  });

  it('a saved watch page: ytInitialData is read (no comments in it) and rendered comments are taken from the DOM', async () => {
    // Built at test time from the real watch response; hand-written comment markup appended.
    const initial = readFileSync(P('youtube/yt_next_watch_xaQJbozY_Is.json'), 'utf8');
    const comments = readFileSync(`${REPO_ROOT}/test/fixtures/youtube/watch-2024-comments.html`, 'utf8').replace(/^[\s\S]*<body>/, '').replace(/<\/body>[\s\S]*$/, '');
    const page = temp('watch.html', `<!DOCTYPE html><html><head><link rel="canonical" href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"></head><body><script nonce="x">var ytInitialData = ${initial};</script>${comments}</body></html>`);
    const { records, problems, files } = await readCaseFiles([page]);
    expect(problems).toEqual([]);
    expect(files[0]!.kind).toBe('youtube-watch-html');
    expect(records.map((r) => r.commentId)).toContain('UgxSecondThreadBBBBB4AaABAg');
    expect(records).toHaveLength(4);
  });

  it('extractAssignedJson handles braces inside strings', () => {
    expect(extractAssignedJson('<script>var ytInitialData = {"a":"}{\\"","b":{"c":1}};</script>', /var ytInitialData\s*=\s*/)).toEqual({ a: '}{"', b: { c: 1 } });
    expect(extractAssignedJson('<script>var ytInitialData = {"a":</script>', /var ytInitialData\s*=\s*/)).toBeNull();
  });
});

describe('readCaseFiles problems: one line naming the file and why', () => {
  it.each([
    ['missing', () => join(tmp, 'does-not-exist.json'), 'file not found'],
    ['empty', () => temp('empty.json', ''), 'file is empty'],
    ['whitespace', () => temp('blank.html', '  \n '), 'file is empty'],
    ['truncated JSON', () => temp('cut.json', '{"onResponseReceivedEndpoints": [{"reloadContinuationItemsCommand": {"continuationItems": ['), 'truncated JSON (the file ends in the middle of the data)'],
    ['unknown JSON', () => temp('other.json', '{"hello": "world"}'), 'JSON, but neither a YouTube /youtubei/v1/next response nor an X TweetDetail response'],
    ['truncated HTML', () => temp('cut.html', '<!DOCTYPE html><html><head></head><body><div data-testid="tweet">'), 'truncated HTML (no closing </html> tag: the page was not saved completely)'],
    ['unknown HTML', () => temp('other.html', '<!DOCTYPE html><html><body><p>hello</p></body></html>'), 'HTML, but not a YouTube, X or Facebook page'],
    ['text', () => temp('notes.txt', 'just some notes'), 'neither HTML nor JSON'],
    ['directory', () => tmp, 'is a directory, not a saved page or JSON file'],
  ])('%s', async (_name, makePath, reason) => {
    const file = makePath();
    const { problems, records } = await readCaseFiles([file]);
    expect(problems).toEqual([{ file, reason }]);
    expect(records).toEqual([]);
  });
});

describe.skipIf(!hasShared('fixtures/pages'))('runScan', () => {
  it('prints threads and accounts with ids, handles, names, profile and avatar URLs, counts', async () => {
    const { io, out, err } = captureIo();
    const code = await runScan([P('youtube/yt_next_comments_page1_xaQJbozY_Is.json'), P('youtube/yt_next_replies_xaQJbozY_Is.json'), '--format', 'json'], io);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const result = JSON.parse(out.join(''));
    expect(result.threads).toHaveLength(1);
    expect(result.threads[0]).toMatchObject({ platform: 'youtube', threadId: 'xaQJbozY_Is', comments: 30 });
    const total = result.accounts.reduce((sum: number, a: { comments: number }) => sum + a.comments, 0);
    expect(total).toBe(30);
    const kurz = result.accounts.find((a: { accountId: string }) => a.accountId === 'UCsXVk37bltHxD1rDPwtNM8Q');
    expect(kurz).toMatchObject({
      platform: 'youtube',
      handle: 'kurzgesagt',
      displayName: '@kurzgesagt',
      profileUrl: 'https://www.youtube.com/@kurzgesagt',
      avatarUrl: 'https://yt3.ggpht.com/ytc/AIdro_n1Ribd7LwdP_qKtqWL3ZDfIgv9M1d6g78VwpHGXVR2Ir4=s88-c-k-c0x00ffffff-no-rj',
      threads: ['xaQJbozY_Is'],
    });
    expect(kurz.comments).toBeGreaterThanOrEqual(1);
  });

  it('csv and gexf formats, --out writes the file', async () => {
    const { io, out } = captureIo();
    expect(await runScan([P('twitter/x_graphql_TweetDetail_1649191520250245121.json'), '--format', 'csv'], io)).toBe(0);
    expect(out.join('')).toContain('XDevelopers');
    const target = join(tmp, 'case.gexf');
    const second = captureIo();
    expect(await runScan([P('twitter/x_graphql_TweetDetail_1649191520250245121.json'), '--format=gexf', '--out', target], second.io)).toBe(0);
    expect(readFileSync(target, 'utf8')).toContain('<gexf');
    expect(second.out).toEqual([]);
  });

  it('exit 1 and a message per unreadable file; exit 2 on usage errors', async () => {
    const bad = captureIo();
    const missing = join(tmp, 'nope.json');
    expect(await runScan([P('youtube/yt_next_replies_xaQJbozY_Is.json'), missing], bad.io)).toBe(1);
    expect(bad.err).toEqual([`lens scan: ${missing}: file not found`]);
    expect(bad.out).toEqual([]);
    const usage = captureIo();
    expect(await runScan(['--format', 'xml', 'a.json'], usage.io)).toBe(2);
    expect(await runScan([], usage.io)).toBe(2);
    expect(usage.err.join('\n')).toContain('--format must be json, csv or gexf');
  });

  it('a 400-account campaign: output complete through a pipe (not cut at 64 KB), the same as --out, and linear in size', async () => {
    const { campaignComments, youtubeResponse } = await import('../../../bench/youtube-thread.ts');
    const input = temp('campaign.json', [...youtubeResponse(campaignComments(400))].join(''));
    const lens = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', `${REPO_ROOT}/src/cli/lens.ts`, 'scan', input, ...args], { cwd: REPO_ROOT, maxBuffer: 1 << 28 });
    const piped = lens();
    expect(piped.status).toBe(0);
    expect(piped.stdout.length).toBeGreaterThan(200_000);
    const json = JSON.parse(piped.stdout.toString('utf8'));
    expect(json.accounts).toHaveLength(420);
    const outFile = join(tmp, 'campaign-out.json');
    expect(lens('--out', outFile).status).toBe(0);
    // Same length (only the export time differs between the two runs, and it has a fixed width).
    expect(readFileSync(outFile).length).toBe(piped.stdout.length);
    const csv = lens('--format', 'csv');
    expect(csv.status).toBe(0);
    expect(csv.stdout.toString('utf8').split('\r\n')).toHaveLength(421);
  }, 240_000); // three fresh processes (tsx compiles the sources each time)

  it('every command exits only once its output has reached a slow reader (process.exit would cut a pipe at 64 KB)', async () => {
    // One megabyte in a single write, then the exit every `lens` command goes through; the reader starts late.
    const script = `import { exitWhenFlushed } from ${JSON.stringify(`${REPO_ROOT}/src/cli/lens.ts`)}; process.stdout.write('x'.repeat(1_000_000)); exitWhenFlushed(3);`;
    const { status, bytes } = await new Promise<{ status: number | null; bytes: number }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      let bytes = 0;
      child.stdout.pause();
      child.stdout.on('data', (b: Buffer) => (bytes += b.length));
      setTimeout(() => child.stdout.resume(), 2000);
      child.on('close', (code) => resolve({ status: code, bytes }));
    });
    expect(bytes).toBe(1_000_000);
    expect(status).toBe(3);
  }, 60_000);
});
