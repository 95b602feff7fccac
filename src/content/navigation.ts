/**
 * Tells the content script when the page moved to another thread without a reload: YouTube fires
 * `yt-navigate-finish`; X and Facebook push history entries from the page's world (invisible to us),
 * so popstate, the Navigation API where present and a cheap URL comparison cover them.
 */
const POLL_MS = 750;

export function watchNavigation(signal: AbortSignal, onChange: (url: string) => void, win: Window = window): void {
  if (signal.aborted) return;
  let last = win.location.href;
  const check = () => {
    try {
      const now = win.location.href;
      if (now === last) return;
      last = now;
      onChange(now);
    } catch {
      // ignore
    }
  };
  const options = { signal } as AddEventListenerOptions;
  win.document.addEventListener('yt-navigate-finish', check, options);
  win.addEventListener('popstate', check, options);
  win.addEventListener('hashchange', check, options);
  const navigation = (win as Window & { navigation?: EventTarget }).navigation;
  if (navigation && typeof navigation.addEventListener === 'function') navigation.addEventListener('navigatesuccess', check, options);
  const timer = setInterval(check, POLL_MS);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
