/**
 * OverlayController in Node on a linkedom document: badges follow the verdicts (added, replaced, removed),
 * and a render costs one pass over the page's comments whatever the number of flagged comments: the DOM
 * queries it makes are counted (work, not time). The browser path is test/e2e/overlays.test.ts.
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it } from 'vitest';
import { OverlayController } from '../../../src/content/overlays.ts';
import { REPO_ROOT } from '../../helpers/shared.ts';

const VIDEO = 'dQw4w9WgXcQ';
const fixture = readFileSync(`${REPO_ROOT}/test/fixtures/youtube/watch-2024-comments.html`, 'utf8');
// One top-level comment thread of the fixture (real 2024 markup), repeated with its own id and author.
const TEMPLATE_ID = 'UgxSecondThreadBBBBB4AaABAg';
const template = (() => {
  const at = fixture.indexOf(TEMPLATE_ID);
  const start = fixture.lastIndexOf('<ytd-comment-thread-renderer', at);
  const end = fixture.indexOf('</ytd-comment-thread-renderer>', at) + '</ytd-comment-thread-renderer>'.length;
  return fixture.slice(start, end);
})();
const commentId = (i: number) => `UgxPage${String(i).padStart(8, '0')}4AaABAg`;

function pageWith(comments: number) {
  const blocks = Array.from({ length: comments }, (_, i) => template.replaceAll(TEMPLATE_ID, commentId(i)));
  return parseHTML(`<!doctype html><html><body><ytd-comments id="comments"><div id="contents">${blocks.join('')}</div></ytd-comments></body></html>`).document;
}

/** Counts the DOM queries made on a document: whole-page ones (on the document) and all. */
function countQueries(document: Document) {
  const counts = { page: 0, all: 0 };
  const restore: (() => void)[] = [];
  for (const owner of [Object.getPrototypeOf(document), Object.getPrototypeOf(document.createElement('div'))]) {
    let proto = owner;
    while (proto && !Object.prototype.hasOwnProperty.call(proto, 'querySelectorAll')) proto = Object.getPrototypeOf(proto);
    for (const name of ['querySelector', 'querySelectorAll'] as const) {
      const original = proto[name];
      if (original.__counted) continue;
      const counted = function (this: unknown, ...args: unknown[]) {
        counts.all++;
        if (this === document) counts.page++;
        return original.apply(this, args);
      };
      (counted as any).__counted = true;
      proto[name] = counted;
      restore.push(() => (proto[name] = original));
    }
  }
  return { counts, restore: () => restore.forEach((r) => r()) };
}

type Verdict = Parameters<OverlayController['setVerdicts']>[0][number];
const verdict = (accountId: string, level: Verdict['level'], commentIds: string[], detail = 'same wording as 9 other accounts'): Verdict => ({
  accountId,
  level,
  score: level === 'high' ? 0.9 : 0.6,
  reasons: [{ signal: 'copy-paste', weight: 0.5, detail }],
  commentIds,
});

const controllers: AbortController[] = [];
afterEach(() => controllers.splice(0).forEach((c) => c.abort()));

function overlaysOn(document: Document) {
  const controller = new AbortController();
  controllers.push(controller);
  const overlays = new OverlayController({ translate: (key) => key, document });
  overlays.reset(controller.signal);
  overlays.configure({ page: { platform: 'youtube', threadId: VIDEO, url: `https://www.youtube.com/watch?v=${VIDEO}` }, enabled: true, showLow: false });
  return { overlays, controller };
}

const badgedAuthors = (document: Document) => Array.from(document.querySelectorAll('amplifier-lens-badge')).map((host) => host.previousElementSibling?.textContent?.trim());

