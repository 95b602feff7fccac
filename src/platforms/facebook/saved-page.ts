/**
 * m.facebook.com ships most of a post page inside `<code><!-- … --></code>` blocks that its own script
 * turns into DOM after load. A live page has already been inflated; a saved HTML file has not. This
 * string transform does the same for files read in Node (no script runs, nothing is fetched).
 *
 * A hand-written scan, not a regular expression: a lazy `<!--([\s\S]*?)-->` retried from every
 * `<code>` of a crafted page without closing comments costs the square of the page's length. Here each
 * character is looked at a bounded number of times.
 */
export function inflateFacebookHiddenMarkup(html: string): string {
  const nextGt = gtFinder(html);
  const out: string[] = [];
  let copied = 0;
  let from = 0;
  for (;;) {
    const open = findCodeOpen(html, from, nextGt);
    if (!open) break;
    const commentStart = skipSpace(html, open.end);
    if (!html.startsWith('<!--', commentStart)) {
      from = open.start + 5;
      continue;
    }
    const close = findCommentThenCodeClose(html, commentStart + 4);
    // No `-->` followed by `</code>` anywhere after here: no later block can be complete either.
    if (!close) break;
    out.push(html.slice(copied, open.start), `<code${html.slice(open.start + 5, open.end - 1)}>`, html.slice(commentStart + 4, close.commentEnd), '</code>');
    copied = close.end;
    from = close.end;
  }
  if (copied === 0) return html;
  out.push(html.slice(copied));
  return out.join('');
}

const SPACE = /\s/;
const isSpace = (code: number) => SPACE.test(String.fromCharCode(code));

function skipSpace(text: string, at: number): number {
  while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  return at;
}

/**
 * The first `>` at or after a position, remembering the last answer: in `<code <code <code …>` every
 * start has the same `>`, which must not be searched for again and again.
 */
function gtFinder(html: string): (from: number) => number {
  let known = { from: -1, at: -1 };
  return (from) => {
    if (known.from >= 0 && from >= known.from && (known.at < 0 || from <= known.at)) return known.at;
    known = { from, at: html.indexOf('>', from) };
    return known.at;
  };
}

/** `<code>` or `<code attrs>` at or after `from`: where it starts and where its `>` ends. */
function findCodeOpen(html: string, from: number, nextGt: (from: number) => number): { start: number; end: number } | null {
  for (let start = html.indexOf('<code', from); start >= 0; start = html.indexOf('<code', start + 5)) {
    const next = html.charCodeAt(start + 5);
    if (next === 62 /* > */) return { start, end: start + 6 };
    if (!isSpace(next)) continue;
    const gt = nextGt(start + 5);
    if (gt < 0) return null;
    return { start, end: gt + 1 };
  }
  return null;
}

/** The first `-->` (from `from`) followed by optional space and `</code>`. */
function findCommentThenCodeClose(html: string, from: number): { commentEnd: number; end: number } | null {
  for (let at = html.indexOf('-->', from); at >= 0; at = html.indexOf('-->', at + 1)) {
    const tag = skipSpace(html, at + 3);
    if (html.startsWith('</code>', tag)) return { commentEnd: at, end: tag + 7 };
  }
  return null;
}
