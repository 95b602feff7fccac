/**
 * Diagnostics of pages whose comments could not be read, kept in extension storage (never sent anywhere)
 * until the user saves one from the popup or deletes all data. Capped: the newest few, one per thread and
 * source, so a page that keeps failing cannot fill the storage.
 */
import browser from 'webextension-polyfill';
import type { Platform } from '../core/types.ts';
import { DIAGNOSTIC_FORMAT, type Diagnostic } from '../platforms/diagnostic.ts';

const KEY = 'diagnostics';
/** Newest diagnostics kept (each at most MAX_DIAGNOSTIC_FRAGMENT characters: ~2 MB in all). */
export const MAX_DIAGNOSTICS = 8;

export class DiagnosticStore {
  /** Writes are serialised so two reports arriving together do not overwrite each other. */
  private queue: Promise<unknown> = Promise.resolve();

  private async all(): Promise<Diagnostic[]> {
    const stored = (await browser.storage.local.get(KEY))[KEY];
    return Array.isArray(stored) ? (stored as Diagnostic[]) : [];
  }

  add(entry: Omit<Diagnostic, 'format' | 'createdAt'>, now = new Date()): Promise<void> {
    const run = this.queue.then(async () => {
      const diagnostic: Diagnostic = { format: DIAGNOSTIC_FORMAT, createdAt: now.toISOString(), ...entry };
      const others = (await this.all()).filter(
        (d) => !(d.platform === entry.platform && d.threadId === entry.threadId && d.source === entry.source),
      );
      await browser.storage.local.set({ [KEY]: [diagnostic, ...others].slice(0, MAX_DIAGNOSTICS) });
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The newest diagnostic of a thread (either source), or null. */
  async latest(platform: Platform, threadId: string): Promise<Diagnostic | null> {
    await this.queue;
    return (await this.all()).find((d) => d.platform === platform && d.threadId === threadId) ?? null;
  }

  async clear(): Promise<void> {
    const run = this.queue.then(() => browser.storage.local.remove(KEY));
    this.queue = run.catch(() => undefined);
    await run;
  }
}
