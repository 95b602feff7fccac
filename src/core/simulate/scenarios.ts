/**
 * Evaluation scenarios as hard as life (issue 11): organic comments re-timed onto the same fresh
 * timeline as the campaign (so that a campaign's comments are not the only recent ones), avatar
 * evidence drawn from the avatar model's measured rates, organic accounts that share default and
 * letter pictures, and four campaign kinds that avoid copy-paste:
 *  - paraphrase: k accounts posting paraphrases of one off-topic narrative in several languages over
 *    a few hours, no links or hashtags, ordinary names;
 *  - cross-thread: the same k accounts in n unrelated threads, within minutes of one another each
 *    time, each text different and harmless;
 *  - slow drip: edited copies over 36 h from accounts created in a batch months earlier;
 *  - organic rush: no campaign at all — a first-hour rush of "First!", hearts, "who's here in
 *    <year>", timestamps and quotes of the video from auto-generated handles;
 *  - popular tag: no campaign either — two real threads (often in different languages) merged on one
 *    fresh day, a quarter of the comments ending with the same popular hashtag.
 */
import type { AvatarScore, CommentRecord, Platform } from '../types.ts';
import { createRng, type Rng } from './rng.ts';
import { editText, hashHex } from './campaign.ts';
import { CAMPAIGN_TEMPLATES, WESTERN_FIRST, WESTERN_LAST } from './templates.ts';
import { CREATOR_NAMES, HARMLESS_COMMENTS, NARRATIVES, ORGANIC_LINES, ORGANIC_RUSH } from './narratives.ts';

/**
 * The shipped avatar model's measured rates (models/MODEL_CARD.md, validation, clean images): of
 * generated faces 29.5 % score high and 36.0 % medium or above; of real photos 0.3 % high and 1.0 %
 * medium or above. Held-out generators fare worse (the card's table), so these are optimistic.
 */
export const MEASURED_AVATAR_RATES = { generated: { high: 0.295, mediumOrAbove: 0.36 }, real: { high: 0.003, mediumOrAbove: 0.01 } };

export interface Scenario {
  records: CommentRecord[];
  /** account keys (`platform:id`) of the campaign's accounts */
  truth: Set<string>;
  avatarScores: Map<string, AvatarScore>;
}

const HOUR = 3_600_000;
const B36 = 'abcdefghijklmnopqrstuvwxyz0123456789';
const chars = (rng: Rng, n: number, alphabet = B36) => Array.from({ length: n }, () => alphabet[rng.int(0, alphabet.length - 1)]).join('');

/** What the avatar model says about one picture, drawn from its measured rates. */
export function modelAvatarScore(rng: Rng, generated: boolean, imageKey: string, phash = hashHex(imageKey), face = true): AvatarScore {
  if (!face) return { imageKey, level: 'unsure', phash, face: false };
  const r = generated ? MEASURED_AVATAR_RATES.generated : MEASURED_AVATAR_RATES.real;
  const u = rng.next();
  // Placed in the analyzer's own bands (signals/avatar.ts: medium from 0.65, high from 0.85) at the
  // model's measured frequencies.
  const p = u < r.high ? 0.85 + rng.next() * 0.14 : u < r.mediumOrAbove ? 0.65 + rng.next() * 0.2 : rng.next() * 0.64;
  return { imageKey, pGenerated: p, level: p >= 0.85 ? 'high' : p >= 0.65 ? 'medium' : 'low', phash, face: true };
}

/**
 * Avatar scores for a thread's organic accounts: photos scored at the real-photo rates, and a share of
 * accounts showing a letter avatar (one of 26 letters × 18 colours, as the platforms draw them, so
 * that some accounts share one) or the platform's default picture.
 */
export function organicPictures(records: CommentRecord[], seed: number, letterShare = 0.15, defaultShare = 0.05): { records: CommentRecord[]; avatarScores: Map<string, AvatarScore> } {
  const rng = createRng(seed);
  const scores = new Map<string, AvatarScore>();
  const kind = new Map<string, { letter?: string; isDefault?: boolean }>();
  for (const key of [...new Set(records.map((r) => `${r.platform}:${r.author.id}`))].sort()) {
    const u = rng.next();
    if (u < defaultShare) {
      kind.set(key, { isDefault: true });
      scores.set(key, { imageKey: 'default-picture', level: 'unsure', phash: 'ffffffff00000000', face: false, generic: true });
    } else if (u < defaultShare + letterShare) {
      const letter = `${String.fromCharCode(65 + rng.int(0, 25))}-${rng.int(0, 17)}`;
      kind.set(key, { letter });
      // Each channel's letter picture has its own address; the pixels (and so the hash) are shared.
      scores.set(key, { imageKey: `letter/${key}`, level: 'unsure', phash: hashHex(`letter:${letter}`), face: false, generic: true });
    } else scores.set(key, modelAvatarScore(rng, false, `organic/${key}`));
  }
  const out = records.map((r) => {
    const k = kind.get(`${r.platform}:${r.author.id}`);
    return k?.isDefault ? { ...r, author: { ...r.author, defaultAvatar: true } } : r;
  });
  return { records: out, avatarScores: scores };
}

