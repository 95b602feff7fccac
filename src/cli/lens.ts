#!/usr/bin/env node
// Command line: the same analysis core as the extension, run on saved pages and image files.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
  lens --help
      Print this help.

Run through npm:  npm run -s lens -- scan page.html next.json --format csv
Exit status: 0 on success, 1 when an input could not be read (the message names the file and why),
2 on a usage error.`;

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

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
    default:
      io.stderr(`lens: unknown command "${command}". Run "npm run -s lens -- --help" for usage.`);
      return 2;
  }
}

const invokedDirectly = process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`lens: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
