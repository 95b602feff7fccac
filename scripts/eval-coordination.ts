/**
 * Evaluation of the coordination analysis (issues 5 and 11). Prints four tables:
 *  (a) organic baselines: real fixture threads (../shared/fixtures/pages, read by src/cli/read-case.ts)
 *      and the UCI YouTube Spam Collection's non-spam comments — share of accounts flagged medium/high;
 *  (b) simulated campaigns injected into those real threads, swept over difficulty — account-level
 *      precision / recall / F1 for medium-or-above, also apart for tuning hosts (even positions) and
 *      reported hosts (odd positions);
 *  (c) the UCI spam labels as a secondary check of the duplicate and burst signals (reported, not tuned);
 *  (d) campaigns that avoid copy-paste (paraphrase, cross-thread, slow drip, the hard row) and an organic
 *      rush on fresh timelines, tuning and reported hosts/seeds/narratives apart (`scenarioTable`).
 * Avatar scores for real accounts come from organicAvatarScores(): an imperfect model with a 3 %
 * false-positive tail, so the baselines include avatar false alarms.
 *
 *   npm run eval:coordination            (add --quick for 2 seeds instead of 5; --scenarios-only for table (d))
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AvatarScore, CommentRecord } from '../src/core/types.ts';
import { CaseAnalyzer } from '../src/core/analyze.ts';
import {
  injectCampaign,
  organicAvatarScores,
  parseUciCsv,
  DEFAULT_CAMPAIGN,
  paraphraseScenario,
  crossThreadScenario,
  slowDripScenario,
  organicRushScenario,
  popularTagScenario,
  freshTimeline,
  organicPictures,
  modelAvatarScore,
  createRng,
  TUNING_NARRATIVES,
  REPORTED_NARRATIVES,
  type CampaignParams,
  type LabelledRecord,
  type Scenario,
} from '../src/core/simulate/index.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = process.env.LENS_SHARED_DIR ?? resolve(ROOT, '../shared');
const UCI_DIR = join(SHARED, 'data/behaviour/uci_youtube_spam_collection');
const PAGES_DIR = join(SHARED, 'fixtures/pages');

export interface HostThread {
  name: string;
  records: CommentRecord[];
}

export function loadUci(): { video: string; rows: LabelledRecord[] }[] {
  if (!existsSync(UCI_DIR)) return [];
  return readdirSync(UCI_DIR)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => {
      const video = f.replace(/^Youtube\d+-|\.csv$/g, '');
      return { video, rows: parseUciCsv(readFileSync(join(UCI_DIR, f), 'utf8'), video) };
    });
}

/** Real fixture threads through the platform adapters' reader, when it exists. */
export async function loadFixtureThreads(): Promise<{ threads: HostThread[]; note: string }> {
  const reader = join(ROOT, 'src/cli/read-case.ts');
  if (!existsSync(reader) || !existsSync(PAGES_DIR)) return { threads: [], note: 'src/cli/read-case.ts or ../shared/fixtures/pages missing: fixture threads skipped' };
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (/\.(json|html?)$/.test(e.name)) files.push(join(d, e.name));
    }
  };
  walk(PAGES_DIR);
  const mod = (await import(reader)) as { readCaseFiles(paths: string[]): Promise<{ records: CommentRecord[]; problems: { file: string; reason: string }[] }> };
  const { records, problems } = await mod.readCaseFiles(files.sort());
  const byThread = new Map<string, CommentRecord[]>();
  for (const r of records) {
    const k = `${r.platform}:${r.threadId}`;
    let list = byThread.get(k);
    if (!list) byThread.set(k, (list = []));
    list.push(r);
  }
  const threads = [...byThread].filter(([, rs]) => rs.length >= 5).map(([name, rs]) => ({ name, records: rs }));
  return { threads, note: `${records.length} records from ${files.length} files, ${problems.length} unreadable` };
}

interface Counts {
  accounts: number;
  medium: number;
  high: number;
}

function organicCounts(records: CommentRecord[], avatarScores?: Map<string, AvatarScore>): Counts {
  const a = new CaseAnalyzer({ avatarScores });
  a.add(records);
  const v = a.verdicts();
  return { accounts: v.length, medium: v.filter((x) => x.level === 'medium').length, high: v.filter((x) => x.level === 'high').length };
}

export interface Prf {
  tp: number;
  fp: number;
  fn: number;
}
export const precision = (m: Prf) => (m.tp + m.fp === 0 ? 1 : m.tp / (m.tp + m.fp));
export const recall = (m: Prf) => (m.tp + m.fn === 0 ? 1 : m.tp / (m.tp + m.fn));
export const f1 = (m: Prf) => {
  const p = precision(m);
  const r = recall(m);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
};

