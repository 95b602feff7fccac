/**
 * "Save a diagnostic": when a page holds comments we could not read, the unread piece (the JSON response
 * or the comment region's markup) is kept — ids and names included, since that is what the maintainers
 * need — so a journalist can save it as a file and send it to the maintainers. It is stored in the
 * extension's own storage and leaves the machine only as a file the user saves; nothing is sent anywhere.
 * Pure functions: the content script builds diagnostics, the background stores them, the popup saves them.
 */
import { MAX_DIAGNOSTIC_FRAGMENT } from '../core/messages.ts';
import type { Platform } from '../core/types.ts';

export { MAX_DIAGNOSTIC_FRAGMENT };
export const DIAGNOSTIC_FORMAT = 'amplifier-lens/diagnostic@1';

export interface Diagnostic {
  format: typeof DIAGNOSTIC_FORMAT;
  platform: Platform;
  threadId: string | null;
  pageUrl: string;
  createdAt: string;
  /** where the unread comments were: a JSON response or the page's markup */
  source: 'json' | 'dom';
  /** plain words: what could not be read */
  reason: string;
  /** the JSON (re-serialised) or HTML fragment */
  fragment: string;
  /** true when the fragment had to be shortened (long strings, long lists, or the end) to fit */
  clipped: boolean;
}

/** Keys whose values are module configuration or tracking, never comments (Facebook's `extensions`). */
const NOISE_KEYS = new Set(['extensions', 'trackingParams', 'clickTrackingParams', 'loggingDirectives', 'sr_payload']);

interface PruneLimits {
  maxString: number;
  maxArray: number;
  maxDepth: number;
}

function prune(value: unknown, limits: PruneLimits, depth: number, state: { clipped: boolean }): unknown {
  if (typeof value === 'string') {
    if (value.length <= limits.maxString) return value;
    state.clipped = true;
    return `${value.slice(0, limits.maxString)}…[${value.length - limits.maxString} more characters]`;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= limits.maxDepth) {
    state.clipped = true;
    return Array.isArray(value) ? ['…'] : { '…': 'deeper levels left out' };
  }
  if (Array.isArray(value)) {
    const kept = value.slice(0, limits.maxArray).map((item) => prune(item, limits, depth + 1, state));
    if (value.length > limits.maxArray) {
      state.clipped = true;
      kept.push(`…[${value.length - limits.maxArray} more items]`);
    }
    return kept;
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (NOISE_KEYS.has(key)) {
      state.clipped = true;
      continue;
    }
    out[key] = prune(child, limits, depth + 1, state);
  }
  return out;
}

/**
 * The JSON as text within `max` characters: tracking and module configuration left out, then long strings
 * and lists shortened step by step until it fits (cut at the end as a last resort).
 */
export function jsonFragment(json: unknown, max = MAX_DIAGNOSTIC_FRAGMENT): { fragment: string; clipped: boolean } {
  const steps: PruneLimits[] = [
    { maxString: 20_000, maxArray: 200, maxDepth: 80 },
    { maxString: 2_000, maxArray: 50, maxDepth: 60 },
    { maxString: 300, maxArray: 12, maxDepth: 40 },
    { maxString: 80, maxArray: 4, maxDepth: 30 },
  ];
  let last = '';
  for (const limits of steps) {
    const state = { clipped: false };
    last = JSON.stringify(prune(json, limits, 0, state)) ?? 'null';
    if (last.length <= max) return { fragment: last, clipped: state.clipped };
  }
  return { fragment: last.slice(0, max), clipped: true };
}

/** Where each platform's comment section lives, for the markup of a page whose layout was not recognised. */
const COMMENT_REGIONS: Record<Platform, string> = {
  youtube: 'ytd-comments, #comments, ytm-comment-section-renderer',
  x: '[data-testid="primaryColumn"], main[role="main"]',
  facebook: '[role="complementary"] [role="article"], [role="main"], #m_story_permalink_view, #root',
};

/** The comment region's markup (scripts, styles and inline SVG paths removed) within `max` characters. */
export function domFragment(doc: Document, platform: Platform, max = MAX_DIAGNOSTIC_FRAGMENT): { fragment: string; clipped: boolean } {
  const region = doc.querySelector(COMMENT_REGIONS[platform]) ?? doc.body ?? doc.documentElement;
  if (!region) return { fragment: '', clipped: false };
  const copy = region.cloneNode(true) as Element;
  for (const noise of Array.from(copy.querySelectorAll('script, style, noscript, link, path, template'))) noise.remove();
  const html = copy.outerHTML;
  return html.length <= max ? { fragment: html, clipped: false } : { fragment: html.slice(0, max), clipped: true };
}

/** File name for a saved diagnostic: platform and time, no page content. */
export function diagnosticFileName(diagnostic: Pick<Diagnostic, 'platform' | 'createdAt'>): string {
  const stamp = diagnostic.createdAt.replace(/[:.]/g, '-').replace(/[^0-9A-Za-z-]/g, '');
  return `amplifier-lens-diagnostic-${diagnostic.platform}-${stamp}.json`;
}
