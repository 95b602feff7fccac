/**
 * Runs in the page's own JavaScript world (`world: "MAIN"`, document_start). Wraps fetch and
 * XMLHttpRequest so that the bodies of the platforms' comment responses (YouTube /youtubei/v1/next,
 * X TweetDetail) are copied to the isolated content script over a private MessageChannel
 * (page-json-channel.ts). The page must never notice: responses are cloned, return values untouched,
 * every step inside try/catch, the wrapped functions still read `[native code]`, and no global is left.
 * The content-script entry is main-world-entry.ts (an entry file must export nothing: the bundler
 * would publish its exports as a global of the page).
 */
import { commentEndpointKind, MAX_PAGE_JSON_CHARS, type PageJsonKind, type PageJsonMessage } from '../platforms/page-json.ts';
import { wrapLikeNative } from './native-looking-wrap.ts';
import type { PageJsonSend } from './page-json-channel.ts';

type PageWindow = Window & typeof globalThis;
type Post = (kind: PageJsonKind, url: string, text: string) => void;

/** Hooks fetch and XMLHttpRequest of win; `send` receives each comment response as a PageJsonMessage. */
export function installPageJsonHook(win: PageWindow, send: PageJsonSend): void {
  const post: Post = (kind, url, text) => {
    try {
      if (text.length > MAX_PAGE_JSON_CHARS) return;
      const message: PageJsonMessage = { kind, url, text };
      send(message);
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

function hookFetch(win: PageWindow, kindOf: (url: string) => PageJsonKind | null, post: Post): void {
  const originalFetch = win.fetch;
  if (typeof originalFetch !== 'function') return;
  const hooked = wrapLikeNative(originalFetch, (call, _thisArg, args) => {
    const result = call();
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
  });
  try {
    win.fetch = hooked;
  } catch {
    // leave fetch alone if it cannot be replaced
  }
}

function hookXhr(win: PageWindow, kindOf: (url: string) => PageJsonKind | null, post: Post): void {
  const proto = win.XMLHttpRequest?.prototype;
  if (!proto) return;
  const requested = new WeakMap<XMLHttpRequest, string>();

  proto.open = wrapLikeNative(proto.open, (call, thisArg, args) => {
    try {
      const url = args[1] as unknown;
      requested.set(thisArg as XMLHttpRequest, typeof url === 'string' ? url : String((url as URL)?.href ?? ''));
    } catch {
      // ignore
    }
    return call();
  });

  proto.send = wrapLikeNative(proto.send, (call, thisArg) => {
    try {
      const xhr = thisArg as XMLHttpRequest;
      const url = requested.get(xhr);
      const kind = url ? kindOf(url) : null;
      if (kind && url) {
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
    return call();
  });
}
