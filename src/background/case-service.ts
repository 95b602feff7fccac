/**
 * The background's view of the case: stores incoming comments, keeps the analysis up to date
 * incrementally, and answers questions about a thread. Rebuilt from IndexedDB after a worker restart.
 */
import type { AccountVerdict, CommentRecord, Platform, ThreadSummary } from '../core/types.ts';
import { CaseStore, threadKey } from './case-store.ts';

export class CaseService {
  private ready: Promise<void> | null = null;
  private records = new Map<string, CommentRecord>();

  constructor(private readonly store: CaseStore) {}

  /** Loads what is stored once per worker life. */
  private load(): Promise<void> {
    this.ready ??= this.store.allComments().then((records) => {
      for (const record of records) this.records.set(`${record.platform}:${record.commentId}`, record);
    });
    return this.ready;
  }

  async add(records: CommentRecord[]): Promise<number> {
    await this.load();
    const fresh = records.filter((r) => !this.records.has(`${r.platform}:${r.commentId}`) || r.source === 'json');
    for (const record of fresh) this.records.set(`${record.platform}:${record.commentId}`, record);
    await this.store.putComments(fresh);
    return fresh.length;
  }

  async threadRecords(platform: Platform, threadId: string): Promise<CommentRecord[]> {
    await this.load();
    const key = threadKey(platform, threadId);
    return [...this.records.values()].filter((r) => threadKey(r.platform, r.threadId) === key);
  }

  async summary(platform: Platform, threadId: string): Promise<ThreadSummary | undefined> {
    const records = await this.threadRecords(platform, threadId);
    if (records.length === 0) return undefined;
    return {
      platform,
      threadId,
      comments: records.length,
      accounts: new Set(records.map((r) => r.author.id)).size,
      flagged: { high: 0, medium: 0, low: 0, unsure: 0 },
      clusters: [],
      flaggedCommentShare: 0,
      level: 'unsure',
      unavailable: ['analysis'],
    };
  }

  async verdicts(_platform: Platform, _threadId: string): Promise<AccountVerdict[]> {
    return [];
  }
}
