#!/usr/bin/env node
// `npm start`: builds the extension and opens Chromium with it on the built-in demo thread — a real
// YouTube comment section with a SIMULATED campaign injected, served locally (nothing goes to youtube.com).
//   npm start                          a window you can use (when a display is available)
//   npm start -- --headless --out DIR  headless: prints the thread summary, writes DIR/screenshot.png,
//                                      DIR/accounts.csv and DIR/accounts.json (the extension's own export)
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDemoSite } from '../src/demo/demo-site.ts';
import type { TabView } from '../src/core/views.ts';
import { REPO_ROOT, SHARED_ROOT } from '../test/helpers/shared.ts';
import { launchWithExtension, waitForSettledView } from '../test/e2e/harness.ts';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    out: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});
const headless = values.headless || !process.env.DISPLAY;
const outDir = resolve(values.out ?? join(REPO_ROOT, 'out/demo'));

if (!values['no-build']) {
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/build.mjs'), 'chrome'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

let site;
try {
  site = buildDemoSite(SHARED_ROOT);
} catch (error) {
  console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const lens = await launchWithExtension({ headless, viewport: { width: 1280, height: 1000 } });
await lens.serve((url, method) => site.respond(url, method));
await lens.background((l, demo: { thread: string; accounts: string[] }) => l.markSimulated('youtube', demo.thread, demo.accounts), {
  thread: site.videoId,
  accounts: site.simulatedAccountIds,
});
const page = await lens.context.newPage();
await page.goto(site.url);
const tabId = await lens.tabIdOf(page);

const view = (await waitForSettledView(lens, tabId)) as Extract<TabView, { summary: unknown }>;

const flagged = view.accounts.filter((a) => a.level === 'high' || a.level === 'medium');
const simulated = new Set(site.simulatedAccountIds);
console.log(`\nAmplifier Lens — demo thread youtube/${view.threadId} (SIMULATED campaign injected into a real thread)`);
console.log(`comments ${view.summary.comments} · accounts ${view.summary.accounts} · thread level ${view.summary.level}`);
console.log(
  `flagged: high ${view.summary.flagged.high}, medium ${view.summary.flagged.medium}, low ${view.summary.flagged.low}, unsure ${view.summary.flagged.unsure} · ` +
    `${Math.round(view.summary.flaggedCommentShare * 100)}% of comments from flagged accounts`,
);
if (view.summary.unavailable.length) console.log(`not computed: ${view.summary.unavailable.join(', ')}`);
for (const cluster of view.summary.clusters) console.log(`cluster (${cluster.kind}): ${cluster.accounts} accounts — “${cluster.sampleText.slice(0, 80)}”`);
console.log('\nflagged accounts:');
for (const account of flagged) {
  const truth = simulated.has(account.accountId) ? 'simulated' : 'REAL account';
  console.log(`  ${account.level.padEnd(6)} ${account.score.toFixed(2)}  ${account.handle ?? account.accountId}  [${truth}]`);
  for (const reason of account.reasons.slice(0, 3)) console.log(`      - ${reason.detail}`);
}
const caught = flagged.filter((a) => simulated.has(a.accountId)).length;
console.log(`\nsimulated accounts flagged: ${caught} of ${simulated.size}; real accounts flagged: ${flagged.length - caught}`);

if (!headless) {
  console.log('\nChromium is open on the demo. Click the Amplifier Lens icon for the popup; close the window to quit.');
  await new Promise((done) => lens.context.on('close', done));
  process.exit(0);
}

mkdirSync(outDir, { recursive: true });
await page.waitForFunction(() => document.querySelectorAll('amplifier-lens-badge').length > 0, undefined, { timeout: 30_000 }).catch(() => undefined);
await page.locator('ytd-comments').scrollIntoViewIfNeeded();
await page.screenshot({ path: join(outDir, 'screenshot.png'), fullPage: true });

// The export files come from the extension itself, through the same message the popup sends.
const popup = await lens.openPopup(tabId);
for (const format of ['csv', 'json'] as const) {
  const file = (await popup.evaluate(
    ([fmt, thread]) => chrome.runtime.sendMessage({ type: 'export', format: fmt, scope: { kind: 'thread', platform: 'youtube', threadId: thread } }),
    [format, site.videoId] as const,
  )) as { content?: string; error?: string };
  if (!file.content) throw new Error(`export ${format} failed: ${file.error}`);
  writeFileSync(join(outDir, `accounts.${format}`), file.content);
}
await popup.screenshot({ path: join(outDir, 'popup.png'), fullPage: true });
console.log(`\nwrote ${join(outDir, 'screenshot.png')}, popup.png, accounts.csv, accounts.json`);
await lens.close();