/**
 * Re-times a thread's comments onto a fresh video: published from `startMs`, attention decaying over
 * the day (a third of the day's comments in the first hour), seen `hours` later. Replies stay after
 * their parents. Times become absolute, as the platforms' JSON gives them.
 */
export function freshTimeline(records: CommentRecord[], opts: { seed: number; startMs: number; hours?: number; decayHours?: number }): CommentRecord[] {
  const rng = createRng(opts.seed);
  const hours = opts.hours ?? 24;
  const tau = (opts.decayHours ?? 2) * HOUR;
  const span = hours * HOUR;
  const at = new Map<string, number>();
  const times = records.map((r) => {
    const u = rng.next();
    return opts.startMs - tau * Math.log(1 - u * (1 - Math.exp(-span / tau)));
  });
  times.sort((a, b) => a - b);
  const order = rng.shuffle(records.map((_, i) => i));
  order.forEach((recordIndex, i) => at.set(records[recordIndex].commentId, times[i]));
  const seenAt = new Date(opts.startMs + span).toISOString();
  return records.map((r) => {
    let t = at.get(r.commentId)!;
    const parent = r.parentId ? at.get(r.parentId) : undefined;
    if (parent !== undefined && t <= parent) t = parent + rng.int(1, 30) * 60_000;
    return { ...r, publishedAt: new Date(Math.min(t, opts.startMs + span)).toISOString(), publishedText: undefined, seenAt };
  });
}

interface Persona {
  id: string;
  key: string;
  author: CommentRecord['author'];
}

function personas(rng: Rng, platform: Platform, k: number, opts: { createdAt?: () => string; aiShare: number; scores: Map<string, AvatarScore> }): Persona[] {
  return Array.from({ length: k }, () => {
    const first = rng.pick(WESTERN_FIRST);
    const last = rng.pick(WESTERN_LAST);
    const id = platform === 'youtube' ? `UC${chars(rng, 22, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}` : platform === 'x' ? `17${chars(rng, 17, '0123456789')}` : `1000${chars(rng, 11, '0123456789')}`;
    const handle = platform === 'facebook' ? undefined : `@${rng.pick([`${first}${last}`, `${first}.${last}`, `${first}_${last}`, `the${first}`]).toLowerCase()}${rng.chance(0.3) ? rng.int(1, 99) : ''}`;
    const key = `${platform}:${id}`;
    const picture = `sim/${id}`;
    opts.scores.set(key, modelAvatarScore(rng, rng.chance(opts.aiShare), picture));
    return {
      id,
      key,
      author: {
        id,
        handle,
        displayName: `${first} ${last}`,
        avatarUrl: platform === 'youtube' ? `https://yt3.ggpht.com/${picture}=s88-c-k` : platform === 'x' ? `https://pbs.twimg.com/profile_images/${picture}_normal.jpg` : `https://scontent.xx.fbcdn.net/v/${picture}.jpg`,
        createdAt: platform === 'x' ? opts.createdAt?.() : undefined,
      },
    };
  });
}

function comment(host: CommentRecord, p: Persona, rng: Rng, text: string, ms: number, seenAt: string): CommentRecord {
  return {
    platform: host.platform,
    threadId: host.threadId,
    commentId: `sim-${chars(rng, 20)}`,
    author: { ...p.author },
    text,
    publishedAt: new Date(ms).toISOString(),
    likes: rng.int(0, 3),
    seenAt,
    source: host.source,
  };
}

function seenOf(records: CommentRecord[]): { seenAt: string; seenMs: number } {
  const seenMs = Math.max(...records.map((r) => Date.parse(r.seenAt)).filter(Number.isFinite));
  return { seenAt: new Date(seenMs).toISOString(), seenMs };
}

export interface ParaphraseParams {
  seed: number;
  /** accounts (each posts one paraphrase) */
  k: number;
  /** which narratives (indexes into NARRATIVES) the seed may pick from */
  narratives: number[];
  /** hours over which the paraphrases arrive */
  hours: number;
  /** share of accounts with an AI-generated face (scored at the model's measured rates) */
  aiShare: number;
}

