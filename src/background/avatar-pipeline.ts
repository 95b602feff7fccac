/**
 * Scores commenters' profile pictures: fetches each picture once (best size, from the platform's own
 * image host only), hands the bytes to the model host, stores the result by image identity and feeds it
 * to the analysis. A model that cannot load makes the avatar signal "unavailable", never "clean".
 */
import { currentAvatarScore, SHIPPED_AVATAR_MODEL_ID } from '../avatar/model-id.ts';
import { MAX_AVATAR_BYTES, type ModelHostMessage } from '../core/messages.ts';
import { readCapped } from '../core/read-capped.ts';
import type { AvatarScore, CommentRecord, Platform } from '../core/types.ts';
import { adapterFor } from '../platforms/index.ts';
import { storageProblem, type CaseService } from './case-service.ts';
import type { CaseStore } from './case-store.ts';

const BATCH = 16;

interface Job {
  platform: Platform;
  accountId: string;
  threadKey: string;
  imageKey: string;
  url: string;
}

export function avatarImageKey(record: CommentRecord): string | undefined {
  const url = record.author.avatarUrl;
  if (!url || record.author.defaultAvatar) return undefined;
  const adapter = adapterFor(record.platform);
  if (!adapter.isAvatarHost(url) || adapter.isDefaultAvatar(url)) return undefined;
  return `${record.platform}:${adapter.avatarIdentity(url)}`;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export class AvatarPipeline {
  private queue: Job[] = [];
  private queued = new Set<string>();
  private running: Promise<void> | null = null;
  /** bumped by cancelAll(): results of work begun before are dropped, not stored */
  private generation = 0;
  /** per thread: avatars asked for and avatars done, for the popup's progress */
  private progressByThread = new Map<string, { done: number; total: number }>();
  modelError: string | undefined;

  constructor(
    private readonly cases: CaseService,
    private readonly store: CaseStore,
    private readonly askModelHost: (message: ModelHostMessage) => Promise<unknown>,
    private readonly onScored: (threadKeys: Set<string>) => void,
    /** keeps the fetched bytes for the evidence pack (the picture as captured) */
    private readonly keepImage?: (image: { imageKey: string; bytes: Uint8Array; sourceUrl: string; fetchedAt: string }) => Promise<void>,
    /** the model files whose stored scores are reused (others are scored again) */
    private readonly modelId: string = SHIPPED_AVATAR_MODEL_ID,
  ) {}

  enqueue(records: CommentRecord[]) {
    for (const record of records) {
      const imageKey = avatarImageKey(record);
      if (!imageKey) continue;
      const account = `${record.platform}:${record.author.id}`;
      if (this.queued.has(account) || this.cases.hasAvatarScore(record.platform, record.author.id)) continue;
      this.queued.add(account);
      const threadKey = `${record.platform}:${record.threadId}`;
      const progress = this.progressByThread.get(threadKey) ?? { done: 0, total: 0 };
      progress.total++;
      this.progressByThread.set(threadKey, progress);
      this.queue.push({
        platform: record.platform,
        accountId: record.author.id,
        threadKey,
        imageKey,
        url: adapterFor(record.platform).bestAvatarUrl(record.author.avatarUrl!),
      });
    }
    void this.run();
  }

  progress(platform: Platform, threadId: string) {
    return this.progressByThread.get(`${platform}:${threadId}`);
  }

  pending(platform: Platform, threadId: string): boolean {
    const progress = this.progress(platform, threadId);
    return !!progress && progress.done < progress.total;
  }

  /**
   * Queues the avatars of stored comments that have no result yet: after the worker was stopped, the
   * work that was queued in the old worker's memory is found again here.
   */
  async resume(): Promise<void> {
    this.enqueue(await this.cases.allRecords());
  }

  /** Delete-all: drops the queue and the progress; results of work in flight are discarded. */
  cancelAll() {
    this.generation++;
    this.queue = [];
    this.queued.clear();
    this.progressByThread.clear();
  }

  /** Resolves once no work is queued or in flight (tests wait on it instead of sleeping). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private run(): Promise<void> {
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain() {
    while (this.queue.length > 0) {
      const generation = this.generation;
      const batch = this.queue.splice(0, BATCH);
      const results = await this.scoreBatch(batch, generation);
      if (generation !== this.generation) continue;
      await this.cases.setAvatarScores(results.map(({ job, score }) => ({ platform: job.platform, accountId: job.accountId, score })));
      const threads = new Set<string>();
      for (const job of batch) {
        const progress = this.progressByThread.get(job.threadKey);
        if (progress) progress.done++;
        threads.add(job.threadKey);
      }
      this.onScored(threads);
    }
  }

  private async scoreBatch(batch: Job[], generation: number): Promise<{ job: Job; score: AvatarScore }[]> {
    const out: { job: Job; score: AvatarScore }[] = [];
    const toScore: { job: Job; bytesBase64: string }[] = [];
    for (const job of batch) {
      // a score stored by other model files (before an update) is scored again, not reused
      const cached = currentAvatarScore(await this.store.avatar(job.imageKey), this.modelId);
      if (cached) {
        out.push({ job, score: cached });
        continue;
      }
      try {
        const bytes = await this.fetchImage(job.url);
        await this.keepImage?.({ imageKey: job.imageKey, bytes, sourceUrl: job.url, fetchedAt: new Date().toISOString() }).catch(() => undefined);
        toScore.push({ job, bytesBase64: toBase64(bytes) });
      } catch (error) {
        out.push({ job, score: { imageKey: job.imageKey, level: 'unsure', error: error instanceof Error ? error.message : String(error) } });
      }
    }
    if (toScore.length > 0) {
      const reply = (await this.askModelHost({
        target: 'model-host',
        type: 'score-avatars',
        items: toScore.map(({ job, bytesBase64 }) => ({ imageKey: job.imageKey, bytesBase64 })),
      }).catch((error) => ({ error: String(error) }))) as AvatarScore[] | { error: string };
      if (!Array.isArray(reply)) {
        this.modelError = reply.error;
        for (const { job } of toScore) out.push({ job, score: { imageKey: job.imageKey, level: 'unsure', error: `avatar model unavailable: ${reply.error}` } });
      } else {
        this.modelError = undefined;
        const now = new Date().toISOString();
        const scored = toScore.map(({ job }, i) => ({ job, score: { ...reply[i], imageKey: job.imageKey } }));
        // Deleted meanwhile: the deleted case's results are not written back.
        if (generation === this.generation) {
          // A full disk keeps the results in memory (they are used now) and says so; scoring goes on.
          await this.store.putAvatars(scored.filter((s) => !s.score.error).map((s) => s.score), now).catch((error) => {
            this.cases.storageError = storageProblem(error);
          });
        }
        out.push(...scored);
      }
    }
    return out;
  }

  private async fetchImage(url: string): Promise<Uint8Array> {
    const response = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer' });
    if (!response.ok) throw new Error(`avatar image answered HTTP ${response.status}`);
    const tooLarge = 'avatar image is larger than a profile picture can be';
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > MAX_AVATAR_BYTES) throw new Error(tooLarge);
    // Streamed: a body without (or with a false) Content-Length stops at the cap, not after it.
    return readCapped(response.body, MAX_AVATAR_BYTES, tooLarge);
  }
}
