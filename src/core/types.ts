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
  /** reply depth as the platform shows it (0 top level; Facebook nests to 2, the reply-to chain can be longer) */
  depth?: number;
  author: CommentAuthor;
  text: string;
  /** set when the text was cut to the length limit: how many characters the comment had */
  textCutFrom?: number;
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
  /** plain-English explanation that names (a sample of) the related accounts or comments */
  detail: string;
  /**
   * a bounded sample (at most RELATED_SAMPLE) of the related accounts' ids; the whole group, with its
   * comment ids, is the cluster named by `clusterId`
   */
  related?: string[];
  /** the cluster (see `Cluster`) this evidence rests on */
  clusterId?: string;
  /** every cluster this evidence rests on, when more than one (the first is `clusterId`) */
  clusterIds?: string[];
}

/** Most related accounts an evidence item names itself; the rest are in its cluster. */
export const RELATED_SAMPLE = 5;

/**
 * Kinds of groups the analyzer finds. Open-ended: later signals add kinds (e.g. 'narrative',
 * 'co-travel'); consumers show an unknown kind by its name.
 */
export type ClusterKind = 'near-duplicate' | 'cross-language' | 'burst' | 'batch' | 'shared-picture' | 'co-occurrence' | (string & {});

/**
 * A group of accounts (and their comments) tied together by one signal, stored once per case:
 * account verdicts point to it by `id` instead of each listing every other member.
 */
export interface Cluster {
  /** stable while the group keeps its first comment / token / picture / thread pair */
  id: string;
  kind: ClusterKind;
  platform: Platform;
  /** when the same group spans platforms it is listed once per platform; `group` is the shared id */
  group?: string;
  /** thread ids the cluster's comments are in (empty for account-level kinds: batch, shared-picture) */
  threads: string[];
  /** account ids (platform-local), sorted */
  members: string[];
  /** comment ids (platform-local); empty for account-level kinds */
  commentIds: string[];
  /** one of the comments, cut to 200 characters */
  sampleText?: string;
  /** burst: first and last comment time; batch: first and last creation time (ISO) */
  window?: { start: string; end: string };
  /** burst: comments expected in the window at the thread's own rate; batch: accounts expected */
  expected?: number;
  /** burst: coarsest time precision of its comments (ms; relative times are only as fine as their unit) */
  precisionMs?: number;
  /** cross-language: the shared token ('link:…', 'hashtag:…', …) and the comments' languages */
  token?: string;
  languages?: string[];
  /** shared-picture: 'phash:…' or 'image:…' */
  picture?: string;
  /** narrative: the rare terms its comments share, as written; whether it is off-topic for its thread */
  terms?: string[];
  offTopic?: boolean;
  /** co-travel: log10 of the corrected chance of such timing among unrelated accounts; per thread, the members there and their spread */
  log10Chance?: number;
  visits?: { thread: string; accounts: number; spreadMinutes: number }[];
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

/** A cluster as seen from one thread: counts within the thread; the cluster itself is in `clusters()`. */
export interface ThreadClusterRef {
  id: string;
  kind: ClusterKind;
  /** accounts of the cluster that commented in this thread */
  accounts: number;
  /** the cluster's comments in this thread */
  comments: number;
  sampleText: string;
}

export interface ThreadSummary {
  platform: Platform;
  threadId: string;
  comments: number;
  accounts: number;
  flagged: Record<Level, number>;
  /** near-duplicate (≥ 3 accounts), cross-language and burst clusters with ≥ 2 accounts in this thread */
  clusters: ThreadClusterRef[];
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
  /** the avatar model's evidence in plain words (which cue fired), e.g. "both eyes sit where StyleGAN places them …" */
  reason?: string;
  /** eyes' distance to the nearest canonical generator layout, as a share of the image width (face found) */
  geometryDistance?: number;
  /** the texture model's own calibrated p(AI-generated) */
  textureP?: number;
  /** a flat picture (letter avatar, silhouette, plain badge) that unrelated people share: no shared-picture evidence */
  generic?: boolean;
  /** the model files that produced this score (avatarModelId): stored scores of other model files are scored again */
  model?: string;
  error?: string;
}
