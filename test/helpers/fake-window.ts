/**
 * A minimal window stand-in for running the content script's capture in Node: a linkedom document (real
 * MutationObserver semantics for added nodes), window events, and the private page-JSON port from the main
 * world (src/content/page-json-channel.ts; the real one is tested in test/e2e/capture.test.ts).
 */
import { parseHTML } from 'linkedom';
import type { PageJsonSource } from '../../src/content/page-json-channel.ts';

export function fakeWindow(html: string, url: string) {
  const { document, MutationObserver } = parseHTML(html);
  const events = new EventTarget();
  const win = {
    document,
    MutationObserver,
    location: { href: url, origin: new URL(url).origin },
    addEventListener: events.addEventListener.bind(events),
    removeEventListener: events.removeEventListener.bind(events),
  };
  /** what any page script can do: window.postMessage */
  const postOnWindow = (data: unknown) => {
    const event = new Event('message');
    Object.defineProperty(event, 'data', { value: data });
    Object.defineProperty(event, 'source', { value: win });
    events.dispatchEvent(event);
  };
  const listeners = new Set<(data: unknown) => void>();
  const pageJson: PageJsonSource = {
    connected: true,
    subscribe(listener, signal) {
      listeners.add(listener);
      signal.addEventListener('abort', () => listeners.delete(listener));
    },
  };
  /** what the main-world hook sends over the private port */
  const post = (data: unknown) => listeners.forEach((listener) => listener(data));
  return { win: win as unknown as Window, document, post, postOnWindow, pageJson };
}
