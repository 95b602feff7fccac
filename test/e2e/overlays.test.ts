// Page badges follow the verdicts while the page stays open (real Chromium, the demo thread): a dismissed
// account loses its badges at once, a verdict that changes level shows the new level and reasons, and the
// page carries exactly one badge per comment of a visible verdict that is on the page.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoFixtureAvailable } from './demo-fixture.ts';
import { useDemoBrowser, waitForSettledView, type LensBrowser } from './harness.ts';

const flaggedIn = (view: any) => view.accounts.filter((a: any) => a.level === 'high' || a.level === 'medium');

/** Comment ids of these accounts that are on the page. */
function commentsOnPage(page: Page, accounts: any[]): Promise<string[]> {
  return page.evaluate(
    (ids) => ids.filter((id: string) => document.querySelector(`ytd-comment-view-model a[href$="lc=${id}"]`)),
    accounts.flatMap((a: any) => a.commentIds),
  );
}

/**
 * What each badge shows, in document order, with the author it sits beside. The badges' shadow roots are
 * closed (the page cannot read them), so their text is read through the devtools protocol, which can.
 */
async function badgesOn(page: Page): Promise<{ author: string; level: string; heading: string; reasons: string[] }[]> {
  const authors = await page.$$eval('amplifier-lens-badge', (hosts) =>
    hosts.map((host) => host.closest('ytd-comment-view-model')?.querySelector('#author-text')?.textContent?.trim() ?? '?'),
  );
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: any };
    const texts = (node: any, tag: string): string[] => {
      const found: string[] = [];
      const visit = (n: any) => {
        if (n.nodeName === tag) found.push((n.children ?? []).filter((c: any) => c.nodeType === 3).map((c: any) => c.nodeValue).join(''));
        for (const child of n.children ?? []) visit(child);
      };
      visit(node);
      return found;
    };
    const badges: { level: string; heading: string; reasons: string[] }[] = [];
    const visit = (node: any) => {
      if (node.nodeName === 'AMPLIFIER-LENS-BADGE') {
        const shadow = node.shadowRoots?.[0];
        badges.push({ level: texts(shadow, 'BUTTON')[0] ?? '', heading: texts(shadow, 'H2')[0] ?? '', reasons: texts(shadow, 'LI') });
      }
      for (const child of node.children ?? []) visit(child);
      if (node.contentDocument) visit(node.contentDocument);
    };
    visit(root);
    expect(badges).toHaveLength(authors.length);
    return badges.map((badge, i) => ({ author: authors[i]!, ...badge }));
  } finally {
    await cdp.detach();
  }
}

const atHandle = (handle: string) => (handle.startsWith('@') ? handle : `@${handle}`);

async function openDemo(lens: LensBrowser, url: string) {
  const page = await lens.context.newPage();
  await page.goto(url);
  const tabId = await lens.tabIdOf(page);
  const view = await waitForSettledView(lens, tabId);
  return { page, tabId, view };
}

