import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { avatarModelId, currentAvatarScore, SHIPPED_AVATAR_MODEL_ID } from '../../../src/avatar/model-id.ts';
import { createNodeScorer, loadModelParams } from '../../../src/avatar/node-scorer.ts';

describe('avatar model identity (stored scores of other model files are scored again)', () => {
  const params = loadModelParams();

  it('is the shipped parameter file\'s, and changes with the version or any parameter', () => {
    expect(avatarModelId(params)).toBe(SHIPPED_AVATAR_MODEL_ID);
    expect(SHIPPED_AVATAR_MODEL_ID.startsWith(`${params.version}#`)).toBe(true);
    expect(avatarModelId(structuredClone(params))).toBe(SHIPPED_AVATAR_MODEL_ID);
    expect(avatarModelId({ ...params, version: `${params.version}.1` })).not.toBe(SHIPPED_AVATAR_MODEL_ID);
    // a refit that forgot to bump the version still counts as another model
    const refit = { ...params, thresholds: { ...params.thresholds, high: params.thresholds.high + 0.01 } };
    expect(avatarModelId(refit)).not.toBe(SHIPPED_AVATAR_MODEL_ID);
  });

  it('keeps a stored score only when these model files produced it', () => {
    const score = { imageKey: 'youtube:abc', level: 'high' as const, pGenerated: 0.97, model: SHIPPED_AVATAR_MODEL_ID };
    expect(currentAvatarScore(score, SHIPPED_AVATAR_MODEL_ID)).toBe(score);
    expect(currentAvatarScore({ ...score, model: '2.0.0+202611011200#0badc0de' }, SHIPPED_AVATAR_MODEL_ID)).toBeUndefined();
    // scores stored before scores carried their model (v2, v3 until now) are scored again too
    const { model: _, ...unstamped } = score;
    expect(currentAvatarScore(unstamped, SHIPPED_AVATAR_MODEL_ID)).toBeUndefined();
    expect(currentAvatarScore(undefined, SHIPPED_AVATAR_MODEL_ID)).toBeUndefined();
  });

  it('is stamped on every score the shipped scorer gives, and not on errors', async () => {
    const pixels = Buffer.alloc(64 * 64 * 3);
    for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 37) % 251;
    const jpeg = await sharp(pixels, { raw: { width: 64, height: 64, channels: 3 } }).jpeg().toBuffer();
    const { scorer, session } = await createNodeScorer();
    try {
      const [picture, broken] = await scorer.score([
        { imageKey: 'picture', bytes: new Uint8Array(jpeg) },
        { imageKey: 'broken', bytes: new Uint8Array([1, 2, 3]) },
      ]);
      expect(picture.error).toBeUndefined();
      expect(picture.model).toBe(SHIPPED_AVATAR_MODEL_ID);
      expect(broken.error).toBeTruthy();
      expect(broken.model).toBeUndefined();
    } finally {
      await session.release();
    }
  });
});
