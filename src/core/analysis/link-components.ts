/**
 * Accounts tied together through a chain of links (near-identical text, the same token across
 * languages, an off-topic narrative, a shared picture, a creation batch): the connected component of
 * the link groups. Each link alone may be a coincidence (two people can share a sentence or quote the
 * same number); several links of different kinds closing around three or more accounts are a group.
 * Computed lazily once per scoring pass: a breadth-first walk visits each group's members once and
 * stops past `maxAccounts` members (every member of a larger component finds it large, whichever it
 * starts from), so a pass costs at most that much per component it touches, however large the case.
 */
import type { MemberGroup } from './union.ts';

export type LinkKind = 'near-duplicate' | 'cross-language' | 'narrative' | 'avatar-shared' | 'batch-created' | 'other';

export interface LinkComponent {
  /** members, sorted (when `large`, only those the walk visited before it stopped) */
  accounts: string[];
  /** more than `maxAccounts` members: the walk stopped there (a web of links that wide is the thread's own, not a small group's) */
  large: boolean;
  /** the link groups that hold it together */
  groups: MemberGroup[];
  /** the distinct kinds of those links, sorted */
  kinds: LinkKind[];
}

/** The kind of link a group is, from its id (see the signals' group ids). */
export function linkKind(group: MemberGroup): LinkKind {
  const id = group.id;
  if (id.startsWith('dup:')) return 'near-duplicate';
  if (id.startsWith('xl:')) return 'cross-language';
  if (id.startsWith('narrative:')) return 'narrative';
  if (id.startsWith('avatar:')) return 'avatar-shared';
  if (id.startsWith('batch:')) return 'batch-created';
  return 'other';
}

export class LinkComponents {
  private byAccount = new Map<string, LinkComponent>();

  constructor(
    private readonly linksOf: (account: string) => readonly MemberGroup[],
    /** a walk stops once it has found more members than this, so that its cost is bounded */
    private readonly maxAccounts: number,
  ) {}

  /** Forget the components (the links may have changed): once per scoring pass. */
  clear(): void {
    this.byAccount.clear();
  }

  /** The component holding `account` (the account alone when it has no link). */
  of(account: string): LinkComponent {
    const known = this.byAccount.get(account);
    if (known) return known;
    if (this.linksOf(account).length === 0) return { accounts: [account], large: false, groups: [], kinds: [] };
    const members = new Set<string>([account]);
    const groups: MemberGroup[] = [];
    const seenGroups = new Set<string>();
    const queue = [account];
    let large = false;
    walk: for (let i = 0; i < queue.length; i++) {
      const from = queue[i];
      for (const g of this.linksOf(from)) {
        if (seenGroups.has(g.id)) continue;
        seenGroups.add(g.id);
        // Only members for whom the group is a link of their own (a near-identical pair links the
        // account with the longer comment only), so that every member finds the same component; a
        // group that ties this account to none of them is no link of the component.
        let tied = false;
        for (const k of g.accounts) {
          if (k === from || !this.linksOf(k).some((h) => h.id === g.id)) continue;
          tied = true;
          if (members.has(k)) continue;
          members.add(k);
          queue.push(k);
          if (members.size > this.maxAccounts) {
            large = true;
            break walk;
          }
        }
        if (tied) groups.push(g);
      }
    }
    groups.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    const component: LinkComponent = {
      accounts: [...members].sort(),
      large,
      groups,
      kinds: [...new Set(groups.map(linkKind))].sort(),
    };
    for (const k of members) this.byAccount.set(k, component);
    return component;
  }
}
