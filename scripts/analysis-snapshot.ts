/**
 * Differential check for analysis changes that must not change results (speed work, refactors):
 * runs the analyzer of a source tree on the evaluation's cases (real host threads with injected
 * campaigns, the hard-as-life scenarios, organic baselines), the bench threads (10,000 comments from
 * scratch and +20 at a time, the 100,000-comment case with --big) and the same cases fed in small
 * batches, and writes every verdict (score, level, evidence text, related accounts, cluster ids) and their order,
 * every cluster and every thread summary. Compare two snapshots with --compare.
 *
 *   npx tsx scripts/analysis-snapshot.ts --root /path/to/other/tree --out /tmp/before.jsonl [--big]
 *   npx tsx scripts/analysis-snapshot.ts --out /tmp/after.jsonl [--big]
 *   npx tsx scripts/analysis-snapshot.ts --compare /tmp/before.jsonl /tmp/after.jsonl
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CommentRecord } from '../src/core/types.ts';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

interface Line {
  case: string;
  kind: 'verdict' | 'order' | 'cluster' | 'summary';
  id: string;
  json: string;
}

function compare(beforePath: string, afterPath: string): number {
  const load = (p: string) => {
    const map = new Map<string, string>();
    for (const line of readFileSync(p, 'utf8').split('\n')) {
      if (!line) continue;
      const l = JSON.parse(line) as Line;
      map.set(`${l.case}\u0000${l.kind}\u0000${l.id}`, l.json);
    }
    return map;
  };
  const before = load(beforePath);
  const after = load(afterPath);
  const cases = new Set<string>();
  let differ = 0;
  const shown: string[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    cases.add(key.split('\u0000')[0]);
    const b = before.get(key);
    const a = after.get(key);
    if (b === a) continue;
    differ++;
    if (shown.length < 10) shown.push(`${key.replaceAll('\u0000', ' | ')}\n  before: ${b?.slice(0, 600) ?? '(missing)'}\n  after:  ${a?.slice(0, 600) ?? '(missing)'}`);
  }
  console.log(`${before.size} / ${after.size} entries (verdicts, clusters, summaries) in ${cases.size} cases; ${differ} differ`);
  for (const s of shown) console.log(s);
  return differ;
}

async function snapshot(root: string, out: string, big: boolean): Promise<void> {
  const imp = (rel: string) => import(pathToFileURL(resolve(root, rel)).href);
  const { CaseAnalyzer } = await imp('src/core/analyze.ts');
  const sim = await imp('src/core/simulate/index.ts');
  const evalMod = await imp('scripts/eval-coordination.ts');
  const stream = createWriteStream(out);
  let cases = 0;
  type Analyzer = InstanceType<typeof CaseAnalyzer>;
  const write = (name: string, a: Analyzer) => {
    cases++;
    const verdicts = a.verdicts();
    for (const v of verdicts) stream.write(JSON.stringify({ case: name, kind: 'verdict', id: `${v.platform}:${v.accountId}`, json: JSON.stringify(v) }) + '\n');
    stream.write(JSON.stringify({ case: name, kind: 'order', id: 'verdicts', json: JSON.stringify(verdicts.map((v: { platform: string; accountId: string }) => `${v.platform}:${v.accountId}`)) }) + '\n');
    for (const c of a.clusters()) stream.write(JSON.stringify({ case: name, kind: 'cluster', id: c.id, json: JSON.stringify(c) }) + '\n');
    for (const s of a.summaries()) stream.write(JSON.stringify({ case: name, kind: 'summary', id: `${s.platform}:${s.threadId}`, json: JSON.stringify(s) }) + '\n');
  };
  /** From scratch in one batch, and the same records in batches of `batch` (the incremental path). */
  const run = (name: string, records: CommentRecord[], avatarScores?: unknown, batch = 0) => {
    const a = new CaseAnalyzer({ avatarScores });
    a.add(records);
    write(name, a);
    if (batch > 0) {
      const b = new CaseAnalyzer({ avatarScores });
      for (let i = 0; i < records.length; i += batch) {
        b.add(records.slice(i, i + batch));
        // Interleaved reads, as the extension's views do (they must not change later results).
        if ((i / batch) % 7 === 3) b.verdicts();
      }
      write(`${name} [batches of ${batch}]`, b);
    }
  };

  // The analysis bench's thread: 10,000 comments with a campaign, then +20 at a time.
  const full = sim.injectCampaign(sim.syntheticThread(11_000, 7), { seed: 7, size: 20 });
  const organic = (full.records as CommentRecord[]).filter((r) => !full.simulatedAccountKeys.has(`${r.platform}:${r.author.id}`));
  const base = [...organic.slice(0, 10_000 - full.simulated.length), ...full.simulated];
  const extra = organic.slice(10_000 - full.simulated.length);
  {
    const a = new CaseAnalyzer({ avatarScores: full.avatarScores });
    a.add(base);
    write('bench 10k', a);
    for (let i = 0; i + 20 <= Math.min(extra.length, 700); i += 20) {
      a.add(extra.slice(i, i + 20));
      a.verdicts();
    }
    write('bench 10k +20s', a);
    const half = new CaseAnalyzer({ avatarScores: full.avatarScores });
    half.add(base.slice(0, 5000));
    half.verdicts();
    for (let i = 0; i + 20 <= Math.min(extra.length, 700); i += 20) half.add(extra.slice(i, i + 20));
    write('bench 5k +20s', half);
  }
  console.error(`bench threads done (${cases} cases)`);

  // The evaluation's hosts: organic baselines, the sweep (one seed), the hard-as-life scenarios.
  const fixtures = await evalMod.loadFixtureThreads();
  const uci = evalMod.loadUci();
  const hosts = [...fixtures.threads, ...uci.map((u: { video: string; rows: { spam: boolean; record: CommentRecord }[] }) => ({ name: `uci:${u.video} (ham)`, records: u.rows.filter((r) => !r.spam).map((r) => r.record) }))];
  for (const h of hosts) {
    run(`organic ${h.name}`, h.records);
    run(`organic+avatar ${h.name}`, h.records, sim.organicAvatarScores(h.records, 77), 23);
  }
  console.error(`organic done (${cases} cases)`);
  hosts.forEach((host: { name: string; records: CommentRecord[] }, h: number) => {
    for (const row of evalMod.SWEEP as { setting: string; params: object }[]) {
      const injected = sim.injectCampaign(host.records, { ...row.params, seed: 1000 * (h + 1) });
      const scores = sim.organicAvatarScores(host.records, 77);
      for (const [k, v] of injected.avatarScores) scores.set(k, v);
      run(`sweep ${row.setting} @ ${host.name}`, injected.records, scores, row === evalMod.SWEEP[0] ? 41 : 0);
    }
  });
  console.error(`sweep done (${cases} cases)`);
  for (const split of ['tuning', 'reported']) {
    const mine = hosts.filter((_: unknown, i: number) => (i % 2 === 0) === (split === 'tuning'));
    for (const row of evalMod.SCENARIOS as { setting: string; run(h: unknown[], seed: number, tuning: boolean): { records: CommentRecord[]; avatarScores?: unknown } }[]) {
      for (let s = 0; s < 2; s++) {
        const seed = (split === 'tuning' ? 1 : 101) + s;
        const sc = row.run(mine, seed, split === 'tuning');
        run(`scenario ${row.setting} ${split} seed ${seed}`, sc.records, sc.avatarScores, s === 0 ? 29 : 0);
      }
    }
  }
  console.error(`scenarios done (${cases} cases)`);

  if (big) {
    const { bigCase } = await imp('bench/coordination.bench.ts');
    const { records } = bigCase() as { records: CommentRecord[] };
    const a = new CaseAnalyzer();
    for (let i = 0; i < records.length; i += 2000) a.add(records.slice(i, i + 2000));
    write('big 100k', a);
    a.add(records.slice(0, 20).map((r, i) => ({ ...r, commentId: `${r.commentId}-again-${i}`, author: { ...r.author, id: `late-${i}` } })));
    write('big 100k +20', a);
    console.error('big case done');
  }
  await new Promise<void>((done) => stream.end(done));
  console.error(`${cases} cases written to ${out}`);
}

const compared = opt('--compare');
if (compared) {
  const differ = compare(compared, args[args.indexOf('--compare') + 2]);
  process.exit(differ === 0 ? 0 : 1);
} else {
  const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const out = opt('--out');
  if (!out) throw new Error('--out FILE (or --compare BEFORE AFTER) is required');
  await snapshot(resolve(opt('--root') ?? here), out, args.includes('--big'));
}
