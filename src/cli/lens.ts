#!/usr/bin/env node
// Command line: the same analysis core as the extension, run on saved pages and image files.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeChunks } from './write-chunks.ts';

export const USAGE = `Amplifier Lens — spot coordinated amplifier accounts in saved comment sections.

Usage:
  lens scan FILE... [--format json|csv|gexf] [--out FILE]
      Read saved pages (YouTube watch page, X status page, Facebook post, desktop or mobile) and the
      platforms' JSON (YouTube /youtubei/v1/next responses, X TweetDetail), merge them into one case and
      print every account with its score, level and reasons.
  lens avatars FILE_OR_DIR... [--format json|csv]
      Score image files (folders are searched recursively; regular files only, links out of the folder
      are not followed) with the on-device AI-generated-avatar model: per image the face found, the eye
      geometry distance, the texture p, the fused p(generated), a level (high, medium, low, unsure) and
      the reason in words. Non-faces are "unsure"; unreadable entries get their own error row.
  lens verify PACK.html...
      Check an evidence pack made by the extension: recompute the SHA-256 of every comment, account,
      picture and screen capture in it and of the whole file, and name any item that changed.
      Exit status 1 when a pack does not verify. Packs are not signed (see the pack's Integrity section).
  lens --help
      Print this help.

Run through npm:  npm run -s lens -- scan page.html next.json --format csv
Exit status: 0 on success, 1 when an input could not be read (the message names the file and why),
2 on a usage error.`;

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** writes a large output piece by piece, waiting while the reader catches up (default: joined, through stdout) */
  stdoutChunks?(chunks: Iterable<string>): Promise<void>;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  stdoutChunks: (chunks) => writeChunks(process.stdout, chunks),
};

/**
 * Exits once everything written to stdout and stderr has reached the reader: `process.exit` right
 * away would cut output written to a pipe (such as `| wc -c`) at the pipe's buffer, 64 KB.
 */
export function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

/**
 * A reader that stops early (`| head`) is not an error of ours: when stdout's reader has gone, exit
 * quietly with status 0 instead of failing with EPIPE. For every command-line entry point (the CLI,
 * `npm run bench` and the bench files run on their own).
 */
export function exitOnClosedStdout(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return command ? 0 : 2;
  }
  switch (command) {
    case 'scan': {
      const { runScan } = await import('./scan.ts');
      return runScan(rest, io);
    }
    case 'avatars': {
      const { runAvatars } = await import('./avatars.ts');
      return runAvatars(rest, io);
    }
    case 'verify': {
      const { runVerify } = await import('./verify.ts');
      return runVerify(rest, io);
    }
    default:
      io.stderr(`lens: unknown command "${command}". Run "npm run -s lens -- --help" for usage.`);
      return 2;
  }
}

const invokedDirectly = process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (invokedDirectly) {
  exitOnClosedStdout();
  main(process.argv.slice(2)).then(exitWhenFlushed, (error) => {
    process.stderr.write(`lens: ${error instanceof Error ? error.message : String(error)}\n`);
    exitWhenFlushed(1);
  });
}
