/**
 * Cross-language copies: the same link, hashtag, mention, long number or emoji sequence appearing in
 * comments by different accounts written in different languages — what survives when a template is
 * translated. Incremental: a token's group is recomputed only when a comment with that token arrives.
 *
 * A token that many accounts use spread over time (a popular hashtag, a channel's own tag, a news
 * site everyone links) is the thread's own, not a template's: it forms no group. A campaign's token
 * comes from a tight group: most of its accounts post it within `tightMinutes` of one another.
 */
import { compareText } from '../text/compare.ts';
import type { PreparedComment } from './prepare.ts';
import type { TokenKind } from '../text/tokens.ts';

export interface CrossLanguageGroup {
  /** the shared token, e.g. 'link:example.com/x' */
  token: string;
  kind: TokenKind;
  commentKeys: string[];
  accounts: string[];
  languages: string[];
  sampleText: string;
  /** a number with a scale word: the ways the members wrote it ("800 million", "8亿") */
  written?: string[];
}

export interface CrossLanguageOptions {
  minAccounts: number;
  minLanguages: number;
  /** a token used by at least this many accounts… */
  commonMinAccounts: number;
  /** …fewer than `tightShare` of which could have posted it within one `tightMinutes` window is the thread's own */
  tightMinutes: number;
  tightShare: number;
}
export const DEFAULT_CROSS_LANGUAGE: CrossLanguageOptions = { minAccounts: 2, minLanguages: 2, commonMinAccounts: 10, tightMinutes: 60, tightShare: 0.67 };

export class CrossLanguageIndex {
  readonly opts: CrossLanguageOptions;
  private postings = new Map<string, PreparedComment[]>();
  private seen = new Set<string>();
  private groups = new Map<string, CrossLanguageGroup>();
  private tokensByAccount = new Map<string, Set<string>>();
  /** tokens whose group must be re-evaluated (see `insert`) */
  private pending = new Map<string, TokenKind>();

  constructor(opts: Partial<CrossLanguageOptions> = {}) {
    this.opts = { ...DEFAULT_CROSS_LANGUAGE, ...opts };
  }

  /** Adds a comment; returns the accounts whose cross-language groups changed. */
  add(comment: PreparedComment): string[] {
    this.insert(comment);
    return this.flush();
  }

  /**
   * Adds a comment without re-evaluating its tokens' groups yet: a token posted a thousand times in
   * one batch is evaluated once, by `flush`, not a thousand times.
   */
  insert(comment: PreparedComment): void {
    if (comment.tokens.length === 0 || this.seen.has(comment.key)) return;
    this.seen.add(comment.key);
    for (const t of comment.tokens) {
      let list = this.postings.get(t.key);
      if (!list) this.postings.set(t.key, (list = []));
      list.push(comment);
      if (list.length >= this.opts.minAccounts) this.pending.set(t.key, t.kind);
    }
  }

  /** Re-evaluates the groups of tokens added since the last call; returns the accounts whose groups changed. */
  flush(): string[] {
    const touched = new Set<string>();
    for (const [token, kind] of this.pending) {
      const before = this.groups.get(token);
      const after = this.evaluate(token, kind, this.postings.get(token)!);
      if (after) this.groups.set(token, after);
      else this.groups.delete(token);
      if (!before && !after) continue;
      for (const a of before?.accounts ?? []) {
        touched.add(a);
        this.tokensByAccount.get(a)?.delete(token);
      }
      for (const a of after?.accounts ?? []) {
        touched.add(a);
        let set = this.tokensByAccount.get(a);
        if (!set) this.tokensByAccount.set(a, (set = new Set()));
        set.add(token);
      }
    }
    this.pending.clear();
    return [...touched];
  }

  private evaluate(token: string, kind: TokenKind, list: PreparedComment[]): CrossLanguageGroup | undefined {
    const accounts = new Set(list.map((c) => c.account));
    if (accounts.size < this.opts.minAccounts) return undefined;
    const byLanguage = new Map<string, Set<string>>();
    for (const c of list) {
      const lang = c.language();
      if (!lang.lang || !lang.reliable) continue;
      let set = byLanguage.get(lang.lang);
      if (!set) byLanguage.set(lang.lang, (set = new Set()));
      set.add(c.account);
    }
    if (byLanguage.size < this.opts.minLanguages) return undefined;
    if (accounts.size >= this.opts.commonMinAccounts && this.spreadOut(list, accounts.size)) return undefined;
    const members = list.filter((c) => {
      const l = c.language();
      return l.lang && l.reliable;
    });
    const sorted = [...members].sort((a, b) => compareText(a.key, b.key));
    const written = kind === 'number' ? writtenForms(sorted, token) : undefined;
    return {
      token,
      kind,
      commentKeys: sorted.map((c) => c.key),
      accounts: [...new Set(sorted.map((c) => c.account))].sort(),
      languages: [...byLanguage.keys()].sort(),
      sampleText: sorted[0].record.text,
      ...(written ? { written } : {}),
    };
  }

  /**
   * True when the token's uses are spread over time: even where their times are vague ("3 days ago"
   * is ± a day, an unknown time could be any), fewer than `tightShare` of its accounts could have
   * posted it within one `tightMinutes` window. A sweep over each use's possible window starts.
   */
  private spreadOut(list: PreparedComment[], accounts: number): boolean {
    const window = this.opts.tightMinutes * 60_000;
    // A use at ms ± p falls in the window [x, x + window] for some x in [ms − p − window, ms + p].
    const events: { at: number; account: string; delta: 1 | -1 }[] = [];
    for (const c of list) {
      const t = c.time;
      events.push({ at: t ? t.ms - t.precisionMs - window : -Infinity, account: c.account, delta: 1 });
      events.push({ at: t ? t.ms + t.precisionMs : Infinity, account: c.account, delta: -1 });
    }
    events.sort((x, y) => x.at - y.at || y.delta - x.delta);
    const open = new Map<string, number>();
    let most = 0;
    for (const e of events) {
      const n = (open.get(e.account) ?? 0) + e.delta;
      if (n === 0) open.delete(e.account);
      else open.set(e.account, n);
      most = Math.max(most, open.size);
    }
    return most < this.opts.tightShare * accounts;
  }

  groupsOf(account: string): CrossLanguageGroup[] {
    const tokens = [...(this.tokensByAccount.get(account) ?? [])].sort();
    return tokens.map((t) => this.groups.get(t)!).filter(Boolean);
  }

  allGroups(): CrossLanguageGroup[] {
    return [...this.groups.values()].sort((a, b) => compareText(a.token, b.token));
  }
}

/** The distinct ways the comments wrote a scaled number token, in comment order; undefined for plain digits. */
function writtenForms(comments: PreparedComment[], token: string): string[] | undefined {
  const forms = new Map<string, string>();
  for (const c of comments) for (const t of c.tokens) if (t.key === token && t.written && !forms.has(t.written.toLowerCase())) forms.set(t.written.toLowerCase(), t.written);
  return forms.size > 0 ? [...forms.values()] : undefined;
}

/** Pure form: groups of accounts sharing a token across comments in at least two languages. */
export function findCrossLanguageCopies(comments: PreparedComment[], opts: Partial<CrossLanguageOptions> = {}): CrossLanguageGroup[] {
  const index = new CrossLanguageIndex(opts);
  for (const c of comments) index.insert(c);
  index.flush();
  return index.allGroups();
}
