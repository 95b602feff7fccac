// Background: Chrome service worker / Firefox background page. Listeners are registered synchronously at
// start so that a worker woken by an event receives it; all state lives in TabStateManager (session
// storage) and CaseStore (IndexedDB), never only in module variables.
import browser, { type Runtime } from 'webextension-polyfill';
import { ContentMessageSchema, UiMessageSchema, parseMessage, type ContentMessage, type TabMessage, type UiMessage } from '../core/messages.ts';
import type { Cluster, Platform } from '../core/types.ts';
import type { AccountView, StorageStatus, TabView } from '../core/views.ts';
import { accountRow, accountThreadLinks, isFlaggedLevel, pageOf, type AccountRow, type CaseReportView, type TabPageView } from '../core/view-pages.ts';
import { caseListPage, caseListPosition, caseSummary, type CaseSummaryView } from '../core/case-report.ts';
import { askModelHost } from '#model-bridge';
import { AvatarPipeline, avatarImageKey } from './avatar-pipeline.ts';
import { CaseStore } from './case-store.ts';
import { CaseService, storageProblem } from './case-service.ts';
import { DiagnosticStore } from './diagnostics.ts';
import { nextExportChunk, startExport } from './exports.ts';
import { EvidenceService } from './evidence.ts';
import { EvidenceStore } from './evidence-store.ts';
import { loadSettings, onSettingsChanged, updateSettings } from './settings-store.ts';
import { TabStateManager } from './tab-state.ts';

const DAY_MS = 86_400_000;

