// Background: Chrome service worker / Firefox background page. Listeners are registered synchronously at
// start so that a worker woken by an event receives it; all state lives in TabStateManager (session
// storage) and CaseStore (IndexedDB), never only in module variables.
import browser, { type Runtime } from 'webextension-polyfill';
import { ContentMessageSchema, UiMessageSchema, parseMessage, type ContentMessage, type UiMessage } from '../core/messages.ts';
import { CaseStore } from './case-store.ts';
import { CaseService } from './case-service.ts';
import { askModelHost } from '#model-bridge';
import { loadSettings, saveSettings } from './settings-store.ts';
import { TabStateManager } from './tab-state.ts';

const tabs = new TabStateManager();
const store = new CaseStore();
const cases = new CaseService(store);

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
    return handleContentMessage(parsed.value, sender.tab!.id!, sender.tab?.url ?? '');
  }
  if (isOwnExtensionPage(sender)) {
    const parsed = parseMessage(UiMessageSchema, message);
    if (!parsed.ok) return Promise.resolve({ error: parsed.error });
    return handleUiMessage(parsed.value);
  }
  return undefined;
});

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
      const accepted = await cases.add(message.records.filter((r) => r.platform === message.platform && r.threadId === message.threadId));
      await store.touchThread(message.platform, message.threadId, tabUrl, new Date().toISOString());
      await tabs.set(tabId, { recognised: true, reason: undefined });
      return { accepted };
    }
    case 'status':
      await tabs.set(tabId, { recognised: message.recognised, reason: message.reason });
      return { ok: true };
    case 'get-verdicts':
      return { verdicts: await cases.verdicts(message.platform, message.threadId) };
  }
}

async function handleUiMessage(message: UiMessage): Promise<unknown> {
  switch (message.type) {
    case 'get-tab-view': {
      const state = await tabs.get(message.tabId);
      if (!state?.platform) return { state: 'unsupported' };
      if (!state.threadId) return { state: 'not-thread', platform: state.platform };
      const summary = await cases.summary(state.platform, state.threadId);
      if (!state.recognised && !summary) return { state: 'layout-unrecognised', platform: state.platform, threadId: state.threadId, reason: state.reason };
      return {
        state: summary ? 'ready' : 'waiting',
        platform: state.platform,
        threadId: state.threadId,
        summary,
        verdicts: await cases.verdicts(state.platform, state.threadId),
      };
    }
    case 'set-overlays': {
      const settings = await loadSettings();
      settings.overlays[message.platform] = message.enabled;
      await saveSettings(settings);
      return { ok: true };
    }
    case 'model-status':
      return askModelHost({ target: 'model-host', type: 'self-test' });
    case 'delete-all-data':
      await store.clear();
      return { ok: true };
    default:
      return { error: `${message.type} is not available yet` };
  }
}

browser.tabs.onRemoved.addListener((tabId) => {
  void tabs.remove(tabId);
});

/** Reached by tests through the browser's devtools protocol (playwright's worker.evaluate); not callable by pages. */
(globalThis as Record<string, unknown>).__amplifierLens = {
  tabs,
  cases,
  store,
  modelSelfTest: () => askModelHost({ target: 'model-host', type: 'self-test' }),
};