/** Injects one campaign into one host thread and scores the account-level detection (medium+). */
export function runCampaign(host: HostThread, params: Partial<CampaignParams>, avatarSeed: number): Prf {
  const injected = injectCampaign(host.records, params);
  const scores = organicAvatarScores(host.records, avatarSeed);
  for (const [k, v] of injected.avatarScores) scores.set(k, v);
  const a = new CaseAnalyzer({ avatarScores: scores });
  a.add(injected.records);
  const m: Prf = { tp: 0, fp: 0, fn: 0 };
  for (const v of a.verdicts()) {
    const flagged = v.level === 'medium' || v.level === 'high';
    const truth = injected.simulatedAccountKeys.has(`${v.platform}:${v.accountId}`);
    if (flagged && truth) m.tp++;
    else if (flagged) m.fp++;
    else if (truth) m.fn++;
  }
  return m;
}

export interface SweepRow {
  setting: string;
  params: Partial<CampaignParams>;
}

export const SWEEP: SweepRow[] = [
  { setting: 'default (12 accts, edit 0.15, burst 45 min, AI 0.5)', params: {} },
  { setting: 'size 3', params: { size: 3 } },
  { setting: 'size 5', params: { size: 5 } },
  { setting: 'size 20', params: { size: 20 } },
  { setting: 'size 30', params: { size: 30 } },
  { setting: 'edit rate 0 (verbatim copies)', params: { editRate: 0 } },
  { setting: 'edit rate 0.3', params: { editRate: 0.3 } },
  { setting: 'edit rate 0.5', params: { editRate: 0.5 } },
  { setting: 'burst 10 min', params: { burstMinutes: 10 } },
  { setting: 'burst 6 h', params: { burstMinutes: 360 } },
  { setting: 'burst 2 days', params: { burstMinutes: 2880 } },
  { setting: 'AI avatars 0', params: { aiAvatarShare: 0 } },
  { setting: 'AI avatars 1.0', params: { aiAvatarShare: 1 } },
  { setting: 'one template, 50% other languages', params: { templates: 1, otherLanguageShare: 0.5 } },
  { setting: 'Chinese-language campaign', params: { mainLanguage: 'zh' } },
  { setting: 'no shared links or hashtags', params: { tokenShare: 0 } },
  { setting: 'no name+digit handles, no hijacked look', params: { nameDigitHandleShare: 0, hijackedShare: 0 } },
  { setting: 'hard: 6 accts, edit 0.3, 40% free text, 12 h, AI 0.2', params: { size: 6, editRate: 0.3, freeTextShare: 0.4, burstMinutes: 720, aiAvatarShare: 0.2, nameDigitHandleShare: 0.2, tokenShare: 0.3 } },
];

/** Per row, the detection on each host (seeds 1000·(host position + 1) + s). */
export function sweepByHost(hosts: HostThread[], rows: SweepRow[], seeds: number): { setting: string; runs: number; perHost: Prf[] }[] {
  return rows.map((row) => {
    const perHost = hosts.map((host, h) => {
      const m: Prf = { tp: 0, fp: 0, fn: 0 };
      for (let s = 0; s < seeds; s++) {
        const r = runCampaign(host, { ...row.params, seed: 1000 * (h + 1) + s }, 77 + s);
        m.tp += r.tp;
        m.fp += r.fp;
        m.fn += r.fn;
      }
      return m;
    });
    return { setting: row.setting, runs: hosts.length * seeds, perHost };
  });
}

function sum(ms: Prf[]): Prf {
  return ms.reduce((a, m) => ({ tp: a.tp + m.tp, fp: a.fp + m.fp, fn: a.fn + m.fn }), { tp: 0, fp: 0, fn: 0 });
}

export function sweep(hosts: HostThread[], rows: SweepRow[], seeds: number): { setting: string; runs: number; m: Prf }[] {
  return sweepByHost(hosts, rows, seeds).map((r) => ({ setting: r.setting, runs: r.runs, m: sum(r.perHost) }));
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const f3 = (x: number) => x.toFixed(3);

function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...cells.slice(1).map(line)].join('\n');
}

