/** `lens verify PACK.html…`: recomputes every hash of an evidence pack and names what changed. */
import { readFileSync, statSync } from 'node:fs';
import { describeVerification, verifyEvidencePack } from '../core/export/evidence-verify.ts';
import type { Io } from './lens.ts';

/** Exit status: 0 every pack verified, 1 a pack failed or could not be read, 2 usage error. */
export async function runVerify(args: string[], io: Io): Promise<number> {
  const files = args.filter((a) => !a.startsWith('--'));
  const unknown = args.filter((a) => a.startsWith('--'));
  if (unknown.length) {
    io.stderr(`lens verify: unknown option ${unknown[0]}`);
    return 2;
  }
  if (files.length === 0) {
    io.stderr('lens verify: name the evidence pack(s) to check, e.g. lens verify evidence.html');
    return 2;
  }
  let failed = false;
  for (const file of files) {
    let html: string;
    try {
      if (!statSync(file).isFile()) throw new Error('not a regular file');
      html = readFileSync(file, 'utf8');
    } catch (error) {
      io.stderr(`lens verify: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
      failed = true;
      continue;
    }
    const result = await verifyEvidencePack(html);
    io.stdout(describeVerification(result, file).join('\n'));
    if (!result.ok) failed = true;
  }
  return failed ? 1 : 0;
}
