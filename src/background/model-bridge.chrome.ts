// Chrome quirk: a MV3 service worker cannot keep onnxruntime-web alive across its own restarts and has
// no Worker, so the model lives in an offscreen document. Firefox runs it in the background page instead.
import browser from 'webextension-polyfill';
import type { ModelHostMessage } from '../core/messages.ts';

const OFFSCREEN_URL = 'src/offscreen/index.html';
let creating: Promise<void> | null = null;

export async function ensureOffscreenDocument(): Promise<void> {
  const url = chrome.runtime.getURL(OFFSCREEN_URL);
  const existing = await chrome.runtime.getContexts({
    contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
    documentUrls: [url],
  });
  if (existing.length > 0) return;
  creating ??= chrome.offscreen
    .createDocument({
      url: OFFSCREEN_URL,
      reasons: [chrome.offscreen.Reason.WORKERS],
      justification: 'Run the on-device avatar model (onnxruntime-web) outside the service worker.',
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}

/** Chrome: the model host is the offscreen document. */
export async function askModelHost(message: ModelHostMessage): Promise<unknown> {
  await ensureOffscreenDocument();
  return browser.runtime.sendMessage(message);
}
