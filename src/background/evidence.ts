/**
 * The background's side of the evidence pack and of "Capture this view": answers the page that builds a
 * pack with a plan and then pages of accounts (comments, verdict, the picture's bytes as fetched) and
 * captures, each reply bounded in size; and stores the visible part of a tab on the user's request.
 */
import browser from 'webextension-polyfill';
import { base64ToBytes, bytesToBase64, sha256Hex } from '../core/export/evidence-format.ts';
import { PACK_REPLY_BUDGET_BYTES, type PackAccountWire, type PackCaptureWire, type PackPlan, type PackScope } from '../core/export/evidence-transfer.ts';
import type { CommentRecord, Platform } from '../core/types.ts';
import type { AccountView } from '../core/views.ts';
import type { CaseService } from './case-service.ts';
import type { CaseStore } from './case-store.ts';
import type { EvidenceStore } from './evidence-store.ts';
import type { TabStateManager } from './tab-state.ts';

const PLATFORM_NAMES: Record<Platform, string> = { youtube: 'YouTube', x: 'X', facebook: 'Facebook' };
const isFlagged = (v: AccountView) => v.level === 'high' || v.level === 'medium' || v.label === 'confirmed';
const accountKey = (platform: Platform, accountId: string) => `${platform}:${accountId}`;

function stamp(iso: string) {
  return iso.slice(0, 16).replace(/[-:T]/g, '');
}

export class EvidenceService {
  constructor(
    private readonly cases: CaseService,
    private readonly store: CaseStore,
    private readonly evidence: EvidenceStore,
    private readonly tabs: TabStateManager,
    private readonly imageKeyOf: (record: CommentRecord) => string | undefined,
    private readonly simulated: () => Promise<{ threads: string[]; accounts: string[] }>,
  ) {}

  private async scoped(scope: PackScope) {
    if (scope.kind === 'case') {
      const [verdicts, summaries] = await Promise.all([this.cases.verdicts(), this.cases.summaries()]);
      return { verdicts, summaries };
    }
    const [verdicts, summary] = await Promise.all([this.cases.threadVerdicts(scope.platform, scope.threadId), this.cases.summary(scope.platform, scope.threadId)]);
    return { verdicts, summaries: summary ? [summary] : [] };
  }

  async plan(scope: PackScope): Promise<PackPlan> {
    const generatedAt = new Date().toISOString();
    const [{ verdicts, summaries }, rows, simulated, captures, allClusters] = await Promise.all([
      this.scoped(scope),
      this.store.threads(),
      this.simulated(),
      this.evidence.captureList(),
      this.cases.clusters(),
    ]);
    const rowByKey = new Map(rows.map((r) => [r.key, r]));
    const flagged = verdicts.filter(isFlagged).sort((a, b) => b.score - a.score || accountKey(a.platform, a.accountId).localeCompare(accountKey(b.platform, b.accountId)));
    const referenced = new Set(flagged.flatMap((v) => v.reasons.flatMap((r) => r.clusterIds ?? (r.clusterId ? [r.clusterId] : []))));
    const threadKeys = new Set(summaries.map((s) => `${s.platform}:${s.threadId}`));
    const simulatedThreads = summaries.filter((s) => simulated.threads.includes(`${s.platform}:${s.threadId}`));
    const scopeLabel = scope.kind === 'case' ? `the whole case (${summaries.length} threads)` : `${PLATFORM_NAMES[scope.platform]} thread ${scope.threadId}`;
    return {
      title: scope.kind === 'case' ? 'Amplifier Lens case' : `${PLATFORM_NAMES[scope.platform]} thread ${scope.threadId}`,
      scopeLabel,
      filename: scope.kind === 'case' ? `amplifier-lens-case-${stamp(generatedAt)}-evidence.html` : `amplifier-lens-${scope.platform}-${scope.threadId}-${stamp(generatedAt)}-evidence.html`,
      generatedAt,
      threads: summaries.map((summary) => {
        const row = rowByKey.get(`${summary.platform}:${summary.threadId}`);
        return { summary, ...(row ? { url: row.url, firstSeen: row.firstSeen, lastSeen: row.lastSeen, ...(row.title ? { title: row.title } : {}) } : {}) };
      }),
      clusters: allClusters.filter((c) => referenced.has(c.id)),
      accounts: flagged.map((v) => ({ platform: v.platform, accountId: v.accountId, label: v.displayName || v.handle || v.accountId, level: v.level, threads: v.threads })),
      captures: captures
        .filter((c) => scope.kind === 'case' || (c.platform && threadKeys.has(`${c.platform}:${c.threadId}`)))
        .map((c) => ({ id: c.id!, url: c.url, capturedAt: c.capturedAt })),
      ...(simulatedThreads.length
        ? { notice: `SIMULATED campaign: ${simulatedThreads.map((s) => s.threadId).join(', ')} contain(s) accounts injected by the built-in demo. Accounts marked “simulated” are not real people.` }
        : {}),
    };
  }

