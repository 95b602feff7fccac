/**
 * One account's evidence, signal by signal, in plain words. Evidence that rests on a group names a
 * sample of the other members ("@a, @b and 2,997 more") and points to the group's cluster; the
 * group itself is stored once (`CaseAnalyzer.clusters()`), so each account's evidence stays small
 * however large its cluster is.
 */
import type { Evidence, Platform } from '../types.ts';
import { compareText } from '../text/compare.ts';
import { excerpt, type PreparedComment } from '../signals/prepare.ts';
import type { DuplicateCluster } from '../signals/near-duplicate.ts';
import type { CrossLanguageGroup } from '../signals/cross-language.ts';
import type { Burst } from '../signals/burst.ts';
import { handlePattern } from '../signals/handle-pattern.ts';
import { nameLanguageMismatch } from '../signals/name-mismatch.ts';
import { freshAccount, type BatchGroup } from '../signals/account-age.ts';
import { avatarEvidenceDetail, avatarFinding, type SharedAvatarGroup } from '../signals/avatar.ts';
import type { CoOccurrenceGroup } from '../signals/co-occurrence.ts';
import type { NarrativeGroup } from '../signals/narrative.ts';
import { describeChance, type CoTravelGroup } from '../signals/co-travel.ts';
import { WEIGHTS } from '../scoring/weights.ts';
import { describeValue } from '../text/numbers.ts';
import { linkKind, type LinkComponent, type LinkKind } from './link-components.ts';
import { othersOf, type MemberGroup, type Others, type UnionCache } from './union.ts';
import { burstWindow, count, expectedText, listNames, plural } from './evidence-text.ts';
import type { AccountState, ThreadState } from './state.ts';

const DAY = 86_400_000;

/** How a burst's accounts are linked to one another (see `CaseAnalyzer.burstLinks`). */
export interface BurstLinks {
  members: ReadonlySet<string>;
  /** per link group id: how many of the burst's accounts it holds */
  inBurst: ReadonlyMap<string, number>;
  /** share of the burst's accounts linked to at least one other account of the burst */
  coordinatedShare: number;
  /** how many of the burst's accounts are linked to none of the others */
  unlinked: number;
}

/** What scoring reads from the analyzer's indexes; valid during one scoring pass. */
export interface ScoringContext {
  comment(key: string): PreparedComment;
  thread(key: string): ThreadState;
  threadCount(): number;
  duplicateClusterOf(comment: PreparedComment): DuplicateCluster | undefined;
  /** a near-duplicate cluster counts fully from this many accounts */
  minDuplicateAccounts: number;
  crossLanguageGroupsOf(account: string): CrossLanguageGroup[];
  /** groups tying the account to others by text, tokens, picture or creation batch */
  linkGroupsOf(account: string): MemberGroup[];
  /** the accounts tied to this one through a chain of link groups */
  linkComponentOf(account: string): LinkComponent;
  burstLinks(b: Burst): BurstLinks;
  batchOf(account: string): BatchGroup | undefined;
  pictureGroupsOf(account: string): SharedAvatarGroup[];
  coOccurrenceOf(account: string): CoOccurrenceGroup[] | undefined;
  /** share of a thread's comments outside `own` that are themselves in near-duplicate clusters */
  otherRepetition(thread: string, own: DuplicateCluster): number;
  narrativeGroupsOf(account: string): NarrativeGroup[];
  /** off-topic and large enough to count as such (weights.ts) */
  narrativeOffTopic(g: NarrativeGroup): boolean;
  /** languages the group is written in, where reliably detected */
  narrativeLanguages(g: NarrativeGroup): string[];
  coTravelOf(account: string): CoTravelGroup | undefined;
  unions: UnionCache;
  /** '@handle', display name or id */
  nameOf(accountKey: string): string;
  /** the id of a group's cluster for accounts of `platform` */
  clusterIdFor(group: MemberGroup, platform: Platform): string;
}

/** The id a cross-language group is known by (its token names it). */
export function crossLanguageGroup(g: CrossLanguageGroup): MemberGroup {
  return { id: `xl:${g.token}`, accounts: g.accounts };
}

/** The evidence of the link groups `ScoringContext.linkGroupsOf` lists (an account without any has none). */
const LINK_SIGNALS: ReadonlySet<string> = new Set(['near-duplicate', 'cross-language', 'narrative', 'avatar-shared', 'batch-created']);

