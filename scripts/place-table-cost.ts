/**
 * What the cross-script place table (src/core/text/cross-script.ts) costs, built once per process on
 * the first scanned text: CPU time (including the runtime's first Intl.DisplayNames use), heap held
 * after a collection, and its size. Run in a fresh process:
 *
 *   node --expose-gc --import tsx scripts/place-table-cost.ts
 */
import { placeTable } from '../src/core/text/cross-script.ts';
import { fold } from '../src/core/text/terms.ts';
import { exitOnClosedStdout } from '../src/cli/lens.ts';

exitOnClosedStdout();

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('run with node --expose-gc --import tsx');
  process.exit(2);
}
gc();
const heapBefore = process.memoryUsage().heapUsed;
const cpuBefore = process.cpuUsage();
const wallBefore = performance.now();
const table = placeTable(fold);
const cpu = process.cpuUsage(cpuBefore);
const wall = performance.now() - wallBefore;
gc();
const heapAfter = process.memoryUsage().heapUsed;
let names = 0;
for (const list of table.byFirstWord.values()) names += list.length;
let hanNames = 0;
for (const list of table.byHanStart.values()) hanNames += list.length;
console.log(`| build CPU (user+system) | ${((cpu.user + cpu.system) / 1000).toFixed(1)} ms |`);
console.log(`| build wall | ${wall.toFixed(1)} ms |`);
console.log(`| heap held after GC | ${((heapAfter - heapBefore) / 1024).toFixed(0)} KiB |`);
console.log(`| regions | ${table.codes.length} |`);
console.log(`| names in words (Latin, Cyrillic, Greek, Arabic, Hangul…) | ${names} (${table.wordIds.size} distinct words) |`);
console.log(`| Chinese/Japanese names | ${hanNames} |`);
