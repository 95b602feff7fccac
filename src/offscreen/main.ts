// Chrome only: the offscreen document that hosts onnxruntime-web, so the service worker stays light and
// the model survives the worker being stopped. It answers only messages addressed to the model host.
import browser, { type Runtime } from 'webextension-polyfill';
import { handleModelHostMessage } from '../model-host/handle.ts';

browser.runtime.onMessage.addListener((message: unknown, _sender: Runtime.MessageSender) => {
  if (!message || typeof message !== 'object' || (message as { target?: unknown }).target !== 'model-host') return undefined;
  return handleModelHostMessage(message);
});
