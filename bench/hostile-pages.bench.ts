/**
 * Page recognition on crafted saved pages (~396 KB each, test/helpers/crafted-pages.ts): time of the
 * whole `parseCaseText` (detection, Facebook inflation, linkedom parse, extraction). The regular
 * expressions these pages were crafted against took up to a minute on them.
 */
import { performance } from 'node:perf_hooks';
import { parseCaseText } from '../src/cli/read-case.ts';
import { CRAFTED_PAGES } from '../test/helpers/crafted-pages.ts';

export async function rows() {
  return CRAFTED_PAGES.map((page) => {
    const started = performance.now();
    const result = parseCaseText('crafted.html', page.html, '2026-11-30T00:00:00.000Z');
    const ms = performance.now() - started;
    return { name: `crafted page: ${page.name}`, value: `${ms.toFixed(0)} ms`, note: `${Math.round(page.html.length / 1024)} KB → ${'reason' in result ? result.reason : result.kind}` };
  });
}
