/**
 * Isolated-world capture for one thread: an initial scan of the page, comment JSON forwarded by the
 * main-world hook, and a MutationObserver that looks only at added or changed comment nodes (never a
 * rescan of the page). Records are deduplicated by comment id (an enriched duplicate — e.g. the JSON
 * arriving after the DOM — is sent again, merged) and extraction runs in idle callbacks.
 */
import type { CommentRecord } from '../core/types.ts';
import { isHandleStandIn, mergeRecords } from '../platforms/adapter.ts';
import type { PageInfo } from '../platforms/detect.ts';
import { adapterFor } from '../platforms/index.ts';
import { domFragment, jsonFragment } from '../platforms/diagnostic.ts';
import { readPageJsonMessage } from '../platforms/page-json.ts';
import type { PageJsonSource } from './page-json-channel.ts';

/** Comments the page holds that could not be read, with the unread fragment ("Save a diagnostic"). */
export interface UnreadReport {
  source: 'json' | 'dom';
  reason: string;
  fragment: string;
  clipped: boolean;
}

export interface CaptureSink {
  records(records: CommentRecord[]): void;
  status(s: { recognised: boolean; reason?: string }): void;
  /** at most once per source and thread */
  unread?(report: UnreadReport): void;
}

export interface CaptureOptions {
  /** how long to wait before declaring the comment layout unrecognised (default 10 s) */
  settleMs?: number;
  /** for tests: the window to work in (default: the global window) */
  window?: Window;
  /** comment JSON from the main-world hook, over the private channel (none: DOM only) */
  pageJson?: PageJsonSource;
}

export const LAYOUT_NOT_RECOGNISED = 'comment layout not recognised on this page';
/** Records per sink call; keeps each runtime message well under the background's limit. */
const BATCH = 500;
/** Idle time (ms) that must be left in the slice to scan one more subtree; otherwise yield to the page. */
const MIN_IDLE_MS = 2;

type IdleDeadlineLike = { timeRemaining(): number };

/** Content identity of a record, independent of key order and observation time. */
function fingerprintOf(record: CommentRecord): string {
  const { seenAt: _seenAt, author, ...rest } = record;
  const sorted = (value: object) => Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([sorted(rest), sorted(author)]);
}

