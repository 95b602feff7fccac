/** Image bytes → RGBA in Node (sharp). Only for the command line, scripts and tests. */
import { MAX_IMAGE_PIXELS } from '../core/image-header.ts';
import sharp from 'sharp';
import type { RgbaImage } from './preprocess.ts';

// Avatars are small: handing one image to several libvips threads costs more than it saves (measured 4.2 → 3.2 ms
// median per avatar). Images still decode in parallel, one per libuv worker.
sharp.concurrency(1);

export interface DecodeOptions {
  /** images wider or taller than this are downscaled while decoding (default 1024) */
  maxSide?: number;
  /** refuse images with more pixels than this (default 100 million) */
  maxPixels?: number;
  /** give up after this many milliseconds (default 15000) */
  timeoutMs?: number;
}

export class ImageDecodeError extends Error {
  override name = 'ImageDecodeError';
}

export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'svg' | 'unknown';

/** Format from the first bytes (never from the file name). */
export function sniffFormat(bytes: Uint8Array): ImageFormat {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b.length >= 6 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return 'gif';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'webp';
  const head = ascii(b, 0, Math.min(b.length, 512)).trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'svg';
  return 'unknown';
}

function ascii(b: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to && i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

/** Decodes JPEG, PNG, WebP and GIF (first frame) to RGBA; anything else or a broken file throws ImageDecodeError. */
export async function decodeImageNode(bytes: Uint8Array, options: DecodeOptions = {}): Promise<RgbaImage> {
  const maxSide = options.maxSide ?? 1024;
  const maxPixels = options.maxPixels ?? MAX_IMAGE_PIXELS;
  const format = sniffFormat(bytes);
  if (format === 'svg') throw new ImageDecodeError('SVG is not scored: vector drawings are not photos');
  if (format === 'unknown') throw new ImageDecodeError('not a JPEG, PNG, WebP or GIF image');
  const work = async (): Promise<RgbaImage> => {
    try {
      // one libvips pass (no separate metadata read): the size limit is the constructor's, and `withoutEnlargement`
      // leaves smaller images untouched (pixel-identical to resizing only when larger)
      const { data, info } = await sharp(bytes, { pages: 1, page: 0, limitInputPixels: maxPixels, failOn: 'error' })
        .toColourspace('srgb')
        .ensureAlpha()
        .resize({ width: maxSide, height: maxSide, fit: 'inside', kernel: 'linear', withoutEnlargement: true })
        .raw({ depth: 'uchar' })
        .toBuffer({ resolveWithObject: true });
      if (!info.width || !info.height) throw new ImageDecodeError('image has no pixels');
      if (info.channels !== 4) throw new ImageDecodeError(`unexpected ${info.channels} channels after decoding`);
      return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
    } catch (error) {
      if (error instanceof ImageDecodeError) throw error;
      throw new ImageDecodeError(`cannot decode ${format} image: ${(error as Error).message}`);
    }
  };
  const timeoutMs = options.timeoutMs ?? 15_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ImageDecodeError(`decoding took longer than ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
