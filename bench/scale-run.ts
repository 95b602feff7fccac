/**
 * One measurement of `bench/scale.bench.ts`, in a fresh process so that its peak memory is its own:
 *   tsx bench/scale-run.ts analyze FILE   → analyzeCase on the file's records, then the JSON export counted
 *   tsx bench/scale-run.ts cli FILE OUT   → `lens scan FILE --out OUT`, the command's own code path
 * Prints one JSON line: wall and CPU milliseconds (CPU is the steadier figure on a busy machine), heap
 * after the run, peak RSS, output bytes.
 */
import { statSync } from 'node:fs';
import { analyzeCase } from '../src/core/analyze.ts';
import { jsonChunks } from '../src/core/export/index.ts';
import { readCaseFiles } from '../src/cli/read-case.ts';
import { runScan } from '../src/cli/scan.ts';

const [mode, file, out] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

if (mode === 'analyze') {
  const { records } = await readCaseFiles([file!]);
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const result = analyzeCase(records);
  const analyzeMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  gc?.();
  const heapHeld = process.memoryUsage().heapUsed - heapBefore;
  let bytes = 0;
  for (const chunk of jsonChunks({ ...result, records })) bytes += Buffer.byteLength(chunk);
  const flagged = result.verdicts.filter((v) => v.level === 'high' || v.level === 'medium').length;
  console.log(JSON.stringify({ ms: Math.round(analyzeMs), cpuMs: Math.round((cpu.user + cpu.system) / 1000), heapMB: mb(heapHeld), rssMB: mb(process.resourceUsage().maxRSS * 1024), bytes, records: records.length, accounts: result.verdicts.length, flagged }));
} else {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const errors: string[] = [];
  const code = await runScan([file!, '--out', out!], { stdout: () => undefined, stderr: (s) => errors.push(s) });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  console.log(JSON.stringify({ ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000), code, rssMB: mb(process.resourceUsage().maxRSS * 1024), bytes: code === 0 ? statSync(out!).size : 0, heapMB: mb(process.memoryUsage().heapUsed), error: errors.find((e) => !e.includes('→')) }));
}
