import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/shared.ts';

/**
 * Runs a module snippet that prints 10,000 lines, one per tick, to a reader that stops after the
 * first chunk (what `| head -2` does), and reports how the process ended.
 */
function printToEarlyQuitter(prelude: string): Promise<{ status: number | null; stderr: string; lines: number }> {
  const script = `${prelude}\nfor (let i = 0; i < 10_000; i++) { console.log('row ' + i); await new Promise((r) => setImmediate(r)); }`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let lines = 0;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.stdout.once('data', (d: Buffer) => {
      lines = d.toString('utf8').split('\n').filter(Boolean).length;
      child.stdout.destroy();
    });
    child.on('close', (status) => resolve({ status, stderr, lines }));
  });
}

describe('a reader that closes stdout early (`| head`)', () => {
  const lensModule = JSON.stringify(`${REPO_ROOT}/src/cli/lens.ts`);

  it('ends the CLI and the benches quietly with status 0 (exitOnClosedStdout)', async () => {
    const run = await printToEarlyQuitter(`import { exitOnClosedStdout } from ${lensModule}; exitOnClosedStdout();`);
    expect(run.lines).toBeGreaterThan(0);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 60_000);

  it('fails with EPIPE without it (what the benches did)', async () => {
    const run = await printToEarlyQuitter(`import ${lensModule};`);
    expect(run.stderr).toMatch(/EPIPE/);
    expect(run.status).not.toBe(0);
  }, 60_000);
});