  /** The accounts asked for, in order, as many as fit the size budget (at least one); `consumed` says how far it got. */
  async accounts(scope: PackScope, wanted: { platform: Platform; accountId: string }[]): Promise<{ accounts: PackAccountWire[]; consumed: number }> {
    const [{ verdicts }, records, simulated] = await Promise.all([
      this.scoped(scope),
      scope.kind === 'case' ? this.cases.allRecords() : this.cases.threadRecords(scope.platform, scope.threadId),
      this.simulated(),
    ]);
    const wantedKeys = new Set(wanted.map((w) => accountKey(w.platform, w.accountId)));
    const verdictByKey = new Map(verdicts.filter((v) => wantedKeys.has(accountKey(v.platform, v.accountId))).map((v) => [accountKey(v.platform, v.accountId), v]));
    const commentsByKey = new Map<string, CommentRecord[]>();
    for (const r of records) {
      const key = accountKey(r.platform, r.author.id);
      if (!wantedKeys.has(key)) continue;
      const list = commentsByKey.get(key);
      if (list) list.push(r);
      else commentsByKey.set(key, [r]);
    }
    const simulatedIds = new Set(simulated.accounts);
    const out: PackAccountWire[] = [];
    let budget = PACK_REPLY_BUDGET_BYTES;
    // how many of `wanted` this reply went through (accounts gone since the plan are skipped)
    let consumed = 0;
    for (const w of wanted) {
      const key = accountKey(w.platform, w.accountId);
      const verdict = verdictByKey.get(key);
      if (!verdict) {
        consumed++;
        continue;
      }
      const comments = (commentsByKey.get(key) ?? []).sort((a, b) => (a.publishedAt ?? a.seenAt).localeCompare(b.publishedAt ?? b.seenAt) || a.commentId.localeCompare(b.commentId));
      const imageKey = [...comments].reverse().map(this.imageKeyOf).find(Boolean);
      const image = imageKey ? await this.evidence.image(imageKey) : undefined;
      const size = (image?.bytes.length ?? 0) + comments.reduce((n, c) => n + c.text.length, 0);
      if (out.length > 0 && size > budget) break;
      budget -= size;
      consumed++;
      out.push({
        verdict: simulatedIds.has(verdict.accountId) ? { ...verdict, simulated: true } : verdict,
        comments,
        ...(image ? { avatar: { bytesBase64: bytesToBase64(image.bytes), sourceUrl: image.sourceUrl, fetchedAt: image.fetchedAt } } : {}),
      });
    }
    return { accounts: out, consumed };
  }

  async capture(id: number): Promise<PackCaptureWire> {
    const capture = await this.evidence.capture(id);
    if (!capture) throw new Error(`screen capture ${id} is no longer stored`);
    return { bytesBase64: bytesToBase64(capture.bytes), url: capture.url, capturedAt: capture.capturedAt, ...(capture.title ? { title: capture.title } : {}) };
  }

  /**
   * Stores the visible part of a tab (the user asked, from the popup). Only the tab that is showing in its
   * window can be captured, so the stored address is the captured page's.
   */
  async captureVisible(tabId: number): Promise<{ id: number; url: string; capturedAt: string; sha256: string }> {
    const tab = await browser.tabs.get(tabId);
    if (!tab.active) throw new Error('this tab is not the one showing in its window: bring it to the front, then capture');
    if (!tab.url) throw new Error('the address of this tab is not available to the extension');
    const dataUrl = await browser.tabs.captureVisibleTab(tab.windowId!, { format: 'png' });
    const capturedAt = new Date().toISOString();
    const bytes = base64ToBytes(dataUrl.slice(dataUrl.indexOf(',') + 1));
    const sha256 = await sha256Hex(bytes);
    const state = await this.tabs.get(tabId);
    const id = await this.evidence.addCapture({
      ...(state?.platform ? { platform: state.platform } : {}),
      ...(state?.threadId ? { threadId: state.threadId } : {}),
      url: tab.url,
      ...(tab.title ? { title: tab.title } : {}),
      capturedAt,
      sha256,
      bytes,
    });
    return { id, url: tab.url, capturedAt, sha256 };
  }
}
