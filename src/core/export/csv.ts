/**
 * CSV export that is safe to open in a spreadsheet: every text cell whose first character (after
 * optional spaces) is = + - @ (or their full-width forms), or that starts with a tab, carriage return or
 * line feed, is prefixed with an
 * apostrophe so it cannot run as a formula; UTF-8 with a byte-order mark so that Chinese, Arabic and
 * Hebrew names display correctly; CRLF line endings; evidence in readable columns.
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
] as const;

export interface CsvOptions {
  /** include accounts at level low (default: true — the export is the whole case) */
  includeLow?: boolean;
  /** records of the case, to add a sample comment per account */
  records?: CommentRecord[];
}

/** A formula sign after optional spaces (also the full-width forms some spreadsheets accept), or a control start. */
const DANGEROUS_START = /^[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/;

/** Neutralises a cell that a spreadsheet would read as a formula. Every CSV the project writes uses it. */
export function neutralizeCell(value: string): string {
  return DANGEROUS_START.test(value) ? `'${value}` : value;
}

export function toCsv(verdicts: AccountVerdict[], opts: CsvOptions = {}): string {
  const sample = new Map<string, string>();
  for (const r of opts.records ?? []) {
    const key = `${r.platform}:${r.author.id}`;
    if (!sample.has(key)) sample.set(key, r.text);
  }
  const rows = verdicts
    .filter((v) => opts.includeLow !== false || v.level !== 'low')
    .map((v) => {
      const reasons = v.reasons.map((r) => `${r.detail} [${r.signal} ${r.weight.toFixed(2)}]`);
      const related = [...new Set(v.reasons.flatMap((r) => r.related ?? []))];
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
      };
      return CSV_COLUMNS.map((c) => neutralizeCell(cells[c]));
    });
  return '\uFEFF' + Papa.unparse({ fields: [...CSV_COLUMNS], data: rows }, { newline: '\r\n', quotes: true });
}
