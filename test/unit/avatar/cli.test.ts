import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_HEADER, formatCsv, runAvatars, type AvatarRow } from '../../../src/cli/avatars.ts';
import { hasShared, sharedPath } from '../../helpers/shared.ts';

let dir: string;
let hostile: string;
let outside: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lens-avatars-'));
  mkdirSync(join(dir, 'nested'));
  const img = (colour: string) => sharp({ create: { width: 80, height: 80, channels: 3, background: colour } });
  writeFileSync(join(dir, 'a.jpg'), await img('#aa8866').jpeg().toBuffer());
  writeFileSync(join(dir, 'nested', 'b.png'), await img('#336699').png().toBuffer());
  writeFileSync(join(dir, 'nested', 'c.webp'), await img('#118833').webp().toBuffer());
  writeFileSync(join(dir, 'nested', 'notes.txt'), 'not an image');
  writeFileSync(join(dir, 'broken.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));

  // a folder with everything that must not hang or escape, next to ordinary images
  hostile = mkdtempSync(join(tmpdir(), 'lens-avatars-hostile-'));
  outside = mkdtempSync(join(tmpdir(), 'lens-avatars-outside-'));
  writeFileSync(join(outside, 'secret.jpg'), await img('#ffffff').jpeg().toBuffer());
  writeFileSync(join(hostile, 'ok.jpg'), await img('#aa8866').jpeg().toBuffer());
  writeFileSync(join(hostile, 'saved-without-extension'), await img('#123456').png().toBuffer());
  writeFileSync(join(hostile, '.DS_Store'), 'not an image');
  symlinkSync(join(hostile, 'ok.jpg'), join(hostile, 'inside-link.jpg'));
  symlinkSync(join(outside, 'secret.jpg'), join(hostile, 'escape.jpg'));
  symlinkSync(join(hostile, 'gone.jpg'), join(hostile, 'dangling.jpg'));
  symlinkSync(outside, join(hostile, 'folder-link'));
  symlinkSync('/dev/zero', join(hostile, 'device.jpg'));
  execFileSync('mkfifo', [join(hostile, 'pipe.jpg')]);
});
afterAll(() => {
  for (const d of [dir, hostile, outside]) rmSync(d, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) } };
}

