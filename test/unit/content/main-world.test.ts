/**
 * The main-world hook against stand-ins for the page's fetch and XMLHttpRequest: comment responses are
 * copied to the channel, everything the page sees stays exactly as it was, nothing else is forwarded.
 * (Real Chromium: test/e2e/capture.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { installPageJsonHook } from '../../../src/content/main-world.ts';
import { MAX_PAGE_JSON_CHARS } from '../../../src/platforms/page-json.ts';

const flush = () => new Promise((resolve) => setTimeout(resolve, 20));

class FakeXhr extends EventTarget {
  static lastSent: FakeXhr | null = null;
  responseType = '';
  status = 0;
  responseText = '';
  response: unknown = null;
  responseURL = '';
  method = '';
  url = '';
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  send() {
    FakeXhr.lastSent = this;
  }
  /** test helper: the server answers */
  answer(status: number, body: string) {
    this.status = status;
    this.responseURL = new URL(this.url, 'https://www.youtube.com/').href;
    if (this.responseType === 'json') this.response = JSON.parse(body);
    else this.responseText = body;
    this.dispatchEvent(new Event('load'));
  }
}

function fakePage(origin = 'https://www.youtube.com') {
  const posted: { message: any }[] = [];
  const calls: unknown[][] = [];
  const win = {
    location: { href: `${origin}/watch?v=xaQJbozY_Is`, origin },
    fetch: async (...args: unknown[]) => {
      calls.push(args);
      const url = typeof args[0] === 'string' ? args[0] : (args[0] as Request).url;
      if (url.includes('fail')) throw new TypeError('network down');
      return new Response(url.includes('huge') ? 'x'.repeat(16) : '{"comments":true}', {
        status: url.includes('404') ? 404 : 200,
        headers: url.includes('huge') ? { 'content-length': String(MAX_PAGE_JSON_CHARS + 1) } : {},
      });
    },
    XMLHttpRequest: FakeXhr,
  };
  const send = { current: (message: unknown) => void posted.push({ message }) };
  installPageJsonHook(win as never, (message) => send.current(message));
  return { win: win as any, posted, calls, send };
}

describe('installPageJsonHook', () => {
  it('forwards a YouTube next response from fetch and leaves the page its own untouched response', async () => {
    const { win, posted, calls } = fakePage();
    const response: Response = await win.fetch('/youtubei/v1/next?prettyPrint=false', { method: 'POST', body: '{}' });
    expect(await response.json()).toEqual({ comments: true }); // the page can still read the body
    await flush();
    expect(calls).toEqual([['/youtubei/v1/next?prettyPrint=false', { method: 'POST', body: '{}' }]]);
    expect(posted).toEqual([
      { message: { kind: 'youtube-next', url: 'https://www.youtube.com/youtubei/v1/next?prettyPrint=false', text: '{"comments":true}' } },
    ]);
  });

  it('forwards nothing for other endpoints, failed responses or declared oversize bodies', async () => {
    const { win, posted } = fakePage();
    await (await win.fetch('/youtubei/v1/player')).text();
    await (await win.fetch('/youtubei/v1/next?404')).text();
    await win.fetch(new Request('https://www.youtube.com/youtubei/v1/next?huge'));
    await flush();
    expect(posted).toEqual([]);
  });

  it('network errors reach the page unchanged', async () => {
    const { win } = fakePage();
    await expect(win.fetch('/youtubei/v1/next?fail')).rejects.toThrow('network down');
  });

  it('forwards X TweetDetail from XMLHttpRequest (text and json response types), not other GraphQL', async () => {
    const { win, posted } = fakePage('https://x.com');
    const xhr = new win.XMLHttpRequest();
    xhr.open('GET', '/i/api/graphql/abc_DEF-1/TweetDetail?variables=%7B%7D');
    xhr.send();
    FakeXhr.lastSent!.answer(200, '{"data":{}}');
    const jsonXhr = new win.XMLHttpRequest();
    jsonXhr.responseType = 'json';
    jsonXhr.open('GET', 'https://x.com/i/api/graphql/abc/TweetDetail');
    jsonXhr.send();
    FakeXhr.lastSent!.answer(200, '{"data":{"a":1}}');
    const other = new win.XMLHttpRequest();
    other.open('GET', '/i/api/graphql/abc/UserByScreenName');
    other.send();
    FakeXhr.lastSent!.answer(200, '{"data":{}}');
    expect(posted.map((p) => [p.message.kind, p.message.text])).toEqual([
      ['x-tweet-detail', '{"data":{}}'],
      ['x-tweet-detail', '{"data":{"a":1}}'],
    ]);
    expect(xhr.responseText).toBe('{"data":{}}');
  });

  it('a failing channel never reaches the page', async () => {
    const { win, send } = fakePage();
    let tried = 0;
    send.current = () => {
      tried++;
      throw new Error('boom');
    };
    const response: Response = await win.fetch('/youtubei/v1/next');
    expect(response.status).toBe(200);
    await (await win.fetch('/youtubei/v1/next')).text();
    await flush();
    expect(tried).toBe(2);
  });

  it('leaves no global and the wrapped functions read [native code] with their own name and length', () => {
    const originalOpen = FakeXhr.prototype.open;
    const { win } = fakePage();
    expect(Object.getOwnPropertySymbols(win)).toEqual([]);
    expect(Object.keys(win).sort()).toEqual(['XMLHttpRequest', 'fetch', 'location']);
    for (const [wrapped, name, length] of [
      [win.fetch, 'fetch', 0],
      [win.XMLHttpRequest.prototype.open, 'open', 2],
      [win.XMLHttpRequest.prototype.send, 'send', 0],
    ] as const) {
      expect(Function.prototype.toString.call(wrapped)).toContain('[native code]');
      expect(String(wrapped)).not.toContain('Reflect');
      expect(wrapped.name).toBe(name);
      expect(wrapped.length).toBe(length);
    }
    FakeXhr.prototype.open = originalOpen;
  });
});
