/**
 * Avatar evidence from the avatar module's scores: p(AI-generated), the platform's default picture,
 * and the same picture (perceptual hash or image identity) on several accounts.
 */
import shippedAvatarModel from '../../../models/avatar-detector.json';
import { compareText } from '../text/compare.ts';
import type { AvatarScore, CommentAuthor } from '../types.ts';

export type AvatarScores = Map<string, AvatarScore> | Record<string, AvatarScore>;

/** Image identity that survives the size suffixes platforms add (=s88-c-k, _normal, ?width=). */
export function imageKeyFromUrl(url: string): string {
  return url
    .replace(/^https?:\/\//, '')
    .replace(/[?#].*$/, '')
    .replace(/=s\d+[^/]*$/, '')
    .replace(/_(normal|bigger|mini|x96|200x200|400x400)(\.\w+)$/, '$2');
}

/** Looks up an author's score by `platform:accountId`, accountId, image URL or derived image key. */
export function lookupAvatarScore(scores: AvatarScores | undefined, accountKey: string, author: CommentAuthor): AvatarScore | undefined {
  if (!scores) return undefined;
  return (
    scoreAt(scores, accountKey) ??
    scoreAt(scores, author.id) ??
    scoreAt(scores, author.avatarUrl) ??
    (author.avatarUrl ? scoreAt(scores, imageKeyFromUrl(author.avatarUrl)) : undefined)
  );
}

function scoreAt(scores: AvatarScores, k: string | undefined): AvatarScore | undefined {
  return k === undefined ? undefined : scores instanceof Map ? scores.get(k) : scores[k];
}

export interface AvatarFinding {
  /** p(AI-generated) when the model decided */
  pGenerated?: number;
  aiLevel?: 'high' | 'medium';
  /** the model's own words for why (which evidence fired), when it gave them */
  reason?: string;
  defaultAvatar: boolean;
}

/** The avatar model's calibrated cut-offs on p(AI-generated) (shipped with the model in models/avatar-detector.json). */
export interface AvatarThresholds {
  high: number;
  medium: number;
}

/** The thresholds of the model this build ships (simulator and tests grade simulated p with them). */
export const SHIPPED_AVATAR_THRESHOLDS: AvatarThresholds = shippedAvatarModel.thresholds;

/** The level the model gives a face photo with this p; the single definition the model, simulator and tests share. */
export function avatarLevelAt(pGenerated: number, thresholds: AvatarThresholds): 'high' | 'medium' | 'low' {
  if (pGenerated >= thresholds.high) return 'high';
  if (pGenerated >= thresholds.medium) return 'medium';
  return 'low';
}

/**
 * Per-account avatar evidence, or undefined when nothing was scored and no default is known.
 * The evidence is the model's own level, computed at its calibrated thresholds: the analysis never re-grades p
 * at cut-offs of its own, and an "unsure" (no face, too small, undecodable) is never evidence.
 */
export function avatarFinding(author: CommentAuthor, score: AvatarScore | undefined): AvatarFinding | undefined {
  const defaultAvatar = author.defaultAvatar === true;
  if (!score && !defaultAvatar) return undefined;
  const decided = score !== undefined && score.face !== false && score.level !== 'unsure';
  const p = decided ? score.pGenerated : undefined;
  const aiLevel = decided && (score.level === 'high' || score.level === 'medium') ? score.level : undefined;
  return { pGenerated: p, aiLevel, reason: aiLevel ? score?.reason : undefined, defaultAvatar };
}

/** The evidence line an account's verdict shows for an AI-looking picture: the model's level, p and its reason. */
export function avatarEvidenceDetail(finding: AvatarFinding): string {
  const p = finding.pGenerated !== undefined ? `, p = ${finding.pGenerated.toFixed(2)}` : '';
  const why = finding.reason ? `: ${finding.reason}` : '';
  return `Profile picture looks AI-generated (${finding.aiLevel ?? 'low'} by the avatar model${p})${why}`;
}

export interface SharedAvatarGroup {
  id: string;
  /** 'phash:…' or 'image:…' */
  picture: string;
  accounts: string[];
}

/** Accounts showing the same picture. Default pictures are excluded: everyone shares those. */
export function findSharedAvatars(entries: { account: string; phash?: string; imageKey?: string; defaultAvatar?: boolean }[]): SharedAvatarGroup[] {
  const byPicture = new Map<string, Set<string>>();
  for (const e of entries) {
    if (e.defaultAvatar) continue;
    for (const pic of [e.phash ? `phash:${e.phash.toLowerCase()}` : undefined, e.imageKey ? `image:${e.imageKey}` : undefined]) {
      if (!pic) continue;
      let set = byPicture.get(pic);
      if (!set) byPicture.set(pic, (set = new Set()));
      set.add(e.account);
    }
  }
  return sharedPictureGroups([...byPicture].sort((a, b) => compareText(a[0], b[0])));
}

/**
 * Groups of ≥ 2 accounts per picture, in the order given, each set of accounts once (a picture known by
 * both its perceptual hash and its image key would otherwise give the same group twice).
 */
export function sharedPictureGroups(pictures: Iterable<readonly [string, ReadonlySet<string> | undefined]>): SharedAvatarGroup[] {
  const groups: SharedAvatarGroup[] = [];
  const seen = new Set<string>();
  for (const [picture, set] of pictures) {
    if (!set || set.size < 2) continue;
    const accounts = [...set].sort();
    const sig = accounts.join('|');
    if (seen.has(sig)) continue;
    seen.add(sig);
    groups.push({ id: `avatar:${picture}`, picture, accounts });
  }
  return groups;
}
