/**
 * Image bytes → RGBA in the browser with createImageBitmap + OffscreenCanvas.
 * Works in a Chrome service worker, a Chrome offscreen document and the Firefox background page.
 */
import { checkImageBeforeDecode, MAX_IMAGE_PIXELS } from '../core/image-header.ts';
import type { RgbaImage } from './preprocess.ts';

export interface BrowserDecodeOptions {
  /** larger images are scaled down (by the browser) to fit this side, default 1024 */
  maxSide?: number;
  /** images with more pixels are refused before decoding (default MAX_IMAGE_PIXELS, as in the CLI) */
  maxPixels?: number;
}

function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  return head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'));
}

export async function decodeImageBrowser(bytes: Uint8Array, options: BrowserDecodeOptions = {}): Promise<RgbaImage> {
  if (!bytes.length) throw new Error('empty image');
  if (looksLikeSvg(bytes)) throw new Error('SVG is not scored: vector drawings are not photos');
  // createImageBitmap has no pixel limit: the header's size is checked first.
  checkImageBeforeDecode(bytes, options.maxPixels ?? MAX_IMAGE_PIXELS);
  const maxSide = options.maxSide ?? 1024;
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  } catch (error) {
    throw new Error(`cannot decode image: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    if (!bitmap.width || !bitmap.height) throw new Error('image has no pixels');
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('no 2D canvas context available');
    context.drawImage(bitmap, 0, 0, width, height);
    const { data } = context.getImageData(0, 0, width, height);
    return { width, height, data };
  } finally {
    bitmap.close();
  }
}
