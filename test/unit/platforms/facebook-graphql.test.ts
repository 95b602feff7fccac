/**
 * www.facebook.com `/api/graphql/` (Comet): the real NintendoLatAm response (14 comments, replies at
 * depth 1 and 2, obfuscated `pfbid…` author ids), read exactly; the same response framed as Facebook
 * frames it (`for (;;);`, several documents a body); the post as the thread whichever way the page URL
 * names it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseResponseBody } from '../../../src/platforms/endpoints.ts';
import { decodeCommentNodeId } from '../../../src/platforms/facebook/json.ts';
import { facebookAdapter, mergeRecordSet } from '../../../src/platforms/index.ts';
import { parseHTML } from 'linkedom';
import { hasShared, sharedPath } from '../../helpers/shared.ts';

const FILE = 'fixtures/pages/facebook/fb_graphql_post_comments_replies_NintendoLatAm_460807296509786_2024-05.ndjson';
const seenAt = '2026-11-30T08:00:00.000Z';
const POST = '460807296509786';
const POST_PFBID = 'pfbid04HiaVn5z57Uvx43Uj7stjhSo4LCAuUdMt5wyMkpBhncFEggzoWAfBKvvKGUshM53l';
const KENNETH = 'pfbid0x8P4VRhF1myo9kasWRtwhvzWE3n8yHojFSci3dTBSeKiusPJn4vPiTWyazbqTE2el';

// [comment id, parent (the comment replied to), depth, author id, name, created (ISO), profile URL]
const EXPECTED: [string, string | undefined, number, string, string, string, string | undefined][] = [
  ['1191007888725571', undefined, 0, 'InkLink888', 'Ulysses Salazar', '2024-05-04T22:12:35.000Z', 'https://www.facebook.com/InkLink888'],
  ['409202241946954', undefined, 0, 'pfbid02Q1aoxXvNDzErRjG9Gt4NAesSisRndT1LC6HdpU53zgFg1M2PcfUebKqmcV7WyT77l', 'David Ramírez', '2024-05-09T20:34:27.000Z', 'https://www.facebook.com/people/David-Ram%C3%ADrez/pfbid02Q1aoxXvNDzErRjG9Gt4NAesSisRndT1LC6HdpU53zgFg1M2PcfUebKqmcV7WyT77l/'],
  ['1492326688075381', undefined, 0, 'franciscocastillo88', 'Francisco Castillo', '2024-05-02T23:39:26.000Z', 'https://www.facebook.com/franciscocastillo88'],
  ['6987256561378568', undefined, 0, 'GDUTCH', 'Gustavo Dutschmann', '2024-05-05T17:35:10.000Z', 'https://www.facebook.com/GDUTCH'],
  ['430897333004171', undefined, 0, 'pfbid0mtVnEZ5vP7qMa9RHHaDVVzCFmnZjjZHapk7461KGHk47zoKMt7bENbCKZvbSHA9Xl', 'Joel Mejia', '2024-05-17T03:41:32.000Z', undefined],
  ['1379302439519430', undefined, 0, KENNETH, 'Kenneth Fernández', '2024-05-12T14:56:32.000Z', undefined],
  ['1365650658161545', '1379302439519430', 1, '61552588625676', 'Senpai Dan', '2024-05-12T15:47:33.000Z', 'https://www.facebook.com/profile.php?id=61552588625676'],
  ['792588279243607', '1365650658161545', 2, KENNETH, 'Kenneth Fernández', '2024-05-12T16:44:47.000Z', undefined],
  ['965302198590666', '792588279243607', 2, '61552588625676', 'Senpai Dan', '2024-05-12T16:45:45.000Z', 'https://www.facebook.com/profile.php?id=61552588625676'],
  ['326705646900146', '965302198590666', 2, KENNETH, 'Kenneth Fernández', '2024-05-12T16:50:40.000Z', undefined],
  ['1283613036378661', undefined, 0, 'pfbid0Uc4G32jX3AfDehHQtvYNxYeZ7epgQiM4W4r2dVx6yg88AJxToC2FuT2PUq9PRp6Al', 'Linver Sánchez', '2024-05-05T05:54:28.000Z', 'https://www.facebook.com/people/Linver-S%C3%A1nchez/pfbid0Uc4G32jX3AfDehHQtvYNxYeZ7epgQiM4W4r2dVx6yg88AJxToC2FuT2PUq9PRp6Al/'],
  ['2306763576329685', undefined, 0, 'pfbid0RcCG3cqQupNjR6eZPrigdFisSTKCkNAnbjpceNPj53x2P5xsbvbzibJhhANotZB7l', 'Yamil Castro', '2024-05-15T16:10:03.000Z', 'https://www.facebook.com/people/Yamil-Castro/pfbid0RcCG3cqQupNjR6eZPrigdFisSTKCkNAnbjpceNPj53x2P5xsbvbzibJhhANotZB7l/'],
  ['289621644219629', undefined, 0, '93OskrCrowley93', 'Oskr Crowley', '2024-05-16T20:38:29.000Z', 'https://www.facebook.com/93OskrCrowley93'],
  ['983740343101323', undefined, 0, 'abel.sorto.39', 'Abel Álvarez', '2024-05-16T23:16:17.000Z', 'https://www.facebook.com/abel.sorto.39'],
];

describe.skipIf(!hasShared(FILE))('Facebook desktop /api/graphql/ (real NintendoLatAm response)', () => {
  const text = readFileSync(sharedPath(FILE), 'utf8');
  const json = parseResponseBody(text);

  it('is one document; 14 comments with ids, parents, depth, authors, names and times', () => {
    expect(Array.isArray(json)).toBe(false);
    const { records, found, warning } = facebookAdapter.readJson(json, { url: '', seenAt });
    expect(found).toBe(14);
    expect(warning).toBeUndefined();
    expect(records.map((r) => [r.commentId, r.parentId, r.depth, r.author.id, r.author.displayName, r.publishedAt, r.author.profileUrl])).toEqual(EXPECTED);
    expect(records.filter((r) => r.depth === 0)).toHaveLength(10);
    expect(records.filter((r) => r.depth === 1)).toHaveLength(1);
    expect(records.filter((r) => r.depth === 2)).toHaveLength(3);
    expect(records.filter((r) => r.author.id.startsWith('pfbid'))).toHaveLength(7);
    for (const record of records) {
      expect(record).toMatchObject({ platform: 'facebook', threadId: POST, source: 'json', seenAt });
      // the largest of the pictures given (100 px; the author's own are 64 and 48 px)
      expect(record.author.avatarUrl).toMatch(/^https:\/\/z-p3-scontent\.fscl19-1\.fna\.fbcdn\.net\/v\/t(39\.30808|1\.30497)-1\/.+p100x100/);
    }
    // Yamil Castro shows Facebook's default silhouette (category t1.30497-1).
    expect(records.filter((r) => r.author.defaultAvatar).map((r) => r.author.displayName)).toEqual(['Yamil Castro']);
    expect(records[0]!.text).toMatch(/^Me alegra que estén haciendo eventos/);
    expect(records[1]!.text).toBe('👏');
    expect(records[7]!.text).toBe('Senpai Dan  mira quien te pregunto 🤡');
    expect(records[2]!.likes).toBe(5);
    expect(records[5]!.replies).toBe(4);
  });

  it('the thread is the page’s post whether the page names it by number or by pfbid, else the numeric post id', () => {
    const byPfbid = facebookAdapter.recordsFromJson(json, { url: `https://www.facebook.com/NintendoLatAm/posts/${POST_PFBID}`, seenAt });
    expect(byPfbid).toHaveLength(14);
    expect(byPfbid.every((r) => r.threadId === POST_PFBID)).toBe(true);
    const byNumber = facebookAdapter.recordsFromJson(json, { url: `https://www.facebook.com/NintendoLatAm/posts/${POST}`, seenAt });
    expect(byNumber.every((r) => r.threadId === POST)).toBe(true);
    // Another post's page: these comments keep their own post (capture then drops them as another thread's).
    const elsewhere = facebookAdapter.recordsFromJson(json, { url: 'https://www.facebook.com/NintendoLatAm/posts/123456789', seenAt });
    expect(elsewhere.every((r) => r.threadId === POST)).toBe(true);
  });

  it('reads the same records behind `for (;;);` and as the first of several streamed documents', () => {
    const expected = facebookAdapter.recordsFromJson(json, { url: '', seenAt });
    const line = text.trim();
    const deferred = JSON.stringify({ label: 'CometUFI$defer', path: ['feedback'], data: { viewer: null }, extensions: { is_final: true } });
    for (const body of [`for (;;);${line}`, `${line}\r\n${deferred}\r\n`, `for (;;);${line}\nfor (;;);${deferred}`]) {
      const parsed = parseResponseBody(body);
      expect(facebookAdapter.recordsFromJson(parsed, { url: '', seenAt })).toEqual(expected);
    }
    expect(Array.isArray(parseResponseBody(`${line}\n${deferred}`))).toBe(true);
  });

  it('comments split over two documents (replies streamed after their post) are all read', () => {
    const doc = JSON.parse(text.trim());
    const comments = doc.data.feedback.ufi_renderer.feedback.comment_list_renderer.feedback.comment_rendering_instance_for_feed_location.comments;
    const later = comments.edges.splice(5);
    const second = { data: { node: { __typename: 'Feedback', comments: { edges: later } } } };
    const body = `${JSON.stringify(doc)}\n${JSON.stringify(second)}\n`;
    const { records, found } = facebookAdapter.readJson(parseResponseBody(body), { url: '', seenAt });
    expect(found).toBe(14);
    expect(records.map((r) => r.commentId)).toEqual(EXPECTED.map((e) => e[0]));
  });

  it('Comment nodes of an unknown shape are reported, not silently dropped', () => {
    const doc = JSON.parse(text.trim());
    const top = doc.data.feedback.ufi_renderer.feedback.comment_list_renderer.feedback.comment_rendering_instance_for_feed_location.comments.edges;
    for (const edge of top) {
      delete edge.node.legacy_fbid;
      edge.node.id = 'opaque';
    }
    const { records, found, warning } = facebookAdapter.readJson(doc, { url: '', seenAt });
    expect(found).toBe(14);
    expect(records).toHaveLength(4);
    expect(warning).toBe('10 of 14 comments in the response could not be read');

    // The author moved under another key: still counted as comments, so still reported.
    const renamed = JSON.parse(text.trim());
    const edges = renamed.data.feedback.ufi_renderer.feedback.comment_list_renderer.feedback.comment_rendering_instance_for_feed_location.comments.edges;
    for (const edge of edges) {
      edge.node.commenter = edge.node.author;
      delete edge.node.author;
    }
    expect(facebookAdapter.readJson(renamed, { url: '', seenAt })).toMatchObject({ found: 14, warning: '10 of 14 comments in the response could not be read' });
  });

  it('a sticker-only comment (no text) is not a comment we failed to read', () => {
    const doc = JSON.parse(text.trim());
    const first = doc.data.feedback.ufi_renderer.feedback.comment_list_renderer.feedback.comment_rendering_instance_for_feed_location.comments.edges[0].node;
    first.body = null;
    first.preferred_body = null;
    first.body_renderer = null;
    const { records, found, warning } = facebookAdapter.readJson(doc, { url: '', seenAt });
    expect([records.length, found, warning]).toEqual([13, 13, undefined]);
  });

  it('the desktop page and its JSON describe the same comments and the same accounts', () => {
    // Comet markup (as in test/fixtures/facebook/desktop-post-comments.html) for three of the real comments.
    const post = `https://www.facebook.com/NintendoLatAm/posts/${POST_PFBID}`;
    const block = (profile: string, name: string, commentId: string, text: string, reply?: string) => {
      const query = reply ? `comment_id=${reply}&amp;reply_comment_id=${commentId}` : `comment_id=${commentId}`;
      return `<div role="article" aria-label="${reply ? 'Reply' : 'Comment'} by ${name}"><a href="${profile}${profile.includes('?') ? '&amp;' : '?'}${query}"><span>${name}</span></a>
        <div dir="auto">${text}</div><a href="${post}?${query}"><span>1w</span></a></div>`;
    };
    const html = `<html><body><div role="main">${[
      block('https://www.facebook.com/InkLink888', 'Ulysses Salazar', '1191007888725571', 'Me alegra'),
      block('https://www.facebook.com/people/David-Ram%C3%ADrez/pfbid02Q1aoxXvNDzErRjG9Gt4NAesSisRndT1LC6HdpU53zgFg1M2PcfUebKqmcV7WyT77l/', 'David Ramírez', '409202241946954', '👏'),
      block('https://www.facebook.com/93OskrCrowley93', 'Oskr Crowley', '289621644219629', 'Para que me ayuden'),
    ].join('')}</div></body></html>`;
    const ctx = { url: post, seenAt };
    const dom = facebookAdapter.recordsFromDocument(parseHTML(html).document, ctx).records;
    expect(dom.map((r) => [r.commentId, r.author.id, r.threadId])).toEqual([
      ['1191007888725571', 'InkLink888', POST_PFBID],
      ['409202241946954', 'pfbid02Q1aoxXvNDzErRjG9Gt4NAesSisRndT1LC6HdpU53zgFg1M2PcfUebKqmcV7WyT77l', POST_PFBID],
      ['289621644219629', '93OskrCrowley93', POST_PFBID],
    ]);
    const fromJson = facebookAdapter.recordsFromJson(json, ctx);
    const merged = mergeRecordSet([...dom, ...fromJson]);
    expect(merged).toHaveLength(14);
    expect(new Set(merged.map((r) => r.author.id))).toEqual(new Set(fromJson.map((r) => r.author.id)));
  });

  it('decodes Comet comment node ids', () => {
    expect(decodeCommentNodeId('Y29tbWVudDo0NjA4MDcyOTY1MDk3ODZfMTE5MTAwNzg4ODcyNTU3MQ==')).toEqual({ post: POST, comment: '1191007888725571' });
    expect(decodeCommentNodeId('not base64 %%')).toBeNull();
    expect(decodeCommentNodeId(btoa('feedback:1_2'))).toBeNull();
  });
});

describe('response bodies', () => {
  it('one pretty-printed document, prefixes, several documents, and a named error for a bad line', () => {
    expect(parseResponseBody('{\n  "a": 1\n}\n')).toEqual({ a: 1 });
    expect(parseResponseBody(")]}'\n{\"a\":1}")).toEqual({ a: 1 });
    expect(parseResponseBody('for (;;);{"a":1}')).toEqual({ a: 1 });
    expect(parseResponseBody('{"a":1}\n{"b":2}\n\n')).toEqual([{ a: 1 }, { b: 2 }]);
    expect(() => parseResponseBody('{"a":1}\n{"b":')).toThrow(/document 2 \(line 2\)/);
    expect(() => parseResponseBody('{"a":')).toThrow(SyntaxError);
  });
});
