/**
 * CSV export that is safe to open in a spreadsheet: every text cell whose first character (after
 * optional spaces) is = + - @, or that starts with a tab or carriage return, is prefixed with an
 * apostrophe so it cannot run as a formula; UTF-8 with a byte-order mark so that Chinese, Arabic and
 * Hebrew names display correctly; CRLF line endings; evidence in readable columns. `csvChunks` yields
 * the file a few hundred rows at a time.
 */
import Papa from 'papaparse';
import type { AccountVerdict, CommentRecord } from '../types.ts';

export const CSV_COLUMNS = [
  'platform',
  'account_id',
  'handle',
  'display_name',
  'profile_url',
  'level',
  'score',
  'label',
  'comments',
  'threads',
  'reason_1',
  'reason_2',
  'reason_3',
  'all_reasons',
  'signals',
  'unavailable_signals',
  'related',
  'sample_comment',
  'clusters',
] as const;

/** Rows per chunk of `csvChunks`. */
const ROWS_PER_CHUNK = 500;

export interface CsvOptions {
  /** include accounts at level low (default: true — the export is the whole case) */
  includeLow?: boolean;
  /** records of the case, to add a sample comment per account */
  records?: CommentRecord[];
}

const DANGEROUS_START = /^[\s]*[=+\-@]|^[\t\r]/;

/** Neutralises a cell that a spreadsheet would read as a formula. */
export function neutralizeCell(value: string): string {
  return DANGEROUS_START.test(value) ? `'${value}` : value;
}

function row(v: AccountVerdict, sample: Map<string, string>): string[] {
  const reasons = v.reasons.map((r) => `${r.detail} [${r.signal} ${r.weight.toFixed(2)}]`);
  const related = [...new Set(v.reasons.flatMap((r) => r.related ?? []))];
  const clusters = [...new Set(v.reasons.flatMap((r) => r.clusterIds ?? (r.clusterId ? [r.clusterId] : [])))];
  const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
    platform: v.platform,
    account_id: v.accountId,
    handle: v.handle ?? '',
    display_name: v.displayName ?? '',
    profile_url: v.profileUrl ?? '',
    level: v.level,
    score: v.score.toFixed(3),
    label: v.label ?? '',
    comments: String(v.comments),
    threads: v.threads.join(' '),
    reason_1: reasons[0] ?? '',
    reason_2: reasons[1] ?? '',
    reason_3: reasons[2] ?? '',
    all_reasons: reasons.join('\n'),
    signals: [...new Set(v.reasons.map((r) => r.signal))].join(', '),
    unavailable_signals: (v.unavailable ?? []).join(', '),
    related: related.slice(0, 50).join(' '),
    sample_comment: sample.get(`${v.platform}:${v.accountId}`) ?? '',
    clusters: clusters.join(' '),
  };
  return CSV_COLUMNS.map((c) => neutralizeCell(cells[c]));
}

const UNPARSE = { newline: '\r\n', quotes: true } as const;

/** The CSV file piece by piece: byte-order mark and header, then rows in chunks. */
export function* csvChunks(verdicts: Iterable<AccountVerdict>, opts: CsvOptions = {}): Generator<string> {
  const sample = new Map<string, string>();
  for (const r of opts.records ?? []) {
    const key = `${r.platform}:${r.author.id}`;
    if (!sample.has(key)) sample.set(key, r.text);
  }
  // The header ends with a line break; rows are separated by one, and the last has none.
  yield '\uFEFF' + Papa.unparse({ fields: [...CSV_COLUMNS], data: [] }, UNPARSE);
  let rows: string[][] = [];
  let first = true;
  const flush = () => {
    const text = (first ? '' : '\r\n') + Papa.unparse(rows, UNPARSE);
    rows = [];
    first = false;
    return text;
  };
  for (const v of verdicts) {
    if (opts.includeLow === false && v.level === 'low') continue;
    rows.push(row(v, sample));
    if (rows.length === ROWS_PER_CHUNK) yield flush();
  }
  if (rows.length > 0) yield flush();
}

export function toCsv(verdicts: AccountVerdict[], opts: CsvOptions = {}): string {
  return [...csvChunks(verdicts, opts)].join('');
}
