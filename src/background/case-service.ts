/**
 * The background's view of the case: stores incoming comments, keeps the analysis up to date
 * incrementally, remembers labels, notes and avatar results, and answers questions about a thread.
 * Everything it knows is in IndexedDB, so after the worker is stopped it is rebuilt on first use.
 */
import { currentAvatarScore, SHIPPED_AVATAR_MODEL_ID } from '../avatar/model-id.ts';
import { CaseAnalyzer } from '../core/analyze.ts';
import { mergeCommentRecords } from '../core/merge.ts';
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
  /** records analysed but not yet written (the last write failed); written with the next batch */
  private unsaved = new Map<string, CommentRecord>();
  /** counts deletions of the whole case, so work begun before one does not write into the new case */
  generation = 0;
  /** why the last write failed, in words for the popup; undefined once a write succeeds */
  storageError: string | undefined;
  private changes = 0;
  /** the last thread view built, reused while nothing changed (the popup asks for pages of it) */
  private threadCache: { key: string; revision: number; accounts: AccountView[] } | undefined;

  /**
   * @param imageKeyOf how a record's avatar is identified across sizes and signatures (the platform
   *   adapters know), so stored avatar results find their accounts again after a restart
   */
  constructor(
    private readonly store: CaseStore,
    private readonly imageKeyOf: (record: CommentRecord) => string | undefined,
    /** stored avatar results of other model files are left out (the avatar pipeline scores those pictures again) */
    private readonly avatarModelId: string = SHIPPED_AVATAR_MODEL_ID,
  ) {}

  /**
   * Goes up whenever anything a view is built from changes (records, labels, notes, avatar results,
   * thresholds). A new worker starts again at 0, which views combine with their own start time.
   */
  get revision(): number {
    return this.changes;
  }

  private changed() {
    this.changes++;
    this.threadCache = undefined;
  }

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
    const byImage = new Map(avatars.filter((a) => currentAvatarScore(a, this.avatarModelId)).map((a) => [a.imageKey, a]));
    for (const record of this.records.values()) {
      const key = this.imageKeyOf(record);
      const score = key ? byImage.get(key) : undefined;
      if (score) this.avatarsByAccount.set(accountKey(record.platform, record.author.id), score);
    }
  }

  private rebuild() {
    this.changed();
    this.analyzer = new CaseAnalyzer({ thresholds: this.thresholds, labels: this.labels, avatarScores: this.avatarsByAccount });
    this.analyzer.add([...this.records.values()]);
  }

  applySettings(settings: Settings) {
    this.thresholds = settings.thresholds;
    this.analyzer.setThresholds(settings.thresholds);
    this.changed();
  }

  /**
   * Adds records; returns how many were new or richer than what was stored. Written to IndexedDB first;
   * when the write fails (storage full) the records are still analysed and kept in memory, the failure
   * is reported by `storageError`, and they are written again with the next batch.
   */
  async add(records: CommentRecord[]): Promise<number> {
    await this.load();
    const generation = this.generation;
    const changed = new Map<string, CommentRecord>();
    let authorChanged = false;
    for (const record of records) {
      const key = commentKey(record);
      const existing = changed.get(key) ?? this.records.get(key);
      // The page's observation decides who said what; JSON only enriches it (src/core/merge.ts).
      const merged = existing ? { ...mergeCommentRecords(existing, record), seenAt: existing.seenAt } : record;
      if (existing && JSON.stringify(existing) === JSON.stringify(merged)) continue;
      // The 2024+ YouTube DOM knows only @handles; the page's JSON then names the channel id. A
      // comment moving to another account id is rare, and cheaper to handle by rebuilding.
      if (existing && existing.author.id !== merged.author.id) authorChanged = true;
      changed.set(key, merged);
    }
    if (changed.size === 0 && this.unsaved.size === 0) return 0;
    // Deleted while this batch waited: it belongs to the deleted case. (A write begun before a deletion
    // is in an earlier IndexedDB transaction, which the deletion's clears come after.)
    if (generation !== this.generation) return 0;
    const toWrite = new Map([...this.unsaved, ...changed]);
    try {
      await this.store.putComments([...toWrite.values()]);
      this.unsaved.clear();
      this.storageError = undefined;
    } catch (error) {
      for (const [key, record] of changed) this.unsaved.set(key, record);
      this.storageError = storageProblem(error);
    }
    // Deleted while writing: what was in flight belongs to the deleted case.
    if (generation !== this.generation) return 0;
    for (const [key, record] of changed) this.records.set(key, record);
    if (authorChanged) this.rebuild();
    else if (changed.size > 0) this.analyzer.add([...changed.values()]);
    this.changed();
    return changed.size;
  }

  async setAvatarScores(scores: { platform: Platform; accountId: string; score: AvatarScore }[]) {
    await this.load();
    for (const { platform, accountId, score } of scores) this.avatarsByAccount.set(accountKey(platform, accountId), score);
    this.analyzer.setAvatarScores(this.avatarsByAccount);
    this.changed();
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
    this.changed();
  }

  async setNote(platform: Platform, accountId: string, note: string) {
    await this.load();
    const key = accountKey(platform, accountId);
    if (note) this.notes.set(key, note);
    else this.notes.delete(key);
    await this.store.updateAccountNote(platform, accountId, { note }, new Date().toISOString());
    this.changed();
  }

  async clear() {
    this.generation++;
    this.unsaved.clear();
    this.storageError = undefined;
    await this.store.clear();
    this.records.clear();
    this.labels = {};
    this.notes.clear();
    this.avatarsByAccount.clear();
    this.rebuild();
  }

  /** Retention (see CaseStore.expire); what was loaded is dropped and read again on next use. */
  async expire(before: string): Promise<number> {
    await this.ready?.catch(() => undefined);
    const removed = await this.store.expire(before);
    // Not a deletion of the case: a batch in flight is kept (it is written, and found again on load).
    this.ready = null;
    this.records.clear();
    this.labels = {};
    this.notes.clear();
    this.avatarsByAccount.clear();
    this.analyzer = new CaseAnalyzer({ thresholds: this.thresholds });
    return removed;
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
    await this.load();
    const key = threadKey(platform, threadId);
    const cached = this.threadCache;
    if (cached && cached.key === key && cached.revision === this.changes) return cached.accounts;
    const revision = this.changes;
    const accounts = await this.buildThreadVerdicts(platform, threadId);
    if (revision === this.changes) this.threadCache = { key, revision, accounts };
    return accounts;
  }

  private async buildThreadVerdicts(platform: Platform, threadId: string): Promise<AccountView[]> {
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

/** What the popup says when IndexedDB refused a write. */
export function storageProblem(error: unknown): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') return 'storage full';
  return error instanceof Error ? error.message : String(error);
}
