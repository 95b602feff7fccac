/**
 * Bytes the popup receives per refresh, in Node on the analyzer's real output: the whole-thread view the
 * popup used to pull every second, against what it asks for now — the version every second, and the
 * summary with one page of flagged accounts only when the version moved. A 2,000-account copy-paste
 * campaign and a 20,000-comment organic thread. Figures are printed, never asserted.
 */
import { CaseAnalyzer } from '../src/core/analyze.ts';
import { syntheticThread } from '../src/core/simulate/index.ts';
import type { CommentRecord } from '../src/core/types.ts';
import { accountRow, accountThreadLinks, isFlaggedLevel, pageOf } from '../src/core/view-pages.ts';

type Row = { name: string; value: string; note?: string };

const POPUP_PAGE = 50;
const SLOGAN = 'Wake up people! The mainstream media will never tell you this. Share before they delete it #TruthNow';

function campaignThread(accounts: number): CommentRecord[] {
  const organic = syntheticThread(200, 3, 'youtube', 'campaign0001');
  const start = Date.parse('2026-11-29T08:00:00.000Z');
  const campaign = Array.from({ length: accounts }, (_, i): CommentRecord => ({
    platform: 'youtube',
    threadId: 'campaign0001',
    commentId: `UgzCampaign${String(i).padStart(6, '0')}4AaABAg`,
    author: { id: `UC${`campaign${String(i).padStart(6, '0')}`.padEnd(22, 'x')}`, handle: `patriot_voice_${i}`, displayName: `@patriot_voice_${i}` },
    text: SLOGAN,
    publishedAt: new Date(start + i * 1_000).toISOString(),
    seenAt: '2026-11-29T09:00:00.000Z',
    source: 'json',
  }));
  return [...organic, ...campaign];
}

const size = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`);

function measure(label: string, records: CommentRecord[]): Row[] {
  const analyzer = new CaseAnalyzer();
  analyzer.add(records);
  const { platform, threadId } = records[0]!;
  const summary = analyzer.summary(platform, threadId)!;
  const commentIds = new Map<string, string[]>();
  for (const r of records) commentIds.set(r.author.id, [...(commentIds.get(r.author.id) ?? []), r.commentId]);
  const accounts = [...commentIds]
    .map(([accountId, ids]) => ({ ...analyzer.verdict(platform, accountId)!, commentIds: ids }))
    .sort((a, b) => b.score - a.score || a.accountId.localeCompare(b.accountId));
  // The old reply, measured account by account (one string of hundreds of MB is what broke the popup).
  const fullBytes = JSON.stringify({ state: 'ready', platform, threadId, overlays: true, summary, accounts: [] }).length + accounts.reduce((n, a) => n + JSON.stringify(a).length + 1, 0);
  const flagged = accounts.filter(isFlaggedLevel);
  const page = { version: 'l2x9k0|123|youtube:campaign0001:true:|3/3|1/10', state: 'ready', platform, threadId, overlays: true, summary, flagged: pageOf(flagged, 0, POPUP_PAGE, accountRow), simulated: false };
  const pageBytes = JSON.stringify(page).length;
  const versionBytes = JSON.stringify({ version: page.version }).length;
  // The report's case message: before, every account with every comment id and one row per comment;
  // now light account rows and one link per account and thread.
  const caseBefore = accounts.reduce((n, a) => n + JSON.stringify(a).length + 1, 0) + records.reduce((n, r) => n + JSON.stringify({ platform: r.platform, threadId: r.threadId, accountId: r.author.id }).length + 1, 0);
  const caseAfter = accounts.reduce((n, a) => n + JSON.stringify(accountRow(a)).length + 1, 0) + JSON.stringify(accountThreadLinks(records)).length;
  const note = `${records.length.toLocaleString('en')} comments, ${accounts.length.toLocaleString('en')} accounts, ${flagged.length.toLocaleString('en')} flagged`;
  return [
    { name: `popup refresh, whole thread (before), ${label}`, value: size(fullBytes), note: `${note}; every second` },
    { name: `popup refresh, version poll (after), ${label}`, value: `${versionBytes} B`, note: 'every second' },
    { name: `popup page (after), ${label}`, value: size(pageBytes), note: `summary + ${POPUP_PAGE} flagged accounts; only when the version moved or on paging` },
    { name: `report case message, ${label}`, value: size(caseAfter), note: `before: ${size(caseBefore)} (accounts and threads, without thread rows and summaries)` },
  ];
}

export async function rows(): Promise<Row[]> {
  return [...measure('2,000-account campaign', campaignThread(2_000)), ...measure('20k organic thread', syntheticThread(20_000, 11, 'youtube', 'organic00001'))];
}