/** k accounts posting paraphrases of one off-topic narrative, in several languages, into a fresh thread. */
export function paraphraseScenario(host: CommentRecord[], params: Partial<ParaphraseParams> = {}): Scenario {
  const p: ParaphraseParams = { seed: 1, k: 8, narratives: [0, 1, 2, 3], hours: 4, aiShare: 0.3, ...params };
  const rng = createRng(p.seed);
  const startMs = Date.parse('2026-11-20T08:00:00Z');
  const organic = organicPictures(freshTimeline(host, { seed: p.seed, startMs }), p.seed + 1);
  const scores = organic.avatarScores;
  const narrative = NARRATIVES[rng.pick(p.narratives)];
  const variants = rng.shuffle([...narrative.variants]);
  const accounts = personas(rng, host[0].platform, p.k, { aiShare: p.aiShare, scores, createdAt: () => new Date(Date.parse('2012-01-01') + rng.next() * 10 * 365 * 86_400_000).toISOString() });
  const { seenAt } = seenOf(organic.records);
  const from = startMs + rng.int(2, 16) * HOUR;
  const simulated = accounts.map((a, i) => comment(host[0], a, rng, variants[i % variants.length].text, from + rng.next() * p.hours * HOUR, seenAt));
  return { records: [...organic.records, ...simulated], truth: new Set(accounts.map((a) => a.key)), avatarScores: scores };
}

export interface CrossThreadParams {
  seed: number;
  k: number;
  /** threads (the first n hosts) */
  n: number;
  /** the group's comments in one thread arrive within this many minutes */
  minutes: number;
  aiShare: number;
}

/** The same k accounts in n unrelated threads, within minutes of one another each time, harmless texts. */
export function crossThreadScenario(hosts: CommentRecord[][], params: Partial<CrossThreadParams> = {}): Scenario {
  const p: CrossThreadParams = { seed: 1, k: 5, n: 3, minutes: 25, aiShare: 0.3, ...params };
  if (hosts.length < p.n) throw new Error(`cross-thread scenario needs ${p.n} host threads, got ${hosts.length}`);
  const rng = createRng(p.seed);
  const scores = new Map<string, AvatarScore>();
  const records: CommentRecord[] = [];
  const platform = hosts[0][0].platform;
  const accounts = personas(rng, platform, p.k, { aiShare: p.aiShare, scores, createdAt: () => new Date(Date.parse('2012-01-01') + rng.next() * 10 * 365 * 86_400_000).toISOString() });
  for (let t = 0; t < p.n; t++) {
    // Each host is moved to the group's platform so that accounts are the same across threads.
    const host = hosts[t].map((r) => ({ ...r, platform, threadId: `${r.threadId}~${t}`, commentId: `${r.commentId}~${t}`, parentId: r.parentId && `${r.parentId}~${t}` }));
    const startMs = Date.parse('2026-11-01T08:00:00Z') + t * 3 * 86_400_000 + rng.int(0, 12) * HOUR;
    const organic = organicPictures(freshTimeline(host, { seed: p.seed * 31 + t, startMs }), p.seed * 17 + t);
    for (const [k, v] of organic.avatarScores) if (!scores.has(k)) scores.set(k, v);
    const { seenAt } = seenOf(organic.records);
    const at = startMs + rng.int(2, 20) * HOUR;
    const texts = rng.shuffle([...HARMLESS_COMMENTS]);
    records.push(...organic.records, ...accounts.map((a, i) => comment(host[0], a, rng, texts[i % texts.length], at + rng.next() * p.minutes * 60_000, seenAt)));
  }
  return { records, truth: new Set(accounts.map((a) => a.key)), avatarScores: scores };
}

export interface SlowDripParams {
  seed: number;
  k: number;
  hours: number;
  editRate: number;
  /** the accounts were created within 3 days of each other this many days before the drip */
  batchDaysBefore: number;
}

