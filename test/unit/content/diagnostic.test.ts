/**
 * "Save a diagnostic": the fragment kept when a page holds comments that could not be read (ids and names
 * kept, noise dropped, size capped), and capture reporting it — from a Facebook GraphQL response of an
 * unknown shape and from an unrecognised comment layout — while a readable response reports nothing.
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it } from 'vitest';
import { LAYOUT_NOT_RECOGNISED, startCapture, type UnreadReport } from '../../../src/content/capture.ts';
import { detectPage } from '../../../src/platforms/index.ts';
import { diagnosticFileName, domFragment, jsonFragment, MAX_DIAGNOSTIC_FRAGMENT } from '../../../src/platforms/diagnostic.ts';
import { hasShared, sharedPath } from '../../helpers/shared.ts';
import { fakeWindow } from '../../helpers/fake-window.ts';

const FB = 'fixtures/pages/facebook/fb_graphql_post_comments_replies_NintendoLatAm_460807296509786_2024-05.ndjson';
const POST_URL = 'https://www.facebook.com/NintendoLatAm/posts/pfbid04HiaVn5z57Uvx43Uj7stjhSo4LCAuUdMt5wyMkpBhncFEggzoWAfBKvvKGUshM53l';
const ENDPOINT = 'https://www.facebook.com/api/graphql/';

const controllers: AbortController[] = [];
afterEach(() => controllers.splice(0).forEach((c) => c.abort()));
const settle = (ms = 80) => new Promise((resolve) => setTimeout(resolve, ms));

function capture(html: string, url: string, settleMs = 60_000) {
  const { win, post, pageJson } = fakeWindow(html, url);
  const reports: UnreadReport[] = [];
  const records: unknown[] = [];
  const controller = new AbortController();
  controllers.push(controller);
  startCapture(detectPage(url)!, controller.signal, { records: (r) => records.push(...r), status: () => undefined, unread: (r) => reports.push(r) }, { window: win, settleMs, pageJson });
  return { post, reports, records };
}

describe.skipIf(!hasShared(FB))('diagnostic fragments', () => {
  const text = readFileSync(sharedPath(FB), 'utf8');

  it('a 1.1 MB GraphQL response fits the cap with every comment id and name kept and the module config left out', () => {
    expect(text.length).toBeGreaterThan(MAX_DIAGNOSTIC_FRAGMENT);
    const { fragment, clipped } = jsonFragment(JSON.parse(text));
    expect(clipped).toBe(true);
    expect(fragment.length).toBeLessThanOrEqual(MAX_DIAGNOSTIC_FRAGMENT);
    const kept = JSON.parse(fragment);
    expect(kept.extensions).toBeUndefined();
    for (const id of ['1191007888725571', '326705646900146', '289621644219629']) expect(fragment).toContain(`"legacy_fbid":"${id}"`);
    for (const name of ['Ulysses Salazar', 'Senpai Dan', 'Abel Álvarez']) expect(fragment).toContain(name);
  });

  it('small JSON is kept whole; DOM fragments drop scripts; file names carry no page content', () => {
    expect(jsonFragment({ a: [1, 2], b: 'x' })).toEqual({ fragment: '{"a":[1,2],"b":"x"}', clipped: false });
    const { document } = parseHTML('<html><body><div role="main"><script>secret()</script><div role="article">Kenneth</div></div></body></html>');
    const dom = domFragment(document, 'facebook');
    expect(dom).toEqual({ fragment: '<div role="main"><div role="article">Kenneth</div></div>', clipped: false });
    expect(domFragment(document, 'facebook', 20)).toEqual({ fragment: '<div role="main"><di', clipped: true });
    expect(diagnosticFileName({ platform: 'facebook', createdAt: '2026-11-30T08:00:00.000Z' })).toBe('amplifier-lens-diagnostic-facebook-2026-11-30T08-00-00-000Z.json');
  });
});

describe.skipIf(!hasShared(FB))('capture reports comments it could not read', () => {
  const text = readFileSync(sharedPath(FB), 'utf8');

  it('a readable Facebook GraphQL response: 14 records, no report', async () => {
    const { post, reports, records } = capture('<html><body></body></html>', POST_URL);
    post({ kind: 'facebook-graphql', url: ENDPOINT, text: `for (;;);${text}` });
    await settle();
    expect(records).toHaveLength(14);
    expect(reports).toEqual([]);
  });

  it('Comment nodes of an unknown shape: one JSON report naming how many, with the fragment', async () => {
    const doc = JSON.parse(text);
    // A future shape: the comment ids moved where the reader does not look.
    const strip = (value: any): void => {
      if (Array.isArray(value)) value.forEach(strip);
      else if (value && typeof value === 'object') {
        if (value.__typename === 'Comment' && value.author) {
          value.fbid_v2 = value.legacy_fbid;
          delete value.legacy_fbid;
          value.id = 'opaque';
        }
        Object.values(value).forEach(strip);
      }
    };
    strip(doc);
    const { post, reports, records } = capture('<html><body></body></html>', POST_URL);
    const body = JSON.stringify(doc);
    post({ kind: 'facebook-graphql', url: ENDPOINT, text: body });
    post({ kind: 'facebook-graphql', url: ENDPOINT, text: body });
    await settle();
    expect(records).toEqual([]);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ source: 'json', reason: '14 comments in the response, none could be read', clipped: true });
    expect(reports[0]!.fragment).toContain('"fbid_v2":"1191007888725571"');
    expect(reports[0]!.fragment).toContain('Kenneth Fernández');
  });

  it('an unrecognised comment layout: one DOM report with the comment region', async () => {
    const { reports } = capture('<html><body><div role="main"><div class="x1">Kenneth Fernández: Mejor chambea</div></div></body></html>', POST_URL, 30);
    await settle(120);
    expect(reports).toEqual([{ source: 'dom', reason: LAYOUT_NOT_RECOGNISED, fragment: '<div role="main"><div class="x1">Kenneth Fernández: Mejor chambea</div></div>', clipped: false }]);
  });
});
