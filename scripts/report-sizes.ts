// What the case report receives for a copy-paste campaign of 3,000 and 20,000 accounts: the whole case in
// one message (the old get-case) against the summary and a page of the paged protocol. `npx tsx scripts/report-sizes.ts`
import { accountRow } from '../src/core/view-pages.ts';
import { caseListPage, caseSummary } from '../src/core/case-report.ts';
import type { Cluster } from '../src/core/types.ts';
for (const n of [3_000, 20_000]) {
  const ids = Array.from({ length: n }, (_, i) => `UCbig${String(i).padStart(5, '0')}xxxxxxxxxxxxxx`);
  const accounts = ids.map((accountId, i) => accountRow({ platform: 'youtube', accountId, handle: `@voter${i}`, displayName: `Voter ${i}`, score: 0.8 - i / 1e6, level: 'high', comments: 1, threads: ['Zz9bigcampA'], commentIds: [`c${i}`],
    reasons: [{ signal: 'near-duplicate', weight: 0.5, detail: `Posted the same text as @voter1, @voter2 and ${n - 3} more`, related: [], clusterId: 'nd:1' }, { signal: 'burst', weight: 0.3, detail: `One of ${n} accounts commenting within 60 minutes`, related: [], clusterId: 'b:1' }] } as never));
  const reply = { version: 'v', threads: [{ key: 'youtube:Zz9bigcampA', platform: 'youtube' as const, threadId: 'Zz9bigcampA', url: 'https://www.youtube.com/watch?v=Zz9bigcampA', firstSeen: '2026-11-30T00:00:00Z', lastSeen: '2026-11-30T00:00:00Z' }], summaries: [], accounts, links: accounts.map((a) => ({ platform: a.platform, threadId: 'Zz9bigcampA', accountId: a.accountId, comments: 1 })) };
  const clusters: Cluster[] = [{ id: 'nd:1', kind: 'near-duplicate', platform: 'youtube', threads: ['Zz9bigcampA'], members: ids, commentIds: [] }, { id: 'b:1', kind: 'burst', platform: 'youtube', threads: ['Zz9bigcampA'], members: ids, commentIds: [] }];
  const size = (x: unknown) => JSON.stringify(x).length;
  console.log(`${n} accounts: whole case (old get-case) ${size(reply)} B; get-case-summary ${size(caseSummary(reply, clusters))} B; get-case-accounts (200 rows) ${size(caseListPage(reply, 'review', 0, 200))} B`);
}
