/**
 * Image sizes read from headers, before any decoding: checked against images sharp encodes at known
 * sizes in each format, and against the shapes a hostile file can take.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkImageBeforeDecode, MAX_IMAGE_PIXELS, readImageHeader } from '../../../src/core/image-header.ts';

async function encode(format: 'png' | 'jpeg' | 'webp' | 'gif', width: number, height: number, options: Record<string, unknown> = {}) {
  const image = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } });
  return new Uint8Array(await image.toFormat(format, options).toBuffer());
}

/** A PNG that declares a size in its header; the pixel data does not matter to the check. */
function pngDeclaring(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(bytes.buffer).setUint32(16, width);
  new DataView(bytes.buffer).setUint32(20, height);
  return bytes;
}

describe('readImageHeader', () => {
  for (const [format, options] of [
    ['png', {}],
    ['jpeg', {}],
    ['jpeg', { progressive: true }],
    ['webp', {}],
    ['webp', { lossless: true }],
    ['gif', {}],
  ] as const) {
    it(`${format} ${JSON.stringify(options)}: the size sharp encoded`, async () => {
      for (const [width, height] of [
        [1, 1],
        [88, 88],
        [400, 123],
        [1023, 4097],
      ]) {
        expect(readImageHeader(await encode(format, width, height, options))).toEqual({ format, width, height });
      }
    });
  }

  it('a WebP with alpha (extended VP8X header)', async () => {
    const bytes = new Uint8Array(await sharp({ create: { width: 300, height: 77, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } } }).webp().toBuffer());
    expect(readImageHeader(bytes)).toEqual({ format: 'webp', width: 300, height: 77 });
  });

  it('null for other formats and cut-short headers', async () => {
    expect(readImageHeader(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(readImageHeader(new Uint8Array(0))).toBeNull();
    const jpeg = await encode('jpeg', 50, 50);
    expect(readImageHeader(jpeg.subarray(0, 20))).toBeNull();
    expect(readImageHeader(pngDeclaring(5, 5).subarray(0, 20))).toBeNull();
    // A JPEG whose segments never reach a frame header: walked to the end, no answer.
    expect(readImageHeader(new Uint8Array([0xff, 0xd8, ...Array.from({ length: 1000 }, (_, i) => (i % 4 === 0 ? 0xff : i % 4 === 1 ? 0xe1 : i % 4 === 2 ? 0 : 4))]))).toBeNull();
  });
});

describe('checkImageBeforeDecode', () => {
  it('refuses 20000×20000 before decoding, with the size in the reason', () => {
    expect(() => checkImageBeforeDecode(pngDeclaring(20_000, 20_000))).toThrow('image is 20000×20000 pixels, more than the 100,000,000');
    expect(MAX_IMAGE_PIXELS).toBe(100_000_000);
  });
  it('accepts a profile picture and refuses what cannot be measured', async () => {
    expect(checkImageBeforeDecode(await encode('jpeg', 400, 400))).toEqual({ format: 'jpeg', width: 400, height: 400 });
    expect(checkImageBeforeDecode(pngDeclaring(10_000, 10_000))).toEqual({ format: 'png', width: 10_000, height: 10_000 });
    expect(() => checkImageBeforeDecode(pngDeclaring(10_000, 10_001))).toThrow('more than');
    expect(() => checkImageBeforeDecode(pngDeclaring(0, 10))).toThrow('no pixels');
    expect(() => checkImageBeforeDecode(new Uint8Array([1, 2, 3, 4]))).toThrow('not a JPEG, PNG, WebP or GIF');
  });
});
