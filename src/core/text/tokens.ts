/**
 * Language-independent tokens that survive translation: links, hashtags, mentions, long numbers and
 * emoji sequences. A copy of a comment in another language usually keeps them.
 */

import { scaledNumber, valueDigits } from './numbers.ts';

export type TokenKind = 'link' | 'hashtag' | 'mention' | 'number' | 'emoji';
export interface TextToken {
  kind: TokenKind;
  /** normalised value, e.g. 'link:example.com/path', 'hashtag:truth', 'number:800000000' */
  key: string;
  /** a number with a scale word, as written ("8亿", "800 million"): its key holds the value */
  written?: string;
  /** the digits of such a number ("800" of "800 million"): the key of its value, so it counts once */
  of?: string;
}

const LINK = /\bhttps?:\/\/[^\s<>"']+|\bwww\.[^\s<>"']+|\b[a-z0-9-]+\.(?:com|org|net|cn|io|ly|co|me|info|tv|news|gl)\/[^\s<>"']*/giu;
const HASHTAG = /(?:^|[^\p{L}\p{N}_&])[#＃]([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;
const MENTION = /(?:^|[^\p{L}\p{N}_.])[@＠]([\p{L}\p{N}_.-]{2,})/gu;
const NUMBER = /\d[\d,.\s]*\d|\d/gu;
const EMOJI_RUN = /(?:\p{Extended_Pictographic}[\uFE0F\u200D\u{1F3FB}-\u{1F3FF}]*){2,}/gu;
const EMOJI = /\p{Extended_Pictographic}/gu;

function normaliseLink(raw: string): string {
  const trimmed = raw.replace(/[),.!?;:。，！？]+$/u, '');
  const noScheme = trimmed.replace(/^https?:\/\//i, '').replace(/^www\./i, '');
  const [hostAndPath] = noScheme.split('#');
  return hostAndPath.replace(/\/$/, '').toLowerCase();
}

function add(out: Map<string, TextToken>, kind: TokenKind, value: string): void {
  const key = `${kind}:${value}`;
  if (!out.has(key)) out.set(key, { kind, key });
}

/** Extracts distinctive tokens. Years and short numbers are left out because they are common. */
const NO_TOKENS: TextToken[] = [];
Object.freeze(NO_TOKENS);

export function extractTokens(text: string): TextToken[] {
  // Fast exit for the common case: no link, tag, mention, digit or non-ASCII character.
  if (!/[.#＃@＠\d]|[^\x00-\x7f]/.test(text)) return NO_TOKENS;
  const out = new Map<string, TextToken>();
  const withoutLinks = !text.includes('.') ? text : text.replace(LINK, (m) => {
    add(out, 'link', normaliseLink(m));
    return ' ';
  });
  const hasHash = /[#＃]/.test(withoutLinks);
  const hasAt = /[@＠]/.test(withoutLinks);
  if (hasHash) for (const m of withoutLinks.matchAll(HASHTAG)) add(out, 'hashtag', m[1].normalize('NFKC').toLowerCase());
  if (hasAt) for (const m of withoutLinks.matchAll(MENTION)) add(out, 'mention', m[1].toLowerCase().replace(/\.$/, ''));
  let withoutTags = withoutLinks;
  if (hasHash) withoutTags = withoutTags.replace(HASHTAG, ' ');
  if (hasAt) withoutTags = withoutTags.replace(MENTION, ' ');
  if (/\d/.test(withoutTags)) for (const m of withoutTags.matchAll(NUMBER)) {
    // "800 million", "800 milyon" and "8亿" are one value; a bare "800" keeps its digits.
    const scaled = scaledNumber(m[0].trim(), withoutTags.slice(m.index + m[0].trimEnd().length));
    const value = scaled && scaled.value >= 1000 ? valueDigits(scaled.value) : undefined;
    if (scaled && value) {
      const key = `number:${value}`;
      if (!out.has(key)) out.set(key, { kind: 'number', key, written: `${m[0].trim()}${scaled.written.replace(/\s+/g, ' ')}` });
    }
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < 3) continue;
    if (digits.length === 4 && /^(19|20)\d\d$/.test(digits)) continue;
    // The digits alone too, so that "800 million" still meets a bare "800" (a dropped scale word).
    if (scaled && value) {
      if (!out.has(`number:${digits}`)) out.set(`number:${digits}`, { kind: 'number', key: `number:${digits}`, of: `number:${value}` });
    } else add(out, 'number', digits);
  }
  if (/[^\x00-\x7f]/.test(text)) for (const m of text.normalize('NFC').matchAll(EMOJI_RUN)) {
    const emojis = [...m[0].matchAll(EMOJI)].map((e) => e[0]);
    // A run of one repeated emoji (😂😂😂) is everyone's; only mixed sequences are distinctive.
    if (new Set(emojis).size < 2) continue;
    add(out, 'emoji', emojis.join(''));
  }
  return [...out.values()];
}