export function startCapture(page: PageInfo, signal: AbortSignal, sink: CaptureSink, options: CaptureOptions = {}): void {
  if (signal.aborted) return;
  const win = options.window ?? window;
  const doc = win.document;
  const adapter = adapterFor(page.platform);
  const selector = adapter.commentSelector;

  const known = new Map<string, { record: CommentRecord; fingerprint?: string }>();
  const pendingRoots = new Set<ParentNode>();
  const pendingJson: unknown[] = [];
  let recognised = false;
  let reportedUnrecognised = false;
  let idleHandle: number | null = null;
  let timeoutHandle: ReturnType<typeof setTimeout> | null = null;

  const requestIdle: (cb: (deadline?: IdleDeadlineLike) => void) => void = (cb) => {
    if (typeof win.requestIdleCallback === 'function') idleHandle = win.requestIdleCallback(cb, { timeout: 1000 });
    else timeoutHandle = setTimeout(() => cb(undefined), 16);
  };

  const markRecognised = () => {
    if (recognised) return;
    recognised = true;
    safeStatus({ recognised: true });
  };

  const safeStatus = (s: { recognised: boolean; reason?: string }) => {
    try {
      sink.status(s);
    } catch {
      // the sink's problem, not the page's
    }
  };

  const reportedUnread = new Set<UnreadReport['source']>();
  const reportUnread = (source: UnreadReport['source'], reason: string, fragmentOf: () => { fragment: string; clipped: boolean }) => {
    if (reportedUnread.has(source) || !sink.unread) return;
    reportedUnread.add(source);
    try {
      sink.unread({ source, reason, ...fragmentOf() });
    } catch {
      // the sink's problem, not the page's
    }
  };

  let scheduled = false;
  const schedule = () => {
    if (scheduled || signal.aborted) return;
    scheduled = true;
    requestIdle(flush);
  };

  // DOM extraction knows some authors only by handle (`@name` stand-in ids); JSON pairs handles with the
  // platform ids. Records already sent under a stand-in are sent again with the real id once it is known.
  const idByHandle = new Map<string, string>();
  const standInComments = new Map<string, Set<string>>();

  function resolveAuthor(record: CommentRecord, fresh: Map<string, CommentRecord>): CommentRecord {
    const handle = record.author.handle?.toLowerCase();
    if (!handle) return record;
    if (!isHandleStandIn(record.author.id)) {
      if (idByHandle.get(handle) === record.author.id) return record;
      idByHandle.set(handle, record.author.id);
      for (const commentId of standInComments.get(handle) ?? []) {
        const entry = known.get(commentId);
        if (!entry || !isHandleStandIn(entry.record.author.id)) continue;
        const updated = { ...entry.record, author: { ...entry.record.author, id: record.author.id } };
        known.set(commentId, { record: updated });
        fresh.set(commentId, updated);
      }
      standInComments.delete(handle);
      return record;
    }
    const realId = idByHandle.get(handle);
    if (realId) return { ...record, author: { ...record.author, id: realId } };
    let ids = standInComments.get(handle);
    if (!ids) standInComments.set(handle, (ids = new Set()));
    ids.add(record.commentId);
    return record;
  }

  function consider(incoming: CommentRecord, fresh: Map<string, CommentRecord>) {
    // Nodes and responses of the previous video linger briefly after a single-page navigation.
    if (page.threadId && incoming.threadId !== page.threadId) return;
    const record = resolveAuthor(incoming, fresh);
    const previous = known.get(record.commentId);
    if (!previous) {
      // Fingerprints are computed only when a comment is seen again.
      known.set(record.commentId, { record });
      fresh.set(record.commentId, record);
      return;
    }
    const merged = mergeRecords(previous.record, record);
    const fingerprint = fingerprintOf(merged);
    previous.fingerprint ??= fingerprintOf(previous.record);
    if (previous.fingerprint === fingerprint) return;
    known.set(record.commentId, { record: merged, fingerprint });
    fresh.set(record.commentId, merged);
  }

  function flush(deadline?: IdleDeadlineLike) {
    scheduled = false;
    if (signal.aborted) return;
    const ctx = { url: win.location.href, seenAt: new Date().toISOString() };
    const fresh = new Map<string, CommentRecord>();
    try {
      for (const json of pendingJson.splice(0)) {
        const { records, warning } = adapter.readJson(json, ctx);
        if (warning) reportUnread('json', warning, () => jsonFragment(json));
        if (records.length > 0) markRecognised();
        for (const record of records) consider(record, fresh);
      }
      const roots = Array.from(pendingRoots);
      const batch = new Set(roots);
      pendingRoots.clear();
      for (let i = 0; i < roots.length; i++) {
        const root = roots[i]!;
        if (!isLive(root) || hasPendingAncestor(root, batch)) continue;
        const result = adapter.recordsFromDocument(root, ctx);
        if (result.recognised) markRecognised();
        for (const record of result.records) consider(record, fresh);
        if (deadline && deadline.timeRemaining() < MIN_IDLE_MS && i < roots.length - 1) {
          for (const rest of roots.slice(i + 1)) pendingRoots.add(rest);
          schedule();
          break;
        }
      }
    } catch {
      // extraction problems must never reach the page
    }
    const batch = Array.from(fresh.values());
    for (let i = 0; i < batch.length; i += BATCH) {
      try {
        sink.records(batch.slice(i, i + BATCH));
      } catch {
        // ignore sink failures
      }
    }
  }

  function isLive(root: ParentNode): boolean {
    return root === doc || (root as Node).isConnected !== false;
  }

  /** Skip a root that sits inside another root of the same batch (it is scanned with it). */
  function hasPendingAncestor(root: ParentNode, batch: Set<ParentNode>): boolean {
    if (root === doc) return false;
    if (batch.has(doc)) return true;
    for (let node = (root as Node).parentNode; node; node = node.parentNode) if (batch.has(node as ParentNode)) return true;
    return false;
  }

  /** The comment block containing node, else node itself if it holds comment blocks, else null. */
  function rootFor(node: Node): ParentNode | null {
    const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
    if (!element) return null;
    const owner = element.closest(selector);
    if (owner) return owner;
    if (node.nodeType === 1 && element.querySelector(selector)) return element;
    return null;
  }

  const Observer = (win as Window & typeof globalThis).MutationObserver ?? MutationObserver;
  const observer = new Observer((mutations: MutationRecord[]) => {
    try {
      for (const mutation of mutations) {
        if (mutation.type === 'childList') {
          for (const added of Array.from(mutation.addedNodes)) {
            // Our own overlay badges are not page content.
            if (added.nodeType === 1 && (added as Element).tagName.startsWith('AMPLIFIER-LENS')) continue;
            const root = rootFor(added);
            if (root) pendingRoots.add(root);
          }
          // Content filled into an existing comment (lazy text, Polymer re-render on sort change).
          const ownNodesOnly = Array.from(mutation.addedNodes).concat(Array.from(mutation.removedNodes)).every((n) => n.nodeType === 1 && (n as Element).tagName.startsWith('AMPLIFIER-LENS'));
          const owner = !ownNodesOnly && mutation.target.nodeType === 1 ? (mutation.target as Element).closest(selector) : null;
          if (owner) pendingRoots.add(owner);
        } else {
          // A lazy avatar src or text change inside a comment: rescan only that comment.
          const target = mutation.target;
          const element = target.nodeType === 1 ? (target as Element) : target.parentElement;
          const owner = element?.closest(selector);
          if (owner) pendingRoots.add(owner);
        }
      }
      if (pendingRoots.size > 0) schedule();
    } catch {
      // ignore
    }
  });

  const onPageJson = (data: unknown) => {
    try {
      const check = readPageJsonMessage(data, page.platform, win.location.href);
      if (!check.ok) return;
      pendingJson.push(check.json);
      schedule();
    } catch {
      // ignore
    }
  };

  const begin = () => {
    if (signal.aborted) return;
    observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['src', 'href'] });
    // Comments already on the page are queued one by one so the first scan is time-sliced too.
    const present = Array.from(doc.querySelectorAll(selector));
    if (present.length > 0) for (const element of present) pendingRoots.add(element);
    else pendingRoots.add(doc);
    schedule();
  };

  options.pageJson?.subscribe(onPageJson, signal);
  if (doc.documentElement) begin();
  else doc.addEventListener('DOMContentLoaded', begin, { once: true });

  const settleTimer = setTimeout(() => {
    if (signal.aborted || recognised || reportedUnrecognised) return;
    // One recognition probe of the whole page, only when nothing was recognised so far.
    let probe = false;
    try {
      probe = adapter.recordsFromDocument(doc, { url: win.location.href, seenAt: new Date().toISOString() }).recognised;
    } catch {
      probe = false;
    }
    if (probe) markRecognised();
    else if (page.threadId) {
      reportedUnrecognised = true;
      safeStatus({ recognised: false, reason: LAYOUT_NOT_RECOGNISED });
      reportUnread('dom', LAYOUT_NOT_RECOGNISED, () => domFragment(doc, page.platform));
    }
  }, options.settleMs ?? 10_000);

  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      doc.removeEventListener('DOMContentLoaded', begin);
      clearTimeout(settleTimer);
      if (idleHandle !== null && typeof win.cancelIdleCallback === 'function') win.cancelIdleCallback(idleHandle);
      if (timeoutHandle !== null) clearTimeout(timeoutHandle);
      pendingRoots.clear();
      pendingJson.length = 0;
      known.clear();
      idByHandle.clear();
      standInComments.clear();
    },
    { once: true },
  );
}
