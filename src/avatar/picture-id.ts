/**
 * Generic pictures (issue 11). "The same profile picture on several accounts" is grouped by the
 * 64-bit dHash (phash.ts). On flat pictures — letter avatars, silhouettes, plain badges — that hash
 * sees little but the glyph's outline, and different letters on the same colour can share all 64
 * bits (8 of the 240 rendered initials and silhouettes in ../shared/data/avatars-nonface do; see
 * scripts/eval-picture-identity.ts). More to the point, such pictures are shown by many unrelated
 * people (the platforms draw them by default), so sharing one is not evidence of anything, whatever
 * the hash says. A picture is *generic* when its three most common coarse colours cover most
 * of it; generic pictures take no part in shared-picture evidence. A photo is never flat.
 */
import { resizeToSquare, type RgbaImage } from './preprocess.ts';

/** share of pixels in the three most common coarse colours (4 bits per channel) at or above which a picture is flat */
export const GENERIC_FLAT_SHARE = 0.7;

/** Share of a 32×32 thumbnail covered by its three most common coarse colours (0..1). */
export function flatShare(image: RgbaImage): number {
  const side = 32;
  const small = resizeToSquare(image, side);
  const bins = new Map<number, number>();
  for (let o = 0; o < small.length; o += 3) {
    const bin = ((small[o] >> 4) << 8) | ((small[o + 1] >> 4) << 4) | (small[o + 2] >> 4);
    bins.set(bin, (bins.get(bin) ?? 0) + 1);
  }
  const top = [...bins.values()].sort((a, b) => b - a);
  return (top[0] + (top[1] ?? 0) + (top[2] ?? 0)) / (side * side);
}

export function isGenericPicture(image: RgbaImage): boolean {
  return flatShare(image) >= GENERIC_FLAT_SHARE;
}
