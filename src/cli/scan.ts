/**
 * `lens scan FILE... [--format json|csv|gexf] [--out FILE]`: saved pages and platform JSON → one case →
 * account verdicts. Exit 0 on success, 1 when any input cannot be read (each named with the reason),
 * 2 on a usage error.
 */
import { createWriteStream } from 'node:fs';
import { analyzeCase } from '../core/analyze.ts';
import { csvChunks, gexfChunks, jsonChunks } from '../core/export/index.ts';
import type { Io } from './lens.ts';
import { readCaseFiles } from './read-case.ts';
import { writeChunks } from './write-chunks.ts';

export type ScanIo = Io;

type Format = 'json' | 'csv' | 'gexf';

interface ScanArgs {
  files: string[];
  format: Format;
  out?: string;
}

function parseArgs(argv: string[]): ScanArgs | string {
  const files: string[] = [];
  let format: Format = 'json';
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--format' || flag === '-f') {
      const value = inline ?? argv[++i];
      if (value !== 'json' && value !== 'csv' && value !== 'gexf') return `--format must be json, csv or gexf (got ${value === undefined ? 'nothing' : `"${value}"`})`;
      format = value;
    } else if (flag === '--out' || flag === '-o') {
      const value = inline ?? argv[++i];
      if (!value) return '--out needs a file name';
      out = value;
    } else if (flag === '--') {
      files.push(...argv.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') {
      return `unknown option ${arg}`;
    } else files.push(arg);
  }
  if (files.length === 0) return 'no input files';
  return { files, format, out };
}

export async function runScan(argv: string[], io: ScanIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr(`lens scan: ${args}\nUsage: lens scan FILE... [--format json|csv|gexf] [--out FILE]`);
    return 2;
  }
  const { records, problems } = await readCaseFiles(args.files);
  if (problems.length > 0) {
    for (const problem of problems) io.stderr(`lens scan: ${problem.file}: ${problem.reason}`);
    return 1;
  }
  const { verdicts, threads, clusters } = analyzeCase(records);
  // The output is written piece by piece as it is made: a large case is never one string in memory.
  const chunks =
    args.format === 'csv' ? csvChunks(verdicts, { records }) : args.format === 'gexf' ? gexfChunks({ verdicts, records, clusters }) : jsonChunks({ verdicts, threads, clusters, records });
  if (args.out) {
    try {
      await writeFileChunks(args.out, chunks);
    } catch (error) {
      io.stderr(`lens scan: ${args.out}: cannot write output (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      return 1;
    }
    io.stderr(`lens scan: ${records.length} comments, ${verdicts.length} accounts, ${threads.length} threads → ${args.out}`);
  } else if (io.stdoutChunks) await io.stdoutChunks(chunks);
  else io.stdout([...chunks].join(''));
  return 0;
}

async function writeFileChunks(path: string, chunks: Iterable<string>): Promise<void> {
  const file = createWriteStream(path, 'utf8');
  const failed = new Promise<never>((_, reject) => file.once('error', reject));
  failed.catch(() => undefined);
  await Promise.race([new Promise<void>((resolve) => file.once('open', () => resolve())), failed]);
  await Promise.race([writeChunks(file, chunks), failed]);
  await Promise.race([new Promise<void>((resolve) => file.end(() => resolve())), failed]);
}