const LINK_WORDS: Record<LinkKind, string> = {
  'near-duplicate': 'near-identical text',
  'cross-language': 'the same token across languages',
  narrative: 'an off-topic narrative',
  'avatar-shared': 'the same profile picture',
  'batch-created': 'accounts created within days',
  other: 'a link',
};

/** A cross-language token as a reader writes it: "#truth", "@someone", "number 800", "link example.com/x". */
function tokenWords(token: string): string {
  return token.replace(/^(\w+):/, (_, k: string) => (k === 'hashtag' ? '#' : k === 'mention' ? '@' : `${k} `));
}

/** "near-identical text", "#realhongkong across languages", "the number 800 million across languages" */
function linkWords(g: MemberGroup): string {
  const kind = linkKind(g);
  if (kind !== 'cross-language') return LINK_WORDS[kind];
  const token = g.id.slice('xl:'.length);
  const what = token.startsWith('number:') ? `the number ${describeValue(Number(token.slice('number:'.length)))}` : tokenWords(token);
  return `${what} across languages`;
}

/** "the number 800 million (written 800 million, 8亿)" */
function scaledNumberText(g: CrossLanguageGroup): string {
  const value = describeValue(Number(g.token.slice(g.token.indexOf(':') + 1)));
  return `the number ${value} (written ${g.written!.slice(0, 4).join(', ')})`;
}

/** Evidence for one account, and the signals that could not be computed for it. */
export function accountEvidence(a: AccountState, ctx: ScoringContext): { evidence: Evidence[]; unavailable: string[] } {
  const out = new AccountEvidence(a, ctx);
  // Sorted so that verdicts do not depend on the order records arrived in.
  const comments = a.prepared.length === 1 ? a.prepared : byKey(a.prepared);
  out.nearDuplicate(comments);
  out.crossLanguage();
  out.narrative();
  out.burst();
  out.handle();
  out.nameScript(comments);
  out.age(comments);
  out.avatar();
  out.coOccurrence();
  out.coTravel();
  out.group();
  return { evidence: out.evidence, unavailable: sharedList(out.unavailable) };
}

/**
 * Most accounts lack the same few signals: one frozen list per combination, shared by their verdicts,
 * instead of a list per account (thousands of arrays surviving each rescoring for the collector to copy).
 * At most one list per subset of the signals that can be unavailable.
 */
const listsByNames = new Map<string, string[]>();
function sharedList(names: string[]): string[] {
  const key = names.join('\u0000');
  let list = listsByNames.get(key);
  if (!list) listsByNames.set(key, (list = Object.freeze([...names]) as string[]));
  return list;
}

/**
 * An account's comments in key order. Most accounts have a comment or a few: those are insertion-
 * sorted (the array sort allocates its working state per call, thousands of times per pass). Keys
 * are unique, so either way the order is the one sorting by `compareText` gives.
 */
function byKey(comments: readonly PreparedComment[]): PreparedComment[] {
  const out = comments.slice();
  if (out.length > 16) return out.sort((x, y) => compareText(x.key, y.key));
  for (let i = 1; i < out.length; i++) {
    const c = out[i];
    let j = i - 1;
    while (j >= 0 && compareText(out[j].key, c.key) > 0) {
      out[j + 1] = out[j];
      j--;
    }
    out[j + 1] = c;
  }
  return out;
}

class AccountEvidence {
  readonly evidence: Evidence[] = [];
  readonly unavailable: string[] = [];
  /** the near-duplicate cluster the evidence rests on (its accounts are not counted again as narrative) */
  private copied?: DuplicateCluster;

  constructor(
    private readonly a: AccountState,
    private readonly ctx: ScoringContext,
  ) {}

  /** The other members of the union of these groups (within a burst's members when given). */
  private others(groups: readonly MemberGroup[], within?: { id: string; members: ReadonlySet<string> }): Others {
    return othersOf(this.ctx.unions.of(groups, within), this.a.key);
  }

  /** "@a, @b, @c, @d and 2,996 more" */
  private names(others: Others): string {
    return listNames(
      others.sample.map((k) => this.ctx.nameOf(k)),
      others.count,
    );
  }