describe('OverlayController', () => {
  it('adds, replaces and removes badges as the verdicts change, one per visible comment on the page', () => {
    const document = pageWith(6);
    const { overlays, controller } = overlaysOn(document);
    overlays.setVerdicts([verdict('A', 'high', [commentId(0), commentId(1), 'UgxNotOnThisPage4AaABAg']), verdict('B', 'medium', [commentId(2)]), verdict('C', 'low', [commentId(3)])]);
    expect(overlays.count).toBe(3);
    expect(document.querySelectorAll('amplifier-lens-badge')).toHaveLength(3);
    const [first] = Array.from(document.querySelectorAll('amplifier-lens-badge'));

    // B dismissed (no longer sent), A's reasons changed: B's badge goes, A's two are new elements.
    overlays.setVerdicts([verdict('A', 'high', [commentId(0), commentId(1)], 'a new reason')]);
    expect(overlays.count).toBe(2);
    const hosts = Array.from(document.querySelectorAll('amplifier-lens-badge'));
    expect(hosts).toHaveLength(2);
    expect(hosts).not.toContain(first);
    expect(badgedAuthors(document)).toHaveLength(2);

    // The same verdicts again: nothing is rebuilt.
    overlays.setVerdicts([verdict('A', 'high', [commentId(0), commentId(1)], 'a new reason')]);
    expect(Array.from(document.querySelectorAll('amplifier-lens-badge'))).toEqual(hosts);

    overlays.setVerdicts([verdict('A', 'low', [commentId(0), commentId(1)])]);
    expect(document.querySelectorAll('amplifier-lens-badge')).toHaveLength(0);
    overlays.setVerdicts([verdict('A', 'medium', [commentId(4)])]);
    expect(document.querySelectorAll('amplifier-lens-badge')).toHaveLength(1);
    overlays.setEnabled(false);
    expect(document.querySelectorAll('amplifier-lens-badge')).toHaveLength(0);
    overlays.setEnabled(true);
    expect(document.querySelectorAll('amplifier-lens-badge')).toHaveLength(1);
    controller.abort();
    expect(document.querySelectorAll('amplifier-lens-badge')).toHaveLength(0);
  });

  it('puts a badge back when the page re-renders a comment', () => {
    const document = pageWith(3);
    const { overlays } = overlaysOn(document);
    overlays.setVerdicts([verdict('A', 'high', [commentId(1)])]);
    const thread = document.querySelectorAll('ytd-comment-thread-renderer')[1]!;
    thread.replaceWith(parseHTML(`<div>${template.replaceAll(TEMPLATE_ID, commentId(1))}</div>`).document.querySelector('ytd-comment-thread-renderer')!);
    expect(document.querySelectorAll('amplifier-lens-badge')).toHaveLength(0);
    overlays.setVerdicts([verdict('A', 'high', [commentId(1)])]);
    expect(document.querySelectorAll('amplifier-lens-badge')).toHaveLength(1);
  });

  it('asserts counts of work: one page search per render, DOM queries linear in the page and none per flagged comment off the page', () => {
    const renderQueries = (pageComments: number, offPage: number) => {
      const document = pageWith(pageComments);
      const { overlays } = overlaysOn(document);
      const onPage = Array.from({ length: pageComments / 2 }, (_, i) => commentId(i * 2));
      const elsewhere = Array.from({ length: offPage }, (_, i) => `UgxElsewhere${String(i).padStart(8, '0')}AaABAg`);
      const verdicts = [verdict('A', 'high', [...onPage.slice(0, 10), ...elsewhere]), verdict('B', 'medium', onPage.slice(10))];
      overlays.setVerdicts(verdicts);
      expect(overlays.count).toBe(onPage.length);
      // A later update of the same verdicts (the common case while comments stream in).
      const probe = countQueries(document);
      try {
        overlays.setVerdicts(structuredClone(verdicts));
      } finally {
        probe.restore();
      }
      expect(overlays.count).toBe(onPage.length);
      return probe.counts;
    };
    const small = renderQueries(40, 0);
    const manyOffPage = renderQueries(40, 4_000);
    const bigPage = renderQueries(400, 0);
    console.log(`[overlays] DOM queries per render: 40 comments ${small.all} (${small.page} of the whole page), 40 + 4,000 flagged off the page ${manyOffPage.all} (${manyOffPage.page}), 400 comments ${bigPage.all} (${bigPage.page})`);
    // One search of the whole page per render, whatever the number of flagged comments.
    expect(manyOffPage.page).toBe(1);
    expect(small.page).toBe(1);
    expect(bigPage.page).toBe(1);
    // Flagged comments not on the page cost no DOM work at all.
    expect(manyOffPage.all).toBe(small.all);
    // Ten times the page, ten times the queries (a constant number per comment block), not more.
    expect(bigPage.all).toBeLessThanOrEqual(10 * small.all + 1);
    expect(bigPage.all).toBeGreaterThan(0);
  });
});
