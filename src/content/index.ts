// Isolated-world content script: finds the thread on the page, captures its comments, sends them to the
// background in batches, and shows the background's verdicts beside the authors. Everything it attaches
// hangs off one AbortController per thread, so navigation or a toggle removes it all.
import browser from 'webextension-polyfill';
import { MAX_RECORDS_PER_MESSAGE, TabMessageSchema, parseMessage, type ContentMessage } from '../core/messages.ts';
import type { CommentRecord } from '../core/types.ts';
import { coalesced } from '../core/coalesce.ts';
import { detectPage, type PageInfo } from '../platforms/detect.ts';
import { startCapture } from './capture.ts';
import { watchNavigation } from './navigation.ts';
import { OverlayController } from './overlays.ts';
import { acceptPageJsonPort } from './page-json-channel.ts';

// First, synchronously at document_start: take the main world's private port before any page script runs.
const pageJson = acceptPageJsonPort(window);

const FLUSH_DELAY_MS = 250;

let threadController: AbortController | null = null;
let currentPage: PageInfo | null = null;
function t(key: string, substitutions?: string | string[]): string {
  try {
    return browser.i18n.getMessage(key, substitutions) || key;
  } catch {
    return key;
  }
}

const overlays = new OverlayController({ translate: t });

async function send(message: ContentMessage): Promise<Record<string, unknown> | undefined> {
  try {
    return (await browser.runtime.sendMessage(message)) as Record<string, unknown> | undefined;
  } catch {
    // The extension was reloaded or removed under this page: stop quietly, never break the page.
    threadController?.abort();
    return undefined;
  }
}

/**
 * Collects records and sends them in batches, so a burst of comments costs one message, not hundreds.
 * Nothing is sent before the background has said this platform is enabled (`ready`).
 */
function recordBatcher(page: PageInfo & { threadId: string }, signal: AbortSignal, ready: Promise<boolean>, onSent: () => void) {
  let pending: CommentRecord[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = async () => {
    if (!(await ready)) return;
    timer = undefined;
    while (pending.length > 0 && !signal.aborted) {
      const batch = pending.splice(0, MAX_RECORDS_PER_MESSAGE);
      await send({ type: 'records', platform: page.platform, threadId: page.threadId, records: batch });
    }
    if (!signal.aborted) onSent();
  };
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return (records: CommentRecord[]) => {
    pending.push(...records);
    timer ??= setTimeout(flush, FLUSH_DELAY_MS);
  };
}

async function refreshVerdicts(page: PageInfo & { threadId: string }, signal: AbortSignal) {
  const reply = await send({ type: 'get-verdicts', platform: page.platform, threadId: page.threadId });
  if (signal.aborted || !reply) return;
  const parsed = parseMessage(TabMessageSchema, { type: 'verdicts', platform: page.platform, threadId: page.threadId, verdicts: reply.verdicts ?? [] });
  if (parsed.ok && parsed.value.type === 'verdicts') overlays.setVerdicts(parsed.value.verdicts);
}

/**
 * Starts reading a thread. Runs at document_start: capture listens for the page's JSON before any page
 * script can fetch comments, while the background is asked (in parallel) whether this site is enabled.
 */
function startThread(url: string) {
  threadController?.abort();
  const controller = new AbortController();
  threadController = controller;
  const { signal } = controller;
  overlays.reset(signal);

  const page = detectPage(url);
  currentPage = page;
  const hello = send({ type: 'hello', page });
  if (!page || !page.threadId) return;
  const thread = page as PageInfo & { threadId: string };
  const enabled = hello.then((settings) => {
    if (signal.aborted) return false;
    if (!settings?.enabled) {
      controller.abort();
      return false;
    }
    overlays.configure({ page: thread, enabled: settings.overlays === true, showLow: settings.showLowLevel === true });
    return true;
  });

  // One verdict request in flight at most, one trailing: a big campaign sends batches faster than they are answered.
  const refresh = coalesced(() => refreshVerdicts(thread, signal));
  const push = recordBatcher(thread, signal, enabled, () => void refresh());
  startCapture(thread, signal, {
    records: push,
    status: (status) =>
      void enabled.then((ok) => {
        if (ok) void send({ type: 'status', platform: thread.platform, threadId: thread.threadId, recognised: status.recognised, reason: status.reason });
      }),
    // Kept in the extension's storage for "Save a diagnostic" in the popup; never sent anywhere else.
    unread: (report) =>
      void enabled.then((ok) => {
        if (ok) void send({ type: 'diagnostic', platform: thread.platform, threadId: thread.threadId, pageUrl: location.href.slice(0, 4096), ...report, reason: report.reason.slice(0, 1000) });
      }),
  }, { pageJson });
}

browser.runtime.onMessage.addListener((raw: unknown) => {
  const parsed = parseMessage(TabMessageSchema, raw);
  if (!parsed.ok) return undefined;
  const message = parsed.value;
  switch (message.type) {
    case 'verdicts':
      if (currentPage?.platform === message.platform && currentPage.threadId === message.threadId) overlays.setVerdicts(message.verdicts);
      break;
    case 'overlays':
      overlays.setEnabled(message.enabled);
      break;
    case 'reveal-comment':
      overlays.reveal(message.commentId);
      break;
  }
  return undefined;
});

watchNavigation(new AbortController().signal, (url) => startThread(url));
startThread(location.href);