  /** The sample as evidence fields: account ids, and the clusters the evidence rests on. */
  private refs(others: Others, groups: readonly MemberGroup[]): Pick<Evidence, 'related' | 'clusterId' | 'clusterIds'> {
    const ids = groups.map((g) => this.ctx.clusterIdFor(g, this.a.platform));
    return {
      related: others.sample.map((k) => k.slice(k.indexOf(':') + 1)),
      ...(ids.length === 1 ? { clusterId: ids[0] } : ids.length > 1 ? { clusterId: ids[0], clusterIds: ids } : {}),
    };
  }

  /** Near-duplicate text: the largest cluster this account posted into. */
  nearDuplicate(comments: PreparedComment[]): void {
    let best: DuplicateCluster | undefined;
    let mine: PreparedComment | undefined;
    for (const c of comments) {
      const cluster = this.ctx.duplicateClusterOf(c);
      if (cluster && (!best || cluster.accounts.length > best.accounts.length)) {
        best = cluster;
        mine = c;
      }
    }
    if (!best || !mine) return;
    this.copied = best;
    const w = WEIGHTS.nearDuplicate;
    const n = best.accounts.length;
    const short = mine.shingles.length < w.shortTextShingles;
    let weight = 0;
    if (n >= this.ctx.minDuplicateAccounts) weight = Math.min(w.max, w.base + w.perExtraAccount * (n - 3)) * (short ? w.shortTextFactor : 1);
    else if (!short) weight = w.pair;
    if (weight === 0) return;
    // In a thread where much of the rest repeats itself too (a fan rush of catchphrases), one more
    // repeated phrase says little.
    const repetition = this.ctx.otherRepetition(mine.thread, best);
    const repetitive = repetition >= w.repetitiveThreadShare;
    if (repetitive) weight = Math.round(weight * w.repetitiveThreadFactor * 1000) / 1000;
    const rel = this.others([best]);
    this.evidence.push({
      signal: 'near-duplicate',
      weight,
      detail:
        `Posted near-identical text to ${count(rel.count)} other ${plural(rel.count, 'account')} (${this.names(rel)}): "${excerpt(mine.record.text, 70)}"` +
        (repetitive ? ` (in a thread where ${Math.round(repetition * 100)}% of the other comments repeat one another too)` : ''),
      ...this.refs(rel, [best]),
    });
  }

  /** Cross-language copies: the same link, hashtag or mention in comments in different languages. */
  crossLanguage(): void {
    const xl = this.ctx.crossLanguageGroupsOf(this.a.key);
    if (xl.length === 0) return;
    const w = WEIGHTS.crossLanguage;
    const linkGroups = xl.filter((g) => g.kind === 'link' || g.kind === 'hashtag');
    const strongest = linkGroups.some((g) => g.accounts.length >= 3) ? w.linkOrHashtag : linkGroups.length > 0 ? w.linkOrHashtagPair : w.other;
    // "800" and "800 million" in one comment are one number: the digits' group adds nothing of its own.
    const shared = new Set(xl.map((g) => g.token));
    let aliases = 0;
    for (const c of this.a.prepared) for (const t of c.tokens) if (t.of && shared.has(t.key) && shared.has(t.of)) aliases++;
    const weight = Math.min(w.max, strongest + w.perExtraToken * Math.max(0, xl.length - 1 - aliases));
    const groups = xl.map(crossLanguageGroup);
    const partners = this.others(groups);
    const langs = [...new Set(xl.flatMap((g) => g.languages))].sort();
    const tokens = xl.slice(0, 3).map((g) => (g.written ? scaledNumberText(g) : tokenWords(g.token)));
    this.evidence.push({
      signal: 'cross-language',
      weight,
      detail: `Shares ${tokens.join(', ')} with ${this.names(partners)}, in comments written in ${langs.join(', ')}`,
      ...this.refs(partners, groups),
    });
  }

