/**
 * The private line between the main-world hook (main-world.ts) and the isolated content script (index.ts).
 *
 * Anything on `window.postMessage` can be sent by any page script, so the two sides talk over a
 * MessageChannel instead. Both scripts run at document_start, before the page's first script; the port is
 * handed over in a synchronous event dispatch at that moment, when no page listener can exist yet, and is
 * accepted once. After the handover neither side listens on the window any more, so a page script can
 * neither receive the port nor offer its own.
 */

/** Fired by the isolated side when it starts; the main world answers with OFFER (synchronously). */
const REQUEST_EVENT = 'amplifier-lens:page-json-request';
/** Carries the port; the isolated side cancels it to say "taken". */
const OFFER_EVENT = 'amplifier-lens:page-json-offer';

export type PageJsonSend = (message: unknown) => void;

/**
 * Main-world side: creates the channel and returns how to send on it. The sender uses the port's
 * postMessage as it was at install time, so a page that later patches MessagePort learns nothing.
 */
export function offerPageJsonPort(win: Window & typeof globalThis): PageJsonSend {
  const channel = new win.MessageChannel();
  const postOnPort = win.MessagePort.prototype.postMessage;
  const dispatch = win.EventTarget.prototype.dispatchEvent;
  const removeListener = win.EventTarget.prototype.removeEventListener;
  let handedOver = false;
  const offer = () => {
    if (handedOver) return;
    const event = new win.MessageEvent(OFFER_EVENT, { cancelable: true, ports: [channel.port2] });
    // Cancelled = the isolated side took the port.
    if (!Reflect.apply(dispatch, win, [event])) {
      handedOver = true;
      Reflect.apply(removeListener, win, [REQUEST_EVENT, offer, true]);
    }
  };
  win.addEventListener(REQUEST_EVENT, offer, true);
  // The isolated script may already be listening (injection order is the browser's choice).
  offer();
  return (message) => {
    try {
      Reflect.apply(postOnPort, channel.port1, [message]);
    } catch {
      // never disturb the page
    }
  };
}

export interface PageJsonSource {
  /** Calls listener with each message from the main world until signal aborts. */
  subscribe(listener: (data: unknown) => void, signal: AbortSignal): void;
  /** true when the main world's port was received */
  readonly connected: boolean;
}

/**
 * Isolated side: must run synchronously at document_start. Takes the first offered port, during this call
 * only (asks the main world for it, or takes the offer it makes right now); later offers are ignored.
 */
export function acceptPageJsonPort(win: Window): PageJsonSource {
  let port = null as MessagePort | null;
  const listeners = new Set<(data: unknown) => void>();
  const onOffer = (event: Event) => {
    const offered = (event as MessageEvent).ports?.[0];
    if (port || !offered) return;
    port = offered;
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  win.addEventListener(OFFER_EVENT, onOffer, true);
  try {
    win.dispatchEvent(new Event(REQUEST_EVENT));
  } finally {
    win.removeEventListener(OFFER_EVENT, onOffer, true);
  }
  const connected = port as MessagePort | null;
  if (connected) {
    connected.onmessage = (event: MessageEvent) => {
      for (const listener of listeners) {
        try {
          listener(event.data);
        } catch {
          // one listener's problem is not the others'
        }
      }
    };
  }
  return {
    connected: connected !== null,
    subscribe(listener, signal) {
      if (signal.aborted) return;
      listeners.add(listener);
      signal.addEventListener('abort', () => listeners.delete(listener), { once: true });
    },
  };
}
