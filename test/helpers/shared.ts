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
  if (!present) {
    // In CI a skipped data test would pass silently: there the missing material is an error.
    if (isCi()) throw new Error(`${sharedPath(relative)} is missing and CI is set: the tests that read ../shared must run in CI (set LENS_SHARED_DIR)`);
    console.warn(`[skip] ../shared/${relative} is missing: tests that read it are skipped`);
  }
  return present;
}

/** CI=true (or 1), as set by GitHub Actions, GitLab and most other CI services. */
export function isCi(env: Record<string, string | undefined> = process.env): boolean {
  return /^(1|true)$/i.test(env.CI ?? '');
}