  /**
   * Bursts (per thread). Full weight when this account is linked to another account of the burst;
   * otherwise reduced, unless most of the burst's accounts are linked to one another (a coordinated
   * burst): then an unlinked member gets the chance that it is not the thread's usual traffic, which
   * sits among the unlinked members (a fan posting during a campaign's burst is as unlinked as can be).
   */
  burst(): void {
    const { a, ctx } = this;
    let unavailable = true;
    let best: Evidence | undefined;
    for (const t of a.threads) {
      const thread = ctx.thread(t);
      if (thread.basis !== 'none') unavailable = false;
      const b = thread.burstOf.get(a.key);
      if (!b) continue;
      const w = WEIGHTS.burst;
      const links = ctx.burstLinks(b);
      const mine = ctx.linkGroupsOf(a.key);
      const linkedHere = mine.some((g) => links.inBurst.get(g.id)! >= 2);
      const notBackground = 1 - 1 / Math.max(b.ratio, 1);
      const reduced = notBackground * w.unlinkedFactor;
      // In a coordinated burst the thread's usual traffic (about `expected` comments) is among the
      // members linked to nobody: the chance that one of them is not background is 1 − expected/unlinked
      // (never above a linked member's 1 − expected/accounts, since unlinked ≤ accounts).
      const unlinkedNotBackground = Math.max(reduced, 1 - b.expected / Math.max(links.unlinked, 1));
      const coordinated = links.coordinatedShare >= w.coordinatedShare;
      const factor = linkedHere ? notBackground : coordinated ? unlinkedNotBackground : reduced;
      const weight = Math.round(w.base * factor * 1000) / 1000;
      if (best && best.weight >= weight) continue;
      const coordinatedNote = `${Math.round(links.coordinatedShare * 100)}% of them linked to one another by text, links, pictures or creation dates`;
      const linkedInBurst = linkedHere ? this.others(mine, { id: b.id, members: links.members }) : undefined;
      const rel = linkedInBurst ?? this.others([b]);
      best = {
        signal: 'burst',
        weight,
        detail:
          `One of ${count(b.accounts.length)} accounts commenting ${burstWindow(b)} on ${thread.threadId} (${expectedText(b.expected)} expected at this thread's usual rate), ${coordinatedNote}` +
          (linkedInBurst ? `; this account is linked to ${this.names(rel)}` : `; with ${this.names(rel)}`) +
          (!linkedHere && coordinated
            ? `; this account is linked to none of them, and the thread's usual traffic puts ${b.expected < 0.1 ? '' : 'about '}${expectedText(b.expected)} comments in that window, among the ${count(links.unlinked)} ${plural(links.unlinked, 'account')} linked to nobody`
            : ''),
        ...this.refs(rel, [b]),
      };
    }
    if (best) this.evidence.push(best);
    if (unavailable) this.unavailable.push('burst');
  }

  handle(): void {
    const hp = handlePattern(this.a.platform, this.a.author);
    if (!hp) return;
    const w = WEIGHTS.handlePattern;
    const weight = hp.kind === 'auto-handle' ? w.autoHandle : (hp.digits ?? 0) >= 7 ? w.nameManyDigits : w.nameDigits;
    this.evidence.push({
      signal: 'handle-pattern',
      weight,
      detail: hp.kind === 'auto-handle' ? `Handle ${hp.handle} is one the platform generates automatically` : `Handle ${hp.handle} is a name followed by ${hp.digits} digits, as in mass sign-ups`,
    });
  }

  /** Display-name script vs the comments' script. */
  nameScript(comments: PreparedComment[]): void {
    const { author } = this.a;
    const nm = nameLanguageMismatch(author.displayName, { scripts: comments.map((c) => c.script()) });
    if (nm.status === 'unavailable') this.unavailable.push('name-mismatch');
    else if (nm.status === 'mismatch') {
      this.evidence.push({
        signal: 'name-mismatch',
        weight: WEIGHTS.nameMismatch,
        detail: `Display name "${excerpt(author.displayName ?? '', 40)}" is in ${nm.mismatch.nameScript} script but ${nm.mismatch.comments} comment${nm.mismatch.comments === 1 ? ' is' : 's are'} in ${nm.mismatch.commentScript} script`,
      });
    }
  }

