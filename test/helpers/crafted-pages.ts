/**
 * Saved pages crafted against the page-recognition code's regular expressions (each about 396 KB): the
 * shapes that make a backtracking expression retry from every start to the end of the page. Shared by
 * test/unit/cli/hostile-pages.test.ts (results) and bench/hostile-pages.bench.ts (time).
 */
const SIZE = 396 * 1024;

function fill(prefix: string, unit: string, suffix: string): string {
  return prefix + unit.repeat(Math.floor((SIZE - prefix.length - suffix.length) / unit.length)) + suffix;
}

export const CRAFTED_PAGES: { name: string; html: string; reason: string }[] = [
  {
    // `<link[^>]+href="https://www.youtube.com/` from every `<link` to the one `>` at the end.
    name: '<link without > (YouTube/X link test)',
    html: fill('<!doctype html><html><head>', '<link a', '</head></html>'),
    reason: 'HTML, but not a YouTube, X or Facebook page',
  },
  {
    // `<code…><!--([\s\S]*?)-->\s*</code>` from every `<code><!--` to the end.
    name: '<code><!-- never closed (Facebook inflation)',
    html: fill('<!doctype html><html><head><link rel="canonical" href="https://m.facebook.com/story.php"></head><body>', '<code><!--', '</body></html>'),
    reason: 'Facebook page, but no comment layout recognised in it',
  },
  {
    name: '<code><!-- --> not followed by </code> (Facebook inflation)',
    html: fill('<!doctype html><html><head><link rel="canonical" href="https://m.facebook.com/story.php"></head><body>', '<code><!-- x -->', '</body></html>'),
    reason: 'Facebook page, but no comment layout recognised in it',
  },
  {
    name: '<code <code … (Facebook inflation attributes)',
    html: fill('<!doctype html><html><head><link rel="canonical" href="https://m.facebook.com/story.php"></head><body>', '<code ', '></body></html>'),
    reason: 'Facebook page, but no comment layout recognised in it',
  },
];
