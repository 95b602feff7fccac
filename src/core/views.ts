/** What the background answers to the extension's own pages. Types only. */
import type { AccountVerdict, Platform, ThreadSummary } from './types.ts';

/** A thread the user has seen, as the background stores it. */
export interface ThreadRow {
  key: string; // `${platform}:${threadId}`
  platform: Platform;
  threadId: string;
  url: string;
  title?: string;
  firstSeen: string;
  lastSeen: string;
}

export interface AccountView extends AccountVerdict {
  /** comment ids of this account in the thread being viewed (for "show comment") */
  commentIds: string[];
  note?: string;
  /** part of a simulated campaign (the built-in demo), never a real account */
  simulated?: boolean;
}

/** Set when the last write to the case's storage failed (e.g. 'storage full'); the popup says so. */
export interface StorageStatus {
  storageError?: string;
}

export type TabView = StorageStatus &
  (
  | { state: 'unsupported' }
  | { state: 'disabled'; platform: Platform }
  | { state: 'not-thread'; platform: Platform }
  | { state: 'layout-unrecognised'; platform: Platform; threadId: string; reason?: string }
  | { state: 'waiting'; platform: Platform; threadId: string; overlays: boolean }
  | {
      state: 'analysing' | 'ready';
      platform: Platform;
      threadId: string;
      overlays: boolean;
      progress?: { done: number; total: number };
      summary: ThreadSummary;
      accounts: AccountView[];
      simulated: boolean;
    }
  );

export interface ModelStatusView {
  ok: boolean;
  error?: string;
  createMs?: number;
  runMs?: number;
}

/** Reply to 'export': the file is then fetched piece by piece with 'export-chunk'. */
export interface ExportStart {
  exportId: string;
  filename: string;
  mime: string;
}

/** Reply to 'export-chunk': the next piece of the file; `done` with the last one. */
export interface ExportChunk {
  data: string;
  done: boolean;
}