async function main() {
  const quick = process.argv.includes('--quick');
  const seeds = quick ? 2 : 5;
  const uci = loadUci();
  const fixtures = await loadFixtureThreads();
  const uciHosts: HostThread[] = uci.map((u) => ({ name: `uci:${u.video} (ham)`, records: u.rows.filter((r) => !r.spam).map((r) => r.record) }));
  const hosts = [...fixtures.threads, ...uciHosts];
  console.log(`# Coordination evaluation\n\nFixture threads: ${fixtures.note}. UCI videos: ${uci.length}.\n`);
  if (process.argv.includes('--scenarios-only')) {
    console.log(scenarioReport(hosts, quick));
    return;
  }

  // (a) organic baselines
  const aRows: (string | number)[][] = [];
  const total = { plain: { accounts: 0, medium: 0, high: 0 }, avatar: { accounts: 0, medium: 0, high: 0 } };
  for (const h of hosts) {
    const plain = organicCounts(h.records);
    const withAvatar = organicCounts(h.records, organicAvatarScores(h.records, 77));
    for (const [k, c] of [['plain', plain], ['avatar', withAvatar]] as const) {
      total[k].accounts += c.accounts;
      total[k].medium += c.medium;
      total[k].high += c.high;
    }
    aRows.push([h.name, h.records.length, plain.accounts, pct(plain.medium / plain.accounts), pct(plain.high / plain.accounts), pct(withAvatar.medium / withAvatar.accounts), pct(withAvatar.high / withAvatar.accounts)]);
  }
  aRows.push(['all', hosts.reduce((s, h) => s + h.records.length, 0), total.plain.accounts, pct(total.plain.medium / total.plain.accounts), pct(total.plain.high / total.plain.accounts), pct(total.avatar.medium / total.avatar.accounts), pct(total.avatar.high / total.avatar.accounts)]);
  console.log('## (a) Organic baselines — share of accounts flagged (targets: medium ≤ 3 %, high ≤ 1 %)\n');
  console.log(table(['thread', 'comments', 'accounts', 'medium', 'high', 'medium (+avatar model, 3 % FP)', 'high (+avatar model)'], aRows));

  // (b) sweep
  console.log(`\n## (b) Simulated campaigns injected into ${hosts.length} real threads × ${seeds} seeds — account level, medium or above (default target: P ≥ 0.95, R ≥ 0.90)\n`);
  // Tuning hosts (even positions, whose errors settings were read from) and reported hosts (odd) apart, as in (d).
  const results = sweepByHost(hosts, SWEEP, seeds);
  const pr = (m: Prf) => `${f3(precision(m))} / ${f3(recall(m))}`;
  console.log(
    table(
      ['setting', 'runs', 'TP', 'FP', 'FN', 'precision', 'recall', 'F1', 'P / R tuning hosts', 'P / R reported hosts'],
      results.map((r) => {
        const m = sum(r.perHost);
        return [r.setting, r.runs, m.tp, m.fp, m.fn, f3(precision(m)), f3(recall(m)), f3(f1(m)), pr(sum(r.perHost.filter((_, i) => i % 2 === 0))), pr(sum(r.perHost.filter((_, i) => i % 2 === 1)))];
      }),
    ),
  );
  console.log(`\nDefault parameters: ${JSON.stringify({ ...DEFAULT_CAMPAIGN, seed: undefined })}`);

  // (d) campaigns that avoid copy-paste, on fresh timelines, tuning and reported sets apart
  console.log(`\n## (d) Hard-as-life scenarios (issue 11) — organic comments re-timed onto the campaign's fresh day, avatar evidence at the model's measured rates, organic letter/default pictures; medium or above\n`);
  console.log(scenarioReport(hosts, quick));

  // (c) UCI spam labels
  console.log('\n## (c) UCI YouTube Spam Collection labels (secondary check; not tuned to)\n');
  const cRows: (string | number)[][] = [];
  const agg = { dup: { tp: 0, fp: 0, fn: 0 }, burst: { tp: 0, fp: 0, fn: 0 }, acct: { tp: 0, fp: 0, fn: 0 } };
  for (const u of uci) {
    const a = new CaseAnalyzer();
    a.add(u.rows.map((r) => r.record));
    const inDup = new Set(a.nearDuplicateClusters().flatMap((c) => c.commentKeys));
    const summary = a.summaries()[0];
    const inBurst = new Set(a.clusters().filter((c) => c.kind === 'burst' && c.threads.includes(summary.threadId)).flatMap((c) => c.commentIds.map((id) => `youtube:${id}`)));
    const m = { dup: { tp: 0, fp: 0, fn: 0 }, burst: { tp: 0, fp: 0, fn: 0 }, acct: { tp: 0, fp: 0, fn: 0 } };
    for (const r of u.rows) {
      const key = `youtube:${r.record.commentId}`;
      for (const [name, set] of [['dup', inDup], ['burst', inBurst]] as const) {
        if (set.has(key) && r.spam) m[name].tp++;
        else if (set.has(key)) m[name].fp++;
        else if (r.spam) m[name].fn++;
      }
    }
    const spamAuthors = new Set(u.rows.filter((r) => r.spam).map((r) => r.record.author.id));
    for (const v of a.verdicts()) {
      const flagged = v.level === 'medium' || v.level === 'high';
      const spam = spamAuthors.has(v.accountId);
      if (flagged && spam) m.acct.tp++;
      else if (flagged) m.acct.fp++;
      else if (spam) m.acct.fn++;
    }
    for (const k of ['dup', 'burst', 'acct'] as const) {
      agg[k].tp += m[k].tp;
      agg[k].fp += m[k].fp;
      agg[k].fn += m[k].fn;
    }
    cRows.push([u.video, u.rows.length, summary.unavailable.includes('burst') ? 'no dates' : 'dates', f3(precision(m.dup)), f3(recall(m.dup)), f3(precision(m.burst)), f3(recall(m.burst)), f3(precision(m.acct)), f3(recall(m.acct))]);
  }
  cRows.push(['all', uci.reduce((s, u) => s + u.rows.length, 0), '', f3(precision(agg.dup)), f3(recall(agg.dup)), f3(precision(agg.burst)), f3(recall(agg.burst)), f3(precision(agg.acct)), f3(recall(agg.acct))]);
  console.log(table(['video', 'comments', 'timing', 'near-dup P', 'near-dup R', 'burst P', 'burst R', 'account medium+ P', 'account medium+ R'], cRows));
  console.log('\nComment level for near-dup and burst (is the comment in a cluster / a burst, vs its spam label); account level for medium+ (author posted any spam). Spam here is self-promotion, not coordination: low recall is expected.');
}

