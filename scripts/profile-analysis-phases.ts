/**
 * Where a from-scratch analysis of the bench's 10,000-comment thread spends its time, part by part, in
 * steady state (after full-size warm-up runs): each index's pass, rescoring, listing verdicts, and the
 * rest of `CaseAnalyzer.add` (reading records, comment preparation, bookkeeping, and the garbage
 * collection that falls inside it). Comment preparation alone is timed on the same records after.
 * Timers wrap the analyzer's methods by name, so a renamed method is reported, not silently skipped.
 *
 *   node --expose-gc --import tsx scripts/profile-analysis-phases.ts [--warmup 3] [--runs 7] [--root /other/tree]
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exitOnClosedStdout } from '../src/cli/lens.ts';
import { benchThread } from '../bench/analysis-thread.ts';

exitOnClosedStdout();
const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) {
    console.error(`${name} must be an integer ≥ 1 (got ${args[i + 1]})`);
    process.exit(2);
  }
  return v;
};
const warmup = opt('--warmup', 3);
const runs = opt('--runs', 7);
const rootAt = args.indexOf('--root');
const root = rootAt >= 0 ? args[rootAt + 1] : resolve(import.meta.dirname, '..');
const imp = (rel: string) => import(pathToFileURL(resolve(root, rel)).href);
const { CaseAnalyzer } = await imp('src/core/analyze.ts');
const { NearDuplicateIndex } = await imp('src/core/signals/near-duplicate.ts');
const { CrossLanguageIndex } = await imp('src/core/signals/cross-language.ts');
const { NarrativeIndex } = await imp('src/core/signals/narrative.ts');
const { prepareCommentWithKeys } = await imp('src/core/signals/prepare.ts');

// The same thread as bench/analysis.bench.ts.
const size = 10_000;
const { full, base } = benchThread(size);

const spent = new Map<string, number>();
function time(proto: Record<string, unknown>, methods: string, part: string): void {
  // 'a|b': the first of these the tree has (a method renamed since, for an older tree given by --root)
  const method = methods.split('|').find((m) => typeof proto[m] === 'function') ?? methods;
  const f = proto[method];
  if (typeof f !== 'function') {
    console.error(`no method ${method} to time (renamed?): update scripts/profile-analysis-phases.ts`);
    process.exit(2);
  }
  proto[method] = function (this: unknown, ...a: unknown[]) {
    const t0 = performance.now();
    try {
      return f.apply(this, a);
    } finally {
      spent.set(part, (spent.get(part) ?? 0) + performance.now() - t0);
    }
  };
}
const parts: [Record<string, unknown>, string, string][] = [
  [NearDuplicateIndex.prototype, 'insertAll|insert', 'near-duplicate index'],
  [CrossLanguageIndex.prototype, 'insert', 'cross-language index'],
  [CrossLanguageIndex.prototype, 'flush', 'cross-language index'],
  [NarrativeIndex.prototype, 'add', 'narrative index'],
  [NarrativeIndex.prototype, 'settle', 'narrative index'],
  [CaseAnalyzer.prototype, 'updateBursts', 'bursts, batches, co-occurrence, co-travel, pictures'],
  [CaseAnalyzer.prototype, 'updateBatches', 'bursts, batches, co-occurrence, co-travel, pictures'],
  [CaseAnalyzer.prototype, 'updateCoOccurrence', 'bursts, batches, co-occurrence, co-travel, pictures'],
  [CaseAnalyzer.prototype, 'updateCoTravel', 'bursts, batches, co-occurrence, co-travel, pictures'],
  [CaseAnalyzer.prototype, 'refreshPictures', 'bursts, batches, co-occurrence, co-travel, pictures'],
  [CaseAnalyzer.prototype, 'rescore', 'rescoring every account'],
];
for (const [proto, method, part] of parts) time(proto, method, part);

const gc = (globalThis as { gc?: () => void }).gc;
const rows = new Map<string, number[]>();
const note = (part: string, ms: number) => {
  let list = rows.get(part);
  if (!list) rows.set(part, (list = []));
  list.push(ms);
};
for (let run = 0; run < warmup + runs; run++) {
  gc?.();
  spent.clear();
  const analyzer = new CaseAnalyzer({ avatarScores: full.avatarScores });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  analyzer.add(base);
  const t1 = performance.now();
  analyzer.verdicts();
  const t2 = performance.now();
  const c = process.cpuUsage(c0);
  if (run < warmup) continue;
  let inParts = 0;
  for (const [part, ms] of spent) {
    note(part, ms);
    inParts += ms;
  }
  note('rest of add: records, preparation, bookkeeping, GC within', t1 - t0 - inParts);
  note('listing verdicts', t2 - t1);
  note('whole run (wall)', t2 - t0);
  note('whole run (CPU, incl. GC threads)', (c.user + c.system) / 1000);
}
// Comment preparation alone (part of "rest of add" above), on the same records.
for (let run = 0; run < warmup + runs; run++) {
  const t0 = performance.now();
  for (const r of base) prepareCommentWithKeys(r, { key: 'k', account: 'a', thread: 't' });
  if (run >= warmup) note('  of which comment preparation (timed alone)', performance.now() - t0);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`10,000 comments from scratch, ${runs} runs after ${warmup} warm-up; load average ${loadavg()[0].toFixed(1)}${gc ? '' : ' (without --expose-gc)'}`);
console.log('part | median ms | min ms');
const order = [...rows.keys()].sort((a, b) => (a.startsWith('whole') ? 1 : 0) - (b.startsWith('whole') ? 1 : 0));
for (const part of order) console.log(`${part} | ${median(rows.get(part)!).toFixed(1)} | ${Math.min(...rows.get(part)!).toFixed(1)}`);
