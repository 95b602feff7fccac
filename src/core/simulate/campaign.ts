/**
 * Simulated amplifier campaigns injected into a real thread, for evaluation and for the demo.
 *
 * Parameters follow the published descriptions of Spamouflage (Graphika 2019–2023; Meta and Google
 * TAG take-down reports): a few to a few dozen amplifier accounts; template comments copied with
 * small edits; copies translated into other languages (Chinese, English, Turkish) that keep the
 * campaign's hashtag or link; comments arriving in bursts of minutes to hours; a share of accounts
 * with AI-generated faces; name+digits handles; freshly created accounts where the platform shows
 * age; hijacked accounts with Western names posting in Chinese. Every trait is drawn per account
 * with its own probability, so members do not all share every trait, and a share of comments are
 * free text that no duplicate detector can tie to the rest.
 */
import { SHIPPED_AVATAR_THRESHOLDS } from '../signals/avatar.ts';
import type { AvatarScore, CommentRecord, Platform } from '../types.ts';
import { createRng, type Rng } from './rng.ts';
import {
  CAMPAIGN_TEMPLATES,
  CHINESE_NAMES,
  EDIT_SYNONYMS,
  FILLERS,
  FREE_COMMENTS,
  PINYIN_NAMES,
  TURKISH_NAMES,
  WESTERN_FIRST,
  WESTERN_LAST,
  type TemplateLanguage,
} from './templates.ts';

export interface CampaignParams {
  seed: number;
  /** amplifier accounts */
  size: number;
  /** comments per account: 1 + Poisson-ish extra up to this many */
  maxCommentsPerAccount: number;
  /** distinct templates the campaign uses */
  templates: number;
  /** per-word probability of an edit (synonym, dropped word, filler) in a template copy */
  editRate: number;
  /** share of comments that are free text, not a template copy */
  freeTextShare: number;
  /** share of template copies posted in another language than the campaign's main one */
  otherLanguageShare: number;
  /** main language of the campaign */
  mainLanguage: TemplateLanguage;
  /** width of the burst in minutes (comments are spread uniformly over it) */
  burstMinutes: number;
  /** share of template copies that keep the campaign's hashtag or link */
  tokenShare: number;
  /** share of accounts with an AI-generated face */
  aiAvatarShare: number;
  /** share of accounts sharing one reused picture with another member */
  reusedPictureShare: number;
  /** share of accounts with a name+digits handle */
  nameDigitHandleShare: number;
  /** share of accounts created shortly before the campaign (visible on X only) */
  freshAccountShare: number;
  /** share of accounts with a Western display name that post in Chinese (hijacked look) */
  hijackedShare: number;
  /** share of comments posted as replies to an existing comment */
  replyShare: number;
}

export const DEFAULT_CAMPAIGN: CampaignParams = {
  seed: 1,
  size: 12,
  maxCommentsPerAccount: 2,
  templates: 2,
  editRate: 0.15,
  freeTextShare: 0.15,
  otherLanguageShare: 0.25,
  mainLanguage: 'en',
  burstMinutes: 45,
  tokenShare: 0.6,
  aiAvatarShare: 0.5,
  reusedPictureShare: 0.1,
  nameDigitHandleShare: 0.5,
  freshAccountShare: 0.5,
  hijackedShare: 0.2,
  replyShare: 0.2,
};