export interface ScenarioRow {
  setting: string;
  run(hosts: HostThread[], seed: number, tuning: boolean): Scenario;
  /** issue 11's bar for one thread of this kind: at least `caught` campaign accounts, at most `maxReal` real ones flagged */
  bar?: { caught: number; maxReal: number };
}

/** The "hard" sweep campaign on a fresh timeline, with avatar scores at the model's measured rates. */
function hardFresh(host: HostThread, seed: number): Scenario {
  const fresh = organicPictures(freshTimeline(host.records, { seed, startMs: Date.parse('2026-11-20T08:00:00Z') }), seed + 1);
  const injected = injectCampaign(fresh.records, { ...SWEEP[SWEEP.length - 1].params, seed });
  const rng = createRng(seed + 2);
  for (const [k, v] of injected.avatarScores) fresh.avatarScores.set(k, modelAvatarScore(rng, (v.pGenerated ?? 0) >= 0.55, v.imageKey, v.phash));
  return { records: injected.records, truth: injected.simulatedAccountKeys, avatarScores: fresh.avatarScores };
}

export const SCENARIOS: ScenarioRow[] = [
  { setting: 'paraphrase: 8 accts, multilingual, off-topic, 4 h', bar: { caught: 6, maxReal: 1 }, run: (h, seed, tuning) => paraphraseScenario(h[0].records, { seed, k: 8, narratives: tuning ? TUNING_NARRATIVES : REPORTED_NARRATIVES }) },
  { setting: 'paraphrase: 5 accts, 4 h', run: (h, seed, tuning) => paraphraseScenario(h[0].records, { seed, k: 5, narratives: tuning ? TUNING_NARRATIVES : REPORTED_NARRATIVES }) },
  { setting: 'paraphrase: 8 accts over 24 h', run: (h, seed, tuning) => paraphraseScenario(h[0].records, { seed, k: 8, hours: 24, narratives: tuning ? TUNING_NARRATIVES : REPORTED_NARRATIVES }) },
  { setting: 'cross-thread: 5 accts × 3 threads, 25 min', bar: { caught: 4, maxReal: 1 }, run: (h, seed) => crossThreadScenario(h.map((x) => x.records), { seed, k: 5, n: 3 }) },
  { setting: 'cross-thread: 3 accts × 3 threads, 25 min', run: (h, seed) => crossThreadScenario(h.map((x) => x.records), { seed, k: 3, n: 3 }) },
  { setting: 'cross-thread: 5 accts × 2 threads, 25 min', run: (h, seed) => crossThreadScenario(h.map((x) => x.records), { seed, k: 5, n: 2 }) },
  { setting: 'slow drip: 6 accts, 36 h, batch 120 d earlier', bar: { caught: 5, maxReal: 1 }, run: (h, seed) => slowDripScenario(h[0].records, { seed }) },
  { setting: 'hard (sweep row) on a fresh timeline', run: (h, seed) => hardFresh(h[0], seed) },
  { setting: 'organic rush (no campaign)', bar: { caught: 0, maxReal: 1 }, run: (_h, seed) => organicRushScenario({ seed }) },
  { setting: 'popular tag, 2 threads merged (no campaign)', run: (h, seed) => popularTagScenario(h[0].records, h[1].records, { seed }) },
];

