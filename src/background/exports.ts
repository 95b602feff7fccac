/**
 * Export files for the popup and the report: the same export code as `lens scan --format`. A file is
 * never one message (a large case's JSON is over the browser's 64 MiB message limit) and never one
 * string in the background: `startExport` opens a session whose generator makes the file as the page
 * asks for it, `nextExportChunk` hands over the next few megabytes, and the page assembles a Blob.
 */
import { csvChunks, gexfChunks, jsonChunks } from '../core/export/index.ts';
import type { AccountVerdict, Platform } from '../core/types.ts';
import type { ExportChunk, ExportStart } from '../core/views.ts';
import type { CaseService } from './case-service.ts';

type Scope = { kind: 'case' } | { kind: 'thread'; platform: Platform; threadId: string };

/** Characters per chunk: even if every one needed 6 bytes once serialised, far under 64 MiB. */
export const EXPORT_CHUNK_CHARS = 4 * 1024 * 1024;
/** A session the page stopped asking for is dropped after this long. */
const IDLE_MS = 60_000;

const isFlagged = (v: AccountVerdict) => v.level === 'high' || v.level === 'medium' || v.label === 'confirmed';

function stamp(now: Date) {
  return now.toISOString().slice(0, 16).replace(/[-:T]/g, '');
}

interface Session {
  chunks: Iterator<string>;
  /** text made but not yet sent (a generator piece larger than a chunk is split) */
  pending: string;
  timer: ReturnType<typeof setTimeout>;
}

const sessions = new Map<string, Session>();

function touch(id: string, session: Session) {
  clearTimeout(session.timer);
  session.timer = setTimeout(() => sessions.delete(id), IDLE_MS);
}

/**
 * Opens an export. CSV and JSON hold the flagged accounts (high, medium, or confirmed by the user)
 * with their evidence and the clusters it refers to; the GEXF graph holds every account of the scope
 * so that the network has its organic context.
 */
export async function startExport(cases: CaseService, format: 'csv' | 'json' | 'gexf', scope: Scope, simulatedAccountIds: string[] = []): Promise<ExportStart> {
  const now = new Date();
  const [verdicts, records, threads, clusters] =
    scope.kind === 'case'
      ? await Promise.all([cases.verdicts(), cases.allRecords(), cases.summaries(), cases.clusters()])
      : await Promise.all([
          cases.threadVerdicts(scope.platform, scope.threadId),
          cases.threadRecords(scope.platform, scope.threadId),
          cases.summary(scope.platform, scope.threadId).then((s) => (s ? [s] : [])),
          cases.clusters(),
        ]);
  const plain: AccountVerdict[] = verdicts.map(({ commentIds: _ids, note: _note, ...verdict }) => verdict);
  const flagged = plain.filter(isFlagged);
  const base = scope.kind === 'case' ? `amplifier-lens-case-${stamp(now)}` : `amplifier-lens-${scope.platform}-${scope.threadId}-${stamp(now)}`;
  const file =
    format === 'csv'
      ? { filename: `${base}.csv`, mime: 'text/csv;charset=utf-8', chunks: csvChunks(flagged, { records }) }
      : format === 'json'
        ? { filename: `${base}.json`, mime: 'application/json', chunks: jsonChunks({ verdicts: flagged, threads, clusters, records, exportedAt: now.toISOString(), simulatedAccountIds }) }
        : { filename: `${base}.gexf`, mime: 'application/gexf+xml', chunks: gexfChunks({ verdicts: plain, records, clusters }, { exportedAt: now.toISOString() }) };
  const exportId = crypto.randomUUID();
  const session: Session = { chunks: file.chunks[Symbol.iterator](), pending: '', timer: setTimeout(() => undefined, 0) };
  sessions.set(exportId, session);
  touch(exportId, session);
  return { exportId, filename: file.filename, mime: file.mime };
}

/** The next piece of an open export (at most EXPORT_CHUNK_CHARS characters); `done` with the last one. */
export function nextExportChunk(exportId: string): ExportChunk {
  const session = sessions.get(exportId);
  if (!session) throw new Error('This export is no longer available: start it again.');
  let text = session.pending;
  let done = false;
  while (text.length < EXPORT_CHUNK_CHARS) {
    const next = session.chunks.next();
    if (next.done) {
      done = true;
      break;
    }
    text += next.value;
  }
  let data = text;
  session.pending = '';
  if (text.length > EXPORT_CHUNK_CHARS) {
    // Never split a surrogate pair between two chunks.
    let cut = EXPORT_CHUNK_CHARS;
    const code = text.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
    data = text.slice(0, cut);
    session.pending = text.slice(cut);
    done = false;
  }
  if (done && session.pending === '') {
    clearTimeout(session.timer);
    sessions.delete(exportId);
  } else touch(exportId, session);
  return { data, done };
}
