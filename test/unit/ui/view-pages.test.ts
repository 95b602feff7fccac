// The light views the popup and the report receive: pages of a sorted list, accounts without their id
// lists, clusters as counts, one network link per account and thread, and a network capped in size.
import { describe, expect, it } from 'vitest';
import type { CommentRecord } from '../../../src/core/types.ts';
import type { AccountView } from '../../../src/core/views.ts';
import { accountRow, accountThreadLinks, COMMENT_IDS_PER_ROW, pageOf, type CaseReportView } from '../../../src/core/view-pages.ts';
import { UiMessageSchema, MAX_PAGE_SIZE, parseMessage } from '../../../src/core/messages.ts';
import { buildNetwork, caseListPage, caseListPosition, caseSummary } from '../../../src/ui/report/case-model.ts';
import type { Cluster } from '../../../src/core/types.ts';

function account(i: number, over: Partial<AccountView> = {}): AccountView {
  const members = Array.from({ length: 3_000 }, (_, m) => `UCmember${m}`);
  return {
    platform: 'youtube',
    accountId: `UCacct${String(i).padStart(5, '0')}`,
    handle: `acct${i}`,
    score: 1 - i / 10_000,
    level: i % 3 === 0 ? 'high' : 'medium',
    reasons: [{ signal: 'near-duplicate', weight: 0.6, detail: `Posted the same text as @a, @b and ${members.length - 2} more`, related: members, clusterId: 'nd:youtube:c1' }],
    comments: 40,
    threads: ['vid00000001'],
    commentIds: Array.from({ length: 40 }, (_, c) => `c${i}-${c}`),
    ...over,
  };
}

describe('pages of a list', () => {
  const items = Array.from({ length: 2_000 }, (_, i) => i);

  it('gives the items of the page asked for and the total', () => {
    expect(pageOf(items, 0, 50, (x) => x)).toEqual({ total: 2_000, offset: 0, items: items.slice(0, 50) });
    expect(pageOf(items, 1_950, 50, (x) => x).items).toEqual(items.slice(1_950));
    expect(pageOf(items, 120, 50, (x) => x).items).toEqual(items.slice(120, 170));
  });

  it('answers an offset past the end with the last page, and an empty list with an empty page', () => {
    expect(pageOf(items, 5_000, 50, (x) => x)).toEqual({ total: 2_000, offset: 1_950, items: items.slice(1_950) });
    expect(pageOf(items.slice(0, 101), 150, 50, (x) => x)).toEqual({ total: 101, offset: 100, items: [100] });
    expect(pageOf([], 100, 50, (x) => x)).toEqual({ total: 0, offset: 0, items: [] });
  });

  it('accepts page requests up to the limit only', () => {
    expect(parseMessage(UiMessageSchema, { type: 'get-tab-page', tabId: 3, offset: 0, limit: 50 }).ok).toBe(true);
    expect(parseMessage(UiMessageSchema, { type: 'get-tab-page', tabId: 3, offset: 0, limit: MAX_PAGE_SIZE + 1 }).ok).toBe(false);
    expect(parseMessage(UiMessageSchema, { type: 'get-tab-page', tabId: 3, offset: -1, limit: 50 }).ok).toBe(false);
    expect(parseMessage(UiMessageSchema, { type: 'get-tab-page', tabId: 3, offset: 0.5, limit: 50 }).ok).toBe(false);
    expect(parseMessage(UiMessageSchema, { type: 'get-tab-version', tabId: 3 }).ok).toBe(true);
    expect(parseMessage(UiMessageSchema, { type: 'get-tab-view', tabId: 3 }).ok).toBe(false);
  });
});

describe('accounts and clusters in a page', () => {
  it('keeps what the popup shows and drops the id lists that grow with a campaign', () => {
    const row = accountRow(account(7, { note: 'seen before', label: 'confirmed' }));
    // the reason keeps the cluster it rests on (the popup names it), not the list of related accounts
    expect(row.reasons).toEqual([{ signal: 'near-duplicate', weight: 0.6, detail: 'Posted the same text as @a, @b and 2998 more', clusterId: 'nd:youtube:c1' }]);
    expect(row.commentIds).toEqual(['c7-0', 'c7-1', 'c7-2'].slice(0, COMMENT_IDS_PER_ROW));
    expect(row.commentCount).toBe(40);
    expect(row).toMatchObject({ accountId: 'UCacct00007', handle: 'acct7', level: 'medium', note: 'seen before', label: 'confirmed', threads: ['vid00000001'] });
    // Size per account bounded whatever the cluster size.
    expect(JSON.stringify(row).length).toBeLessThan(600);
  });
});

