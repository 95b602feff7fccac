/** Export files for the popup and the report: the same export code as `lens scan --format`. */
import { toCsv, toGexf, toJson } from '../core/export/index.ts';
import type { AccountVerdict, Platform } from '../core/types.ts';
import type { ExportFile } from '../core/views.ts';
import type { CaseService } from './case-service.ts';

type Scope = { kind: 'case' } | { kind: 'thread'; platform: Platform; threadId: string };

const isFlagged = (v: AccountVerdict) => v.level === 'high' || v.level === 'medium' || v.label === 'confirmed';

function stamp(now: Date) {
  return now.toISOString().slice(0, 16).replace(/[-:T]/g, '');
}

/**
 * CSV and JSON hold the flagged accounts (high, medium, or confirmed by the user) with their evidence;
 * the GEXF graph holds every account of the scope so that the network has its organic context.
 */
export async function exportFile(cases: CaseService, format: 'csv' | 'json' | 'gexf', scope: Scope, simulatedAccountIds: string[] = []): Promise<ExportFile> {
  const now = new Date();
  const [verdicts, records, threads] =
    scope.kind === 'case'
      ? await Promise.all([cases.verdicts(), cases.allRecords(), cases.summaries()])
      : await Promise.all([
          cases.threadVerdicts(scope.platform, scope.threadId),
          cases.threadRecords(scope.platform, scope.threadId),
          cases.summary(scope.platform, scope.threadId).then((s) => (s ? [s] : [])),
        ]);
  const plain: AccountVerdict[] = verdicts.map(({ commentIds: _ids, note: _note, ...verdict }) => verdict);
  const flagged = plain.filter(isFlagged);
  const base = scope.kind === 'case' ? `amplifier-lens-case-${stamp(now)}` : `amplifier-lens-${scope.platform}-${scope.threadId}-${stamp(now)}`;
  switch (format) {
    case 'csv':
      return { filename: `${base}.csv`, mime: 'text/csv;charset=utf-8', content: toCsv(flagged, { records }) };
    case 'json':
      return {
        filename: `${base}.json`,
        mime: 'application/json',
        content: toJson({ verdicts: flagged, threads, records, exportedAt: now.toISOString(), simulatedAccountIds }),
      };
    case 'gexf':
      return { filename: `${base}.gexf`, mime: 'application/gexf+xml', content: toGexf(plain, records, { exportedAt: now.toISOString() }) };
  }
}
