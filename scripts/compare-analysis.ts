/**
 * Before/after of the analysis from scratch in one process: another tree's analyzer and this tree's
 * on the bench's 10,000-comment thread, alternating run by run (ABBA), so that the load of a shared
 * machine falls on both alike. Separate bench runs on a loaded machine differ by ±20 %; this tells
 * a 5 % change apart. Both analyzers share one heap, so absolute times are above `npm run bench`'s.
 * Then the same for +20 comments on the 10,000 (one grown analyzer per tree, batches alternating).
 *
 *   node --expose-gc --import tsx scripts/compare-analysis.ts --root /path/to/other/tree [--rounds 16]
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CaseAnalyzer } from '../src/core/analyze.ts';
import { benchThread } from '../bench/analysis-thread.ts';
import { exitOnClosedStdout } from '../src/cli/lens.ts';

exitOnClosedStdout();
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = opt('--root');
if (!root) {
  console.error('usage: node --expose-gc --import tsx scripts/compare-analysis.ts --root /path/to/other/tree [--rounds 16]');
  process.exit(2);
}
const rounds = Number(opt('--rounds') ?? 16);
if (!Number.isInteger(rounds) || rounds < 2) {
  console.error(`--rounds must be an integer ≥ 2 (got ${opt('--rounds')})`);
  process.exit(2);
}

type Analyzer = { add(records: unknown[]): void; verdicts(): unknown[] };
type AnalyzerClass = new (opts: { avatarScores?: unknown }) => Analyzer;
const other = (await import(pathToFileURL(resolve(root, 'src/core/analyze.ts')).href)).CaseAnalyzer as AnalyzerClass;
const variants: [string, AnalyzerClass][] = [
  [`other (${root})`, other],
  ['this tree', CaseAnalyzer as unknown as AnalyzerClass],
];

// The same thread as bench/analysis.bench.ts.
const size = 10_000;
const { full, base, extra } = benchThread(size);
const gc = (globalThis as { gc?: () => void }).gc;

for (const [, Analyzer] of variants) new Analyzer({ avatarScores: full.avatarScores }).add(base.slice(0, 2000));
const wall = variants.map((): number[] => []);
const cpu = variants.map((): number[] => []);
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? [0, 1] : [1, 0];
  for (const v of order) {
    gc?.();
    const analyzer = new variants[v][1]({ avatarScores: full.avatarScores });
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    analyzer.add(base);
    analyzer.verdicts();
    wall[v].push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu[v].push((c.user + c.system) / 1000);
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`analysis from scratch, ${size.toLocaleString('en')} comments, ${rounds} runs each (alternating); load average ${loadavg()[0].toFixed(1)}${gc ? '' : ' (without --expose-gc)'}`);
console.log('tree | median | min | CPU median (incl. GC threads)');
for (let v = 0; v < variants.length; v++) {
  console.log(`${variants[v][0]} | ${median(wall[v]).toFixed(0)} ms | ${Math.min(...wall[v]).toFixed(0)} ms | ${median(cpu[v]).toFixed(0)} ms`);
}
console.log(`this tree / other: median ${(median(wall[1]) / median(wall[0])).toFixed(3)}, CPU ${(median(cpu[1]) / median(cpu[0])).toFixed(3)}`);
// Each round's two runs are neighbours in time: their ratio is spared the load's slow drifts.
const quartiles = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return `${s[Math.floor(s.length / 2)].toFixed(3)} (middle half ${s[Math.floor(s.length / 4)].toFixed(3)}–${s[Math.floor((3 * s.length) / 4)].toFixed(3)})`;
};
const paired = (m: number[][]) => m[1].map((v, r) => v / m[0][r]);
console.log(`round by round, this tree / other: wall ${quartiles(paired(wall))}, CPU ${quartiles(paired(cpu))}`);

// +20 comments on the 10,000 (the bench's batches), one analyzer of each tree, alternating batch by batch.
const grown = variants.map(([, Analyzer]) => {
  const analyzer = new Analyzer({ avatarScores: full.avatarScores });
  analyzer.add(base);
  analyzer.verdicts();
  return analyzer;
});
const incWall = variants.map((): number[] => []);
const incCpu = variants.map((): number[] => []);
for (let batch = 0, round = 0; batch + 20 <= Math.min(extra.length, 700); batch += 20, round++) {
  for (const v of round % 2 === 0 ? [0, 1] : [1, 0]) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    grown[v].add(extra.slice(batch, batch + 20));
    grown[v].verdicts();
    // the first 5 batches warm up, as in the bench
    if (batch < 100) continue;
    incWall[v].push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    incCpu[v].push((c.user + c.system) / 1000);
  }
}
console.log(`incremental +20 comments on ${size.toLocaleString('en')}, ${incWall[0].length} batches each (alternating)`);
for (let v = 0; v < variants.length; v++) console.log(`${variants[v][0]} | ${median(incWall[v]).toFixed(2)} ms | CPU ${median(incCpu[v]).toFixed(2)} ms`);