describe('the report’s case view', () => {
  it('counts each account’s comments per thread once', () => {
    const record = (threadId: string, accountId: string) => ({ platform: 'youtube', threadId, author: { id: accountId } }) as CommentRecord;
    const links = accountThreadLinks([record('t1', 'a'), record('t1', 'a'), record('t2', 'a'), record('t1', 'b')]);
    expect(links.sort((x, y) => `${x.threadId}${x.accountId}`.localeCompare(`${y.threadId}${y.accountId}`))).toEqual([
      { platform: 'youtube', threadId: 't1', accountId: 'a', comments: 2 },
      { platform: 'youtube', threadId: 't1', accountId: 'b', comments: 1 },
      { platform: 'youtube', threadId: 't2', accountId: 'a', comments: 1 },
    ]);
  });

  it('draws at most the cap of accounts: those in several threads, then flagged by score', () => {
    const accounts = Array.from({ length: 30 }, (_, i) =>
      accountRow(account(i, { level: i < 10 ? 'high' : 'unsure', threads: i === 29 ? ['vid00000001', 'vid00000002'] : ['vid00000001'] })),
    );
    const reply: CaseReportView = {
      version: '1',
      threads: ['vid00000001', 'vid00000002'].map((threadId) => ({
        key: `youtube:${threadId}`,
        platform: 'youtube' as const,
        threadId,
        url: `https://www.youtube.com/watch?v=${threadId}`,
        firstSeen: '2026-11-29T08:00:00.000Z',
        lastSeen: '2026-11-29T08:00:00.000Z',
      })),
      summaries: [],
      accounts,
      links: accounts.flatMap((a) => a.threads.map((threadId) => ({ platform: a.platform, threadId, accountId: a.accountId, comments: 2 }))),
    };
    const full = buildNetwork(reply, [], undefined, 100);
    expect(full.omittedAccounts).toBe(0);
    expect(full.nodes.filter((n) => n.kind === 'account')).toHaveLength(30);

    const capped = buildNetwork(reply, [], undefined, 5);
    expect(capped.omittedAccounts).toBe(25);
    const drawn = capped.nodes.filter((n) => n.kind === 'account').map((n) => n.id);
    // the account in two threads, then the four highest-scored flagged ones
    expect(drawn.sort()).toEqual(['UCacct00000', 'UCacct00001', 'UCacct00002', 'UCacct00003', 'UCacct00029'].sort());
    // edges only between drawn nodes, with the comment counts of the links
    expect(capped.edges.every((e) => e.source < capped.nodes.length && e.target < capped.nodes.length && e.comments === 2)).toBe(true);
    expect(capped.edges).toHaveLength(6);
  });

  const caseOf = (n: number, flaggedBelow: number): CaseReportView => {
    const accounts = Array.from({ length: n }, (_, i) => accountRow(account(i, { level: i < flaggedBelow ? 'high' : 'unsure', score: i < flaggedBelow ? 0.9 - i / 1e5 : 0.1 })));
    return {
      version: 'v1',
      threads: [],
      summaries: [],
      accounts,
      links: accounts.map((a) => ({ platform: a.platform, threadId: 'vid00000001', accountId: a.accountId, comments: 1 })),
    };
  };

  it('links accounts by the evidence that ties them, coloured by group; organic accounts stay unlinked', () => {
    const reply = caseOf(10, 4);
    const clusters: Cluster[] = [
      { id: 'nd1', kind: 'near-duplicate', platform: 'youtube', threads: ['vid00000001'], members: ['UCacct00000', 'UCacct00001', 'UCacct00002'], commentIds: [] },
      { id: 'b1', kind: 'batch', platform: 'youtube', threads: [], members: ['UCacct00002', 'UCacct00003'], commentIds: [] },
    ];
    const network = buildNetwork(reply, clusters);
    const coordination = network.edges.filter((e) => e.kind === 'coordination');
    const pairs = coordination.map((e) => [network.nodes[e.source].id, network.nodes[e.target].id].sort().join('-')).sort();
    expect(pairs).toEqual(['UCacct00000-UCacct00001', 'UCacct00000-UCacct00002', 'UCacct00001-UCacct00002', 'UCacct00002-UCacct00003']);
    expect(coordination.find((e) => e.kinds?.includes('batch'))).toBeDefined();
    expect(network.linkKinds).toEqual({ 'near-duplicate': 3, batch: 1 });
    const groups = new Set(network.nodes.filter((n) => n.id <= 'UCacct00003').map((n) => n.group));
    expect([...groups]).toEqual([0]);
    for (const node of network.nodes.filter((n) => n.id > 'UCacct00003')) expect(node.group).toBeUndefined();
    // Without clusters, only the thread links remain.
    expect(buildNetwork(reply).edges.every((e) => e.kind === 'thread')).toBe(true);
    // Capped: links to accounts not drawn are counted, not drawn.
    const capped = buildNetwork(reply, clusters, undefined, 2);
    expect(capped.omittedLinks).toBeGreaterThan(0);
    expect(capped.edges.filter((e) => e.kind === 'coordination').length + capped.omittedLinks).toBe(4);
  });

  it('pages a big case: every review row once, in order, and finds one account’s page', () => {
    const reply = caseOf(5_000, 3_000);
    const summary = caseSummary(reply, []);
    expect(summary.counts).toMatchObject({ accounts: 5_000, flagged: 3_000, review: 3_000 });
    expect(summary.network.omittedAccounts).toBe(5_000 - 1_500);
    expect(JSON.stringify(summary).length).toBeLessThan(2_000_000);
    const seen: string[] = [];
    for (let offset = 0; offset < 3_000; offset += MAX_PAGE_SIZE) {
      const { page } = caseListPage(reply, 'review', offset, MAX_PAGE_SIZE);
      expect(page.offset).toBe(offset);
      expect(page.total).toBe(3_000);
      seen.push(...page.items.map((a) => a.accountId));
    }
    expect(seen).toEqual(Array.from({ length: 3_000 }, (_, i) => `UCacct${String(i).padStart(5, '0')}`));
    expect(caseListPosition(reply, 'review', 'youtube', 'UCacct02345')).toMatchObject({ index: 2_345, row: { accountId: 'UCacct02345' } });
    expect(caseListPosition(reply, 'review', 'youtube', 'UCacct04000').index).toBe(-1);
    expect(caseListPosition(reply, 'all', 'youtube', 'UCacct04000').index).toBeGreaterThanOrEqual(3_000);
  });
});
