/**
 * Small DOM helpers shared by the adapters. They use only querySelector, attributes, childNodes and
 * textContent so the same code runs on a live page and on a linkedom document in Node.
 */

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SVG']);
/** Hard cap on nodes visited per text extraction, so hostile markup cannot make us spin. */
const MAX_TEXT_NODES = 20_000;

/**
 * The text a reader sees: text nodes, emoji images as their alt text, <br> as a newline.
 * Whitespace runs collapse to one space (newlines kept), the result is trimmed.
 */
export function readableText(element: Element | null | undefined): string {
  if (!element) return '';
  // Plain text (the common case) needs no walk.
  if (!element.querySelector('img, br, script, style, noscript, template, svg')) return normaliseSpace(element.textContent ?? '');
  const parts: string[] = [];
  let visited = 0;
  const stack: Node[] = [element];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (++visited > MAX_TEXT_NODES) break;
    if (node.nodeType === TEXT_NODE) {
      parts.push(node.textContent ?? '');
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const el = node as Element;
    const tag = el.tagName;
    if (SKIPPED_TAGS.has(tag)) continue;
    if (tag === 'BR') {
      parts.push('\n');
      continue;
    }
    if (tag === 'IMG') {
      parts.push(el.getAttribute('alt') ?? '');
      continue;
    }
    const children = el.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return normaliseSpace(parts.join(''));
}

export function normaliseSpace(text: string): string {
  return text
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Every element matching selector under root, plus root itself when it matches. */
export function queryAllIncludingSelf(root: ParentNode, selector: string): Element[] {
  const found: Element[] = [];
  const asElement = root as Partial<Element>;
  if (typeof asElement.matches === 'function' && asElement.matches.call(root, selector)) found.push(root as Element);
  for (const el of Array.from(root.querySelectorAll(selector))) found.push(el);
  return found;
}

/**
 * Descendants of container matching selector whose nearest `boundary` ancestor is container itself —
 * i.e. not inside a nested comment block (replies nested in their parent's markup).
 */
export function ownQueryAll(container: Element, selector: string, boundary: string): Element[] {
  return Array.from(container.querySelectorAll(selector)).filter((el) => nearestAncestor(el, boundary) === container);
}

export function ownQuery(container: Element, selector: string, boundary: string): Element | null {
  // Fast path: the first match is almost always the container's own (nested blocks come later).
  const first = container.querySelector(selector);
  if (!first || nearestAncestor(first, boundary) === container) return first;
  for (const el of Array.from(container.querySelectorAll(selector))) {
    if (nearestAncestor(el, boundary) === container) return el;
  }
  return null;
}

function nearestAncestor(el: Element, selector: string): Element | null {
  const parent = el.parentElement;
  return parent ? parent.closest(selector) : null;
}

/** A query parameter of a possibly relative href; null when absent or unparsable. */
export function searchParam(href: string | null | undefined, name: string, base = 'https://example.invalid/'): string | null {
  if (!href) return null;
  try {
    return new URL(href, base).searchParams.get(name);
  } catch {
    return null;
  }
}

export function pathnameOf(href: string | null | undefined, base = 'https://example.invalid/'): string | null {
  if (!href) return null;
  try {
    return new URL(href, base).pathname;
  } catch {
    return null;
  }
}

const MAX_COUNT_CHARS = 40;
/** Longer inline styles are not an avatar's; the cap keeps the lazy url(…) match linear on crafted pages. */
const MAX_STYLE_CHARS = 8_192;

/**
 * Reads a displayed count: "490", "1.2K", "9.8k", "19.924" (de thousands dot), "1,234", "2,5 Mio.",
 * "1.2M", "" (= absent). Returns undefined when no number is present.
 */
export function parseCount(raw: string | null | undefined): number | undefined {
  if (raw == null) return undefined;
  const text = raw.replace(/[\u00a0\u202f\u2009']/g, ' ').trim();
  const match = /(\d[\d.,\s]*)\s*([kKmMbB]|Tsd\.?|Mio\.?|Mrd\.?|mil|tys\.|млн|тыс\.?|万|億)?/.exec(text);
  if (!match) return undefined;
  // No displayed count is this long; the cap keeps the separator lookahead below linear on crafted labels.
  let digits = match[1]!.slice(0, MAX_COUNT_CHARS).replace(/\s+/g, ' ').trim().replace(/ (?=\d{3}\b)/g, '');
  const suffix = match[2];
  const multiplier = suffixMultiplier(suffix);
  if (multiplier === 1) {
    // No magnitude suffix: separators followed by exactly three digits group thousands.
    if (/^\d{1,3}([.,]\d{3})+$/.test(digits)) digits = digits.replace(/[.,]/g, '');
    else digits = digits.replace(',', '.');
  } else {
    // With a suffix the separator is a decimal mark ("1.2K", "2,5 Mio.").
    digits = digits.replace(/[.,](?=\d{3}\b.*[.,])/g, '').replace(',', '.');
  }
  const value = Number.parseFloat(digits);
  if (!Number.isFinite(value)) return undefined;
  return Math.round(value * multiplier);
}

function suffixMultiplier(suffix: string | undefined): number {
  if (!suffix) return 1;
  const s = suffix.toLowerCase().replace(/\.$/, '');
  if (s === 'k' || s === 'tsd' || s === 'tys' || s === 'тыс' || s === 'mil') return 1_000;
  if (s === '万') return 10_000;
  if (s === 'm' || s === 'mio' || s === 'млн') return 1_000_000;
  if (s === '億') return 100_000_000;
  if (s === 'b' || s === 'mrd') return 1_000_000_000;
  return 1;
}

/** Leading integer of an accessibility label such as "553 Likes. Like" or "1,234 replies". */
export function leadingInteger(label: string | null | undefined): number | undefined {
  if (!label) return undefined;
  const match = /^\s*(\d[\d,.\u00a0\u202f ]*)/.exec(label);
  if (!match) return undefined;
  const value = Number.parseInt(match[1]!.replace(/[^\d]/g, ''), 10);
  return Number.isFinite(value) ? value : undefined;
}

/** Decodes CSS escapes (`\3a ` → ":") as found in inline styles; also tolerates doubled backslashes. */
export function decodeCssEscapes(value: string): string {
  return value.replace(/\\+([0-9a-fA-F]{1,6}) ?|\\+(.)/g, (_all, hex: string | undefined, literal: string | undefined) => {
    if (hex !== undefined) {
      const code = Number.parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return literal ?? '';
  });
}

/** First url(...) in a CSS declaration string, unescaped. */
export function cssUrl(style: string | null | undefined): string | null {
  if (!style) return null;
  const match = /url\(\s*(['"]?)(.*?)\1\s*\)/.exec(style.slice(0, MAX_STYLE_CHARS));
  if (!match || !match[2]) return null;
  return decodeCssEscapes(match[2]).trim();
}
