/**
 * What each tab is showing (platform, thread, whether its comment layout was recognised). Held in memory
 * and mirrored to storage.session, so a service worker that Chrome stopped picks up where it left off.
 */
import browser from 'webextension-polyfill';
import type { Platform } from '../core/types.ts';

export interface TabState {
  platform: Platform | null;
  threadId: string | null;
  url: string;
  /** false when the page is one of ours but its comment layout was not recognised */
  recognised: boolean;
  reason?: string;
  updatedAt: string;
}

const STORAGE_KEY = 'tabs';

export class TabStateManager {
  private tabs = new Map<number, TabState>();
  private loaded: Promise<void>;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.loaded = browser.storage.session
      .get(STORAGE_KEY)
      .then((stored) => {
        const saved = (stored[STORAGE_KEY] ?? {}) as Record<string, TabState>;
        for (const [tabId, state] of Object.entries(saved)) {
          if (!this.tabs.has(Number(tabId))) this.tabs.set(Number(tabId), state);
        }
      })
      .catch(() => undefined);
  }

  async get(tabId: number): Promise<TabState | undefined> {
    await this.loaded;
    return this.tabs.get(tabId);
  }

  async set(tabId: number, change: Partial<TabState>): Promise<TabState> {
    await this.loaded;
    const previous = this.tabs.get(tabId);
    const next: TabState = {
      platform: null,
      threadId: null,
      url: '',
      recognised: true,
      ...previous,
      ...change,
      updatedAt: new Date().toISOString(),
    };
    this.tabs.set(tabId, next);
    this.scheduleSave();
    return next;
  }

  async remove(tabId: number): Promise<void> {
    await this.loaded;
    if (this.tabs.delete(tabId)) this.scheduleSave();
  }

  /** Forgets every tab (delete all data): memory and storage.session alike. */
  async clear(): Promise<void> {
    await this.loaded;
    clearTimeout(this.saveTimer);
    this.tabs.clear();
    await browser.storage.session.remove(STORAGE_KEY);
  }

  private scheduleSave() {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      void browser.storage.session.set({ [STORAGE_KEY]: Object.fromEntries(this.tabs) }).catch(() => undefined);
    }, 50);
  }
}
