/** 64-bit difference hash (dHash) of an image, for spotting the same picture on several accounts. Pure code. */
import { resizeToSquare, type RgbaImage } from './preprocess.ts';

/**
 * dHash: centre square → 9×8 greyscale (antialiased) → one bit per horizontal neighbour pair
 * (left brighter than right). Robust to rescaling and recompression; 16 lowercase hex chars.
 */
export function dHash(image: RgbaImage): string {
  const cols = 9;
  const rows = 8;
  // resize to 9×9 square then use the first 8 rows: keeps one shared resize routine
  const grid = resizeToSquare(image, cols);
  let hex = '';
  let nibble = 0;
  let bits = 0;
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols - 1; x++) {
      const left = luma(grid, (y * cols + x) * 3);
      const right = luma(grid, (y * cols + x + 1) * 3);
      nibble = (nibble << 1) | (left > right ? 1 : 0);
      bits++;
      if (bits === 4) {
        hex += nibble.toString(16);
        nibble = 0;
        bits = 0;
      }
    }
  }
  return hex;
}

function luma(rgb: Float64Array, o: number): number {
  return 0.299 * rgb[o] + 0.587 * rgb[o + 1] + 0.114 * rgb[o + 2];
}

/** Number of differing bits between two 16-hex-char hashes. */
export function hammingDistance(a: string, b: string): number {
  if (a.length !== b.length || !/^[0-9a-f]*$/i.test(a + b)) throw new Error(`not comparable hashes: ${a} / ${b}`);
  let distance = 0;
  for (let i = 0; i < a.length; i++) {
    let x = parseInt(a[i], 16) ^ parseInt(b[i], 16);
    while (x) {
      distance += x & 1;
      x >>= 1;
    }
  }
  return distance;
}
