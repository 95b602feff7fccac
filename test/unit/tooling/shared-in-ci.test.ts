/**
 * Without ../shared the data tests skip locally (with a message) but must fail the run in CI, where a skip
 * would pass silently. Both the runner (scripts/test.mjs) and the helper the tests call are checked.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/shared.ts';

const MISSING = join(REPO_ROOT, 'no-such-shared-folder');

function run(args: string[], env: Record<string, string>) {
  const { CI: _ci, ...rest } = process.env;
  const result = spawnSync(process.execPath, args, { cwd: REPO_ROOT, env: { ...rest, LENS_SHARED_DIR: MISSING, ...env }, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('../shared missing', () => {
  it('npm test fails in CI and says why', () => {
    const { status, output } = run(['scripts/test.mjs', 'shared'], { CI: 'true' });
    expect(status).toBe(1);
    expect(output).toContain(`${MISSING} is missing and CI is set`);
  });

  it('npm test skips with a message locally', () => {
    const { status, output } = run(['scripts/test.mjs', 'shared'], {});
    expect(status).toBe(0);
    expect(output).toContain(`[skip] ${MISSING} is missing`);
  });

  it('hasShared throws in CI and warns locally', () => {
    const probe = `import('./test/helpers/shared.ts').then((m) => console.log('present=' + m.hasShared('fixtures/pages')))`;
    const ci = run(['--import', 'tsx', '-e', probe], { CI: '1' });
    expect(ci.status).not.toBe(0);
    expect(ci.output).toContain('is missing and CI is set');
    const local = run(['--import', 'tsx', '-e', probe], { CI: 'false' });
    expect(local.status).toBe(0);
    expect(local.output).toContain('present=false');
    expect(local.output).toContain('[skip] ../shared/fixtures/pages is missing');
  });
});
