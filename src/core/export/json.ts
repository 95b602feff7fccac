/**
 * JSON export, schema `amplifier-lens/case@2` (documented in docs/export-schema.md). Page content is
 * kept as plain strings; nothing in it is interpreted. Each cluster is written once, with its members
 * and comment ids; account evidence points to clusters by id. `jsonChunks` yields the file piece by
 * piece (an account at a time) so that a large case is never one string in memory.
 */
import type { AccountVerdict, Cluster, CommentRecord, ThreadSummary } from '../types.ts';

export const CASE_SCHEMA = 'amplifier-lens/case@2';

export interface CaseExportInput {
  verdicts: AccountVerdict[];
  threads: ThreadSummary[];
  /** the case's clusters; those the exported verdicts and threads refer to are written */
  clusters: Cluster[];
  /** the case's comments; each account then lists its own */
  records?: CommentRecord[];
  /** ISO time of the export (default: now) */
  exportedAt?: string;
  /** account ids (platform-local) that are simulated, e.g. in the demo */
  simulatedAccountIds?: string[];
  /** extra note, e.g. "demo case with a simulated campaign" */
  note?: string;
}

export interface ExportedComment {
  commentId: string;
  threadId: string;
  parentId?: string;
  text: string;
  publishedAt?: string;
  publishedText?: string;
  seenAt: string;
  likes?: number;
}

export type ExportedAccount = AccountVerdict & { simulated?: true; createdAt?: string; commentsDetail?: ExportedComment[] };

export interface CaseExport {
  schema: typeof CASE_SCHEMA;
  exportedAt: string;
  generator: string;
  note?: string;
  threads: ThreadSummary[];
  clusters: Cluster[];
  accounts: ExportedAccount[];
}

/** The clusters that the verdicts' evidence or the thread summaries name, in the case's order. */
export function referencedClusters(clusters: Cluster[], verdicts: AccountVerdict[], threads: ThreadSummary[]): Cluster[] {
  const ids = new Set<string>();
  for (const v of verdicts) {
    for (const r of v.reasons) {
      if (r.clusterId) ids.add(r.clusterId);
      for (const id of r.clusterIds ?? []) ids.add(id);
    }
  }
  for (const t of threads) for (const c of t.clusters) ids.add(c.id);
  return clusters.filter((c) => ids.has(c.id));
}

/** The export's parts; accounts are made one at a time by `account`. */
function exportParts(input: CaseExportInput) {
  const byAccount = new Map<string, CommentRecord[]>();
  for (const r of input.records ?? []) {
    const key = `${r.platform}:${r.author.id}`;
    let list = byAccount.get(key);
    if (!list) byAccount.set(key, (list = []));
    list.push(r);
  }
  const simulated = new Set(input.simulatedAccountIds ?? []);
  const head = {
    schema: CASE_SCHEMA as typeof CASE_SCHEMA,
    exportedAt: input.exportedAt ?? new Date().toISOString(),
    generator: 'Amplifier Lens',
    ...(input.note ? { note: input.note } : {}),
  };
  const account = (v: AccountVerdict): ExportedAccount => {
    const records = byAccount.get(`${v.platform}:${v.accountId}`);
    const createdAt = records?.find((r) => r.author.createdAt)?.author.createdAt;
    return {
      ...v,
      ...(simulated.has(v.accountId) ? { simulated: true as const } : {}),
      ...(createdAt ? { createdAt } : {}),
      ...(records
        ? {
            commentsDetail: records.map((r) => ({
              commentId: r.commentId,
              threadId: r.threadId,
              ...(r.parentId ? { parentId: r.parentId } : {}),
              text: r.text,
              ...(r.publishedAt ? { publishedAt: r.publishedAt } : {}),
              ...(r.publishedText ? { publishedText: r.publishedText } : {}),
              seenAt: r.seenAt,
              ...(r.likes !== undefined ? { likes: r.likes } : {}),
            })),
          }
        : {}),
    };
  };
  return { head, clusters: referencedClusters(input.clusters, input.verdicts, input.threads), account };
}

/** The whole export as one object (small cases and tests; large ones use `jsonChunks`). */
export function buildCaseExport(input: CaseExportInput): CaseExport {
  const { head, clusters, account } = exportParts(input);
  return { ...head, threads: input.threads, clusters, accounts: input.verdicts.map(account) };
}

/** `value` as JSON indented by two spaces, starting at nesting depth `depth`. */
function indented(value: unknown, depth: number): string {
  const json = JSON.stringify(value, null, 2);
  return depth === 0 ? json : json.replace(/\n/g, `\n${'  '.repeat(depth)}`);
}

function* arrayChunks<T>(name: string, items: Iterable<T>, last: boolean, map: (item: T) => unknown = (x) => x): Generator<string> {
  let first = true;
  for (const item of items) {
    yield `${first ? `  "${name}": [\n` : ',\n'}    ${indented(map(item), 2)}`;
    first = false;
  }
  const close = last ? '\n' : ',\n';
  yield first ? `  "${name}": []${close}` : `\n  ]${close}`;
}

/**
 * The export as text, piece by piece: the same text as `JSON.stringify(buildCaseExport(input), null, 2)`
 * plus a newline, without ever holding more than one account's part.
 */
export function* jsonChunks(input: CaseExportInput): Generator<string> {
  const { head, clusters, account } = exportParts(input);
  const headJson = indented(head, 0);
  yield `${headJson.slice(0, -2)},\n`;
  yield* arrayChunks('threads', input.threads, false);
  yield* arrayChunks('clusters', clusters, false);
  yield* arrayChunks('accounts', input.verdicts, true, account);
  yield '}\n';
}

export function toJson(input: CaseExportInput): string {
  return [...jsonChunks(input)].join('');
}
