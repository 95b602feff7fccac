/**
 * The background's view of the case: stores incoming comments, keeps the analysis up to date
 * incrementally, remembers labels, notes and avatar results, and answers questions about a thread.
 * Everything it knows is in IndexedDB, so after the worker is stopped it is rebuilt on first use.
 */
import { CaseAnalyzer } from '../core/analyze.ts';
import type { Settings } from '../core/settings.ts';
import type { AccountVerdict, AvatarScore, Cluster, CommentRecord, Platform, ThreadSummary } from '../core/types.ts';
import type { AccountView } from '../core/views.ts';
import { accountKey, CaseStore, threadKey } from './case-store.ts';

const commentKey = (r: Pick<CommentRecord, 'platform' | 'commentId'>) => `${r.platform}:${r.commentId}`;

export class CaseService {
  private ready: Promise<void> | null = null;
  private analyzer = new CaseAnalyzer();
  private records = new Map<string, CommentRecord>();
  private labels: Record<string, 'confirmed' | 'dismissed'> = {};
  private notes = new Map<string, string>();
  /** avatar results by `platform:accountId` */
  private avatarsByAccount = new Map<string, AvatarScore>();
  private thresholds: Settings['thresholds'] | undefined;

  /**
   * @param imageKeyOf how a record's avatar is identified across sizes and signatures (the platform
   *   adapters know), so stored avatar results find their accounts again after a restart
   */
  constructor(
    private readonly store: CaseStore,
    private readonly imageKeyOf: (record: CommentRecord) => string | undefined,
  ) {}

  /** Loads what is stored once per worker life. */
  load(): Promise<void> {
    this.ready ??= (async () => {
      const [records, notes, avatars] = await Promise.all([this.store.allComments(), this.store.accountNotes(), this.store.allAvatars()]);
      for (const note of notes) {
        if (note.label) this.labels[note.key] = note.label;
        if (note.note) this.notes.set(note.key, note.note);
      }
      for (const record of records) this.records.set(commentKey(record), record);
      this.avatarScoresFromStore(avatars);
      this.rebuild();
    })();
    return this.ready;
  }

  private avatarScoresFromStore(avatars: AvatarScore[]) {
    const byImage = new Map(avatars.map((a) => [a.imageKey, a]));
    for (const record of this.records.values()) {
      const key = this.imageKeyOf(record);
      const score = key ? byImage.get(key) : undefined;
      if (score) this.avatarsByAccount.set(accountKey(record.platform, record.author.id), score);
    }
  }

  private rebuild() {
    this.analyzer = new CaseAnalyzer({ thresholds: this.thresholds, labels: this.labels, avatarScores: this.avatarsByAccount });
    this.analyzer.add([...this.records.values()]);
  }

  applySettings(settings: Settings) {
    this.thresholds = settings.thresholds;
    this.analyzer.setThresholds(settings.thresholds);
  }

  /** Adds records; returns how many were new or richer than what was stored. */
  async add(records: CommentRecord[]): Promise<number> {
    await this.load();
    const changed: CommentRecord[] = [];
    let authorChanged = false;
    for (const record of records) {
      const key = commentKey(record);
      const existing = this.records.get(key);
      if (existing && existing.source === 'json' && record.source === 'dom') continue;
      if (existing && JSON.stringify(existing) === JSON.stringify({ ...record, seenAt: existing.seenAt })) continue;
      // The 2024+ YouTube DOM knows only @handles; the page's JSON then names the channel id. A
      // comment moving to another account id is rare, and cheaper to handle by rebuilding.
      if (existing && existing.author.id !== record.author.id) authorChanged = true;
      this.records.set(key, existing ? { ...record, seenAt: existing.seenAt } : record);
      changed.push(this.records.get(key)!);
    }
    if (changed.length === 0) return 0;
    await this.store.putComments(changed);
    if (authorChanged) this.rebuild();
    else this.analyzer.add(changed);
    return changed.length;
  }