const tabs = new TabStateManager();
const store = new CaseStore();
const cases = new CaseService(store, avatarImageKey);
const diagnostics = new DiagnosticStore();
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
async function withSimulatedMarks<T extends AccountView | AccountRow>(accounts: T[]): Promise<T[]> {
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

/**
 * What a tab's badges need: nothing while badges are off on its platform (they are sent when switched
 * on), else the accounts at medium and above, and low ones only when the user asked to see them. A
 * content script receives this after every batch it sends; everything else would be parsed for nothing.
 */
async function badgeVerdicts(platform: Platform, threadId: string) {
  const settings = await loadSettings();
  if (!settings.overlays[platform]) return [];
  const shown = (a: AccountView) => a.level === 'high' || a.level === 'medium' || (settings.showLowLevel && a.level === 'low');
  return (await cases.threadVerdicts(platform, threadId)).filter(shown).map((a) => ({
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
    const verdicts = await badgeVerdicts(state.platform, state.threadId);
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
      await store.touchThread(message.platform, message.threadId, tabUrl, new Date().toISOString()).catch((error) => {
        cases.storageError = storageProblem(error);
      });
      await tabs.set(tabId, { recognised: true, reason: undefined });
      if ((await loadSettings()).avatarScoring) avatars.enqueue(records);
      return { accepted };
    }
    case 'status':
      await tabs.set(tabId, { recognised: message.recognised, reason: message.reason });
      return { ok: true };
    case 'get-verdicts':
      return { verdicts: await badgeVerdicts(message.platform, message.threadId) };
    case 'diagnostic': {
      const { type: _type, ...entry } = message;
      await diagnostics.add(entry);
      return { ok: true };
    }
  }
}

/** A worker's views start from its own origin: a restarted worker's revision 0 is not the old one's. */
const WORKER_LIFE = Date.now().toString(36);

type ThreadState = Exclude<TabView, { state: 'analysing' | 'ready' }> | { state: 'thread'; platform: Platform; threadId: string; overlays: boolean };

/** A failed write to the case's storage is said in every view of every tab (the popup shows it). */
function withStorageStatus<T extends object>(view: T): T & StorageStatus {
  return cases.storageError ? { ...view, storageError: cases.storageError } : view;
}

/** Where a tab stands, before any account is looked at. */
async function threadState(tabId: number): Promise<ThreadState> {
  // Avatar work queued before the worker was stopped is queued again first: no "ready" while it is pending.
  await avatarsResumed;
  const state = await tabs.get(tabId);
  if (!state?.platform) return { state: 'unsupported' };
  const settings = await loadSettings();
  if (!settings.platforms[state.platform]) return { state: 'disabled', platform: state.platform };
  if (!state.threadId) return { state: 'not-thread', platform: state.platform };
  const { platform, threadId } = state;
  if (!(await cases.summary(platform, threadId))) {
    if (!state.recognised) return { state: 'layout-unrecognised', platform, threadId, reason: state.reason };
    return { state: 'waiting', platform, threadId, overlays: settings.overlays[platform] };
  }
  return { state: 'thread', platform, threadId, overlays: settings.overlays[platform] };
}

/**
 * Changes whenever what the popup shows for this tab may have changed: the case (records, labels,
 * notes, avatar results, settings), the tab's page, avatar progress or the demo's marks. Cheap: nothing
 * is built.
 */
async function tabVersion(tabId: number): Promise<string> {
  const state = await tabs.get(tabId);
  await cases.load();
  const progress = state?.platform && state.threadId ? avatars.progress(state.platform, state.threadId) : undefined;
  const marks = await simulated();
  return [
    WORKER_LIFE,
    cases.revision,
    state ? `${state.platform}:${state.threadId}:${state.recognised}:${state.reason ?? ''}` : '-',
    progress ? `${progress.done}/${progress.total}` : '',
    `${marks.threads.length}/${marks.accounts.length}`,
    cases.storageError ?? '',
  ].join('|');
}

/** The popup's view of a tab: the summary and one page of flagged accounts, never the whole thread. */
async function tabPage(tabId: number, offset: number, limit: number): Promise<TabPageView> {
  const version = await tabVersion(tabId);
  const base = await threadState(tabId);
  if (base.state !== 'thread') return withStorageStatus({ version, ...base });
  const { platform, threadId, overlays } = base;
  const summary = (await cases.summary(platform, threadId))!;
  const flagged = (await cases.threadVerdicts(platform, threadId)).filter(isFlaggedLevel);
  const page = pageOf(flagged, offset, limit, accountRow);
  page.items = await withSimulatedMarks(page.items);
  return withStorageStatus({
    version,
    state: avatars.pending(platform, threadId) ? 'analysing' : 'ready',
    platform,
    threadId,
    overlays,
    progress: avatars.progress(platform, threadId),
    summary,
    flagged: page,
    simulated: (await simulated()).threads.includes(`${platform}:${threadId}`),
  });
}

/** Changes whenever what the report shows may have changed: the case, labels, notes, the demo's marks. */
async function caseVersion(): Promise<string> {
  await cases.load();
  const marks = await simulated();
  return `${WORKER_LIFE}|${cases.revision}|${marks.threads.length}/${marks.accounts.length}`;
}

/**
 * The whole case as the report's messages are cut from it: every thread and account, light (see
 * CaseReportView), and the clusters. Built once per version and kept, so paging through a 20,000-account
 * case does not rebuild every verdict for every page. Never sent whole.
 */
let caseCache: { version: string; data: Promise<{ reply: CaseReportView; clusters: Cluster[] }> } | undefined;
async function caseData(): Promise<{ reply: CaseReportView; clusters: Cluster[] }> {
  const version = await caseVersion();
  if (caseCache?.version !== version) {
    const data = (async () => ({
      reply: {
        version,
        threads: await store.threads(),
        summaries: await cases.summaries(),
        accounts: await withSimulatedMarks((await cases.verdicts()).map(accountRow)),
        links: accountThreadLinks(await cases.allRecords()),
      },
      clusters: await cases.clusters(),
    }))();
    caseCache = { version, data };
    data.catch(() => {
      if (caseCache?.data === data) caseCache = undefined;
    });
  }
  return caseCache.data;
}

async function caseReport(): Promise<CaseSummaryView> {
  const { reply, clusters } = await caseData();
  return caseSummary(reply, clusters);
}

/** The whole thread with every account and comment id: for tests and the demo script, never a page. */
async function tabView(tabId: number): Promise<TabView> {
  const base = await threadState(tabId);
  if (base.state !== 'thread') return withStorageStatus(base);
  const { platform, threadId, overlays } = base;
  return withStorageStatus({
    state: avatars.pending(platform, threadId) ? 'analysing' : 'ready',
    platform,
    threadId,
    overlays,
    progress: avatars.progress(platform, threadId),
    summary: (await cases.summary(platform, threadId))!,
    accounts: await withSimulatedMarks(await cases.threadVerdicts(platform, threadId)),
    simulated: (await simulated()).threads.includes(`${platform}:${threadId}`),
  });
}

async function setOverlays(platform: Platform, change: boolean | 'toggle') {
  const { overlays } = await updateSettings((settings) => {
    settings.overlays[platform] = change === 'toggle' ? !settings.overlays[platform] : change;
    return settings;
  });
  const enabled = overlays[platform];
  const threads = new Set<string>();
  for (const tab of await browser.tabs.query({})) {
    const state = tab.id !== undefined ? await tabs.get(tab.id) : undefined;
    if (tab.id === undefined || state?.platform !== platform) continue;
    await sendToTab(tab.id, { type: 'overlays', enabled });
    if (state.threadId) threads.add(`${platform}:${state.threadId}`);
  }
  // Badges were off, so the tabs hold no verdicts: send them now.
  if (enabled) await pushVerdicts(threads);
}

async function handleUiMessage(message: UiMessage): Promise<unknown> {
  switch (message.type) {
    case 'get-tab-version':
      return { version: await tabVersion(message.tabId) };
    case 'get-tab-page':
      return tabPage(message.tabId, message.offset, message.limit);
    case 'set-overlays':
      await setOverlays(message.platform, message.enabled);
      return { ok: true };
    case 'reveal-comment':
      await browser.tabs.update(message.tabId, { active: true }).catch(() => undefined);
      await sendToTab(message.tabId, { type: 'reveal-comment', commentId: message.commentId });
      return { ok: true };
    case 'get-case-version':
      return { version: await caseVersion() };
    case 'get-case-summary':
      return caseReport();
    case 'get-case-accounts':
      return caseListPage((await caseData()).reply, message.list, message.offset, message.limit);
    case 'get-case-account':
      return caseListPosition((await caseData()).reply, message.list, message.platform, message.accountId);
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
      // Work in flight first, so nothing it finishes is written back into the emptied stores.
      avatars.cancelAll();
      await cases.clear();
      await diagnostics.clear();
      await evidenceStore.clear();
      await tabs.clear();
      caseCache = undefined;
      await browser.storage.session.remove(SIMULATED_KEY);
      return { ok: true };
    case 'update-settings':
      await updateSettings((settings) => ({ ...settings, ...message.change }));
      return { ok: true };
    case 'get-diagnostic':
      return { diagnostic: await diagnostics.latest(message.platform, message.threadId) };
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
    await setOverlays(platform, 'toggle');
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
  await cases.expire(before);
  await evidenceStore.expire(before);
  if (settings.avatarScoring) await avatars.resume();
}
const avatarsResumed: Promise<void> = startUp().catch(() => undefined);

/** Reached by tests and the demo through the browser's devtools protocol (worker.evaluate); not by pages. */
(globalThis as Record<string, unknown>).__amplifierLens = {
  tabs,
  cases,
  store,
  avatars,
  diagnostics,
  evidence,
  evidenceStore,
  tabView,
  caseData,
  markSimulated,
  settings: { load: loadSettings, update: updateSettings },
  modelSelfTest: () => askModelHost({ target: 'model-host', type: 'self-test' }),
};
