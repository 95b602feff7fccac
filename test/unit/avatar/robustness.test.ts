import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEVELS, type AvatarScore } from '../../../src/core/types.ts';
import { decodeImageNode, sniffFormat } from '../../../src/avatar/decode-node.ts';
import type { AvatarSession } from '../../../src/avatar/model.ts';
import { createNodeScorer } from '../../../src/avatar/node-scorer.ts';
import type { AvatarScorer } from '../../../src/avatar/scorer.ts';

function noise(width: number, height: number, channels: 3 | 4, seed = 1): Buffer {
  const data = Buffer.alloc(width * height * channels);
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    data[i] = s >> 16;
  }
  if (channels === 4) for (let i = 3; i < data.length; i += 4) data[i] = i % 7 === 0 ? 0 : 128;
  return data;
}

async function jpeg(width: number, height: number): Promise<Uint8Array> {
  return new Uint8Array(await sharp(noise(width, height, 3), { raw: { width, height, channels: 3 } }).jpeg({ quality: 80 }).toBuffer());
}

let scorer: AvatarScorer;
let session: AvatarSession;

beforeAll(async () => {
  ({ scorer, session } = await createNodeScorer());
});
afterAll(async () => {
  await session.release();
});

function expectScoreOrClearError(score: AvatarScore): void {
  expect(LEVELS).toContain(score.level);
  if (score.error) {
    expect(score.level).toBe('unsure');
    expect(score.pGenerated).toBeUndefined();
    expect(score.error.length).toBeGreaterThan(10);
  } else {
    // scored: the texture model always answers; the fused p only when a face was found (else unsure, with the reason)
    expect(score.textureP).toBeGreaterThanOrEqual(0);
    expect(score.textureP).toBeLessThanOrEqual(1);
    if (score.level === 'unsure') expect(score.reason).toMatch(/not judged/);
    else {
      expect(score.pGenerated).toBeGreaterThanOrEqual(0);
      expect(score.pGenerated).toBeLessThanOrEqual(1);
    }
    expect(score.phash).toMatch(/^[0-9a-f]{16}$/);
  }
}

describe('robustness of decoding and scoring (a score or a clear error, never a crash or hang)', () => {
  it('scores a 1×1 PNG but calls it unsure (too small to judge)', async () => {
    const bytes = new Uint8Array(await sharp({ create: { width: 1, height: 1, channels: 3, background: '#c08060' } }).png().toBuffer());
    const [score] = await scorer.score([{ imageKey: '1x1', bytes }]);
    expectScoreOrClearError(score);
    expect(score.error).toBeUndefined();
    expect(score.level).toBe('unsure');
  });

  it('scores an 8000×8000 JPEG (downscaled while decoding)', async () => {
    const bytes = new Uint8Array(
      await sharp({ create: { width: 8000, height: 8000, channels: 3, background: '#406080' } }).jpeg({ quality: 70 }).toBuffer(),
    );
    const image = await decodeImageNode(bytes);
    expect(Math.max(image.width, image.height)).toBeLessThanOrEqual(1024);
    const [score] = await scorer.score([{ imageKey: 'huge', bytes }]);
    expectScoreOrClearError(score);
    expect(score.error).toBeUndefined();
  }, 120_000);

  it('reports a truncated JPEG as an error', async () => {
    const whole = await jpeg(256, 256);
    const [score] = await scorer.score([{ imageKey: 'truncated', bytes: whole.slice(0, Math.floor(whole.length / 3)) }]);
    expectScoreOrClearError(score);
    expect(score.error).toMatch(/jpeg/i);
  });

  it('scores a PNG with alpha (composited on white)', async () => {
    const bytes = new Uint8Array(await sharp(noise(96, 96, 4), { raw: { width: 96, height: 96, channels: 4 } }).png().toBuffer());
    const [score] = await scorer.score([{ imageKey: 'alpha', bytes }]);
    expectScoreOrClearError(score);
    expect(score.error).toBeUndefined();
  });

  it('scores the first frame of an animated GIF', async () => {
    const frame = (colour: string) => sharp({ create: { width: 64, height: 64, channels: 3, background: colour } }).png().toBuffer();
    const bytes = new Uint8Array(await sharp([await frame('#ff0000'), await frame('#0000ff')], { join: { animated: true } }).gif().toBuffer());
    expect(sniffFormat(bytes)).toBe('gif');
    expect((await sharp(bytes).metadata()).pages).toBe(2);
    const image = await decodeImageNode(bytes);
    expect([image.width, image.height]).toEqual([64, 64]);
    expect(Array.from(image.data.slice(0, 3))).toEqual([255, 0, 0]);
    const [score] = await scorer.score([{ imageKey: 'gif', bytes }]);
    expectScoreOrClearError(score);
    expect(score.error).toBeUndefined();
  });

  it('refuses SVG with a clear message', async () => {
    const bytes = new TextEncoder().encode('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    const [score] = await scorer.score([{ imageKey: 'svg', bytes }]);
    expectScoreOrClearError(score);
    expect(score.error).toMatch(/SVG/);
  });

  it('reports empty and random bytes as errors', async () => {
    const scores = await scorer.score([
      { imageKey: 'empty', bytes: new Uint8Array(0) },
      { imageKey: 'random', bytes: new Uint8Array(noise(50, 50, 3)) },
      { imageKey: 'jpeg-header-only', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]) },
    ]);
    for (const score of scores) {
      expectScoreOrClearError(score);
      expect(score.error).toBeTruthy();
    }
  });

  it('scores a batch of mixed good and bad images in one call', async () => {
    const good = await jpeg(120, 120);
    const scores = await scorer.score([
      { imageKey: 'g1', bytes: good },
      { imageKey: 'bad', bytes: new Uint8Array([1, 2, 3]) },
      { imageKey: 'g2', bytes: await jpeg(300, 200) },
    ]);
    expect(scores.map((s) => s.imageKey)).toEqual(['g1', 'bad', 'g2']);
    expect(scores[0].error).toBeUndefined();
    expect(scores[1].error).toBeTruthy();
    expect(scores[2].error).toBeUndefined();
  });
});