/** Edited copies over 36 h from accounts created in a batch months earlier (creation dates visible on X). */
export function slowDripScenario(host: CommentRecord[], params: Partial<SlowDripParams> = {}): Scenario {
  const p: SlowDripParams = { seed: 1, k: 6, hours: 36, editRate: 0.2, batchDaysBefore: 120, ...params };
  const rng = createRng(p.seed);
  const startMs = Date.parse('2026-11-20T08:00:00Z');
  const organic = organicPictures(freshTimeline(host, { seed: p.seed, startMs, hours: 48 }), p.seed + 1);
  const scores = organic.avatarScores;
  const batch = startMs - p.batchDaysBefore * 86_400_000;
  const platform = host[0].platform;
  const x = platform === 'x';
  const accounts = personas(rng, platform, p.k, { aiShare: 0.3, scores, createdAt: () => new Date(batch + rng.next() * 3 * 86_400_000).toISOString() });
  const template = rng.pick(CAMPAIGN_TEMPLATES);
  const { seenAt } = seenOf(organic.records);
  const simulated = accounts.map((a) => {
    const text = editText(template.en, 'en', p.editRate, rng).replace('{tag}', '').replace('{link}', '').trim();
    const r = comment(host[0], a, rng, text, startMs + 4 * HOUR + rng.next() * p.hours * HOUR, seenAt);
    return x ? r : { ...r, author: { ...r.author, createdAt: undefined } };
  });
  return { records: [...organic.records, ...simulated], truth: new Set(accounts.map((a) => a.key)), avatarScores: scores };
}

/**
 * A popular hashtag in an organic multilingual thread: the real comments of `host` and of `other`
 * (another real thread, often in another language) merged into one thread on a fresh day, and a
 * share of them (a quarter by default) ending with the same tag, as fans of a match, a cause or a
 * channel write it. No campaign: whoever is flagged is a false positive.
 */
export function popularTagScenario(host: CommentRecord[], other: CommentRecord[], params: { seed: number; share?: number; tag?: string }): Scenario {
  const rng = createRng(params.seed);
  const { platform, threadId } = host[0];
  const merged = [...host, ...other.map((r) => ({ ...r, platform, threadId, parentId: undefined, commentId: `${r.commentId}-merged` }))];
  const fresh = freshTimeline(merged, { seed: params.seed + 1, startMs: Date.parse('2026-11-20T08:00:00Z') });
  const tag = params.tag ?? '#WorldCup2026';
  const tagged = fresh.map((r) => (rng.chance(params.share ?? 0.25) ? { ...r, text: `${r.text} ${tag}` } : r));
  const pictures = organicPictures(tagged, params.seed + 2);
  return { records: pictures.records, truth: new Set(), avatarScores: pictures.avatarScores };
}

/**
 * An organic first-hour rush on a fresh video: `n` comments, two thirds in the first hour, from
 * auto-generated handles (@user-…), many of them repeating the same few phrases. No campaign.
 */
export function organicRushScenario(params: { seed: number; n?: number; platform?: Platform; year?: number } = { seed: 1 }): Scenario {
  const rng = createRng(params.seed);
  const n = params.n ?? 300;
  const platform = params.platform ?? 'youtube';
  const startMs = Date.parse('2026-11-20T17:00:00Z');
  const seenAt = new Date(startMs + 6 * HOUR).toISOString();
  const name = rng.pick(CREATOR_NAMES);
  const threadId = `rush-${params.seed}`;
  const authors = Array.from({ length: Math.round(n * 0.85) }, (_, i) => ({
    id: `UC${chars(rng, 22)}`,
    handle: rng.chance(0.6) ? `@user-${chars(rng, 9)}` : `@${rng.pick(WESTERN_FIRST).toLowerCase()}${rng.int(1, 9999)}`,
    displayName: rng.chance(0.5) ? `user-${chars(rng, 9)}` : `${rng.pick(WESTERN_FIRST)} ${i}`,
  }));
  const records: CommentRecord[] = Array.from({ length: n }, (_, i) => {
    const author = rng.pick(authors);
    const ms = rng.chance(0.67) ? startMs + rng.next() * HOUR : startMs + HOUR + rng.next() * 5 * HOUR;
    const ts = `${rng.int(0, 14)}:${String(rng.int(0, 59)).padStart(2, '0')}`;
    const text = rng
      .pick(ORGANIC_RUSH)
      .replace('{year}', String(params.year ?? 2026))
      .replace('{ts}', ts)
      .replace('{name}', name)
      .replace('{line}', rng.pick(ORGANIC_LINES));
    return {
      platform,
      threadId,
      commentId: `${threadId}-${i}`,
      author: { ...author, avatarUrl: `https://yt3.ggpht.com/ytc/${author.id}=s88-c-k` },
      text,
      publishedAt: new Date(ms).toISOString(),
      likes: rng.int(0, 200),
      seenAt,
      source: 'json' as const,
    };
  });
  const pictures = organicPictures(records, params.seed + 7, 0.4, 0.05);
  return { records: pictures.records, truth: new Set(), avatarScores: pictures.avatarScores };
}
