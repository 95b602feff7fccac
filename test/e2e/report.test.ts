// The full-page case report in real Chromium, on the built-in demo thread (a real YouTube comment
// section with a SIMULATED campaign injected) plus a second thread in which part of the campaign shows up
// again: threads listed with safe links, the co-occurrence network drawn with a node per account, accounts
// seen in several threads, a hostile display name shown as text, reasons opened from the keyboard, a
// label and a note that persist across a reload and that scoring respects, and the three case exports.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView, CaseListPage, CaseSummaryView } from '../../src/ui/report/case-model.ts';
import { defaultIterations, forceLayout } from '../../src/ui/report/layout.ts';
import { REPO_ROOT } from '../helpers/shared.ts';
import { demoFixtureAvailable, loadDemo } from './demo-fixture.ts';
import { launchWithExtension, waitForSettledView, type LensBrowser } from './harness.ts';

const sax = createRequire(import.meta.url)('sax') as {
  parser(strict: boolean): { onerror: (e: Error) => void; onopentag: (t: { name: string; attributes: Record<string, string> }) => void; write(s: string): { close(): void } };
};
const messages = JSON.parse(readFileSync(join(REPO_ROOT, 'public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
const SECOND_THREAD = 'Zz9secondAA';
/** Repulsion pairs examined per node per iteration on the 492-node test graph (measured 38; the plain algorithm: 246). */
const LAYOUT_PAIRS_PER_NODE = 60;
const HOSTILE_ID = 'UCreportxss00000000000000';
const HOSTILE_NAME = '<img src=x onerror="document.title=\'pwned\'">\u202Eevil';
const NOTE = 'Same wording as the 2024 network — ask the platform. <b>not bold</b>';

/** The report's protocol, asked from the report page itself: the summary, then every account page by page. */
async function caseReply(page: Page): Promise<CaseSummaryView & { accounts: AccountView[] }> {
  const summary = (await page.evaluate(() => chrome.runtime.sendMessage({ type: 'get-case-summary' }))) as CaseSummaryView;
  const accounts: AccountView[] = [];
  for (;;) {
    const reply = (await page.evaluate((offset) => chrome.runtime.sendMessage({ type: 'get-case-accounts', list: 'all', offset, limit: 200 }), accounts.length)) as CaseListPage;
    expect(reply.version).toBe(summary.version);
    expect(reply.page.offset).toBe(accounts.length);
    accounts.push(...reply.page.items);
    if (accounts.length >= reply.page.total) break;
  }
  expect(accounts).toHaveLength(summary.counts.accounts);
  return { ...summary, accounts };
}

describe.skipIf(!demoFixtureAvailable())('case report (Chromium)', () => {
  let lens: LensBrowser;
  let site: Awaited<ReturnType<typeof loadDemo>>;
  let report: Page;

  beforeAll(async () => {
    site = await loadDemo();
    lens = await launchWithExtension({ viewport: { width: 1280, height: 900 } });
    await lens.serve((url, method) => site.respond(url, method));
  });

  afterAll(async () => {
    await lens?.close();
  });

  it('shows the empty state when nothing is stored', async () => {
    report = await lens.context.newPage();
    await report.goto(lens.extensionUrl('src/ui/report/index.html'));
    await expect.poll(() => report.locator('main').getAttribute('data-state'), { timeout: 30_000 }).toBe('empty');
    expect(await report.locator('.empty').textContent()).toBe(messages.reportEmpty.message);
    expect(await report.locator('h1').textContent()).toBe(messages.reportTitle.message);
  });

  it('lists the demo thread, a second thread with part of the campaign, and draws the network', async () => {
    const page = await lens.context.newPage();
    await page.goto(site.url);
    const tabId = await lens.tabIdOf(page);
    await waitForSettledView(lens, tabId);

    // The same campaign accounts (and two real commenters) seen again under another video, plus one
    // account whose name is markup; stored with a URL a hostile page could have reported.
    const simulated = new Set(site.simulatedAccountIds);
    const byAccount = new Map<string, (typeof site.records)[number]>();
    for (const r of site.records) if (!byAccount.has(r.author.id)) byAccount.set(r.author.id, r);
    const again = [
      ...[...byAccount.values()].filter((r) => simulated.has(r.author.id)).slice(0, 6),
      ...[...byAccount.values()].filter((r) => !simulated.has(r.author.id)).slice(0, 2),
    ];
    const now = new Date().toISOString();
    const second = again.map((r, i) => ({ ...r, threadId: SECOND_THREAD, commentId: `second-${i}`, parentId: undefined, seenAt: now }));
    second.push({
      ...again[0],
      threadId: SECOND_THREAD,
      commentId: 'second-hostile',
      parentId: undefined,
      author: { id: HOSTILE_ID, handle: '@report_xss', displayName: HOSTILE_NAME },
      text: 'first',
      seenAt: now,
    });
    await lens.background(
      async (l, arg: { records: unknown[]; thread: string; now: string }) => {
        await l.cases.add(arg.records);
        await l.store.touchThread('youtube', arg.thread, 'javascript:alert(1)//www.youtube.com', arg.now);
      },
      { records: second, thread: SECOND_THREAD, now },
    );
    const reusedIds = new Set(again.map((r) => r.author.id));

    await report.reload();
    await expect.poll(() => report.locator('main').getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
    const reply = await caseReply(report);

    // Threads: both listed, links are the real address or the canonical one, never the stored javascript: URL.
    const demoRow = report.locator(`#threads-table tr[data-thread-key="youtube:${site.videoId}"]`);
    const secondRow = report.locator(`#threads-table tr[data-thread-key="youtube:${SECOND_THREAD}"]`);
    expect(await demoRow.locator('a').getAttribute('href')).toBe(site.url);
    expect(await secondRow.locator('a').getAttribute('href')).toBe(`https://www.youtube.com/watch?v=${SECOND_THREAD}`);
    const demoSummary = reply.summaries.find((s) => s.threadId === site.videoId)!;
    const cells = await demoRow.locator('td.num').allTextContents();
    expect(cells).toEqual([String(demoSummary.comments), String(demoSummary.accounts), String(demoSummary.flagged.high + demoSummary.flagged.medium)]);
    expect(await demoRow.locator('time').count()).toBe(2);

    // Network: a square per thread, a circle per account, every simulated account among them.
    const graph = report.locator('svg.graph');
    expect(await graph.getAttribute('role')).toBe('img');
    const describedBy = (await graph.getAttribute('aria-describedby'))!.split(' ');
    for (const id of describedBy) expect(await report.locator(`#${id}`).count()).toBe(1);
    expect(await report.locator('#graph-alt a[href="#accounts-heading"]').count()).toBe(1);
    expect(await graph.locator('[data-kind="thread"]').count()).toBe(2);
    const accountNodes = await graph.locator('circle[data-kind="account"]').evaluateAll((els) =>
      els.map((e) => ({ id: e.getAttribute('data-account-id')!, level: e.getAttribute('data-level'), repeat: e.getAttribute('data-repeat') === 'true', title: e.querySelector('title')?.textContent ?? '' })),
    );
    expect(accountNodes).toHaveLength(reply.accounts.length);
    const nodeIds = new Set(accountNodes.map((n) => n.id));
    for (const id of site.simulatedAccountIds) expect(nodeIds.has(id), `graph node for simulated account ${id}`).toBe(true);
    expect(await graph.locator('line.edge').count()).toBe(reply.network.edges.length);
    // The coordination itself: campaign accounts linked to each other by their evidence (coloured by
    // group, named by kind), real commenters who share nothing with the campaign not linked to it.
    const links = await graph.locator('line.edge-coordination').evaluateAll((els) =>
      els.map((e) => ({ a: e.getAttribute('data-a')!, b: e.getAttribute('data-b')!, kinds: e.getAttribute('data-kinds')!, title: e.querySelector('title')?.textContent ?? '' })),
    );
    const campaignLinks = links.filter((l) => simulated.has(l.a) && simulated.has(l.b));
    expect(campaignLinks.length).toBeGreaterThanOrEqual(site.simulatedAccountIds.length - 1);
    const linkedCampaign = new Set(campaignLinks.flatMap((l) => [l.a, l.b]));
    const flaggedCampaign = reply.accounts.filter((a) => simulated.has(a.accountId) && (a.level === 'high' || a.level === 'medium'));
    for (const a of flaggedCampaign) expect(linkedCampaign.has(a.accountId), `campaign account ${a.accountId} linked to the campaign`).toBe(true);
    // Real commenters of the demo thread are never linked to the campaign; the only links that cross are
    // to the accounts this test put beside the campaign in the second thread (same thread, same minute).
    const besideCampaign = new Set([...reusedIds, HOSTILE_ID]);
    const crossLinks = links.filter((l) => simulated.has(l.a) !== simulated.has(l.b));
    for (const l of crossLinks) {
      const real = simulated.has(l.a) ? l.b : l.a;
      expect(besideCampaign.has(real), `real account ${real} linked to the campaign by ${l.kinds}`).toBe(true);
      expect(l.kinds.split(' ').every((k) => k === 'co-occurrence' || k === 'burst'), `${real}: ${l.kinds}`).toBe(true);
    }
    expect(campaignLinks.some((l) => /near-duplicate|narrative|cross-language|batch|shared-picture/.test(l.kinds))).toBe(true);
    const organicOnly = reply.accounts.filter((a) => !simulated.has(a.accountId) && !besideCampaign.has(a.accountId)).map((a) => a.accountId);
    expect(organicOnly.length).toBeGreaterThan(0);
    const organicLinked = new Set(links.flatMap((l) => (simulated.has(l.a) ? [l.b] : simulated.has(l.b) ? [l.a] : [])));
    for (const id of organicOnly) expect(organicLinked.has(id), `organic ${id} linked to the campaign`).toBe(false);
    expect(links.every((l) => l.kinds.length > 0 && l.title.length > 0)).toBe(true);
    expect(await report.locator('.legend [data-link-kind]').count()).toBeGreaterThan(0);
    console.log(`[report] coordination links: ${links.length} (${campaignLinks.length} between campaign accounts), kinds ${JSON.stringify(reply.network.linkKinds)}`);
    // Accounts seen in both threads stand out (ringed, drawn with the co-occurrence edges).
    const repeatNodes = accountNodes.filter((n) => n.repeat).map((n) => n.id).sort();
    expect(repeatNodes).toEqual([...reusedIds].sort());
    expect(accountNodes.every((n) => n.title.length > 0)).toBe(true);
    console.log(`[report] graph: ${accountNodes.length} accounts, 2 threads, ${await graph.locator('line.edge').count()} edges; ${repeatNodes.length} accounts in both threads; layout in the page ${await graph.getAttribute('data-layout-ms')} ms`);

    // Accounts seen in several threads: exactly the re-used ones, each with both threads.
    const repeatRows = await report.locator('#repeat-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-account-id')!));
    expect(repeatRows.sort()).toEqual([...reusedIds].sort());
    expect(await report.locator('#repeat-table tbody tr').first().locator('.inline-list li').count()).toBe(2);

    // Review list: every flagged account, by score; the hostile name shown as text, not markup.
    const flaggedInReply = reply.accounts.filter((a) => a.level === 'high' || a.level === 'medium');
    expect(flaggedInReply.length).toBeGreaterThan(0);
    const rows = await report.locator('#accounts-table tr.account-row').evaluateAll((els) =>
      els.map((e) => ({ id: e.getAttribute('data-account-id')!, score: Number(e.querySelector('td.num')!.textContent) })),
    );
    const rowIds = new Set(rows.map((r) => r.id));
    for (const a of flaggedInReply) expect(rowIds.has(a.accountId), `row for flagged ${a.accountId}`).toBe(true);
    for (let i = 1; i < rows.length; i++) expect(rows[i].score).toBeLessThanOrEqual(rows[i - 1].score);
    await report.getByLabel(messages.reportShowAll.message).check();
    const hostileRow = report.locator(`#accounts-table tr.account-row[data-account-id="${HOSTILE_ID}"]`);
    expect(await hostileRow.locator('.account-name').textContent()).toContain(HOSTILE_NAME);
    expect(await report.locator('#accounts-table img').count()).toBe(0);
    expect(await report.title()).toBe(messages.reportTitle.message);
    expect(await report.locator('#accounts-table tr.account-row').count()).toBe(reply.accounts.length);
    await report.getByLabel(messages.reportShowAll.message).uncheck();

    // Clicking an account in the network takes you to its row, ready for the keyboard.
    const top = flaggedInReply.sort((a, b) => b.score - a.score)[0];
    await graph.locator(`circle[data-account-id="${top.accountId}"]`).dispatchEvent('click');
    await expect
      .poll(() => report.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-account-id')))
      .toBe(top.accountId);
    expect(await graph.locator(`circle[data-account-id="${top.accountId}"]`).getAttribute('class')).toContain('highlighted');
    await page.close();
  });

  it('opens an account’s reasons from the keyboard, as plain text', async () => {
    const firstButton = report.locator('#accounts-table .reasons-toggle').first();
    const controls = (await firstButton.getAttribute('aria-controls'))!;
    expect(await report.locator(`[id="${controls}"]`).isVisible()).toBe(false);
    await firstButton.focus();
    await report.keyboard.press('Enter');
    expect(await firstButton.getAttribute('aria-expanded')).toBe('true');
    const reasonsRow = report.locator(`[id="${controls}"]`);
    expect(await reasonsRow.isVisible()).toBe(true);
    const reply = await caseReply(report);
    const id = await report.locator('#accounts-table tr.account-row').first().getAttribute('data-account-id');
    const account = reply.accounts.find((a) => a.accountId === id)!;
    const details = await reasonsRow.locator('.detail').allTextContents();
    expect(details.map((d) => d.trim())).toEqual(account.reasons.map((r) => r.detail));
    // The name of the control says whose reasons it opens.
    expect(await firstButton.getAttribute('aria-label')).toContain(account.displayName || account.handle || account.accountId);
    await report.keyboard.press('Space');
    expect(await reasonsRow.isVisible()).toBe(false);
    // On a freshly loaded report, the first Tab reaches the export buttons.
    await report.reload();
    await expect.poll(() => report.locator('main').getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
    await report.keyboard.press('Tab');
    expect(await report.evaluate(() => document.activeElement?.getAttribute('data-export') ?? document.activeElement?.tagName)).toBe('csv');
  });

  it('keeps a label and a note across a reload, and a dismissed account is no longer flagged', async () => {
    const before = await caseReply(report);
    const target = before.accounts
      .filter((a) => site.simulatedAccountIds.includes(a.accountId) && (a.level === 'high' || a.level === 'medium'))
      .sort((a, b) => b.score - a.score)[0];
    expect(target, 'a flagged simulated account').toBeDefined();
    const positionsBefore = await nodePositions(report);

    const row = report.locator(`#accounts-table tr.account-row[data-account-id="${target.accountId}"]`);
    await row.locator('select').selectOption('dismissed');
    await expect.poll(() => report.locator('.status').textContent()).toContain(target.displayName || target.handle || target.accountId);
    await row.locator('textarea').fill(NOTE);
    await expect.poll(() => row.locator('[data-note-state]').getAttribute('data-note-state')).toBe('saved');

    await report.reload();
    await expect.poll(() => report.locator('main').getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
    // Still listed (labelled), so the label can be undone.
    const rowAfter = report.locator(`#accounts-table tr.account-row[data-account-id="${target.accountId}"]`);
    expect(await rowAfter.locator('select').inputValue()).toBe('dismissed');
    expect(await rowAfter.locator('textarea').inputValue()).toBe(NOTE);
    expect(await rowAfter.getAttribute('data-level')).not.toMatch(/^(high|medium)$/);
    const after = await caseReply(report);
    const account = after.accounts.find((a) => a.accountId === target.accountId)!;
    expect(account.label).toBe('dismissed');
    expect(account.note).toBe(NOTE);
    expect(['high', 'medium']).not.toContain(account.level);
    expect(await report.locator(`svg.graph circle[data-account-id="${target.accountId}"]`).getAttribute('data-level')).toBe(account.level);
    // The same case is drawn the same way: a label recolours, it does not move the network.
    expect(await nodePositions(report)).toEqual(positionsBefore);
  });

  it('exports the case as CSV, JSON and GEXF', async () => {
    const reply = await caseReply(report);
    const flagged = reply.accounts.filter((a) => a.level === 'high' || a.level === 'medium' || a.label === 'confirmed');
    const files: Record<string, string> = {};
    for (const format of ['csv', 'json', 'gexf']) {
      const [download] = await Promise.all([report.waitForEvent('download'), report.locator(`button[data-export="${format}"]`).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^amplifier-lens-case-\\d{12}\\.${format}$`));
      files[format] = readFileSync((await download.path())!, 'utf8');
    }
    expect(await report.locator('.status').textContent()).toMatch(/\.gexf$/);
    const json = JSON.parse(files.json);
    const jsonIds = (json.accounts ?? json.verdicts).map((a: { accountId: string }) => a.accountId).sort();
    expect(jsonIds).toEqual(flagged.map((a) => a.accountId).sort());
    expect(files.csv.charCodeAt(0)).toBe(0xfeff);
    for (const a of flagged) expect(files.csv).toContain(a.accountId);
    const gexfNodes = new Set<string>();
    const parser = sax.parser(true);
    parser.onerror = (error) => {
      throw error;
    };
    parser.onopentag = (tag) => {
      if (tag.name === 'node') gexfNodes.add(String(tag.attributes.id));
    };
    parser.write(files.gexf).close();
    expect(gexfNodes.size).toBeGreaterThanOrEqual(reply.accounts.length);
  });

  it('lays the network out deterministically, inside the box, with bounded work', async () => {
    const reply = await caseReply(report);
    const network = reply.network;
    const anchors = network.nodes.flatMap((n, i) => (n.kind === 'thread' ? [i] : []));
    const started = performance.now();
    const first = forceLayout(network.nodes.length, network.edges, { width: 1000, height: 560, margin: 28 }, anchors);
    const ms = performance.now() - started;
    const second = forceLayout(network.nodes.length, network.edges, { width: 1000, height: 560, margin: 28 }, anchors);
    expect(second).toEqual(first);
    for (const p of first) {
      expect(p.x).toBeGreaterThanOrEqual(27.9);
      expect(p.x).toBeLessThanOrEqual(972.1);
      expect(p.y).toBeGreaterThanOrEqual(27.9);
      expect(p.y).toBeLessThanOrEqual(532.1);
    }
    // No two nodes drawn on the same spot.
    expect(new Set(first.map((p) => `${p.x},${p.y}`)).size).toBe(first.length);
    console.log(`[report] layout of ${network.nodes.length} nodes / ${network.edges.length} edges in Node: ${ms.toFixed(0)} ms`);

    // A case of a few hundred accounts over a dozen threads, some accounts in several: still inside the
    // box, deterministic, no two nodes on one spot (the shape only; what the accounts are does not matter).
    const threads = 12;
    const edges: { source: number; target: number }[] = [];
    const accounts = 480;
    for (let a = 0; a < accounts; a++) {
      edges.push({ source: threads + a, target: a % threads });
      if (a % 8 === 0) edges.push({ source: threads + a, target: (a * 5 + 3) % threads });
    }
    const bigStarted = performance.now();
    const work = { iterations: 0, pairChecks: 0 };
    const big = forceLayout(threads + accounts, edges, { width: 1000, height: 560, margin: 28, work }, [...Array(threads).keys()]);
    const bigMs = performance.now() - bigStarted;
    // Bounded work: the iteration count of the size, and the grid keeps repulsion to near neighbours —
    // far from the n²/2 pairs per iteration of the plain algorithm.
    const nodes = threads + accounts;
    expect(work.iterations).toBe(defaultIterations(nodes));
    expect(work.pairChecks).toBeGreaterThan(0);
    expect(work.pairChecks / work.iterations).toBeLessThan(LAYOUT_PAIRS_PER_NODE * nodes);
    expect(work.pairChecks / work.iterations).toBeLessThan((nodes * (nodes - 1)) / 2 / 4);
    expect(forceLayout(threads + accounts, edges, { width: 1000, height: 560, margin: 28 }, [...Array(threads).keys()])).toEqual(big);
    expect(big.every((p) => p.x >= 27.9 && p.x <= 972.1 && p.y >= 27.9 && p.y <= 532.1)).toBe(true);
    expect(new Set(big.map((p) => `${p.x},${p.y}`)).size).toBe(big.length);
    console.log(`[report] layout of ${big.length} nodes / ${edges.length} edges in Node: ${bigMs.toFixed(0)} ms`);

    await report.setViewportSize({ width: 1280, height: 900 });
    // The picture shows one account's reasons opened, as a journalist would look at them.
    await report.locator('#accounts-table tr.account-row:not(.not-flagged) .reasons-toggle').first().click();
    await report.mouse.move(0, 0);
    await report.screenshot({ path: '/tmp/report.png', fullPage: true });
  });
  it('shows accounts that travel together: the group, its threads and the time gaps', async () => {
    // Three threads of ordinary comments spread over a day; the same five accounts comment in each,
    // within a few minutes of one another, mid-afternoon (away from any first-hour rush).
    const template = site.records[0];
    const travellers = Array.from({ length: 5 }, (_, i) => ({ id: `UCtraveller${i}xxxxxxxxxxxxx`, handle: `@walker${i}`, displayName: `Walker ${i}` }));
    const threads = ['Zz9travel01', 'Zz9travel02', 'Zz9travel03'];
    const records: unknown[] = [];
    const day = Date.parse('2026-11-20T00:00:00.000Z');
    threads.forEach((threadId, t) => {
      const start = day + t * 2 * 86_400_000;
      for (let i = 0; i < 60; i++) {
        records.push({ ...template, threadId, commentId: `${threadId}-o${i}`, parentId: undefined, author: { id: `UCordinary${t}x${i}xxxxxxxxx`, handle: `@reader${t}_${i}` }, text: ordinaryText(t * 100 + i), publishedAt: new Date(start + i * 24 * 60_000 + 7_000).toISOString(), publishedText: undefined, seenAt: new Date().toISOString() });
      }
      travellers.forEach((a, i) => {
        records.push({ ...template, threadId, commentId: `${threadId}-tr${i}`, parentId: undefined, author: a, text: ordinaryText(1_000 + t * 10 + i), publishedAt: new Date(start + 15 * 3_600_000 + (i * 4 + t) * 60_000).toISOString(), publishedText: undefined, seenAt: new Date().toISOString() });
      });
    });
    await lens.background(async (l, arg: { records: unknown[]; threads: string[] }) => {
      await l.cases.add(arg.records);
      for (const thread of arg.threads) await l.store.touchThread('youtube', thread, `https://www.youtube.com/watch?v=${thread}`, new Date().toISOString());
    }, { records, threads });
    await report.reload();
    await expect.poll(() => report.locator('main').getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
    const reply = await caseReply(report);
    const group = reply.coTravel.find((g) => travellers.every((a) => g.members.some((m) => m.accountId === a.id)));
    expect(group, `a co-travel group of the five (groups: ${JSON.stringify(reply.coTravel.map((g) => g.members.map((m) => m.accountId)))})`).toBeDefined();
    const item = report.locator(`#co-travel-list li[data-cluster-id="${group!.id}"]`);
    const visitRows = await item.locator('table.visits tbody tr').evaluateAll((rows) => rows.map((r) => ({ thread: r.getAttribute('data-thread-id'), cells: [...r.querySelectorAll('td')].map((c) => c.textContent ?? '') })));
    expect(visitRows.map((r) => r.thread).sort()).toEqual(threads);
    // The gaps are the spread of their comments in each thread: 16 minutes (4 min apart, five accounts).
    for (const row of visitRows) expect(row.cells[2]).toMatch(/within 1[5-7] min/);
    expect(await item.locator('button[data-account-id]').count()).toBe(5);
    // In the network, the five are linked to each other by co-travel; none of the ordinary readers is linked.
    const links = await report.locator('svg.graph line.edge-coordination').evaluateAll((els) => els.map((e) => ({ a: e.getAttribute('data-a')!, b: e.getAttribute('data-b')!, kinds: e.getAttribute('data-kinds')! })));
    const ids = new Set(travellers.map((a) => a.id));
    expect(links.filter((l) => ids.has(l.a) && ids.has(l.b) && l.kinds.includes('co-travel')).length).toBeGreaterThanOrEqual(4);
    expect(links.filter((l) => /^UCordinary/.test(l.a) || /^UCordinary/.test(l.b)).map((l) => l.kinds).join(',')).toEqual('');
    // A name in the group takes you to the account's row.
    await item.locator(`button[data-account-id="${travellers[2].id}"]`).click();
    await expect
      .poll(() => report.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-account-id')))
      .toBe(travellers[2].id);
  });

  it('pages a 3,000-account campaign: no report message near the size limit, the right rows, jumps still work', async () => {
    // What every message the report page receives weighs (the polyfill calls chrome.runtime.sendMessage).
    await report.addInitScript(() => {
      const w = window as unknown as { __replies: { type: string; bytes: number }[] };
      w.__replies = [];
      const runtime = chrome.runtime as unknown as { sendMessage: (...args: unknown[]) => unknown };
      const original = runtime.sendMessage.bind(chrome.runtime);
      runtime.sendMessage = (...args: unknown[]) => {
        const type = String((args.find((a) => a && typeof a === 'object') as { type?: string } | undefined)?.type);
        const note = (reply: unknown) => w.__replies.push({ type, bytes: JSON.stringify(reply ?? null).length });
        const callback = args.findIndex((a) => typeof a === 'function');
        if (callback >= 0) {
          const cb = args[callback] as (reply: unknown) => void;
          args[callback] = (reply: unknown) => {
            note(reply);
            cb(reply);
          };
          return original(...args);
        }
        return (original(...args) as Promise<unknown>).then((reply) => {
          note(reply);
          return reply;
        });
      };
    });
    const template = site.records[0];
    const CAMPAIGN = 3_000;
    const start = Date.parse('2026-11-28T12:00:00.000Z');
    const records = Array.from({ length: CAMPAIGN }, (_, i) => ({
      ...template,
      threadId: 'Zz9bigcampA',
      commentId: `big-${i}`,
      parentId: undefined,
      author: { id: `UCbig${String(i).padStart(5, '0')}xxxxxxxxxxxxxx`, handle: `@voter${i}`, displayName: `Voter ${i}` },
      text: 'Vote them all out in 2027, the river deal was a scandal! Share before they delete it.',
      publishedAt: new Date(start + i * 1_000).toISOString(),
      publishedText: undefined,
      seenAt: new Date().toISOString(),
    }));
    await lens.background(async (l, arg: { records: unknown[] }) => {
      for (let i = 0; i < arg.records.length; i += 1_000) await l.cases.add(arg.records.slice(i, i + 1_000));
      await l.store.touchThread('youtube', 'Zz9bigcampA', 'https://www.youtube.com/watch?v=Zz9bigcampA', new Date().toISOString());
    }, { records });
    const legacyBytes = await lens.background(async (l) => JSON.stringify((await l.caseData()).reply).length);

    await report.reload();
    await expect.poll(() => report.locator('main').getAttribute('data-state'), { timeout: 120_000 }).toBe('ready');
    await expect.poll(() => report.locator('#accounts-table tr.account-row').count(), { timeout: 60_000 }).toBe(100);
    const reply = await caseReply(report);
    expect(reply.counts.accounts).toBeGreaterThan(CAMPAIGN);
    // The network is capped and says so.
    expect(reply.network.omittedAccounts).toBe(reply.counts.accounts - 1_500);
    expect(Number(await report.locator('.graph-capped').getAttribute('data-omitted'))).toBe(reply.network.omittedAccounts);
    expect(await report.locator('svg.graph circle[data-kind="account"]').count()).toBe(1_500);

    // Paging returns every review row once, in the order of the list, and the same rows as the whole case.
    const reviewIds: string[] = [];
    let total = 0;
    do {
      const page = (await report.evaluate((offset) => chrome.runtime.sendMessage({ type: 'get-case-accounts', list: 'review', offset, limit: 200 }), reviewIds.length)) as CaseListPage;
      total = page.page.total;
      reviewIds.push(...page.page.items.map((a) => a.accountId));
    } while (reviewIds.length < total);
    expect(new Set(reviewIds).size).toBe(reviewIds.length);
    const expected = reply.accounts
      .filter((a) => a.level === 'high' || a.level === 'medium' || a.label !== undefined || !!a.note)
      .sort((a, b) => b.score - a.score || `${a.platform}:${a.accountId}`.localeCompare(`${b.platform}:${b.accountId}`))
      .map((a) => a.accountId);
    expect(reviewIds).toEqual(expected);
    expect(reviewIds.filter((id) => id.startsWith('UCbig')).length).toBeGreaterThan(CAMPAIGN * 0.9);
    const shownRows = await report.locator('#accounts-table tr.account-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-account-id')));
    expect(shownRows).toEqual(reviewIds.slice(0, 100));

    // Clicking a drawn account far down the list loads the rows up to it and focuses its row.
    const drawn = new Set(await report.locator('svg.graph circle[data-kind="account"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-account-id')!)));
    const far = [...reviewIds].reverse().find((id) => drawn.has(id))!;
    expect(reviewIds.indexOf(far)).toBeGreaterThan(1_000);
    await report.locator(`svg.graph circle[data-account-id="${far}"]`).dispatchEvent('click');
    await expect
      .poll(() => report.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-account-id')), { timeout: 60_000 })
      .toBe(far);

    const replies = await report.evaluate(() => (window as unknown as { __replies: { type: string; bytes: number }[] }).__replies);
    const largest = new Map<string, number>();
    for (const r of replies) largest.set(r.type, Math.max(largest.get(r.type) ?? 0, r.bytes));
    console.log(`[report] ${reply.counts.accounts} accounts: the whole case in one message (before) ${legacyBytes} bytes; largest reply per message now: ${JSON.stringify(Object.fromEntries(largest))}`);
    expect(largest.get('get-case-summary')).toBeGreaterThan(0);
    expect(largest.get('get-case-accounts')).toBeGreaterThan(0);
    expect(largest.get('get-case-account')).toBeGreaterThan(0);
    for (const r of replies) expect(r.bytes, `${r.type} reply`).toBeLessThan(2_000_000);
    expect(legacyBytes).toBeGreaterThan(2_000_000);
  }, 300_000);
});

/** Synthetic ordinary comments: made-up words from a vocabulary so large that two texts share almost none. */
const SYLLABLES = 'ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu'.split(' ');
function ordinaryText(seed: number): string {
  let x = (seed * 2654435761 + 12345) >>> 0;
  const next = () => (x = (x * 1103515245 + 12345) >>> 0) >>> 8;
  const words: string[] = [];
  for (let i = 0; i < 8; i++) words.push(Array.from({ length: 3 }, () => SYLLABLES[next() % SYLLABLES.length]).join(''));
  return words.join(' ');
}

async function nodePositions(page: Page) {
  return page.locator('svg.graph circle[data-kind="account"]').evaluateAll((els) =>
    els.map((e) => `${e.getAttribute('data-account-id')}@${e.getAttribute('cx')},${e.getAttribute('cy')}`).sort(),
  );
}