describe.skipIf(!demoFixtureAvailable())('page badges follow the verdicts in Chromium', () => {
  const demoBrowser = useDemoBrowser({ markSimulated: true });

  it('removes the badges of an account dismissed while the page is open, and keeps one badge per flagged comment on the page', async () => {
    const { lens, demo } = demoBrowser;
    const { page, tabId, view } = await openDemo(lens, demo.url);
    const flagged = flaggedIn(view);
    const onPage = await commentsOnPage(page, flagged);
    expect(flagged.length).toBeGreaterThanOrEqual(3);
    await expect.poll(() => page.locator('amplifier-lens-badge').count(), { timeout: 30_000 }).toBe(onPage.length);

    // An account with a badge on the page, dismissed from the popup as the journalist would.
    const target = flagged.find((a: any) => a.commentIds.some((id: string) => onPage.includes(id)));
    const targetHandle = atHandle(target.handle);
    expect((await badgesOn(page)).map((b) => b.author)).toContain(targetHandle);
    const popup = await lens.openPopup(tabId);
    await popup.evaluate((id) => chrome.runtime.sendMessage({ type: 'set-label', platform: 'youtube', accountId: id, label: 'dismissed' }), target.accountId);

    const after = await waitForSettledView(lens, tabId);
    const stillFlagged = flaggedIn(after);
    expect(stillFlagged.map((a: any) => a.accountId)).not.toContain(target.accountId);
    const wanted = await commentsOnPage(page, stillFlagged);
    await expect.poll(async () => (await badgesOn(page)).map((b) => b.author).includes(targetHandle), { timeout: 10_000 }).toBe(false);
    await expect.poll(() => page.locator('amplifier-lens-badge').count(), { timeout: 10_000 }).toBe(wanted.length);

    // Undoing the dismissal brings its badges back, still without a reload.
    await popup.evaluate((id) => chrome.runtime.sendMessage({ type: 'set-label', platform: 'youtube', accountId: id, label: null }), target.accountId);
    await expect.poll(async () => (await badgesOn(page)).map((b) => b.author).includes(targetHandle), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.locator('amplifier-lens-badge').count(), { timeout: 10_000 }).toBe(onPage.length);
    await popup.close();
    await page.close();
  });

  it('shows the new level and reasons when a verdict changes, and drops badges of a verdict that falls below medium', async () => {
    const { lens, demo } = demoBrowser;
    const { page, tabId, view } = await openDemo(lens, demo.url);
    const flagged = flaggedIn(view);
    const onPage = await commentsOnPage(page, flagged);
    await expect.poll(() => page.locator('amplifier-lens-badge').count(), { timeout: 30_000 }).toBe(onPage.length);

    // The verdicts as the background sends them when more comments arrive: one account changes level and
    // reasons, another drops to low (not shown).
    const withBadges = flagged.filter((a: any) => a.commentIds.some((id: string) => onPage.includes(id)));
    expect(withBadges.length).toBeGreaterThanOrEqual(2);
    const [changed, dropped] = withBadges;
    const newLevel = changed.level === 'high' ? 'medium' : 'high';
    const verdicts = flagged
      .filter((a: any) => a.accountId !== dropped.accountId)
      .map((a: any) => ({
        accountId: a.accountId,
        level: a.accountId === changed.accountId ? newLevel : a.level,
        score: a.accountId === changed.accountId ? 0.42 : a.score,
        reasons: a.accountId === changed.accountId ? [{ signal: 'copy-paste', weight: 0.5, detail: 'A new reason from more comments' }] : a.reasons.map((r: any) => ({ signal: r.signal, weight: r.weight, detail: r.detail })),
        commentIds: a.commentIds,
      }));
    await lens.background(
      (_l, arg: { tabId: number; verdicts: unknown[] }) => chrome.tabs.sendMessage(arg.tabId, { type: 'verdicts', platform: 'youtube', threadId: 'xaQJbozY_Is', verdicts: arg.verdicts }),
      { tabId, verdicts },
    );

    const levelWord = newLevel === 'high' ? 'High' : 'Medium';
    const changedHandle = atHandle(changed.handle);
    await expect
      .poll(async () => (await badgesOn(page)).filter((b) => b.author === changedHandle).map((b) => [b.level, b.heading, b.reasons]), { timeout: 10_000 })
      .toEqual(
        Array.from({ length: changed.commentIds.filter((id: string) => onPage.includes(id)).length }, () => [levelWord, `${levelWord} suspicion (score 42 of 100)`, ['A new reason from more comments']]),
      );
    const badges = await badgesOn(page);
    expect(badges.map((b) => b.author)).not.toContain(atHandle(dropped.handle));
    expect(badges).toHaveLength((await commentsOnPage(page, flagged.filter((a: any) => a.accountId !== dropped.accountId))).length);
    await page.close();
  });
});
