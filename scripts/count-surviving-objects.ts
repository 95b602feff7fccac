/**
 * What a from-scratch analysis of the bench's 10,000-comment thread keeps alive, counted by kind of
 * object: two heap snapshots, before and after one analyzer (kept) has added the thread and listed its
 * verdicts, and the difference per constructor. Every surviving object is copied by the young-generation
 * collector (once or twice) before it is promoted, so counts here are GC work in every from-scratch run:
 * the place to look for the next allocation source to fold into shared columns.
 *
 *   node --expose-gc --import tsx scripts/count-surviving-objects.ts [--root /other/tree] [--top 30]
 */
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeHeapSnapshot } from 'node:v8';
import { exitOnClosedStdout } from '../src/cli/lens.ts';
import { benchThread } from '../bench/analysis-thread.ts';

exitOnClosedStdout();
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('run with node --expose-gc (the snapshots are compared after a full collection)');
  process.exit(2);
}
const top = Number(opt('--top') ?? 30);
const root = opt('--root') ?? resolve(import.meta.dirname, '..');
const { CaseAnalyzer } = await import(pathToFileURL(resolve(root, 'src/core/analyze.ts')).href);
const { full, base } = benchThread(10_000);
// Two warm-up runs first: what the code caches on first use is not counted as the analysis's.
for (let i = 0; i < 2; i++) new CaseAnalyzer({ avatarScores: full.avatarScores }).add(base);

interface Count {
  objects: number;
  bytes: number;
}
function countByKind(file: string): Map<string, Count> {
  const snap = JSON.parse(readFileSync(file, 'utf8'));
  const fields: string[] = snap.snapshot.meta.node_fields;
  const types: string[] = snap.snapshot.meta.node_types[0];
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const counts = new Map<string, Count>();
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const t = types[snap.nodes[i + type]];
    // Objects by constructor; strings, numbers and internal arrays by their kind only.
    const kind = t === 'object' ? `object ${snap.strings[snap.nodes[i + name]]}` : t;
    const c = counts.get(kind) ?? { objects: 0, bytes: 0 };
    c.objects++;
    c.bytes += snap.nodes[i + size];
    counts.set(kind, c);
  }
  return counts;
}

const dir = mkdtempSync(join(tmpdir(), 'surviving-'));
try {
  gc();
  const before = countByKind(writeHeapSnapshot(join(dir, 'before.heapsnapshot')));
  const kept = new CaseAnalyzer({ avatarScores: full.avatarScores });
  kept.add(base);
  kept.verdicts();
  gc();
  const after = countByKind(writeHeapSnapshot(join(dir, 'after.heapsnapshot')));
  const rows = [...after]
    .map(([kind, c]) => ({ kind, objects: c.objects - (before.get(kind)?.objects ?? 0), bytes: c.bytes - (before.get(kind)?.bytes ?? 0) }))
    .filter((r) => r.objects > 0)
    .sort((x, y) => y.objects - x.objects);
  const total = rows.reduce((s, r) => ({ objects: s.objects + r.objects, bytes: s.bytes + r.bytes }), { objects: 0, bytes: 0 });
  console.log(`surviving one from-scratch analysis of 10,000 comments (${root}): ${total.objects} objects, ${(total.bytes / 1024).toFixed(0)} KB on the heap`);
  console.log('kind | objects | KB');
  for (const r of rows.slice(0, top)) console.log(`${r.kind} | ${r.objects} | ${(r.bytes / 1024).toFixed(0)}`);
  if (kept.verdicts().length === 0) console.log('(no verdicts?)');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
