/** `lens avatars FILE_OR_DIR... [--format json|csv]`: score avatar images with the on-device model. */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import Papa from 'papaparse';
import { sniffFormat } from '../avatar/decode-node.ts';
import { createNodeScorer } from '../avatar/node-scorer.ts';
import { neutralizeCell } from '../core/export/csv.ts';
import type { AvatarScore, Level } from '../core/types.ts';

/** One scored file: the model's evidence as well as its verdict, so a reader can check why. */
export interface AvatarRow {
  file: string;
  level: Level;
  /** fused, calibrated p(AI-generated); null when unsure because no face / not decodable */
  pGenerated: number | null;
  /** a face was found (false: not a face photo, or nothing decodable) */
  face: boolean;
  /** distance of the eyes to the nearest canonical generator layout, as a share of the image width */
  geometryDistance: number | null;
  /** the texture model's calibrated p(AI-generated) on its own */
  textureP: number | null;
  /** the evidence in plain words */
  reason: string;
  phash: string | null;
  error?: string;
}

const IMAGE_EXTENSIONS = /\.(jpe?g|jfif|png|webp|gif)$/i;
const BATCH = 32;
/** larger files are not read (an avatar is a few hundred KB at most) */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export interface CollectedFiles {
  /** regular files to score, in a stable order */
  files: string[];
  /** entries that cannot be scored and why (dangling or escaping links, FIFOs, devices, unreadable folders) */
  errors: { file: string; error: string }[];
}

function kindOf(stat: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** A file with no image extension is still scored when its first bytes are an image (avatars are often saved without one). */
function looksLikeImage(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    if (!fstatSync(fd).isFile()) return false;
    const head = new Uint8Array(512);
    const n = readSync(fd, head, 0, head.length, 0);
    const format = sniffFormat(head.subarray(0, n));
    return format !== 'unknown' && format !== 'svg';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Files named on the command line are taken as they are (a named FIFO or device is an error, never opened).
 * Folders are searched recursively for image files. Inside a folder, only regular files count: a link is
 * followed only when it resolves to a regular file inside the same folder; a dangling link, a link out of
 * the folder, a link to a folder, a FIFO, a socket or a device gets its own error row and the rest is scored.
 */
export function collectImageFiles(paths: string[]): CollectedFiles {
  const files: string[] = [];
  const errors: CollectedFiles['errors'] = [];
  const visitedDirs = new Set<string>();

  const walk = (dir: string, root: string) => {
    let names: string[];
    try {
      const real = realpathSync(dir);
      if (visitedDirs.has(real)) return;
      visitedDirs.add(real);
      names = readdirSync(dir).sort();
    } catch (error) {
      errors.push({ file: dir, error: `cannot read folder: ${(error as Error).message}` });
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      let stat;
      try {
        stat = lstatSync(path);
      } catch (error) {
        errors.push({ file: path, error: `cannot read: ${(error as Error).message}` });
        continue;
      }
      if (stat.isDirectory()) {
        walk(path, root);
        continue;
      }
      if (stat.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync(path);
        } catch {
          errors.push({ file: path, error: 'dangling link: its target does not exist' });
          continue;
        }
        if (!isInside(root, target)) {
          errors.push({ file: path, error: 'link points outside the folder: not followed' });
          continue;
        }
        const targetStat = statSync(target);
        if (targetStat.isDirectory()) {
          errors.push({ file: path, error: 'link to a folder: not followed' });
          continue;
        }
        if (!targetStat.isFile()) {
          if (IMAGE_EXTENSIONS.test(name)) errors.push({ file: path, error: `link to ${kindOf(targetStat)}: not read` });
          continue;
        }
        if (IMAGE_EXTENSIONS.test(name) || looksLikeImage(target)) files.push(path);
        continue;
      }
      if (!stat.isFile()) {
        errors.push({ file: path, error: `${kindOf(stat)}: not read` });
        continue;
      }
      if (IMAGE_EXTENSIONS.test(name) || looksLikeImage(path)) files.push(path);
    }
  };

  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      errors.push({ file: path, error: lstatExists(path) ? 'dangling link: its target does not exist' : 'no such file or folder' });
      continue;
    }
    if (stat.isDirectory()) walk(path, realpathSync(path));
    else if (stat.isFile()) files.push(path);
    else errors.push({ file: path, error: `${kindOf(stat)}: not read` });
  }
  return { files, errors };
}

function lstatExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Reads a regular file without ever blocking on a FIFO that replaced it, and within the size limit. */
export function readRegularFile(path: string): Uint8Array {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error(`${kindOf(stat)}: not read`);
    if (stat.size > MAX_FILE_BYTES) throw new Error(`file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB: not read`);
    const bytes = new Uint8Array(stat.size);
    let offset = 0;
    while (offset < bytes.length) {
      const n = readSync(fd, bytes, offset, bytes.length - offset, offset);
      if (n === 0) break;
      offset += n;
    }
    return offset === bytes.length ? bytes : bytes.subarray(0, offset);
  } finally {
    closeSync(fd);
  }
}

export function rowFromScore(file: string, s: AvatarScore): AvatarRow {
  const row: AvatarRow = {
    file,
    level: s.level,
    pGenerated: s.pGenerated ?? null,
    face: s.face === true,
    geometryDistance: s.geometryDistance ?? null,
    textureP: s.textureP ?? null,
    reason: s.reason ?? (s.error ? `not scored: ${s.error}` : ''),
    phash: s.phash ?? null,
  };
  if (s.error) row.error = s.error;
  return row;
}

function errorRow(file: string, error: string): AvatarRow {
  return { file, level: 'unsure', pGenerated: null, face: false, geometryDistance: null, textureP: null, reason: `not scored: ${error}`, phash: null, error };
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
          return { file, bytes: readRegularFile(file) };
        } catch (error) {
          return { file, error: `cannot read: ${(error as Error).message}` };
        }
      });
      const readable = items.filter((it): it is { file: string; bytes: Uint8Array } => it.bytes !== undefined);
      const scores = await scorer.score(readable.map((it) => ({ imageKey: it.file, bytes: it.bytes })));
      const byFile = new Map(scores.map((s) => [s.imageKey, s]));
      for (const it of items) {
        const s = byFile.get(it.file);
        rows.push(s ? rowFromScore(it.file, s) : errorRow(it.file, it.error ?? 'not scored'));
      }
      // scored images are not needed again: keep memory flat on large folders
      scorer.forget(readable.map((it) => it.file));
    }
  } finally {
    await session.release();
  }
  return rows;
}

export const CSV_HEADER = ['file', 'level', 'pGenerated', 'face', 'geometryDistance', 'textureP', 'reason', 'phash', 'error'] as const;

/** CSV with the main export's formula neutralising (file names and reasons are user data). */
export function formatCsv(rows: AvatarRow[]): string {
  const num = (v: number | null, digits: number) => (v === null ? '' : v.toFixed(digits));
  const data = rows.map((r) =>
    [r.file, r.level, num(r.pGenerated, 6), String(r.face), num(r.geometryDistance, 4), num(r.textureP, 6), r.reason, r.phash ?? '', r.error ?? ''].map(neutralizeCell),
  );
  return Papa.unparse({ fields: [...CSV_HEADER], data }, { newline: '\n', escapeFormulae: false });
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
  const { files, errors } = collectImageFiles(paths);
  const rows = files.length ? await scoreFiles(files) : [];
  for (const e of errors) rows.push(errorRow(e.file, e.error));
  io.stdout(format === 'json' ? JSON.stringify(rows, null, 2) : formatCsv(rows));
  const failed = rows.filter((r) => r.error);
  for (const r of failed) io.stderr(`lens avatars: ${r.file}: ${r.error}`);
  return failed.length ? 1 : 0;
}

