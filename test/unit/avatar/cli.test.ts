import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAvatars } from '../../../src/cli/avatars.ts';

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lens-avatars-'));
  mkdirSync(join(dir, 'nested'));
  const img = (colour: string) => sharp({ create: { width: 80, height: 80, channels: 3, background: colour } });
  writeFileSync(join(dir, 'a.jpg'), await img('#aa8866').jpeg().toBuffer());
  writeFileSync(join(dir, 'nested', 'b.png'), await img('#336699').png().toBuffer());
  writeFileSync(join(dir, 'nested', 'c.webp'), await img('#118833').webp().toBuffer());
  writeFileSync(join(dir, 'nested', 'notes.txt'), 'not an image');
  writeFileSync(join(dir, 'broken.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) } };
}

describe('lens avatars', () => {
  it('prints one JSON row per image (folders recursed, jpg/png/webp), errors listed, exit 1', async () => {
    const { out, err, io } = capture();
    const code = await runAvatars([dir, '--format', 'json'], io);
    const rows = JSON.parse(out.join('')) as { file: string; pGenerated: number | null; level: string; error?: string }[];
    expect(rows.map((r) => r.file.slice(dir.length + 1)).sort()).toEqual(['a.jpg', 'broken.jpg', 'nested/b.png', 'nested/c.webp']);
    for (const r of rows.filter((r) => !r.file.endsWith('broken.jpg'))) {
      expect(r.pGenerated).toBeGreaterThanOrEqual(0);
      expect(['high', 'medium', 'low', 'unsure']).toContain(r.level);
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
    expect(lines[0]).toBe('file,pGenerated,level,face,phash,error');
    expect(lines).toHaveLength(4);
    expect(code).toBe(0);
  });

  it('rejects an unknown format and a missing path', async () => {
    expect(await runAvatars([dir, '--format', 'xml'], capture().io)).toBe(2);
    const { out, io } = capture();
    expect(await runAvatars([join(dir, 'nope.jpg')], io)).toBe(1);
    expect(JSON.parse(out.join(''))[0].error).toMatch(/no such file/);
  });
});
