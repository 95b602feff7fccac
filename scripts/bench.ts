#!/usr/bin/env node
// `npm run bench`: imports every bench/*.bench.ts (each exports rows()) and prints one table.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../test/helpers/shared.ts';
import { exitOnClosedStdout } from '../src/cli/lens.ts';

exitOnClosedStdout();

const ORDER = ['build', 'avatar', 'extraction', 'analysis'];
const files = readdirSync(join(REPO_ROOT, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .sort((a, b) => (ORDER.indexOf(a.split('.')[0]) + 1 || 99) - (ORDER.indexOf(b.split('.')[0]) + 1 || 99));

const table: { group: string; name: string; value: string; note?: string }[] = [];
for (const file of files) {
  const group = file.replace('.bench.ts', '');
  try {
    const module = await import(pathToFileURL(join(REPO_ROOT, 'bench', file)).href);
    for (const row of await module.rows()) table.push({ group, ...row });
  } catch (error) {
    table.push({ group, name: '(failed)', value: 'error', note: error instanceof Error ? error.message.split('\n')[0] : String(error) });
  }
}

const width = (key: 'group' | 'name' | 'value') => Math.max(key.length, ...table.map((r) => r[key].length));
const [g, n, v] = [width('group'), width('name'), width('value')];
console.log(`| ${'group'.padEnd(g)} | ${'measure'.padEnd(n)} | ${'value'.padStart(v)} | note`);
console.log(`|${'-'.repeat(g + 2)}|${'-'.repeat(n + 2)}|${'-'.repeat(v + 2)}|------`);
for (const row of table) console.log(`| ${row.group.padEnd(g)} | ${row.name.padEnd(n)} | ${row.value.padStart(v)} | ${row.note ?? ''}`);
console.log(`\nmachine: ${process.platform} ${process.arch}, node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
