/**
 * A large case for the coordination signals (issue 11): 100,000 comments across 50 threads, with 400
 * regulars commenting in many threads and 5 accounts travelling together through 10 of them, added
 * in batches of 2,000 as a capture would deliver them. Reports the time, the heap the analyzer holds
 * at the end and the largest heap seen between batches (bounded: it grows with the case, linearly),
 * then +20 comments on the full case (median of 9 batches), and whether the travelling group was found.
 */
import { CaseAnalyzer } from '../src/core/analyze.ts';
import { exitOnClosedStdout } from '../src/cli/lens.ts';
import { createRng, syntheticThread } from '../src/core/simulate/index.ts';
import type { CommentRecord } from '../src/core/types.ts';

const gc = (globalThis as { gc?: () => void }).gc;
const MB = 1024 * 1024;

export function bigCase(threads = 50, perThread = 2000): { records: CommentRecord[]; travellers: Set<string> } {
  const rng = createRng(11);
  const records: CommentRecord[] = [];
  const travellers = new Set<string>();
  for (let t = 0; t < threads; t++) {
    const threadId = `bench-${t}`;
    const thread = syntheticThread(perThread, 100 + t, 'youtube', threadId).map((r) => {
      // A fifth of the comments come from 400 regulars seen across the channel's threads.
      if (!rng.chance(0.2)) return r;
      const id = `regular-${rng.int(0, 399)}`;
      return { ...r, author: { ...r.author, id, handle: `@${id}` } };
    });
    if (t % 5 === 0) {
      // 5 accounts within 20 minutes of one another, mid-thread, in every fifth thread.
      const at = Date.parse(thread[Math.floor(perThread / 2)].publishedAt!);
      for (let k = 0; k < 5; k++) {
        const id = `traveller-${k}`;
        travellers.add(`youtube:${id}`);
        thread.push({ ...thread[k], commentId: `${threadId}-travel-${k}`, author: { id, handle: `@${id}`, displayName: `Traveller ${k}` }, text: `nice one ${t} ${k}`, publishedAt: new Date(at + rng.next() * 20 * 60_000).toISOString() });
      }
    }
    records.push(...thread);
  }
  return { records, travellers };
}

export async function rows(): Promise<{ name: string; value: string; note?: string }[]> {
  const { records, travellers } = bigCase();
  const batch = 2000;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = 0;
  const analyzer = new CaseAnalyzer();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < records.length; i += batch) {
    analyzer.add(records.slice(i, i + batch));
    peak = Math.max(peak, process.memoryUsage().heapUsed - before);
  }
  analyzer.verdicts();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  gc?.();
  const held = process.memoryUsage().heapUsed - before;
  // +20 comments from new accounts, spread over the case's threads, 9 times (median): what a capture
  // adds to a large open case.
  const incTimes: number[] = [];
  const rescored: number[] = [];
  for (let k = 0; k < 9; k++) {
    const extra = records.slice(k * 997, k * 997 + 20).map((r, i) => ({ ...r, commentId: `${r.commentId}-again-${k}-${i}`, author: { ...r.author, id: `late-${k}-${i}` } }));
    const ti = performance.now();
    analyzer.add(extra);
    analyzer.verdicts();
    incTimes.push(performance.now() - ti);
    rescored.push(analyzer.lastRescored);
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  const inc = median(incTimes);
  const flagged = analyzer.verdicts().filter((v) => v.level === 'medium' || v.level === 'high');
  const caught = flagged.filter((v) => travellers.has(`${v.platform}:${v.accountId}`)).length;
  const groups = analyzer.clusters().filter((c) => c.kind === 'co-travel');
  return [
    { name: '100,000 comments / 50 threads, in batches of 2,000', value: `${(wall / 1000).toFixed(1)} s`, note: `CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; includes narrative and co-travel` },
    { name: 'heap held by the analyzer (100,000 comments)', value: `${(held / MB).toFixed(0)} MB`, note: `${gc ? 'after GC' : 'without forced GC'}; largest between batches ${(peak / MB).toFixed(0)} MB` },
    { name: 'incremental +20 comments (on 100,000 / 50 threads)', value: `${inc.toFixed(1)} ms`, note: `median of 9 batches from new accounts (min ${Math.min(...incTimes).toFixed(1)}, max ${Math.max(...incTimes).toFixed(1)}), incl. verdicts(); ${median(rescored)} accounts rescored` },
    { name: 'sanity: travellers flagged / organic flagged', value: `${caught}/${travellers.size} / ${flagged.length - caught}`, note: `${groups.length} co-travel group(s), medium or high` },
  ];
}

if (process.argv[1]?.endsWith('coordination.bench.ts')) {
  exitOnClosedStdout();
  for (const r of await rows()) console.log(`${r.name}: ${r.value}  ${r.note ?? ''}`);
}
