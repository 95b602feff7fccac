/** Shapes shared by every part of Amplifier Lens (see ../shared/docs/design.md). No browser APIs here. */

export type Platform = 'youtube' | 'x' | 'facebook';
export const PLATFORMS: readonly Platform[] = ['youtube', 'x', 'facebook'];

export interface CommentAuthor {
  /** channel id (UC…) / user rest_id / Facebook profile id or vanity name — stable per platform */
  id: string;
  handle?: string;
  displayName?: string;
  profileUrl?: string;
  /** as seen on the page; the avatar pipeline derives identity and best-size URL */
  avatarUrl?: string;
  /** true when the platform shows its default picture (X egg, Facebook silhouette) */
  defaultAvatar?: boolean;
  /** ISO, when the platform exposes it (X JSON) */
  createdAt?: string;
  verified?: boolean;
  followers?: number;
}

export interface CommentRecord {
  platform: Platform;
  /** video id, status id, post id */
  threadId: string;
  commentId: string;
  parentId?: string;
  author: CommentAuthor;
  text: string;
  /** the platform's language guess when given (X) */
  lang?: string;
  /** ISO, when the platform gives an absolute time */
  publishedAt?: string;
  /** relative time as shown ("3 hours ago", "vor 4 Jahren (bearbeitet)") */
  publishedText?: string;
  likes?: number;
  replies?: number;
  pinned?: boolean;
  /** ISO, when the extension (or the command line) observed it */
  seenAt: string;
  source: 'dom' | 'json';
}

export interface Evidence {
  /** machine name of the signal, e.g. 'near-duplicate', 'avatar-ai' */
  signal: string;
  /** contribution to the score, 0..1 */
  weight: number;
  /** plain-English explanation that names the related accounts or comments */
  detail: string;
  /** related account ids or comment ids */
  related?: string[];
}

export type Level = 'high' | 'medium' | 'low' | 'unsure';
export const LEVELS: readonly Level[] = ['high', 'medium', 'low', 'unsure'];

export interface AccountVerdict {
  platform: Platform;
  accountId: string;
  handle?: string;
  displayName?: string;
  profileUrl?: string;
  avatarUrl?: string;
  /** 0..1 */
  score: number;
  level: Level;
  /** every signal that contributed, strongest first */
  reasons: Evidence[];
  /** signals that could not be computed for this account (never counted as clean) */
  unavailable?: string[];
  /** this account's comment count */
  comments: number;
  /** thread ids this account commented in */
  threads: string[];
  /** manual label set by the user; scoring respects it */
  label?: 'confirmed' | 'dismissed';
}

export interface CoordinatedCluster {
  kind: string;
  members: string[];
  commentIds: string[];
  sampleText: string;
}

export interface ThreadSummary {
  platform: Platform;
  threadId: string;
  comments: number;
  accounts: number;
  flagged: Record<Level, number>;
  clusters: CoordinatedCluster[];
  /** share (0..1) of comments written by accounts flagged medium or high */
  flaggedCommentShare: number;
  level: Level;
  /** signals that could not be computed on this thread */
  unavailable: string[];
}

/** Result of scoring one avatar image (filled by src/avatar). */
export interface AvatarScore {
  /** image identity that survives size/signature changes */
  imageKey: string;
  /** calibrated p(AI-generated), absent when unsure because undecodable */
  pGenerated?: number;
  level: Level;
  /** 64-bit perceptual hash as 16 hex chars */
  phash?: string;
  /** false when the image does not look like a face photo */
  face?: boolean;
  /** a flat picture (letter avatar, silhouette, plain badge) that unrelated people share: no shared-picture evidence */
  generic?: boolean;
  error?: string;
}
