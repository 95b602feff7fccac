import { describe, expect, it } from 'vitest';
import type { AvatarModelParams } from '../../../src/avatar/postprocess.ts';
import type { RgbaImage } from '../../../src/avatar/preprocess.ts';
import { AvatarScorer } from '../../../src/avatar/scorer.ts';

const params = {
  inputSize: 4,
  normalization: { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] },
  classes: ['real', 'generated', 'nonface'],
  calibration: { type: 'platt', a: 1, b: 0 },
  thresholds: { high: 0.9, medium: 0.7 },
  faceMin: 0.5,
} as unknown as AvatarModelParams;

/** Decodes the first byte into a solid grey image; byte 0 means "broken". */
async function fakeDecode(bytes: Uint8Array): Promise<RgbaImage> {
  if (!bytes.length || bytes[0] === 0) throw new Error('cannot decode test image');
  const data = new Uint8Array(32 * 32 * 4).fill(bytes[0]);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { width: 32, height: 32, data };
}

/** Logits from the input's first value: brighter → more "generated"; tracks batch sizes. */
function fakeSession() {
  const batches: number[] = [];
  return {
    batches,
    async run(inputs: Float32Array[]) {
      batches.push(inputs.length);
      return inputs.map((x) => Float32Array.from([0, x[0] * 5, -5]));
    },
  };
}

describe('AvatarScorer', () => {
  it('scores items in one batch, in order, with phash and level', async () => {
    const session = fakeSession();
    const scorer = new AvatarScorer({ session, params, decode: fakeDecode });
    const scores = await scorer.score([
      { imageKey: 'bright', bytes: new Uint8Array([255]) },
      { imageKey: 'dark', bytes: new Uint8Array([10]) },
    ]);
    expect(session.batches).toEqual([2]);
    expect(scores.map((s) => s.imageKey)).toEqual(['bright', 'dark']);
    expect(scores[0].level).toBe('high');
    expect(scores[1].level).toBe('low');
    expect(scores[0].phash).toMatch(/^[0-9a-f]{16}$/);
    expect(scores[0].face).toBe(true);
  });

  it('computes each imageKey once, across and within calls', async () => {
    const session = fakeSession();
    const scorer = new AvatarScorer({ session, params, decode: fakeDecode });
    await scorer.score([{ imageKey: 'a', bytes: new Uint8Array([200]) }]);
    const again = await scorer.score([
      { imageKey: 'a', bytes: new Uint8Array([200]) },
      { imageKey: 'b', bytes: new Uint8Array([100]) },
      { imageKey: 'b', bytes: new Uint8Array([100]) },
    ]);
    expect(session.batches).toEqual([1, 1]);
    expect(again.map((s) => s.imageKey)).toEqual(['a', 'b', 'b']);
    expect(again[1]).toEqual(again[2]);
  });

  it('returns unsure with an error for undecodable bytes and does not cache the failure', async () => {
    const session = fakeSession();
    let broken = true;
    const scorer = new AvatarScorer({
      session,
      params,
      decode: (bytes) => (broken ? Promise.reject(new Error('truncated file')) : fakeDecode(bytes)),
    });
    const [first] = await scorer.score([{ imageKey: 'x', bytes: new Uint8Array([200]) }]);
    expect(first).toMatchObject({ imageKey: 'x', level: 'unsure', error: 'truncated file' });
    expect(first.pGenerated).toBeUndefined();
    broken = false;
    const [second] = await scorer.score([{ imageKey: 'x', bytes: new Uint8Array([200]) }]);
    expect(second.error).toBeUndefined();
    expect(second.pGenerated).toBeGreaterThan(0.5);
  });

  it('turns a failing session into unsure results with an error', async () => {
    const scorer = new AvatarScorer({
      session: { run: () => Promise.reject(new Error('wasm gone')) },
      params,
      decode: fakeDecode,
    });
    const [score] = await scorer.score([{ imageKey: 'y', bytes: new Uint8Array([50]) }]);
    expect(score.level).toBe('unsure');
    expect(score.error).toMatch(/wasm gone/);
  });

  it('evicts the least recently used entries beyond cacheSize', async () => {
    const session = fakeSession();
    const scorer = new AvatarScorer({ session, params, decode: fakeDecode, cacheSize: 2 });
    await scorer.score([{ imageKey: '1', bytes: new Uint8Array([1]) }]);
    await scorer.score([{ imageKey: '2', bytes: new Uint8Array([2]) }]);
    await scorer.score([{ imageKey: '3', bytes: new Uint8Array([3]) }]);
    await scorer.score([{ imageKey: '1', bytes: new Uint8Array([1]) }]);
    expect(session.batches).toEqual([1, 1, 1, 1]);
    await scorer.score([{ imageKey: '1', bytes: new Uint8Array([1]) }]);
    expect(session.batches).toEqual([1, 1, 1, 1]);
  });
});
