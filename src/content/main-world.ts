/**
 * Runs in the page's own JavaScript world (`world: "MAIN"`, document_start). Wraps fetch and
 * XMLHttpRequest so that the bodies of the platforms' comment responses (YouTube /youtubei/v1/next,
 * X TweetDetail) are copied to the isolated content script via window.postMessage. The page must never
 * notice: responses are cloned, return values untouched, every step inside try/catch.
 */
import { commentEndpointKind, MAX_PAGE_JSON_CHARS, PAGE_JSON_CHANNEL, type PageJsonKind, type PageJsonMessage } from '../platforms/page-json.ts';

const INSTALLED = Symbol.for('amplifier-lens.page-json-hook');

type HookedWindow = Window & typeof globalThis & { [INSTALLED]?: true };

export function installPageJsonHook(win: HookedWindow): void {
  if (win[INSTALLED]) return;
  try {
    Object.defineProperty(win, INSTALLED, { value: true });
  } catch {
    return;
  }

  const post = (kind: PageJsonKind, url: string, text: string) => {
    try {
      if (text.length > MAX_PAGE_JSON_CHARS) return;
      const message: PageJsonMessage = { channel: PAGE_JSON_CHANNEL, kind, url, text };
      win.postMessage(message, win.location.origin);
    } catch {
      // never disturb the page
    }
  };

  const kindOf = (url: string): PageJsonKind | null => {
    try {
      return commentEndpointKind(url, win.location.href);
    } catch {
      return null;
    }
  };

  hookFetch(win, kindOf, post);
  hookXhr(win, kindOf, post);
}

function requestUrl(input: unknown): string | null {
  if (typeof input === 'string') return input;
  if (input && typeof input === 'object') {
    if ('url' in input && typeof (input as { url: unknown }).url === 'string') return (input as { url: string }).url;
    if ('href' in input && typeof (input as { href: unknown }).href === 'string') return (input as { href: string }).href;
  }
  return null;
}

function hookFetch(win: HookedWindow, kindOf: (url: string) => PageJsonKind | null, post: (kind: PageJsonKind, url: string, text: string) => void): void {
  const originalFetch = win.fetch;
  if (typeof originalFetch !== 'function') return;
  const hooked = function fetch(this: unknown, ...args: Parameters<typeof win.fetch>): Promise<Response> {
    const result: Promise<Response> = Reflect.apply(originalFetch, this, args);
    try {
      const url = requestUrl(args[0]);
      const kind = url ? kindOf(url) : null;
      if (kind && url) {
        // Attached before the caller's own handlers, so the clone happens before the page reads the body.
        result.then(
          (response) => {
            try {
              if (!response.ok) return;
              const declared = Number(response.headers.get('content-length'));
              if (declared > MAX_PAGE_JSON_CHARS) return;
              response
                .clone()
                .text()
                .then((text) => post(kind, response.url || new URL(url, win.location.href).href, text))
                .catch(() => undefined);
            } catch {
              // ignore
            }
          },
          () => undefined,
        );
      }
    } catch {
      // ignore
    }
    return result;
  };
  try {
    Object.defineProperty(hooked, 'length', { value: originalFetch.length });
    win.fetch = hooked as typeof win.fetch;
  } catch {
    // leave fetch alone if it cannot be replaced
  }
}

function hookXhr(win: HookedWindow, kindOf: (url: string) => PageJsonKind | null, post: (kind: PageJsonKind, url: string, text: string) => void): void {
  const proto = win.XMLHttpRequest?.prototype;
  if (!proto) return;
  const originalOpen = proto.open;
  const originalSend = proto.send;
  const requested = new WeakMap<XMLHttpRequest, string>();

  proto.open = function open(this: XMLHttpRequest, ...args: unknown[]) {
    try {
      const url = args[1];
      requested.set(this, typeof url === 'string' ? url : String((url as URL)?.href ?? ''));
    } catch {
      // ignore
    }
    return Reflect.apply(originalOpen, this, args);
  } as typeof proto.open;

  proto.send = function send(this: XMLHttpRequest, ...args: unknown[]) {
    try {
      const url = requested.get(this);
      const kind = url ? kindOf(url) : null;
      if (kind && url) {
        const xhr = this;
        xhr.addEventListener('load', () => {
          try {
            if (xhr.status < 200 || xhr.status >= 300) return;
            const type = xhr.responseType;
            const text = type === '' || type === 'text' ? xhr.responseText : type === 'json' ? JSON.stringify(xhr.response) : null;
            if (typeof text === 'string') post(kind, xhr.responseURL || new URL(url, win.location.href).href, text);
          } catch {
            // ignore
          }
        });
      }
    } catch {
      // ignore
    }
    return Reflect.apply(originalSend, this, args);
  } as typeof proto.send;
}

// Content-script entry: install immediately at document_start.
if (typeof window !== 'undefined' && typeof document !== 'undefined') installPageJsonHook(window as HookedWindow);
