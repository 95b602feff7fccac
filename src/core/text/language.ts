/**
 * Language detection wrapper. Uses eld (Efficient Language Detector, the 'extrasmall' n-gram set:
 * about 280 KB gzipped, built for short texts, no dependencies) so that the same code runs in the
 * extension background and in Node. The platform's own guess (X gives `lang`) wins when present.
 */
import { eld } from 'eld/extrasmall';
import { dominantScript } from './script.ts';

export interface DetectedLanguage {
  /** ISO 639-1 code, or undefined when the text is too short or ambiguous */
  lang?: string;
  reliable: boolean;
  source: 'platform' | 'detector' | 'script' | 'none';
}

const SCRIPT_LANG: Record<string, string> = { Han: 'zh', Kana: 'ja', Hangul: 'ko', Hebrew: 'he', Greek: 'el', Thai: 'th' };
const STRIP = /https?:\/\/\S+|www\.\S+|[#@][\p{L}\p{N}_.]+|\p{N}+/gu;
// X uses these codes for "no language" (emoji only, links only, ...).
const NON_LANGUAGE = new Set(['und', 'zxx', 'qme', 'qam', 'qct', 'qht', 'qst', 'art']);

/** Detects the language of one comment. `platformLang` is the platform's guess, if any. */
export function detectLanguage(text: string, platformLang?: string): DetectedLanguage {
  if (platformLang && !NON_LANGUAGE.has(platformLang)) {
    return { lang: platformLang.toLowerCase().split('-')[0], reliable: true, source: 'platform' };
  }
  const words = text.replace(STRIP, ' ').trim();
  const script = dominantScript(words, 2);
  // Scripts that (almost) belong to one language are decided without the model.
  if (script && SCRIPT_LANG[script]) return { lang: SCRIPT_LANG[script], reliable: true, source: 'script' };
  if (words.replace(/\s+/g, '').length < 8) return { reliable: false, source: 'none' };
  const result = eld.detect(words);
  if (!result.language) return { reliable: false, source: 'none' };
  return { lang: result.language, reliable: result.isReliable(), source: 'detector' };
}
