#!/usr/bin/env node
// Fidelity of the one-network avatar model (v4: geometry head on the texture network) to the two networks it
// replaces (v3: BlazeFace + the v2 texture network), image by image on the test part (nothing was trained or fitted
// there): eye-position difference in image widths, face-found agreement, |Δ texture p|, clean and 64 px + JPEG 50.
// Both files are written by scripts/avatar-features.ts with the respective model files (LENS_AVATAR_FEATURES=...).
// Usage: npx tsx scripts/eval-avatar-student.ts TEACHER.jsonl STUDENT.jsonl [--part test]
import { readFileSync } from 'node:fs';
import type { FeatureRow } from './avatar-features.ts';

const [teacherPath, studentPath] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!teacherPath || !studentPath) throw new Error('usage: eval-avatar-student.ts TEACHER.jsonl STUDENT.jsonl [--part test]');
const partArg = process.argv.indexOf('--part');
const part = partArg > 0 ? process.argv[partArg + 1] : 'test';

const read = (path: string): Map<string, FeatureRow> =>
  new Map(
    readFileSync(path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as FeatureRow)
      .filter((r) => r.part === part && !r.error)
      .map((r) => [`${r.variant}|${r.key}`, r]),
  );
const teacher = read(teacherPath);
const student = read(studentPath);

/** larger of the two eye-centre differences, in image widths (heights scaled by the aspect ratio) */
function eyeError(a: NonNullable<FeatureRow['face']>, b: NonNullable<FeatureRow['face']>, aspect: number): number {
  const d = (p: { x: number; y: number }, q: { x: number; y: number }) => Math.hypot(p.x - q.x, (p.y - q.y) * aspect);
  return Math.max(d(a.leftEye, b.leftEye), d(a.rightEye, b.rightEye));
}
const quantile = (v: number[], q: number): number => {
  if (!v.length) return Number.NaN;
  const s = [...v].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

function group(r: FeatureRow): string {
  if (r.label === 'nonface') return 'non-face avatars';
  if (r.family === 'StyleGAN2' || r.family === 'ProGAN') return 'StyleGAN2 / ProGAN';
  if (r.family === 'FFHQ') return 'FFHQ real photos';
  if (r.label === 'real') return 'ordinary reals (LFW, UTKFace, CelebA)';
  return 'diffusion (SD 2.1, FLUX/SDXL)';
}

const lines = [
  `Test part = "${part}"; teacher ${teacherPath}, student ${studentPath}`,
  '| variant | group | n | both found: eye error median | 95th pct | max | face found agreement | teacher found / student found | |Δ texture p| median | |Δ texture p| max |',
  '|---|---|---|---|---|---|---|---|---|---|',
];
for (const variant of ['clean', 'small']) {
  const groups = new Map<string, { errors: number[]; agree: number; n: number; tFound: number; sFound: number; dp: number[] }>();
  for (const [key, t] of teacher) {
    const s = student.get(key);
    if (!s || t.variant !== variant) continue;
    for (const name of [group(t), 'all']) {
      const g = groups.get(name) ?? { errors: [], agree: 0, n: 0, tFound: 0, sFound: 0, dp: [] };
      g.n++;
      if (!!t.face === !!s.face) g.agree++;
      if (t.face) g.tFound++;
      if (s.face) g.sFound++;
      if (t.face && s.face) g.errors.push(eyeError(t.face, s.face, (t.height ?? 1) / (t.width ?? 1)));
      if (t.textureP !== null && s.textureP !== null) g.dp.push(Math.abs(t.textureP - s.textureP));
      groups.set(name, g);
    }
  }
  for (const [name, g] of [...groups].sort(([a], [b]) => (a === 'all' ? 1 : b === 'all' ? -1 : a.localeCompare(b)))) {
    const f = (v: number) => v.toFixed(4);
    lines.push(`| ${variant} | ${name} | ${g.n} | ${f(quantile(g.errors, 0.5))} | ${f(quantile(g.errors, 0.95))} | ${f(quantile(g.errors, 1))} | ${(g.agree / g.n).toFixed(3)} | ${g.tFound} / ${g.sFound} | ${g.dp.length ? quantile(g.dp, 0.5).toExponential(1) : '–'} | ${g.dp.length ? quantile(g.dp, 1).toExponential(1) : '–'} |`);
  }
}
for (const line of lines) console.log(line);
