/**
 * JSON export, schema `amplifier-lens/case@1` (documented in docs/export-schema.md). Page content is
 * kept as plain strings; nothing in it is interpreted.
 */
import type { AccountVerdict, CommentRecord, ThreadSummary } from '../types.ts';

export const CASE_SCHEMA = 'amplifier-lens/case@1';

export interface CaseExportInput {
  verdicts: AccountVerdict[];
  threads: ThreadSummary[];
  /** the case's comments; each account then lists its own */
  records?: CommentRecord[];
  /** ISO time of the export (default: now) */
  exportedAt?: string;
  /** account ids (platform-local) that are simulated, e.g. in the demo */
  simulatedAccountIds?: string[];
  /** extra note, e.g. "demo case with a simulated campaign" */
  note?: string;
  /** what the reader must know about the inputs (cut texts, pages without comments) */
  warnings?: CaseWarning[];
}

export interface CaseWarning {
  /** the input it concerns (a file for the command line) */
  input: string;
  kind: 'text-cut' | 'no-comments' | 'unread-comments';
  detail: string;
}

export interface ExportedComment {
  commentId: string;
  threadId: string;
  parentId?: string;
  text: string;
  /** the text was cut to the length limit; the comment had this many characters */
  textCutFrom?: number;
  publishedAt?: string;
  publishedText?: string;
  seenAt: string;
  likes?: number;
}

export interface CaseExport {
  schema: typeof CASE_SCHEMA;
  exportedAt: string;
  generator: string;
  note?: string;
  warnings?: CaseWarning[];
  threads: ThreadSummary[];
  accounts: (AccountVerdict & { simulated?: true; createdAt?: string; commentsDetail?: ExportedComment[] })[];
}

export function buildCaseExport(input: CaseExportInput): CaseExport {
  const byAccount = new Map<string, CommentRecord[]>();
  for (const r of input.records ?? []) {
    const key = `${r.platform}:${r.author.id}`;
    let list = byAccount.get(key);
    if (!list) byAccount.set(key, (list = []));
    list.push(r);
  }
  const simulated = new Set(input.simulatedAccountIds ?? []);
  return {
    schema: CASE_SCHEMA,
    exportedAt: input.exportedAt ?? new Date().toISOString(),
    generator: 'Amplifier Lens',
    ...(input.note ? { note: input.note } : {}),
    ...(input.warnings?.length ? { warnings: input.warnings } : {}),
    threads: input.threads,
    accounts: input.verdicts.map((v) => {
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
                ...(r.textCutFrom !== undefined ? { textCutFrom: r.textCutFrom } : {}),
                ...(r.publishedAt ? { publishedAt: r.publishedAt } : {}),
                ...(r.publishedText ? { publishedText: r.publishedText } : {}),
                seenAt: r.seenAt,
                ...(r.likes !== undefined ? { likes: r.likes } : {}),
              })),
            }
          : {}),
      };
    }),
  };
}

export function toJson(input: CaseExportInput): string {
  return JSON.stringify(buildCaseExport(input), null, 2) + '\n';
}
