// Background: Chrome service worker / Firefox background page. Listeners are registered synchronously at
// start so that a worker woken by an event receives it; all state lives in TabStateManager (session
// storage) and CaseStore (IndexedDB), never only in module variables.
import browser, { type Runtime } from 'webextension-polyfill';
import { ContentMessageSchema, UiMessageSchema, parseMessage, type ContentMessage, type TabMessage, type UiMessage } from '../core/messages.ts';
import type { Platform } from '../core/types.ts';
import type { AccountView, CaseView, TabView } from '../core/views.ts';
import { askModelHost } from '#model-bridge';
import { AvatarPipeline, avatarImageKey } from './avatar-pipeline.ts';
import { CaseStore } from './case-store.ts';
import { CaseService } from './case-service.ts';
import { nextExportChunk, startExport } from './exports.ts';
import { EvidenceService } from './evidence.ts';
import { EvidenceStore } from './evidence-store.ts';
import { loadSettings, onSettingsChanged, saveSettings } from './settings-store.ts';
import { TabStateManager } from './tab-state.ts';

const DAY_MS = 86_400_000;

const tabs = new TabStateManager();
const store = new CaseStore();
const cases = new CaseService(store, avatarImageKey);
const evidenceStore = new EvidenceStore();
const avatars = new AvatarPipeline(cases, store, askModelHost, (threadKeys) => void pushVerdicts(threadKeys), (image) => evidenceStore.keepImage(image));

/**
 * Threads the demo marked as containing a simulated campaign (and its account ids), so the popup and
 * the exports can say so. Session storage: it survives the worker, not the browser.
 */
const SIMULATED_KEY = 'simulated';
async function simulated(): Promise<{ threads: string[]; accounts: string[] }> {
  const stored = (await browser.storage.session.get(SIMULATED_KEY))[SIMULATED_KEY] as { threads: string[]; accounts: string[] } | undefined;
  return stored ?? { threads: [], accounts: [] };
}
/** Marks the demo's simulated accounts so every view can say they are not real. */
async function withSimulatedMarks(accounts: AccountView[]): Promise<AccountView[]> {
  const ids = new Set((await simulated()).accounts);
  return ids.size === 0 ? accounts : accounts.map((a) => (ids.has(a.accountId) ? { ...a, simulated: true } : a));
}

async function markSimulated(platform: Platform, threadId: string, accountIds: string[]) {
  const current = await simulated();
  await browser.storage.session.set({
    [SIMULATED_KEY]: { threads: [...current.threads, `${platform}:${threadId}`], accounts: [...current.accounts, ...accountIds] },
  });
}

const evidence = new EvidenceService(cases, store, evidenceStore, tabs, avatarImageKey, simulated);

const extensionOrigin = browser.runtime.getURL('');

/** The popup, options and report pages (also when opened in a tab). */
function isOwnExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && !!sender.url?.startsWith(extensionOrigin);
}

/** Our content script in a web page; what it sends came from a page and is validated as such. */
function isOwnContentScript(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && typeof sender.tab?.id === 'number' && !sender.url?.startsWith(extensionOrigin);
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (message && typeof message === 'object' && (message as { target?: unknown }).target === 'model-host') return undefined;
  if (isOwnContentScript(sender)) {
    const parsed = parseMessage(ContentMessageSchema, message);
    if (!parsed.ok) return Promise.resolve({ error: parsed.error });
    return handleContentMessage(parsed.value, sender.tab!.id!, sender.tab?.url ?? '').catch(errorReply);
  }
  if (isOwnExtensionPage(sender)) {
    const parsed = parseMessage(UiMessageSchema, message);
    if (!parsed.ok) return Promise.resolve({ error: parsed.error });
    return handleUiMessage(parsed.value).catch(errorReply);
  }
  return undefined;
});

function errorReply(error: unknown) {
  return { error: error instanceof Error ? error.message : String(error) };
}

/** What a content script needs to draw badges: verdicts at medium and above (or low when asked). */
function badgeVerdicts(accounts: AccountView[]) {
  return accounts
    .filter((a) => a.level !== 'unsure')
    .map((a) => ({
      accountId: a.accountId,
      level: a.level,
      score: a.score,
      reasons: a.reasons.map((r) => ({ signal: r.signal, weight: r.weight, detail: r.detail })),
      commentIds: a.commentIds,
    }));
}

async function sendToTab(tabId: number, message: TabMessage) {
  await browser.tabs.sendMessage(tabId, message).catch(() => undefined);
}

/** Tells every tab showing one of these threads about its new verdicts. */
async function pushVerdicts(threadKeys: Set<string>) {
  for (const tab of await browser.tabs.query({})) {
    if (tab.id === undefined) continue;
    const state = await tabs.get(tab.id);
    if (!state?.platform || !state.threadId || !threadKeys.has(`${state.platform}:${state.threadId}`)) continue;
    const verdicts = badgeVerdicts(await cases.threadVerdicts(state.platform, state.threadId));
    await sendToTab(tab.id, { type: 'verdicts', platform: state.platform, threadId: state.threadId, verdicts });
  }
}

