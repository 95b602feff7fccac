/**
 * Page recognition in linear time: crafted saved pages get their answer (no bound on time is asserted
 * here; `npm run bench` prints the figures), and the hand-written Facebook inflation gives the same
 * result as the regular expression it replaced.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linkTagHrefStarts, parseCaseText } from '../../../src/cli/read-case.ts';
import { inflateFacebookHiddenMarkup } from '../../../src/platforms/facebook/saved-page.ts';
import { cssUrl, parseCount } from '../../../src/platforms/dom-util.ts';
import { CRAFTED_PAGES } from '../../helpers/crafted-pages.ts';

const regexInflate = (html: string) => html.replace(/<code(\s[^>]*)?>\s*<!--([\s\S]*?)-->\s*<\/code>/g, (_all, attrs: string | undefined, inner: string) => `<code${attrs ?? ''}>${inner}</code>`);

describe('crafted saved pages', () => {
  for (const page of CRAFTED_PAGES) {
    it(`${page.name}: answered with the reason`, () => {
      expect(page.html.length).toBeGreaterThan(390 * 1024);
      expect(parseCaseText('crafted.html', page.html, '2026-11-30T00:00:00.000Z')).toEqual({ file: 'crafted.html', reason: page.reason });
    });
  }

  it('count and CSS inputs the size of a page are read as before from their start', () => {
    expect(parseCount(`1.234.567${'.000'.repeat(50_000)}K`)).toBeTypeOf('number');
    expect(parseCount('1.2K')).toBe(1200);
    expect(parseCount('2,5 Mio.')).toBe(2_500_000);
    expect(cssUrl(`background-image: url("https://yt3.ggpht.com/a=s88"); ${'url('.repeat(100_000)}`)).toBe('https://yt3.ggpht.com/a=s88');
    expect(cssUrl('url('.repeat(100_000))).toBeNull();
  });
});

describe('linkTagHrefStarts', () => {
  it('finds the href in a link tag, not outside one', () => {
    expect(linkTagHrefStarts('<head><link rel="canonical" href="https://www.youtube.com/watch?v=x"></head>', ['https://www.youtube.com/'])).toBe(true);
    expect(linkTagHrefStarts('<a href="https://www.youtube.com/">', ['https://www.youtube.com/'])).toBe(false);
    expect(linkTagHrefStarts('<link rel="x"><p href="https://x.com/">', ['https://x.com/'])).toBe(false);
    expect(linkTagHrefStarts('<link rel="x"><link href="https://twitter.com/a">', ['https://x.com/', 'https://twitter.com/'])).toBe(true);
    expect(linkTagHrefStarts('<link href="https://x.com/', ['https://x.com/'])).toBe(false);
  });
});

describe('inflateFacebookHiddenMarkup', () => {
  it('inflates hidden blocks as the regular expression did', () => {
    const html = '<div><code class="a"> <!-- <div data-sigil="comment">hi</div> --> </code><code><!--x--></code><code>plain</code><code><!-- open';
    expect(inflateFacebookHiddenMarkup(html)).toBe(regexInflate(html));
    expect(inflateFacebookHiddenMarkup(html)).toContain('<code class="a"> <div data-sigil="comment">hi</div> </code>');
  });

  it('agrees with the regular expression on any mix of its pieces', () => {
    const piece = fc.constantFrom('<code>', '<code a="1">', '<code ', '<codex>', '<!--', '-->', '</code>', ' ', '\n', 'x', '>', '<');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const html = pieces.join('');
        expect(inflateFacebookHiddenMarkup(html)).toBe(regexInflate(html));
      }),
      { numRuns: 3000 },
    );
  });
});
