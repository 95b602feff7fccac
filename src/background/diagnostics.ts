/**
 * Diagnostics of pages whose comments could not be read, kept in extension storage (never sent anywhere)
 * until the user saves one from the popup or deletes all data. Capped: the newest few, one per thread and
 * source, so a page that keeps failing cannot fill the storage. A small index is read on every popup
 * refresh; a fragment (up to 256 K characters) only when it is asked for.
 */
import browser from 'webextension-polyfill';
import type { Platform } from '../core/types.ts';
import { DIAGNOSTIC_FORMAT, type Diagnostic } from '../platforms/diagnostic.ts';

const INDEX_KEY = 'diagnostics';
const ENTRY_PREFIX = 'diagnostic:';
/** Newest diagnostics kept (each at most MAX_DIAGNOSTIC_FRAGMENT characters: ~2 MB in all). */
export const MAX_DIAGNOSTICS = 8;

interface IndexEntry {
  key: string;
  platform: Platform;
  threadId: string | null;
  source: Diagnostic['source'];
}

export class DiagnosticStore {
  /** Writes are serialised so two reports arriving together do not overwrite each other's index. */
  private queue: Promise<unknown> = Promise.resolve();

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async index(): Promise<IndexEntry[]> {
    const stored = (await browser.storage.local.get(INDEX_KEY))[INDEX_KEY];
    return Array.isArray(stored) ? (stored as IndexEntry[]) : [];
  }

  add(entry: Omit<Diagnostic, 'format' | 'createdAt'>, now = new Date()): Promise<void> {
    return this.serialised(async () => {
      const diagnostic: Diagnostic = { format: DIAGNOSTIC_FORMAT, createdAt: now.toISOString(), ...entry };
      const key = `${ENTRY_PREFIX}${entry.platform}:${entry.threadId ?? ''}:${entry.source}`;
      const index = [{ key, platform: entry.platform, threadId: entry.threadId, source: entry.source }, ...(await this.index()).filter((e) => e.key !== key)];
      const dropped = index.slice(MAX_DIAGNOSTICS).map((e) => e.key);
      await browser.storage.local.set({ [key]: diagnostic, [INDEX_KEY]: index.slice(0, MAX_DIAGNOSTICS) });
      if (dropped.length > 0) await browser.storage.local.remove(dropped);
    });
  }

  /** The newest diagnostic of a thread (either source), or null. */
  async latest(platform: Platform, threadId: string): Promise<Diagnostic | null> {
    await this.queue;
    const entry = (await this.index()).find((e) => e.platform === platform && e.threadId === threadId);
    if (!entry) return null;
    return ((await browser.storage.local.get(entry.key))[entry.key] as Diagnostic | undefined) ?? null;
  }

  /** Every stored diagnostic, newest first (tests and the report). */
  async all(): Promise<Diagnostic[]> {
    await this.queue;
    const keys = (await this.index()).map((e) => e.key);
    if (keys.length === 0) return [];
    const stored = await browser.storage.local.get(keys);
    return keys.map((key) => stored[key] as Diagnostic | undefined).filter((d): d is Diagnostic => !!d);
  }

  clear(): Promise<void> {
    return this.serialised(async () => {
      const all = await browser.storage.local.get(null);
      await browser.storage.local.remove(Object.keys(all).filter((key) => key === INDEX_KEY || key.startsWith(ENTRY_PREFIX)));
    });
  }
}
