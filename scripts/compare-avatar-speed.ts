#!/usr/bin/env node
// Two sets of avatar model files back to back in one process (issue 10, item 6): A, B, A, B, … each pair on the same
// 60 real avatars (profile-avatar-stages.ts), so both see the same load. Prints every pair's per-stage CPU medians
// and the median over pairs. On a shared machine CPU time is the steadier figure; the ratio is what to read.
// Usage: npx tsx scripts/compare-avatar-speed.ts [--pairs N] [--rounds R] DIR_A DIR_B   (default: 3 pairs of 2 rounds)
import { resolve } from 'node:path';
import { loadavg } from 'node:os';
import { hasShared } from '../test/helpers/shared.ts';
import { measureAvatarStages, stageFiles, type StageReport } from './profile-avatar-stages.ts';

const numberArg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const pairs = numberArg('--pairs', 3);
const rounds = numberArg('--rounds', 2);
const dirs = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !['--pairs', '--rounds'].includes(all[i - 1]));
if (dirs.length !== 2) throw new Error('usage: compare-avatar-speed.ts [--pairs N] [--rounds R] DIR_A DIR_B');
if (!hasShared('data/faces')) throw new Error('../shared/data/faces missing: nothing to measure');
const [dirA, dirB] = dirs.map((d) => resolve(d));
const files = stageFiles();

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stages = ['decode', 'geometry', 'texture', 'threeStages', 'scorerBatch16'] as const;
const reports: { a: StageReport; b: StageReport }[] = [];
console.log(`A = ${dirA}\nB = ${dirB}\n${files.length} avatars, ${pairs} pairs of ${rounds} rounds each, load average ${loadavg()[0].toFixed(1)} at start`);
console.log(`| pair | ${stages.map((s) => `A ${s} | B ${s}`).join(' | ')} |`);
console.log(`|---|${stages.map(() => '---|---').join('|')}|`);
for (let p = 0; p < pairs; p++) {
  const a = await measureAvatarStages(files, rounds, dirA);
  const b = await measureAvatarStages(files, rounds, dirB);
  reports.push({ a, b });
  console.log(`| ${p + 1} | ${stages.map((s) => `${a[s].cpu.toFixed(2)} | ${b[s].cpu.toFixed(2)}`).join(' | ')} |`);
}
console.log(`| median | ${stages.map((s) => `${median(reports.map((r) => r.a[s].cpu)).toFixed(2)} | ${median(reports.map((r) => r.b[s].cpu)).toFixed(2)}`).join(' | ')} |`);
const ratio = median(reports.map((r) => r.a.threeStages.cpu / r.b.threeStages.cpu));
console.log(`decode + geometry + texture, CPU ms per avatar: A/B median ratio ${ratio.toFixed(2)}; model files A ${(reports[0].a.modelBytes / 1048576).toFixed(2)} MB, B ${(reports[0].b.modelBytes / 1048576).toFixed(2)} MB; load average ${loadavg()[0].toFixed(1)} at end`);