describe('lens avatars', () => {
  it('prints one JSON row per image (folders recursed, jpg/png/webp), errors listed, exit 1', async () => {
    const { out, err, io } = capture();
    const code = await runAvatars([dir, '--format', 'json'], io);
    const rows = JSON.parse(out.join('')) as AvatarRow[];
    expect(rows.map((r) => r.file.slice(dir.length + 1)).sort()).toEqual(['a.jpg', 'broken.jpg', 'nested/b.png', 'nested/c.webp']);
    // flat colours are scored, and are no faces: unsure, with no p and the reason in words
    for (const r of rows.filter((r) => !r.file.endsWith('broken.jpg'))) {
      expect(r.error).toBeUndefined();
      expect(r.level).toBe('unsure');
      expect(r.pGenerated).toBeNull();
      expect(r.reason).toMatch(/no face found|not a face photo/);
    }
    const broken = rows.find((r) => r.file.endsWith('broken.jpg'));
    expect(broken?.error).toMatch(/jpeg/i);
    expect(broken?.level).toBe('unsure');
    expect(code).toBe(1);
    expect(err.join('\n')).toContain('broken.jpg');
  });

  it('prints CSV and exits 0 when every image decodes', async () => {
    const { out, io } = capture();
    const code = await runAvatars([join(dir, 'a.jpg'), join(dir, 'nested'), '--format=csv'], io);
    const lines = out.join('').trim().split('\n');
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    expect(lines).toHaveLength(4);
    expect(code).toBe(0);
  });

  it('rejects an unknown format and a missing path', async () => {
    expect(await runAvatars([dir, '--format', 'xml'], capture().io)).toBe(2);
    const { out, io } = capture();
    expect(await runAvatars([join(dir, 'nope.jpg')], io)).toBe(1);
    expect(JSON.parse(out.join(''))[0].error).toMatch(/no such file/);
  });

  it('carries the evidence per image: face found, geometry distance, texture p, fused p, level and reason', async () => {
    const { out, io } = capture();
    await runAvatars([join(dir, 'a.jpg')], io);
    const [row] = JSON.parse(out.join('')) as AvatarRow[];
    expect(Object.keys(row)).toEqual(expect.arrayContaining(['face', 'geometryDistance', 'textureP', 'pGenerated', 'level', 'reason']));
    // a flat colour is not a face: scored, and unsure with the reason in words
    expect(row.face).toBe(false);
    expect(row.level).toBe('unsure');
    expect(row.reason).toMatch(/not a face|no face/);
  });

  it('scores regular files only: links out of the folder, dangling links, folder links, devices and FIFOs get their own error, the rest is scored', async () => {
    const { out, io } = capture();
    const code = await runAvatars([hostile], io);
    const rows = JSON.parse(out.join('')) as AvatarRow[];
    const byName = new Map(rows.map((r) => [r.file.slice(hostile.length + 1), r]));
    expect([...byName.keys()].sort()).toEqual(
      ['dangling.jpg', 'device.jpg', 'escape.jpg', 'folder-link', 'inside-link.jpg', 'ok.jpg', 'pipe.jpg', 'saved-without-extension'].sort(),
    );
    for (const name of ['ok.jpg', 'inside-link.jpg', 'saved-without-extension']) expect(byName.get(name)?.error, name).toBeUndefined();
    expect(byName.get('escape.jpg')?.error).toMatch(/outside the folder/);
    expect(byName.get('dangling.jpg')?.error).toMatch(/dangling/);
    expect(byName.get('folder-link')?.error).toMatch(/folder/);
    expect(byName.get('device.jpg')?.error).toMatch(/device|outside/);
    expect(byName.get('pipe.jpg')?.error).toMatch(/FIFO/);
    expect(rows.every((r) => r.level !== undefined)).toBe(true);
    expect(code).toBe(1);
  }, 60_000);

  it('a FIFO named on the command line is an error, never opened (no hang)', async () => {
    const { out, io } = capture();
    expect(await runAvatars([join(hostile, 'pipe.jpg'), join(dir, 'a.jpg')], io)).toBe(1);
    const rows = JSON.parse(out.join('')) as AvatarRow[];
    expect(rows.find((r) => r.file.endsWith('pipe.jpg'))?.error).toMatch(/FIFO/);
    expect(rows.find((r) => r.file.endsWith('a.jpg'))?.error).toBeUndefined();
  });

  it('neutralises formulas in CSV cells with the main export\'s function', () => {
    const row: AvatarRow = { file: '=HYPERLINK("http://x")', level: 'unsure', pGenerated: null, face: false, geometryDistance: null, textureP: null, reason: '+1 not scored', phash: null, error: '@bad' };
    const csv = formatCsv([row]);
    const line = csv.split('\n')[1];
    expect(line.startsWith(`"'=HYPERLINK(""http://x"")"`)).toBe(true);
    expect(line).toContain("'+1 not scored");
    expect(line).toContain("'@bad");
  });

  it.skipIf(!hasShared('data/faces/tpdne-headshotclassification/generated'))('gives a face its geometry distance, texture p, fused p and the reason', async () => {
    const { out, io } = capture();
    const file = sharedPath('data/faces/tpdne-headshotclassification/generated/crossval_f10.jpg');
    expect(await runAvatars([file], io)).toBe(0);
    const [row] = JSON.parse(out.join('')) as AvatarRow[];
    expect(row.face).toBe(true);
    expect(row.geometryDistance).toBeGreaterThanOrEqual(0);
    expect(row.geometryDistance).toBeLessThan(0.05);
    expect(row.textureP).toBeGreaterThanOrEqual(0);
    expect(row.pGenerated).toBeGreaterThanOrEqual(0);
    expect(row.reason).toMatch(/eyes/);
    expect(row.reason).toContain(`texture model p = ${row.textureP!.toFixed(2)}`);
  });
});