  /** Account age, followers, batch creation. */
  age(comments: PreparedComment[]): void {
    const { author } = this.a;
    if (!author.createdAt) this.unavailable.push('account-age');
    else {
      const firstMs = Math.min(...comments.map((c) => c.time?.ms ?? Date.parse(c.record.seenAt)).filter(Number.isFinite));
      const fresh = freshAccount(author.createdAt, Number.isFinite(firstMs) ? firstMs : undefined);
      if (fresh) {
        const w = WEIGHTS.accountAge;
        const days = Math.max(0, Math.floor(fresh.ageDays));
        this.evidence.push({
          signal: 'account-age',
          weight: fresh.ageDays < 30 ? w.under30Days : w.under90Days,
          detail: `Account created ${days} day${days === 1 ? '' : 's'} before it commented (${author.createdAt.slice(0, 10)})`,
        });
      }
    }
    if (author.followers === 0) {
      this.evidence.push({ signal: 'account-age', weight: WEIGHTS.accountAge.noFollowers, detail: 'Account has no followers' });
    }
    const batch = this.ctx.batchOf(this.a.key);
    if (batch) {
      const rel = this.others([batch]);
      const days = Math.max(1, Math.round((batch.endMs - batch.startMs) / DAY));
      this.evidence.push({
        signal: 'batch-created',
        weight: WEIGHTS.batchCreated,
        detail: `Created within ${days} day${days === 1 ? '' : 's'} of ${count(rel.count)} other ${plural(rel.count, 'commenter')} (${this.names(rel)}), ${new Date(batch.startMs).toISOString().slice(0, 10)}`,
        ...this.refs(rel, [batch]),
      });
    }
  }

  avatar(): void {
    const score = this.a.avatar;
    const av = avatarFinding(this.a.author, score);
    if (!score || (score.pGenerated === undefined && score.level !== 'high' && score.level !== 'medium' && score.level !== 'low')) this.unavailable.push('avatar-ai');
    if (av?.aiLevel) {
      this.evidence.push({
        signal: 'avatar-ai',
        weight: av.aiLevel === 'high' ? WEIGHTS.avatar.aiHigh : WEIGHTS.avatar.aiMedium,
        detail: avatarEvidenceDetail(av),
      });
    }
    if (av?.defaultAvatar) this.evidence.push({ signal: 'avatar-default', weight: WEIGHTS.avatar.defaultPicture, detail: "Uses the platform's default profile picture" });
    const shared = this.ctx.pictureGroupsOf(this.a.key);
    if (shared.length > 0) {
      const rel = this.others(shared);
      this.evidence.push({ signal: 'avatar-shared', weight: WEIGHTS.avatar.shared, detail: `Same profile picture as ${this.names(rel)}`, ...this.refs(rel, shared) });
    }
  }

  /**
   * Narrative: the same rare terms as other accounts, in other words (and languages). An on-topic
   * narrative counts only for an account without near-identical text, and needs two other accounts
   * beyond any copies; an off-topic one (copies or not, all about one thing the rest of the thread
   * never mentions) counts in full.
   */
  narrative(): void {
    const { a, ctx } = this;
    const all = ctx.narrativeGroupsOf(a.key);
    if (all.length === 0) return;
    const copied = new Set(this.copied?.accounts ?? []);
    const beyondCopies = (g: NarrativeGroup) => {
      let n = 0;
      for (const k of g.accounts) if (k !== a.key && !copied.has(k)) n++;
      return n;
    };
    const sizeOf = (g: NarrativeGroup) => (ctx.narrativeOffTopic(g) ? g.accounts.length : beyondCopies(g) + 1);
    const groups = all.filter((g) => ctx.narrativeOffTopic(g) || (!this.copied && beyondCopies(g) >= 2));
    if (groups.length === 0) return;
    const w = WEIGHTS.narrative;
    const best = groups.reduce((x, y) => (sizeOf(y) > sizeOf(x) || (sizeOf(y) === sizeOf(x) && y.offTopic && !x.offTopic) ? y : x));
    const langs = ctx.narrativeLanguages(best);
    const offTopic = ctx.narrativeOffTopic(best);
    const size = sizeOf(best);
    const offTopicWeight = offTopic ? Math.min(w.offTopicMax, w.offTopic + w.offTopicPerExtraAccount * (size - w.offTopicMinAccounts)) : 0;
    const weight = Math.round((Math.min(w.max, w.base + w.perExtraAccount * (size - 3)) + offTopicWeight + (langs.length >= 2 ? w.multilingual : 0)) * 1000) / 1000;
    const rel = this.others([best]);
    const threadId = ctx.thread(best.thread).threadId;
    this.evidence.push({
      signal: 'narrative',
      weight,
      detail:
        `Wrote about the same thing as ${count(rel.count)} other ${plural(rel.count, 'account')} (${this.names(rel)}) in other words: shared terms rare in this thread ${best.terms.map((t) => `"${t}"`).join(', ')}` +
        (offTopic ? `; off-topic for ${threadId}, on the same topic as ${count(rel.count)} ${plural(rel.count, 'other')}` : '') +
        (langs.length >= 2 ? `; in ${langs.join(', ')}` : ''),
      ...this.refs(rel, [best]),
    });
  }

