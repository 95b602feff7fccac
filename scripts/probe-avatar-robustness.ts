#!/usr/bin/env node
// Robustness probes for the avatar detector: test-part StyleGAN2 faces and ordinary real portraits after the edits
// platforms and users make (resizes, re-crops, padding, flips), scored by the shipped pipeline.
// FFHQ's own real photos are a third class: edited, they are real photos that look like FFHQ but are no longer aligned,
// the case where an eye head that learnt the layout could call a real person `high`.
// Usage: tsx scripts/probe-avatar-robustness.ts [--per-class N] [--models DIR]   (prints a Markdown table)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { createNodeScorer, MODELS_DIR } from '../src/avatar/node-scorer.ts';

const SHARED = process.env.LENS_SHARED_DIR ?? resolve(MODELS_DIR, '../../shared');
const perArg = process.argv.indexOf('--per-class');
const PER = perArg > 0 ? Number(process.argv[perArg + 1]) : 60;

type Edit = (img: Sharp, size: number) => Sharp;
const EDITS: [string, Edit][] = [
  ['as stored', (i) => i],
  ['48 px (X small)', (i) => i.resize(48, 48)],
  ['88 px (YouTube)', (i) => i.resize(88, 88)],
  ['400 px (X large, upscaled)', (i) => i.resize(400, 400)],
  ['64 px + JPEG q50', (i) => i.resize(64, 64).jpeg({ quality: 50 })],
  ['horizontal flip', (i) => i.flop()],
  ['centre re-crop to 80 %', (i, s) => i.extract({ left: Math.round(s * 0.1), top: Math.round(s * 0.1), width: Math.round(s * 0.8), height: Math.round(s * 0.8) })],
  ['padded 10 % each side (white)', (i, s) => i.extend({ top: Math.round(s * 0.1), bottom: Math.round(s * 0.1), left: Math.round(s * 0.1), right: Math.round(s * 0.1), background: '#ffffff' })],
  ['rotated 10°', (i) => i.rotate(10, { background: '#ffffff' })],
];

const split = JSON.parse(readFileSync(resolve(MODELS_DIR, 'training/split-v3.json'), 'utf8')) as { parts: Record<string, string> };
const test = Object.keys(split.parts).filter((k) => split.parts[k] === 'test').sort();
const classes: [string, string[]][] = [
  ['StyleGAN2 (TPDNE)', test.filter((k) => k.includes('/tpdne-headshotclassification/generated/')).slice(0, PER)],
  ['ordinary reals (LFW + UTKFace)', [...test.filter((k) => k.includes('/lfw-')).slice(0, PER / 2), ...test.filter((k) => k.includes('/utkface-')).slice(0, PER / 2)]],
  ['FFHQ real photos (TPDNE real)', test.filter((k) => k.includes('/tpdne-headshotclassification/real/')).slice(0, PER)],
];
const modelsArg = process.argv.indexOf('--models');

const { scorer, session } = await createNodeScorer(modelsArg > 0 ? resolve(process.argv[modelsArg + 1]) : undefined);
console.log('| edit | class | n | high | medium+ | unsure | median eye distance |');
console.log('|---|---|---|---|---|---|---|');
let n = 0;
for (const [name, edit] of EDITS) {
  for (const [label, keys] of classes) {
    const items = await Promise.all(
      keys.map(async (key) => {
        const bytes = readFileSync(resolve(SHARED, key));
        const size = (await sharp(bytes).metadata()).width ?? 256;
        const out = await edit(sharp(bytes), size).jpeg({ quality: 90 }).toBuffer();
        return { imageKey: `probe-${n++}`, bytes: new Uint8Array(out) };
      }),
    );
    const scores = await scorer.score(items);
    scorer.forget(items.map((i) => i.imageKey));
    const share = (f: (l: string) => boolean) => (scores.filter((s) => f(s.level)).length / scores.length).toFixed(3);
    const d = scores.map((s) => s.geometryDistance).filter((v): v is number => v !== undefined).sort((a, b) => a - b);
    console.log(`| ${name} | ${label} | ${scores.length} | ${share((l) => l === 'high')} | ${share((l) => l === 'high' || l === 'medium')} | ${share((l) => l === 'unsure')} | ${d.length ? d[Math.floor(d.length / 2)].toFixed(4) : '–'} |`);
  }
}
await session.release();
