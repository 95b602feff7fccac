/**
 * Reads the UCI YouTube Spam Collection CSVs (Alberto, Lochter & Almeida 2015) into CommentRecords,
 * keeping the spam label. The data has display names only, so the name doubles as the account id.
 */
import Papa from 'papaparse';
import type { CommentRecord } from '../types.ts';

export interface LabelledRecord {
  record: CommentRecord;
  spam: boolean;
}

export function parseUciCsv(csv: string, video: string): LabelledRecord[] {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  const out: LabelledRecord[] = [];
  for (const row of parsed.data) {
    if (!row.COMMENT_ID || row.CONTENT === undefined) continue;
    const date = row.DATE?.trim();
    const publishedAt = date && Number.isFinite(Date.parse(date)) ? new Date(Date.parse(date)).toISOString() : undefined;
    out.push({
      spam: row.CLASS?.trim() === '1',
      record: {
        platform: 'youtube',
        threadId: `uci-${video}`,
        commentId: row.COMMENT_ID,
        author: { id: row.AUTHOR ?? 'unknown', displayName: row.AUTHOR },
        text: row.CONTENT.replace(/<br\s*\/?>/gi, '\n').replace(/\uFEFF/g, ''),
        publishedAt,
        seenAt: '2015-06-30T00:00:00.000Z',
        source: 'json',
      },
    });
  }
  return out;
}