export interface InjectedCampaign {
  /** the thread's records followed by the simulated ones */
  records: CommentRecord[];
  simulated: CommentRecord[];
  /** account keys (`platform:accountId`) of the simulated accounts: ground truth */
  simulatedAccountKeys: Set<string>;
  /** what the avatar module would report for the simulated accounts, keyed by account key */
  avatarScores: Map<string, AvatarScore>;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const randomChars = (rng: Rng, n: number, alphabet = B64) => Array.from({ length: n }, () => alphabet[rng.int(0, alphabet.length - 1)]).join('');
const digits = (rng: Rng, n: number) => String(rng.int(1, 9)) + randomChars(rng, n - 1, '0123456789');

function accountId(platform: Platform, rng: Rng): string {
  if (platform === 'youtube') return `UC${randomChars(rng, 22)}`;
  if (platform === 'x') return `17${digits(rng, 17)}`;
  return `1000${digits(rng, 11)}`;
}

function commentId(platform: Platform, rng: Rng, parentId?: string): string {
  if (platform === 'youtube') return parentId ? `${parentId}.${randomChars(rng, 22)}` : `Ugz${randomChars(rng, 23)}`;
  if (platform === 'x') return `18${digits(rng, 17)}`;
  return `${digits(rng, 16)}`;
}

/** Edits a template copy: synonyms, dropped or repeated words, fillers, punctuation. */
export function editText(text: string, lang: TemplateLanguage, rate: number, rng: Rng): string {
  if (rate <= 0) return text;
  if (lang === 'zh') {
    const chars = Array.from(text);
    const out: string[] = [];
    for (const ch of chars) {
      if (/[{}a-z]/i.test(ch) || !rng.chance(rate * 0.5)) {
        out.push(ch);
        continue;
      }
      const r = rng.next();
      if (r < 0.4) continue; // drop a character
      out.push(ch);
      out.push(rng.pick(FILLERS.zh));
    }
    return out.join('');
  }
  const words = text.split(' ');
  const out: string[] = [];
  for (const w of words) {
    if (w.startsWith('{') || !rng.chance(rate)) {
      out.push(w);
      continue;
    }
    const bare = w.toLowerCase().replace(/[^\p{L}]/gu, '');
    const syn = EDIT_SYNONYMS[lang][bare];
    const r = rng.next();
    if (syn && r < 0.6) out.push(rng.pick(syn));
    else if (r < 0.75) continue;
    else if (r < 0.9) out.push(w, rng.pick(FILLERS[lang]));
    else out.push(w.toUpperCase());
  }
  let result = out.join(' ');
  if (rng.chance(rate)) result = rng.chance(0.5) ? result.toLowerCase() : `${rng.pick(FILLERS[lang])} ${result}`;
  return result;
}

function relativeText(ageMs: number, german: boolean): string {
  const minutes = Math.max(1, Math.round(ageMs / 60_000));
  const hours = Math.floor(ageMs / 3_600_000);
  const days = Math.floor(ageMs / 86_400_000);
  if (german) {
    if (minutes < 60) return `vor ${minutes} Minute${minutes === 1 ? '' : 'n'}`;
    if (hours < 24) return `vor ${hours} Stunde${hours === 1 ? '' : 'n'}`;
    return `vor ${days} Tag${days === 1 ? '' : 'en'}`;
  }
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  if (hours < 24) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

function displayNameFor(rng: Rng, hijacked: boolean, lang: TemplateLanguage): { name: string; first: string; last: string } {
  const first = rng.pick(WESTERN_FIRST);
  const last = rng.pick(WESTERN_LAST);
  if (hijacked || lang === 'en' || rng.chance(0.4)) return { name: `${first} ${last}`, first, last };
  if (lang === 'tr') {
    const n = rng.pick(TURKISH_NAMES);
    const [f, l] = n.split(' ');
    return { name: n, first: f, last: l };
  }
  if (rng.chance(0.5)) return { name: rng.pick(CHINESE_NAMES), first, last };
  const n = rng.pick(PINYIN_NAMES);
  const [f, l] = n.split(' ');
  return { name: n, first: f, last: l };
}

function plainHandle(rng: Rng, first: string, last: string): string {
  const clean = (s: string) => s.normalize('NFD').replace(/[^\p{L}]/gu, '').replace(/[^a-zA-Z]/g, '');
  const f = clean(first) || 'anna';
  const l = clean(last) || 'lee';
  return rng.pick([`${f}${l}`, `${f}.${l}`, `${f}_${l}`, `${l}${f}`, `the${f}${l}`]).toLowerCase();
}

/** Injects one simulated campaign into a thread (the records of one platform thread). */
export function injectCampaign(thread: CommentRecord[], params: Partial<CampaignParams> = {}): InjectedCampaign {
  const p = { ...DEFAULT_CAMPAIGN, ...params };
  const rng = createRng(p.seed);
  if (thread.length === 0) throw new Error('injectCampaign needs a non-empty thread');
  const host = thread[0];
  const platform = host.platform;
  const seenTimes = thread.map((r) => Date.parse(r.seenAt)).filter(Number.isFinite);
  const seenAt = seenTimes.length ? Math.max(...seenTimes) : Date.now();
  const absolute = thread.filter((r) => r.publishedAt && Number.isFinite(Date.parse(r.publishedAt)));
  const relative = thread.filter((r) => r.publishedText);
  const useAbsolute = absolute.length >= thread.length * 0.5;
  const german = relative.some((r) => /^vor /.test(r.publishedText!));
  // The campaign starts after the thread's own comments (or within its last stretch).
  let start: number;
  if (useAbsolute) {
    const times = absolute.map((r) => Date.parse(r.publishedAt!)).sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const last = times[times.length - 1];
    start = median + rng.next() * (last - median + 86_400_000);
  } else {
    start = seenAt - (p.burstMinutes * 60_000 + rng.int(30, 24 * 60) * 60_000);
  }
  const langs: TemplateLanguage[] = ['en', 'zh', 'tr'];
  const templates = rng.shuffle([...CAMPAIGN_TEMPLATES]).slice(0, Math.max(1, Math.min(p.templates, CAMPAIGN_TEMPLATES.length)));
  const tag = rng.pick(['#StopUSHegemony', '#TruthAboutChina', '#USLies', '#PeaceNotWar', '#RealHongKong', '#美国谎言']);
  const link = `https://youtu.be/${randomChars(rng, 11)}`;
  const simulated: CommentRecord[] = [];
  const simulatedAccountKeys = new Set<string>();
  const avatarScores = new Map<string, AvatarScore>();
  const sharedPictures: string[] = [];
  const batchStart = start - rng.int(10, 60) * 86_400_000;
  const threadTopLevel = thread.filter((r) => !r.parentId);

  for (let i = 0; i < p.size; i++) {
    const hijacked = rng.chance(p.hijackedShare);
    const accountLang: TemplateLanguage = hijacked ? 'zh' : rng.chance(p.otherLanguageShare) ? rng.pick(langs.filter((l) => l !== p.mainLanguage)) : p.mainLanguage;
    const { name, first, last } = displayNameFor(rng, hijacked, accountLang);
    const id = accountId(platform, rng);
    let handle: string | undefined;
    if (platform !== 'facebook') {
      if (rng.chance(p.nameDigitHandleShare)) handle = `@${first}${last}`.replace(/[^@\p{L}]/gu, '') + digits(rng, platform === 'x' ? 8 : rng.int(5, 6));
      else if (platform === 'youtube' && rng.chance(0.3)) handle = `@user-${randomChars(rng, 9, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;
      else handle = `@${plainHandle(rng, first, last)}${rng.chance(0.3) ? rng.int(1, 99) : ''}`;
    }
    const fresh = platform === 'x' && rng.chance(p.freshAccountShare);
    const createdAt =
      platform === 'x'
        ? new Date(fresh ? batchStart + rng.next() * 3 * 86_400_000 : Date.parse('2010-01-01') + rng.next() * (start - Date.parse('2010-01-01'))).toISOString()
        : undefined;
    const ai = rng.chance(p.aiAvatarShare);
    const avatarKey = `sim/${id}`;
    let picture = avatarKey;
    if (rng.chance(p.reusedPictureShare)) {
      if (sharedPictures.length > 0) picture = rng.pick(sharedPictures);
      else sharedPictures.push(avatarKey);
    }
    const avatarUrl =
      platform === 'youtube' ? `https://yt3.ggpht.com/${picture}=s88-c-k-c0x00ffffff-no-rj` : platform === 'x' ? `https://pbs.twimg.com/profile_images/${picture}_normal.jpg` : `https://scontent.xx.fbcdn.net/v/${picture}.jpg`;
    const accountKey = `${platform}:${id}`;
    simulatedAccountKeys.add(accountKey);
    // What the avatar model would say: AI faces mostly score high, but not always (the model errs).
    const { pGenerated, level } = simulatedScore(ai ? (rng.chance(0.6) ? 'high' : rng.chance(0.5) ? 'medium' : 'low') : 'low', rng);
    avatarScores.set(accountKey, {
      imageKey: picture,
      pGenerated,
      level,
      phash: hashHex(picture),
      face: true,
    });

    const count = 1 + (rng.chance(0.5) ? rng.int(0, Math.max(0, p.maxCommentsPerAccount - 1)) : 0);
    for (let c = 0; c < count; c++) {
      let text: string;
      if (rng.chance(p.freeTextShare)) text = rng.pick(FREE_COMMENTS[accountLang]);
      else {
        const template = rng.pick(templates);
        text = editText(template[accountLang], accountLang, p.editRate, rng);
        const keep = rng.chance(p.tokenShare);
        text = text.replace('{tag}', keep ? tag : '').replace('{link}', keep ? link : '').trim();
      }
      const t = start + rng.next() * p.burstMinutes * 60_000;
      const parent = rng.chance(p.replyShare) && threadTopLevel.length > 0 ? rng.pick(threadTopLevel) : undefined;
      const record: CommentRecord = {
        platform,
        threadId: host.threadId,
        commentId: commentId(platform, rng, parent?.commentId),
        parentId: parent?.commentId,
        author: {
          id,
          handle,
          displayName: name,
          profileUrl: platform === 'youtube' ? `https://www.youtube.com/${handle ?? `channel/${id}`}` : platform === 'x' ? `https://x.com/${handle?.slice(1)}` : `https://m.facebook.com/profile.php?id=${id}`,
          avatarUrl,
          createdAt,
          followers: platform === 'x' ? (fresh ? rng.int(0, 3) : rng.int(0, 40)) : undefined,
        },
        text,
        lang: platform === 'x' ? accountLang : undefined,
        publishedAt: useAbsolute ? new Date(t).toISOString() : undefined,
        publishedText: useAbsolute ? undefined : relativeText(Math.max(0, seenAt - t), german),
        likes: rng.int(0, 3),
        seenAt: new Date(seenAt).toISOString(),
        source: host.source,
      };
      simulated.push(record);
    }
  }
  return { records: [...thread, ...simulated], simulated, simulatedAccountKeys, avatarScores };
}

/**
 * A simulated avatar score at `level`, consistent with the shipped model's thresholds: p inside the band the
 * model grades as that level. When the model's `high` needs more than p (v3: the eye-alignment cue, so `high`
 * and `medium` share one p threshold), a `medium` is a p above the threshold without that cue.
 */
function simulatedScore(level: 'high' | 'medium' | 'low', rng: Rng): { pGenerated: number; level: 'high' | 'medium' | 'low' } {
  const { high, medium } = SHIPPED_AVATAR_THRESHOLDS;
  const [lo, hi] = level === 'high' ? [high, 1] : level === 'medium' ? [medium, high > medium ? high : 1] : [0, Math.min(0.4, medium)];
  return { pGenerated: Math.min(lo + rng.next() * (hi - lo), hi - 1e-9), level };
}

/** A deterministic 64-bit stand-in for a perceptual hash (16 hex characters) of a simulated picture. */
export function hashHex(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    h1 = Math.imul(h1 ^ s.charCodeAt(i), 0x01000193);
    h2 = Math.imul(h2 ^ s.charCodeAt(i), 0x5bd1e995);
  }
  return ((h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0')).slice(0, 16);
}

/**
 * Avatar scores for real (organic) accounts as an imperfect model would give them: mostly low, with
 * a false-positive tail (`falsePositiveRate` of accounts graded medium or high at the model's thresholds). Used by the evaluation so
 * that the organic baselines are measured with avatar evidence switched on, not with a perfect model.
 */
export function organicAvatarScores(records: CommentRecord[], seed: number, falsePositiveRate = 0.03): Map<string, AvatarScore> {
  const rng = createRng(seed);
  const out = new Map<string, AvatarScore>();
  const accounts = [...new Set(records.map((r) => `${r.platform}:${r.author.id}`))].sort();
  for (const key of accounts) {
    const fp = rng.chance(falsePositiveRate);
    const { pGenerated, level } = simulatedScore(fp ? (rng.chance(0.5) ? 'high' : 'medium') : 'low', rng);
    out.set(key, { imageKey: `organic/${key}`, pGenerated, level, phash: hashHex(key), face: true });
  }
  return out;
}
