/**
 * Every weight of the account score, in one place.
 *
 * How a score is made (see score.ts):
 *  - each signal that fires contributes evidence with a weight w in 0..1 (listed below);
 *  - weights combine like independent pieces of evidence: score = 1 − Π(1 − w);
 *  - signals come in families; identity traits (handle, name script, account age, avatar, default
 *    picture) describe one account and cannot show coordination by themselves, so without at least
 *    one *relational* signal (shared text, shared tokens across languages, burst, batch creation,
 *    shared picture, co-occurrence) the score is capped just below the `medium` cut-off;
 *  - `high` needs at least two different signals from two different families, one of them
 *    relational; otherwise the score is capped just below the `high` cut-off. So an AI face alone,
 *    or one repeated slogan alone, is at most `medium`;
 *  - a burst counts in full only for an account linked to another account of the burst (by text,
 *    tokens, picture or creation batch); otherwise at 0.4× (a real person can comment during a
 *    campaign's burst), or, when most of the burst's accounts are linked to one another, by the
 *    chance that this unlinked member is not the thread's usual traffic (burst.coordinatedShare).
 *
 * Why these numbers: a single relational signal of the strongest kind (the same text from ≥ 3
 * accounts; the same token across languages) is set so that alone it sits around the `medium`
 * cut-off, and only when it is large (many accounts, long text) does it pass it. Weak identity traits
 * that are common among real people (digits in a handle, Latin name writing Chinese, default
 * picture) are worth 0.08–0.15: they can tip an account with relational evidence over a cut-off but
 * cannot carry one. They were set from the descriptions of the threat (design.md). Five choices were
 * revisited after reading the errors of `npm run eval:coordination` on the default simulated
 * campaign and the organic threads: the reduced weight for unlinked burst members (organic accounts
 * in a campaign's window were flagged), the burst weight as 0.4 × P(member is not background)
 * (members of a coordinated burst who post free text were missed), near-duplicate pairs for long
 * texts, the cross-language tiers, and the short-text factor (fans repeating "love this song"). No
 * weight was searched numerically; the sweep's other settings and campaigns outside this repository
 * are the check against overfitting.
 */

export type SignalFamily = 'content' | 'timing' | 'identity' | 'network';

export interface SignalSpec {
  family: SignalFamily;
  /** links the account to other accounts */
  relational: boolean;
  label: string;
}

export const SIGNALS = {
  'near-duplicate': { family: 'content', relational: true, label: 'Near-identical text' },
  'cross-language': { family: 'content', relational: true, label: 'Same links/tags across languages' },
  burst: { family: 'timing', relational: true, label: 'Burst of comments' },
  'handle-pattern': { family: 'identity', relational: false, label: 'Handle pattern' },
  'name-mismatch': { family: 'identity', relational: false, label: 'Name script vs comment language' },
  'account-age': { family: 'identity', relational: false, label: 'New account' },
  'batch-created': { family: 'network', relational: true, label: 'Created in a batch' },
  'avatar-ai': { family: 'identity', relational: false, label: 'AI-generated profile picture' },
  'avatar-default': { family: 'identity', relational: false, label: 'Default profile picture' },
  'avatar-shared': { family: 'network', relational: true, label: 'Same profile picture as others' },
  'co-occurrence': { family: 'network', relational: true, label: 'Appears with the same accounts across threads' },
  narrative: { family: 'content', relational: true, label: 'Same narrative in other words' },
  'co-travel': { family: 'network', relational: true, label: 'Travels with the same accounts across threads' },
  group: { family: 'network', relational: true, label: 'Group tied by several kinds of links' },
} as const satisfies Record<string, SignalSpec>;

export type SignalName = keyof typeof SIGNALS;

/** Signals that can be unavailable for an account (listed in `unavailable`, never counted as clean). */
export const COMPUTABLE_SIGNALS: SignalName[] = ['burst', 'account-age', 'avatar-ai', 'name-mismatch', 'co-occurrence', 'co-travel'];