async function handleContentMessage(message: ContentMessage, tabId: number, tabUrl: string): Promise<unknown> {
  switch (message.type) {
    case 'hello': {
      const settings = await loadSettings();
      await tabs.set(tabId, {
        platform: message.page?.platform ?? null,
        threadId: message.page?.threadId ?? null,
        url: message.page?.url ?? tabUrl,
        recognised: true,
        reason: undefined,
      });
      const platform = message.page?.platform;
      return {
        enabled: platform ? settings.platforms[platform] : false,
        overlays: platform ? settings.overlays[platform] : false,
        showLowLevel: settings.showLowLevel,
      };
    }
    case 'records': {
      const records = message.records.filter((r) => r.platform === message.platform && r.threadId === message.threadId);
      const accepted = await cases.add(records);
      await store.touchThread(message.platform, message.threadId, tabUrl, new Date().toISOString());
      await tabs.set(tabId, { recognised: true, reason: undefined });
      if ((await loadSettings()).avatarScoring) avatars.enqueue(records);
      return { accepted };
    }
    case 'status':
      await tabs.set(tabId, { recognised: message.recognised, reason: message.reason });
      return { ok: true };
    case 'get-verdicts':
      return { verdicts: badgeVerdicts(await cases.threadVerdicts(message.platform, message.threadId)) };
  }
}

async function tabView(tabId: number): Promise<TabView> {
  const state = await tabs.get(tabId);
  if (!state?.platform) return { state: 'unsupported' };
  const settings = await loadSettings();
  if (!settings.platforms[state.platform]) return { state: 'disabled', platform: state.platform };
  if (!state.threadId) return { state: 'not-thread', platform: state.platform };
  const { platform, threadId } = state;
  const summary = await cases.summary(platform, threadId);
  if (!summary) {
    if (!state.recognised) return { state: 'layout-unrecognised', platform, threadId, reason: state.reason };
    return { state: 'waiting', platform, threadId, overlays: settings.overlays[platform] };
  }
  const progress = avatars.progress(platform, threadId);
  return {
    state: avatars.pending(platform, threadId) ? 'analysing' : 'ready',
    platform,
    threadId,
    overlays: settings.overlays[platform],
    progress,
    summary,
    accounts: await withSimulatedMarks(await cases.threadVerdicts(platform, threadId)),
    simulated: (await simulated()).threads.includes(`${platform}:${threadId}`),
  };
}

async function setOverlays(platform: Platform, enabled: boolean) {
  const settings = await loadSettings();
  settings.overlays[platform] = enabled;
  await saveSettings(settings);
  for (const tab of await browser.tabs.query({})) {
    if (tab.id !== undefined && (await tabs.get(tab.id))?.platform === platform) await sendToTab(tab.id, { type: 'overlays', enabled });
  }
}

async function handleUiMessage(message: UiMessage): Promise<unknown> {
  switch (message.type) {
    case 'get-tab-view':
      return tabView(message.tabId);
    case 'set-overlays':
      await setOverlays(message.platform, message.enabled);
      return { ok: true };
    case 'reveal-comment':
      await browser.tabs.update(message.tabId, { active: true }).catch(() => undefined);
      await sendToTab(message.tabId, { type: 'reveal-comment', commentId: message.commentId });
      return { ok: true };
    case 'get-case':
      return {
        threads: await store.threads(),
        summaries: await cases.summaries(),
        accounts: await withSimulatedMarks(await cases.verdicts()),
        records: (await cases.allRecords()).map((r) => ({ platform: r.platform, threadId: r.threadId, accountId: r.author.id })),
      } satisfies CaseView;
    case 'export':
      return startExport(cases, message.format, message.scope, (await simulated()).accounts);
    case 'export-chunk':
      return nextExportChunk(message.exportId);
    case 'set-label': {
      await cases.setLabel(message.platform, message.accountId, message.label);
      await pushVerdicts(new Set((await cases.allRecords()).filter((r) => r.author.id === message.accountId).map((r) => `${r.platform}:${r.threadId}`)));
      return { ok: true };
    }
    case 'set-note':
      await cases.setNote(message.platform, message.accountId, message.note);
      return { ok: true };
    case 'model-status':
      return askModelHost({ target: 'model-host', type: 'self-test' });
    case 'delete-all-data':
      await cases.clear();
      await evidenceStore.clear();
      return { ok: true };
    case 'pack-plan':
      return evidence.plan(message.scope);
    case 'pack-accounts':
      return evidence.accounts(message.scope, message.accounts);
    case 'pack-capture':
      return evidence.capture(message.id);
    case 'capture-visible':
      return evidence.captureVisible(message.tabId);
  }
}

browser.commands.onCommand.addListener((command) => {
  if (command !== 'toggle-overlays') return;
  void (async () => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    const platform = tab?.id !== undefined ? (await tabs.get(tab.id))?.platform : null;
    if (!platform) return;
    const settings = await loadSettings();
    await setOverlays(platform, !settings.overlays[platform]);
  })();
});

browser.tabs.onRemoved.addListener((tabId) => {
  void tabs.remove(tabId);
});

onSettingsChanged((settings) => cases.applySettings(settings));

async function startUp() {
  const settings = await loadSettings();
  cases.applySettings(settings);
  const before = new Date(Date.now() - settings.retentionDays * DAY_MS).toISOString();
  await store.expire(before);
  await evidenceStore.expire(before);
}
void startUp();

/** Reached by tests and the demo through the browser's devtools protocol (worker.evaluate); not by pages. */
(globalThis as Record<string, unknown>).__amplifierLens = {
  tabs,
  cases,
  store,
  avatars,
  evidence,
  evidenceStore,
  tabView,
  markSimulated,
  modelSelfTest: () => askModelHost({ target: 'model-host', type: 'self-test' }),
};
