import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchNavigation } from '../../../src/content/navigation.ts';

function fakeWindow(url: string) {
  const win = Object.assign(new EventTarget(), { location: { href: url }, document: new EventTarget() });
  return win as unknown as Window & { location: { href: string } };
}

afterEach(() => vi.useRealTimers());

describe('watchNavigation', () => {
  it('YouTube yt-navigate-finish, popstate and silent pushState (polling) each report a new URL once', () => {
    vi.useFakeTimers();
    const win = fakeWindow('https://www.youtube.com/watch?v=aaaaaaaaaaa');
    const seen: string[] = [];
    const controller = new AbortController();
    watchNavigation(controller.signal, (url) => seen.push(url), win);

    win.location.href = 'https://www.youtube.com/watch?v=bbbbbbbbbbb';
    win.document.dispatchEvent(new Event('yt-navigate-finish'));
    win.document.dispatchEvent(new Event('yt-navigate-finish'));
    win.location.href = 'https://x.com/a/status/1';
    win.dispatchEvent(new Event('popstate'));
    win.location.href = 'https://x.com/a/status/2'; // history.pushState in the page: no event here
    vi.advanceTimersByTime(1000);
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual(['https://www.youtube.com/watch?v=bbbbbbbbbbb', 'https://x.com/a/status/1', 'https://x.com/a/status/2']);

    controller.abort();
    win.location.href = 'https://x.com/a/status/3';
    win.dispatchEvent(new Event('popstate'));
    vi.advanceTimersByTime(5000);
    expect(seen).toHaveLength(3);
  });
});
