/**
 * Fuzzing: each adapter is fed mutated copies of the real snapshots (and of the hand-written fixtures
 * where no real markup exists). They must never throw, never run away (the test timeout is the guard)
 * and never emit a record without author id or text.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { CommentRecord } from '../../../src/core/types.ts';
import { inflateFacebookHiddenMarkup } from '../../../src/platforms/facebook/saved-page.ts';
import { detectPage, facebookAdapter, type PlatformAdapter, xAdapter, youtubeAdapter } from '../../../src/platforms/index.ts';
import { facebookRecordsFromDocument } from '../../../src/platforms/facebook/dom.ts';
import { facebookRecordsFromJson } from '../../../src/platforms/facebook/json.ts';
import { parseResponseBody } from '../../../src/platforms/endpoints.ts';
import { jsonFragment } from '../../../src/platforms/diagnostic.ts';
import { xRecordsFromDocument } from '../../../src/platforms/x/dom.ts';
import { xRecordsFromJson } from '../../../src/platforms/x/json.ts';
import { youtubeRecordsFromDocument } from '../../../src/platforms/youtube/dom.ts';
import { youtubeRecordsFromJson } from '../../../src/platforms/youtube/json.ts';
import { hasShared, REPO_ROOT, sharedPath } from '../../helpers/shared.ts';

// The adapters swallow exceptions (finishAdapter); the raw extractors are called too so a throw is seen.
const RAW = {
  youtube: { json: youtubeRecordsFromJson, dom: youtubeRecordsFromDocument },
  x: { json: xRecordsFromJson, dom: xRecordsFromDocument },
  facebook: { json: facebookRecordsFromJson, dom: facebookRecordsFromDocument },
} as const;

const SEEN_AT = '2026-11-29T08:00:00.000Z';
const ctx = { url: '', seenAt: SEEN_AT };
const SEED = 20261129;

function assertWellFormed(records: CommentRecord[]): void {
  for (const record of records) {
    expect(record.author.id.length).toBeGreaterThan(0);
    expect(record.text.trim().length).toBeGreaterThan(0);
    expect(record.commentId.length).toBeGreaterThan(0);
    expect(record.threadId.length).toBeGreaterThan(0);
  }
}

type Path = (string | number)[];

function allPaths(value: unknown, limit = 200_000): Path[] {
  const paths: Path[] = [];
  const stack: [unknown, Path][] = [[value, []]];
  while (stack.length > 0 && paths.length < limit) {
    const [node, path] = stack.pop()!;
    if (path.length > 0) paths.push(path);
    if (Array.isArray(node)) node.forEach((child, i) => stack.push([child, [...path, i]]));
    else if (node && typeof node === 'object') for (const [k, child] of Object.entries(node)) stack.push([child, [...path, k]]);
  }
  return paths;
}

const jsonMutation = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom('delete', 'replace', 'empty', 'string', 'number', 'null', 'array'),
  value: fc.jsonValue({ maxDepth: 3 }),
});

function applyJsonMutation(root: unknown, paths: Path[], m: { pick: number; kind: string; value: unknown }): void {
  const path = paths[m.pick % paths.length]!;
  let parent: unknown = root;
  for (const step of path.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object') return;
    parent = (parent as Record<string | number, unknown>)[step];
  }
  if (parent === null || typeof parent !== 'object') return;
  const holder = parent as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  switch (m.kind) {
    case 'delete':
      if (Array.isArray(holder) && typeof key === 'number') holder.splice(key, 1);
      else delete holder[key];
      break;
    case 'replace':
      holder[key] = m.value;
      break;
    case 'empty':
      holder[key] = Array.isArray(holder[key]) ? [] : {};
      break;
    case 'string':
      holder[key] = (JSON.stringify(m.value) ?? 'x').slice(0, 50);
      break;
    case 'number':
      holder[key] = -1e308;
      break;
    case 'null':
      holder[key] = null;
      break;
    case 'array':
      holder[key] = [holder[key], holder[key]];
      break;
  }
}

function fuzzJson(adapter: PlatformAdapter, file: string, runs: number, url = ''): void {
  const text = readFileSync(sharedPath(file), 'utf8');
  const base = JSON.parse(text);
  const ctx = { url, seenAt: SEEN_AT };
  const paths = allPaths(base);
  fc.assert(
    fc.property(fc.array(jsonMutation, { minLength: 1, maxLength: 12 }), (mutations) => {
      const doc = JSON.parse(text);
      for (const m of mutations) applyJsonMutation(doc, paths, m);
      RAW[adapter.platform].json(doc, ctx);
      const { records, found, warning } = adapter.readJson(doc, ctx);
      assertWellFormed(records);
      // Never fewer comment objects than records, and never fewer records than comment objects in silence.
      expect(found).toBeGreaterThanOrEqual(0);
      if (records.length < found) expect(warning).toBeTruthy();
    }),
    { numRuns: runs, seed: SEED },
  );
  // Whole-value garbage of every shape.
  fc.assert(
    fc.property(fc.anything({ maxDepth: 4 }), (value) => {
      RAW[adapter.platform].json(value, ctx);
      assertWellFormed(adapter.recordsFromJson(value, ctx));
    }),
    { numRuns: 200, seed: SEED },
  );
}

const SNIPPETS = [
  '<article data-testid="tweet">',
  '</article>',
  '<a href="/x/status/123"><time datetime="garbage">t</time></a>',
  '<div data-testid="tweetText">',
  '<ytd-comment-view-model>',
  '<a href="/watch?v=abcdefghijk&lc=Ugx">',
  '<span id="vote-count-middle">9'.repeat(3),
  '<div data-sigil="comment" id="1" data-store="{bad json">',
  '<div role="article" aria-label="Comment by x">',
  '<a href="https://www.facebook.com/a?comment_id=!!">',
  '<i class="profpic" style="background:url(\'\\\\3a \')">',
  '<svg><image xlink:href="javascript:alert(1)"></image></svg>',
  '<img alt="😀">',
  '<br>',
  '<!--',
  '-->',
  '"',
  "'",
  '&amp;&#0;&#xFFFFFF;',
];

const htmlMutation = fc.record({
  at: fc.nat(),
  length: fc.nat({ max: 4000 }),
  kind: fc.constantFrom('delete', 'insert', 'duplicate', 'snippet'),
  text: fc.string({ maxLength: 40 }),
  snippet: fc.constantFrom(...SNIPPETS),
});

function fuzzHtml(adapter: PlatformAdapter, html: string, url: string, runs: number): void {
  fc.assert(
    fc.property(fc.array(htmlMutation, { minLength: 1, maxLength: 10 }), (mutations) => {
      let doc = html;
      for (const m of mutations) {
        const at = m.at % (doc.length + 1);
        if (m.kind === 'delete') doc = doc.slice(0, at) + doc.slice(at + m.length);
        else if (m.kind === 'insert') doc = doc.slice(0, at) + m.text + doc.slice(at);
        else if (m.kind === 'snippet') doc = doc.slice(0, at) + m.snippet + doc.slice(at);
        else doc = doc.slice(0, at) + doc.slice(at, at + m.length) + doc.slice(at);
      }
      const { document } = parseHTML(doc);
      for (const pageUrl of [url, '']) {
        RAW[adapter.platform].dom(document, { ...ctx, url: pageUrl });
        const { records } = adapter.recordsFromDocument(document, { ...ctx, url: pageUrl });
        assertWellFormed(records);
        for (const record of records.slice(0, 5)) {
          adapter.elementForComment(document, record.commentId);
          adapter.authorAnchorForComment(document, record.commentId);
        }
      }
    }),
    { numRuns: runs, seed: SEED },
  );
}

const fixture = (path: string) => readFileSync(`${REPO_ROOT}/test/fixtures/${path}`, 'utf8');

describe.skipIf(!hasShared('fixtures/pages'))('adapter fuzzing with mutated real fixtures', () => {
  it('YouTube JSON (first page and reply page)', () => {
    fuzzJson(youtubeAdapter, 'fixtures/pages/youtube/yt_next_comments_page1_QqsLTNkzvaY_de-DE.json', 60);
    fuzzJson(youtubeAdapter, 'fixtures/pages/youtube/yt_next_replies_xaQJbozY_Is.json', 60);
  });

  it('X TweetDetail JSON', () => {
    fuzzJson(xAdapter, 'fixtures/pages/twitter/x_graphql_TweetDetail_1649191520250245121.json', 60);
  });

  it('X tweet cells (real) and status page (hand-written)', () => {
    fuzzHtml(xAdapter, readFileSync(sharedPath('fixtures/pages/twitter/tweetyoink_x-tweet-quote.html'), 'utf8'), 'https://x.com/TestQuoter/status/1983130065320780162', 50);
    fuzzHtml(xAdapter, fixture('x/status-with-replies.html'), 'https://x.com/TestNewsroom/status/1860000000000000001', 50);
  });

  it('m.facebook.com page (real) and desktop comments (hand-written)', () => {
    const mobile = inflateFacebookHiddenMarkup(readFileSync(sharedPath('fixtures/pages/facebook/m_facebook_posts_4188053201279101_Nintendo_2021.html'), 'utf8'));
    // Fuzz the comment list region so mutations land on comment markup rather than scripts.
    const start = mobile.indexOf('data-sigil="comment"') - 2000;
    fuzzHtml(facebookAdapter, mobile.slice(Math.max(0, start), start + 60_000), 'https://m.facebook.com/Nintendo/posts/4188053201279101', 40);
    fuzzHtml(facebookAdapter, fixture('facebook/desktop-post-comments.html'), '', 80);
  });

  it('YouTube comment DOM (hand-written; no real 2024+ markup exists)', () => {
    fuzzHtml(youtubeAdapter, fixture('youtube/watch-2024-comments.html'), 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', 80);
    fuzzHtml(youtubeAdapter, fixture('youtube/watch-2018-comments.html'), '', 40);
  });

  it('YouTube 2024 short-reply and 2026 formatting JSON', () => {
    fuzzJson(youtubeAdapter, 'fixtures/pages/youtube/yt_next_replies_KwEGbw4JV_w_UgxAuwvuj_2024-06.json', 60);
    fuzzJson(youtubeAdapter, 'fixtures/pages/youtube/yt_next_comments_zYpyS2HaZHM_formatting_2026-01.json', 40);
  });

  it('X SearchTimeline and old-schema TweetDetail JSON', () => {
    fuzzJson(xAdapter, 'fixtures/pages/twitter/x_graphql_SearchTimeline_newschema_2026-07.json', 60, 'https://x.com/search?q=Tesla&f=live');
    fuzzJson(xAdapter, 'fixtures/pages/twitter/x_graphql_TweetDetail_1649191520250245121_oldschema_2025-03.json', 60);
  });

  it('Facebook /api/graphql/ JSON (real response; on its post page and without a URL)', () => {
    const file = 'fixtures/pages/facebook/fb_graphql_post_comments_replies_NintendoLatAm_460807296509786_2024-05.ndjson';
    fuzzJson(facebookAdapter, file, 40);
    fuzzJson(facebookAdapter, file, 20, 'https://www.facebook.com/NintendoLatAm/posts/460807296509786');
  });

  it('response bodies: any text parses or throws a SyntaxError; streamed documents come back as sent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          parseResponseBody(text);
        } catch (error) {
          expect(error).toBeInstanceOf(SyntaxError);
        }
      }),
      { numRuns: 2000, seed: SEED },
    );
    const documentArb = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1, maxKeys: 5 });
    fc.assert(
      fc.property(fc.array(documentArb, { minLength: 1, maxLength: 6 }), fc.constantFrom('', 'for (;;);'), fc.constantFrom('\n', '\r\n'), (docs, prefix, newline) => {
        const body = docs.map((doc) => prefix + JSON.stringify(doc)).join(newline) + newline;
        const parsed = parseResponseBody(body);
        // JSON drops -0 and the like: compare with what JSON itself gives back.
        const expected = docs.map((doc) => JSON.parse(JSON.stringify(doc)));
        expect(parsed).toEqual(expected.length === 1 ? expected[0] : expected);
      }),
      { numRuns: 500, seed: SEED },
    );
  });

  it('diagnostic fragments stay within their cap for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 50, max: 5000 }), (value, max) => {
        const { fragment } = jsonFragment(value, max);
        expect(fragment.length).toBeLessThanOrEqual(max);
      }),
      { numRuns: 1000, seed: SEED },
    );
  });

  it('detectPage on arbitrary strings and URLs', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true })), (url) => {
        const page = detectPage(url);
        if (page) expect(['youtube', 'x', 'facebook']).toContain(page.platform);
      }),
      { numRuns: 2000, seed: SEED },
    );
  });
});