  /**
   * A group tied by several weak links: three or more accounts joined through at least two link
   * groups of at least two kinds (a near-identical pair and a number shared across languages, say).
   * Each link alone can be a coincidence and is weighed as such by its own signal; links of different
   * kinds closing around the same accounts are less likely to be one.
   */
  group(): void {
    // Only an account with a link of its own can be in a group (most accounts have none: no walk).
    if (!this.evidence.some((e) => LINK_SIGNALS.has(e.signal))) return;
    const c = this.ctx.linkComponentOf(this.a.key);
    const w = WEIGHTS.group;
    if (c.large || c.accounts.length < w.minAccounts || c.groups.length < 2 || c.kinds.length < w.minKinds) return;
    const weight = Math.min(w.max, w.base + w.perExtraKind * (c.kinds.length - w.minKinds));
    const rel = this.others([{ id: `group:${c.accounts[0]}`, accounts: c.accounts }]);
    const links = c.groups.slice(0, 4).map((g) => {
      const members = this.ctx.unions.of([g]);
      return `${linkWords(g)} (${listNames(members.sample.map((k) => this.ctx.nameOf(k)), members.count, 3)})`;
    });
    this.evidence.push({
      signal: 'group',
      weight,
      detail:
        `One of ${count(c.accounts.length)} accounts tied to one another by ${count(c.groups.length)} links of ${c.kinds.length} kinds, each weak alone: ${links.join('; ')}` +
        (c.groups.length > 4 ? `; and ${count(c.groups.length - 4)} more` : ''),
      related: rel.sample.map((k) => k.slice(k.indexOf(':') + 1)),
    });
  }

  /** Travelling together: close in time to the same accounts in several threads. */
  coTravel(): void {
    if (this.ctx.threadCount() < 2) this.unavailable.push('co-travel');
    const travel = this.ctx.coTravelOf(this.a.key);
    if (!travel) return;
    const w = WEIGHTS.coTravel;
    const weight = travel.log10Corrected <= -6 ? w.tiny : travel.log10Corrected <= -3 ? w.small : w.some;
    const rel = this.others([travel]);
    const visits = travel.threads.map((t) => `${t.thread.slice(t.thread.indexOf(':') + 1)}: ${t.accounts.length} within ${Math.max(1, Math.round(t.spreadMs / 60_000))} min`);
    this.evidence.push({
      signal: 'co-travel',
      weight,
      detail: `Commented close in time to ${this.names(rel)} in ${travel.threads.length} threads (${visits.slice(0, 4).join('; ')}${visits.length > 4 ? '; …' : ''}); the chance of such timing among unrelated commenters is ${describeChance(travel.log10Corrected)}`,
      ...this.refs(rel, [travel]),
    });
  }

  /**
   * Co-occurrence across threads: only pairs of threads holding more of the same accounts than
   * accounts picking their threads at random would put there (co-occurrence.ts) count, and only for
   * accounts seen in few threads (a regular's presence in any pair is expected).
   */
  coOccurrence(): void {
    if (this.ctx.threadCount() < 2) this.unavailable.push('co-occurrence');
    const groups = this.ctx.coOccurrenceOf(this.a.key);
    if (!groups) return;
    const w = WEIGHTS.coOccurrence;
    const co = groups.filter((g) => g.log10Corrected <= Math.log10(w.alpha) && g.visitors.includes(this.a.key));
    if (co.length === 0) return;
    const best = co.reduce((x, y) => (y.log10Corrected < x.log10Corrected ? y : x));
    const partners = this.others(co);
    const threads = [...new Set(co.flatMap((g) => g.threads))].sort();
    const threadIds = threads.slice(0, 3).map((t) => t.slice(t.indexOf(':') + 1));
    this.evidence.push({
      signal: 'co-occurrence',
      weight: best.log10Corrected <= Math.log10(w.smallChance) ? w.small : w.some,
      detail:
        `Commented alongside ${this.names(partners)} in ${threads.length} of the same threads (${threadIds.join(', ')}); ` +
        `${count(best.visitors.length)} accounts seen in few threads share two of them where about ${best.expected < 1 ? best.expected.toFixed(1) : Math.round(best.expected)} would if accounts picked their threads at random (chance ${describeChance(best.log10Corrected)})`,
      ...this.refs(partners, co),
    });
  }
}
