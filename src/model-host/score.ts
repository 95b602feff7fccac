import type { AvatarScore } from '../core/types.ts';

/** Scores avatar images the background fetched. Filled in when src/avatar lands. */
export async function scoreAvatarBytes(items: { imageKey: string; bytesBase64: string }[]): Promise<AvatarScore[]> {
  return items.map((item) => ({ imageKey: item.imageKey, level: 'unsure' as const, error: 'avatar model not wired yet' }));
}