function scoreScenario(sc: Scenario): { m: Prf; organic: Counts } {
  const a = new CaseAnalyzer({ avatarScores: sc.avatarScores });
  a.add(sc.records);
  const m: Prf = { tp: 0, fp: 0, fn: 0 };
  const organic: Counts = { accounts: 0, medium: 0, high: 0 };
  for (const v of a.verdicts()) {
    const flagged = v.level === 'medium' || v.level === 'high';
    const truth = sc.truth.has(`${v.platform}:${v.accountId}`);
    if (!truth) {
      organic.accounts++;
      if (v.level === 'medium') organic.medium++;
      if (v.level === 'high') organic.high++;
    }
    if (flagged && truth) m.tp++;
    else if (flagged) m.fp++;
    else if (truth) m.fn++;
  }
  return { m, organic };
}

/**
 * Tuning hosts (even positions) with seeds 1…, narratives 0–1; reported hosts (odd positions) with
 * seeds 101…, narratives 2–3. Settings were only ever adjusted on the tuning half.
 */
export function scenarioTable(hosts: HostThread[], seeds: number, scenarios: ScenarioRow[] = SCENARIOS): { setting: string; split: string; runs: number; m: Prf; organic: Counts; meetBar?: number }[] {
  const rows: { setting: string; split: string; runs: number; m: Prf; organic: Counts; meetBar?: number }[] = [];
  for (const split of ['tuning', 'reported'] as const) {
    const mine = hosts.filter((_, i) => (i % 2 === 0) === (split === 'tuning'));
    if (mine.length === 0) continue;
    for (const row of scenarios) {
      const m: Prf = { tp: 0, fp: 0, fn: 0 };
      const organic: Counts = { accounts: 0, medium: 0, high: 0 };
      let runs = 0;
      let meetBar = 0;
      for (let h = 0; h < mine.length; h++) {
        for (let s = 0; s < seeds; s++) {
          const seed = (split === 'tuning' ? 1 : 101) + s + 1000 * h;
          const rotated = [...mine.slice(h), ...mine.slice(0, h)];
          const r = scoreScenario(row.run(rotated, seed, split === 'tuning'));
          if (row.bar && r.m.tp >= row.bar.caught && r.m.fp <= row.bar.maxReal && r.organic.high === 0) meetBar++;
          m.tp += r.m.tp;
          m.fp += r.m.fp;
          m.fn += r.m.fn;
          organic.accounts += r.organic.accounts;
          organic.medium += r.organic.medium;
          organic.high += r.organic.high;
          runs++;
        }
        if (row.setting.startsWith('organic rush') || row.setting.startsWith('cross-thread')) break;
      }
      rows.push({ setting: row.setting, split, runs, m, organic, ...(row.bar ? { meetBar } : {}) });
    }
  }
  return rows;
}

function scenarioReport(hosts: HostThread[], quick: boolean): string {
  const rows = scenarioTable(hosts, quick ? 2 : 4);
  return (
    table(
      ['setting', 'split', 'runs', 'TP', 'FP', 'FN', 'precision', 'recall', 'organic accts', 'organic medium', 'organic high', 'runs meeting the issue bar'],
      rows.map((r) => [r.setting, r.split, r.runs, r.m.tp, r.m.fp, r.m.fn, f3(precision(r.m)), f3(recall(r.m)), r.organic.accounts, pct(r.organic.medium / Math.max(1, r.organic.accounts)), pct(r.organic.high / Math.max(1, r.organic.accounts)), r.meetBar === undefined ? '' : `${r.meetBar}/${r.runs}`]),
    ) + '\n\nTargets: hard recall ≥ 0.6 at precision ≥ 0.95; organic accounts ≤ 0.5 % medium, 0 high. Cross-thread and organic-rush rows run once per seed (not per host). ' +
    `Issue bar per run (issue 11's done-when, one thread each): paraphrase >= 6/8, cross-thread >= 4/5, slow drip >= 5/6 caught, organic rush <= 1 flagged; each with <= 1 real account flagged and none high.`
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
