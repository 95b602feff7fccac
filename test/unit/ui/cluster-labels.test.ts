/**
 * Every kind of cluster the analyzer stores has a label in the popup and report (they show
 * `cluster_<kind>`; a missing message would show the raw key to the user).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/shared.ts';

const messages = JSON.parse(readFileSync(join(REPO_ROOT, 'public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;

describe('cluster kind labels', () => {
  it('has a message for every kind the analyzer can store', () => {
    const source = readFileSync(join(REPO_ROOT, 'src/core/analyze.ts'), 'utf8');
    const kinds = [...new Set([...source.matchAll(/kind: '([a-z-]+)'/g)].map((m) => m[1]))];
    expect(kinds).toEqual(expect.arrayContaining(['near-duplicate', 'cross-language', 'burst', 'batch', 'shared-picture', 'co-occurrence', 'narrative', 'co-travel']));
    for (const kind of kinds) expect(messages[`cluster_${kind.replace(/-/g, '_')}`]?.message, kind).toBeTruthy();
  });
});