export const WEIGHTS = {
  nearDuplicate: {
    /** cluster of the minimum size (3 accounts) */
    base: 0.38,
    /** per account beyond 3, up to `max` */
    perExtraAccount: 0.02,
    max: 0.5,
    /** the same text from just two accounts, only counted for texts that are not short */
    pair: 0.25,
    /** texts with fewer character shingles than this (about 28 Latin or 26 Chinese characters)
     * are slogans anyone may repeat */
    shortTextShingles: 25,
    shortTextFactor: 0.5,
    /**
     * When at least this share of the thread's *other* comments are themselves in near-duplicate
     * clusters (a first-hour rush of "First!", catchphrases, lyrics), the weight is multiplied by
     * `repetitiveThreadFactor`: a campaign's copies stand out from a thread that does not repeat itself.
     */
    repetitiveThreadShare: 0.2,
    repetitiveThreadFactor: 0.5,
  },
  crossLanguage: {
    /** a shared link or hashtag, among ≥ 3 accounts (0.3 between two) */
    linkOrHashtag: 0.4,
    linkOrHashtagPair: 0.3,
    /** a shared mention, number or emoji sequence */
    other: 0.22,
    /** each further shared token */
    perExtraToken: 0.05,
    max: 0.45,
  },
  burst: {
    /**
     * Full weight, multiplied by (1 − 1/ratio) where ratio = the burst's accounts ÷ the comments
     * expected in its window at the thread's own rate: about the chance that a given member is not
     * background traffic (ratio ≥ 5, else no burst is reported at all, see signals/burst.ts).
     */
    base: 0.4,
    /**
     * Factor when none of the burst's other accounts is linked to this one by text, tokens,
     * picture or creation batch: a real person who happened to comment during a campaign's burst
     * is in the window too, and timing alone should not tie them to it.
     */
    unlinkedFactor: 0.4,
    /**
     * …unless at least this share of the burst's accounts are linked to one another: then the burst
     * itself is coordinated, and the thread's usual traffic in its window (`expected` comments) is
     * among its unlinked members, so an unlinked member gets base × (1 − expected ÷ unlinked members)
     * (never less than the unlinked weight): a campaign's free-text members, many unlinked accounts
     * where hardly one is expected, keep nearly the full weight; a fan or two commenting during a
     * campaign's burst, about as many as the thread's traffic brings, keep the unlinked weight.
     */
    coordinatedShare: 0.5,
  },
  handlePattern: {
    nameDigits: 0.12,
    /** ≥ 7 trailing digits: X's suggested handles */
    nameManyDigits: 0.15,
    autoHandle: 0.08,
  },
  nameMismatch: 0.15,
  accountAge: {
    under30Days: 0.25,
    under90Days: 0.18,
    /** zero followers on a platform that shows them */
    noFollowers: 0.06,
  },
  batchCreated: 0.3,
  avatar: {
    aiHigh: 0.3,
    aiMedium: 0.18,
    defaultPicture: 0.08,
    shared: 0.35,
  },
  /**
   * The same accounts in the same pair of threads, more of them than accounts picking their threads
   * at random would put there (signals/co-occurrence.ts: Poisson chance, corrected for the pairs of
   * threads). Channel regulars are expected in every pair and get nothing; timing is co-travel's.
   */
  coOccurrence: {
    /** corrected chance at most this to count at all */
    alpha: 0.05,
    some: 0.15,
    /** corrected chance ≤ this */
    smallChance: 1e-3,
    small: 0.25,
  },
  /**
   * Comments that share what is rare in their thread (names, numbers, uncommon words, across
   * languages) without sharing a sentence (signals/narrative.ts). Weaker than near-identical text
   * for the same group size: people do talk about the same things (on a sports video, a handful of
   * fans naming the same two players and the coach; six UCI "ham" accounts naming Gangnam Style
   * under Psy's video). On-topic it is weak (≤ 0.17, not added to near-identical text) and does not
   * link accounts for the burst rule: with an ordinary crowd's burst (the unlinked weight, ≤ 0.16) it
   * stays below `medium`; inside a burst that is itself coordinated (a member's burst weight up to
   * 0.4) it can tip that member to `medium` (0.17 and 0.4 combine to 0.50). It reaches `medium` alone only when a group of
   * ≥ `offTopicMinAccounts` is off-topic for the thread (all writing about one thing the rest of the
   * thread never mentions), and then it also links its members for the burst rule.
   */
  narrative: {
    base: 0.15,
    perExtraAccount: 0.02,
    /** on-topic, at most this (see above for what it does next to a burst) */
    max: 0.17,
    /** off-topic: 0.22 for 4 accounts, +0.02 per further account up to 0.3 (a sub-conversation of four is not rare) */
    offTopic: 0.22,
    offTopicPerExtraAccount: 0.02,
    offTopicMax: 0.3,
    offTopicMinAccounts: 4,
    /** the group writes in two or more languages (reliably detected) */
    multilingual: 0.05,
  },
  /**
   * Accounts commenting close in time to one another in several threads (signals/co-travel.ts), by
   * the Bonferroni-corrected chance of such timing among unrelated accounts. A tiny chance alone
   * reaches `medium` (escalating beyond "unsure" when each thread alone looks harmless); never `high`
   * alone (one family). A group of only two accounts counts from a corrected chance of 1e-3
   * (co-travel.ts `pairGroupAlpha`), larger groups from 0.05.
   */
  coTravel: {
    /** corrected chance ≤ 1e-6 */
    tiny: 0.5,
    /** ≤ 1e-3 */
    small: 0.35,
    /** ≤ 0.05 */
    some: 0.2,
  },
  /**
   * Three or more accounts joined through at least two link groups of at least two kinds
   * (analysis/link-components.ts): e.g. a near-identical pair (0.25, "two people can share a
   * sentence") whose members also share a number across languages with a third account (0.22). On top
   * of each link's own weight; alone it stays "unsure".
   */
  group: {
    minAccounts: 3,
    /** a web of links wider than this is the thread's own (regulars sharing its tags); a campaign that large shows in its own signals */
    maxAccounts: 100,
    minKinds: 2,
    base: 0.15,
    perExtraKind: 0.05,
    max: 0.25,
  },
} as const;

/** Score cut-offs; `medium` and `high` are configurable from the options page. */
export interface Thresholds {
  medium: number;
  high: number;
}
export const DEFAULT_THRESHOLDS: Thresholds = { medium: 0.45, high: 0.7 };
/** Below `medium` but with some evidence: the journalist should look, the tool cannot say. */
export const UNSURE_FRACTION_OF_MEDIUM = 0.5;
