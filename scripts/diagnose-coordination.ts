/**
 * Reads the errors of table (d) of `npm run eval:coordination` on the *tuning* split only (tuning
 * hosts, seeds, narratives): per scenario, each missed campaign account and each flagged organic
 * account with its score and evidence. Reported hosts/seeds/narratives are never printed, so
 * settings chosen from this output stay honest.
 *
 *   npx tsx scripts/diagnose-coordination.ts [setting-prefix] [--seeds N]
 */
import { CaseAnalyzer } from '../src/core/analyze.ts';
import { SCENARIOS, loadFixtureThreads, loadUci, type HostThread } from './eval-coordination.ts';

async function main() {
  const filter = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : '';
  const seedsArg = process.argv.indexOf('--seeds');
  const seeds = seedsArg > 0 ? Number(process.argv[seedsArg + 1]) : 2;
  const uci = loadUci();
  const fixtures = await loadFixtureThreads();
  const hosts: HostThread[] = [...fixtures.threads, ...uci.map((u) => ({ name: `uci:${u.video} (ham)`, records: u.rows.filter((r) => !r.spam).map((r) => r.record) }))];
  const tuning = hosts.filter((_, i) => i % 2 === 0);
  for (const row of SCENARIOS) {
    if (!row.setting.startsWith(filter)) continue;
    console.log(`\n=== ${row.setting}`);
    for (let h = 0; h < tuning.length; h++) {
      for (let s = 0; s < seeds; s++) {
        const seed = 1 + s + 1000 * h;
        const rotated = [...tuning.slice(h), ...tuning.slice(0, h)];
        const sc = row.run(rotated, seed, true);
        const a = new CaseAnalyzer({ avatarScores: sc.avatarScores });
        a.add(sc.records);
        for (const v of a.verdicts()) {
          const flagged = v.level === 'medium' || v.level === 'high';
          const truth = sc.truth.has(`${v.platform}:${v.accountId}`);
          if (flagged === truth) continue;
          const text = sc.records.find((r) => r.author.id === v.accountId)?.text ?? '';
          console.log(`- ${truth ? 'MISSED' : 'FALSE '} host ${rotated[0].name} seed ${seed} ${v.displayName ?? v.accountId} ${v.level} ${v.score}: "${text.slice(0, 90)}"`);
          for (const r of v.reasons) console.log(`    ${r.signal} ${r.weight}: ${r.detail.slice(0, 200)}`);
        }
        if (row.setting.startsWith('organic rush') || row.setting.startsWith('cross-thread')) break;
      }
      if (row.setting.startsWith('organic rush') || row.setting.startsWith('cross-thread')) break;
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