  async setAvatarScores(scores: { platform: Platform; accountId: string; score: AvatarScore }[]) {
    await this.load();
    for (const { platform, accountId, score } of scores) this.avatarsByAccount.set(accountKey(platform, accountId), score);
    this.analyzer.setAvatarScores(this.avatarsByAccount);
  }

  hasAvatarScore(platform: Platform, accountId: string): boolean {
    return this.avatarsByAccount.has(accountKey(platform, accountId));
  }

  async setLabel(platform: Platform, accountId: string, label: 'confirmed' | 'dismissed' | null) {
    await this.load();
    const key = accountKey(platform, accountId);
    if (label) this.labels[key] = label;
    else delete this.labels[key];
    await this.store.updateAccountNote(platform, accountId, { label: label ?? undefined }, new Date().toISOString());
    this.analyzer.setLabels(this.labels);
  }

  async setNote(platform: Platform, accountId: string, note: string) {
    await this.load();
    const key = accountKey(platform, accountId);
    if (note) this.notes.set(key, note);
    else this.notes.delete(key);
    await this.store.updateAccountNote(platform, accountId, { note }, new Date().toISOString());
  }

  async clear() {
    await this.store.clear();
    this.records.clear();
    this.labels = {};
    this.notes.clear();
    this.avatarsByAccount.clear();
    this.rebuild();
  }

  async threadRecords(platform: Platform, threadId: string): Promise<CommentRecord[]> {
    await this.load();
    const key = threadKey(platform, threadId);
    return [...this.records.values()].filter((r) => threadKey(r.platform, r.threadId) === key);
  }

  async allRecords(): Promise<CommentRecord[]> {
    await this.load();
    return [...this.records.values()];
  }

  async summary(platform: Platform, threadId: string): Promise<ThreadSummary | undefined> {
    await this.load();
    return this.analyzer.summary(platform, threadId);
  }

  async summaries(): Promise<ThreadSummary[]> {
    await this.load();
    return this.analyzer.summaries();
  }

  /** The case's clusters, each once (verdicts refer to them by id). */
  async clusters(): Promise<Cluster[]> {
    await this.load();
    return this.analyzer.clusters();
  }

  /** Every verdict of the case, with the user's labels and notes. */
  async verdicts(): Promise<AccountView[]> {
    await this.load();
    const commentsByAccount = new Map<string, string[]>();
    for (const record of this.records.values()) {
      const key = accountKey(record.platform, record.author.id);
      const list = commentsByAccount.get(key) ?? [];
      list.push(record.commentId);
      commentsByAccount.set(key, list);
    }
    return this.analyzer.verdicts().map((verdict) => this.view(verdict, commentsByAccount.get(accountKey(verdict.platform, verdict.accountId)) ?? []));
  }

  /** Verdicts of the accounts that commented in one thread, with their comment ids in that thread. */
  async threadVerdicts(platform: Platform, threadId: string): Promise<AccountView[]> {
    const records = await this.threadRecords(platform, threadId);
    const commentIds = new Map<string, string[]>();
    for (const record of records) {
      const list = commentIds.get(record.author.id) ?? [];
      list.push(record.commentId);
      commentIds.set(record.author.id, list);
    }
    const out: AccountView[] = [];
    for (const [accountId, ids] of commentIds) {
      const verdict = this.analyzer.verdict(platform, accountId);
      if (verdict) out.push(this.view(verdict, ids));
    }
    return out.sort((a, b) => b.score - a.score || a.accountId.localeCompare(b.accountId));
  }

  private view(verdict: AccountVerdict, commentIds: string[]): AccountView {
    const key = accountKey(verdict.platform, verdict.accountId);
    const label = this.labels[key];
    const note = this.notes.get(key);
    return { ...verdict, ...(label ? { label } : {}), ...(note ? { note } : {}), commentIds };
  }
}
