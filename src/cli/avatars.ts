/** `lens avatars FILE_OR_DIR... [--format json|csv]`: score avatar images with the on-device model. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Level } from '../core/types.ts';
import { neutralizeCell } from '../core/export/csv.ts';
import { createNodeScorer } from '../avatar/node-scorer.ts';

export interface AvatarRow {
  file: string;
  pGenerated: number | null;
  level: Level;
  face?: boolean;
  phash?: string;
  error?: string;
}

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp']);
const BATCH = 32;

/** Files named on the command line are taken as they are; folders are searched for jpg/png/webp. */
export function collectImageFiles(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (IMAGE_EXTENSIONS.has(extname(name).toLowerCase())) files.push(path);
    }
  };
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      missing.push(path);
      continue;
    }
    if (stat.isDirectory()) walk(path);
    else files.push(path);
  }
  return { files, missing };
}

/** Scores files in batches; unreadable or undecodable files become rows with an error. */
export async function scoreFiles(files: string[]): Promise<AvatarRow[]> {
  const { scorer, session } = await createNodeScorer();
  const rows: AvatarRow[] = [];
  try {
    for (let i = 0; i < files.length; i += BATCH) {
      const chunk = files.slice(i, i + BATCH);
      const items = chunk.map((file): { file: string; bytes?: Uint8Array; error?: string } => {
        try {
          return { file, bytes: new Uint8Array(readFileSync(file)) };
        } catch (error) {
          return { file, error: `cannot read: ${(error as Error).message}` };
        }
      });
      const readable = items.filter((it): it is { file: string; bytes: Uint8Array } => it.bytes !== undefined);
      const scores = await scorer.score(readable.map((it) => ({ imageKey: it.file, bytes: it.bytes })));
      const byFile = new Map(scores.map((s) => [s.imageKey, s]));
      for (const it of items) {
        const s = byFile.get(it.file);
        if (!s) {
          rows.push({ file: it.file, pGenerated: null, level: 'unsure', error: it.error ?? 'not scored' });
          continue;
        }
        const row: AvatarRow = { file: it.file, pGenerated: s.pGenerated ?? null, level: s.level };
        if (s.face !== undefined) row.face = s.face;
        if (s.phash) row.phash = s.phash;
        if (s.error) row.error = s.error;
        rows.push(row);
      }
    }
  } finally {
    await session.release();
  }
  return rows;
}

function csvCell(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  // spreadsheet formula injection: file names are user data
  const safe = neutralizeCell(text);
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function formatCsv(rows: AvatarRow[]): string {
  const header = ['file', 'pGenerated', 'level', 'face', 'phash', 'error'];
  const lines = rows.map((r) =>
    [r.file, r.pGenerated === null ? '' : r.pGenerated.toFixed(6), r.level, r.face, r.phash, r.error].map(csvCell).join(','),
  );
  return [header.join(','), ...lines].join('\n');
}

const USAGE = 'usage: lens avatars FILE_OR_DIR... [--format json|csv]';

export async function runAvatars(argv: string[], io: { stdout: (s: string) => void; stderr: (s: string) => void }): Promise<number> {
  let format = 'json';
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--format') format = argv[++i] ?? '';
    else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (arg === '--help' || arg === '-h') {
      io.stdout(USAGE);
      return 0;
    } else if (arg.startsWith('--')) {
      io.stderr(`lens avatars: unknown option ${arg}\n${USAGE}`);
      return 2;
    } else paths.push(arg);
  }
  if (format !== 'json' && format !== 'csv') {
    io.stderr(`lens avatars: --format must be json or csv, got "${format}"`);
    return 2;
  }
  if (!paths.length) {
    io.stderr(USAGE);
    return 2;
  }
  const { files, missing } = collectImageFiles(paths);
  const rows = await scoreFiles(files);
  for (const path of missing) rows.push({ file: path, pGenerated: null, level: 'unsure', error: 'no such file or folder' });
  io.stdout(format === 'json' ? JSON.stringify(rows, null, 2) : formatCsv(rows));
  const failed = rows.filter((r) => r.error);
  for (const r of failed) io.stderr(`lens avatars: ${r.file}: ${r.error}`);
  return failed.length ? 1 : 0;
}
