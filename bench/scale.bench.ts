/**
 * Scale (issue 9): copy-paste campaigns of 1,000, 3,000 and 10,000 accounts (one slogan each, on a
 * real YouTube thread) and a 20,000-comment organic thread, as YouTube `/next` responses generated
 * from the snapshot in ../shared (bench/youtube-thread.ts). Each goes through `analyzeCase` and through
 * `lens scan` in a fresh process: time, heap, peak RSS, output bytes; then the growth from 1k to 10k
 * accounts, which is about 10 when costs grow linearly (about 100 when they grow with the square).
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasShared, REPO_ROOT } from '../test/helpers/shared.ts';
import { writeChunks } from '../src/cli/write-chunks.ts';
import { exitOnClosedStdout } from '../src/cli/lens.ts';
import { campaignComments, organicComments, SNAPSHOT, youtubeResponse } from './youtube-thread.ts';

interface Run {
  ms: number;
  cpuMs: number;
  heapMB: number;
  rssMB: number;
  bytes: number;
  code?: number;
  accounts?: number;
  flagged?: number;
  error?: string;
}

function measure(args: string[]): Run {
  const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', join(REPO_ROOT, 'bench/scale-run.ts'), ...args], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

async function write(path: string, chunks: Iterable<string>) {
  const file = createWriteStream(path);
  await writeChunks(file, chunks);
  await new Promise<void>((resolve) => file.end(() => resolve()));
}

const size = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(0)} kB`);

export async function rows(): Promise<{ name: string; value: string; note?: string }[]> {
  if (!hasShared(SNAPSHOT)) return [{ name: 'scale', value: 'n/a', note: `../shared/${SNAPSHOT} missing` }];
  const dir = mkdtempSync(join(tmpdir(), 'lens-scale-'));
  const out: { name: string; value: string; note?: string }[] = [];
  const cases = [
    { name: 'campaign 1,000 accounts', accounts: 1000, comments: () => campaignComments(1000) },
    { name: 'campaign 3,000 accounts', accounts: 3000, comments: () => campaignComments(3000) },
    { name: 'campaign 10,000 accounts', accounts: 10_000, comments: () => campaignComments(10_000) },
    { name: 'organic 20,000 comments', accounts: 0, comments: () => organicComments(20_000) },
  ];
  const results = new Map<string, { analyze: Run; cli: Run }>();
  try {
    for (const c of cases) {
      const input = join(dir, `${c.accounts || 'organic'}.json`);
      await write(input, youtubeResponse(c.comments()));
      const analyze = measure(['analyze', input]);
      const cli = measure(['cli', input, join(dir, 'out.json')]);
      results.set(c.name, { analyze, cli });
      out.push({
        name: `${c.name}: analyzeCase`,
        value: `${(analyze.ms / 1000).toFixed(1)} s`,
        note: `CPU ${(analyze.cpuMs / 1000).toFixed(1)} s; ${analyze.accounts} accounts (${analyze.flagged} flagged); heap held ${analyze.heapMB} MB, peak RSS ${analyze.rssMB} MB; JSON ${size(analyze.bytes)} (${Math.round(analyze.bytes / analyze.accounts!)} B/account)`,
      });
      out.push({
        name: `${c.name}: lens scan --out`,
        value: `${(cli.ms / 1000).toFixed(1)} s`,
        note: `CPU ${(cli.cpuMs / 1000).toFixed(1)} s; exit ${cli.code}${cli.error ? ` (${cli.error})` : ''}; peak RSS ${cli.rssMB} MB; ${size(cli.bytes)} written (read + analyse + stream the JSON)`,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const small = results.get('campaign 1,000 accounts')!;
  const large = results.get('campaign 10,000 accounts')!;
  out.push({
    name: 'growth 1k → 10k accounts (analyzeCase CPU time)',
    value: `×${(large.analyze.cpuMs / small.analyze.cpuMs).toFixed(1)}`,
    note: `wall ×${(large.analyze.ms / small.analyze.ms).toFixed(1)}; CLI CPU ×${(large.cli.cpuMs / small.cli.cpuMs).toFixed(1)}, bytes ×${(large.cli.bytes / small.cli.bytes).toFixed(1)}, peak RSS ×${(large.cli.rssMB / small.cli.rssMB).toFixed(1)}; linear ≈ 10, quadratic ≈ 100 (before this change, 1k → 2k already took ×3.4 time and ×4.0 bytes)`,
  });
  return out;
}

if (process.argv[1]?.endsWith('scale.bench.ts')) {
  exitOnClosedStdout();
  for (const r of await rows()) console.log(`${r.name}: ${r.value}  ${r.note ?? ''}`);
}
