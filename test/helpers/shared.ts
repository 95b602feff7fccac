import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file is test/helpers/shared.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The read-only material folder that sits beside the repository (../shared). */
export const SHARED_ROOT = process.env.LENS_SHARED_DIR ?? resolve(REPO_ROOT, '../shared');

/** Absolute path of a file or folder inside ../shared. */
export function sharedPath(relative: string): string {
  return resolve(SHARED_ROOT, relative);
}

/**
 * True when the path exists. Tests use it with describe.skipIf so that a clone without ../shared
 * skips with a message that says what is missing instead of failing obscurely.
 */
export function hasShared(relative: string): boolean {
  const present = existsSync(sharedPath(relative));
  if (!present) console.warn(`[skip] ../shared/${relative} is missing: tests that read it are skipped`);
  return present;
}
