/**
 * The pixel size of a PNG, JPEG, WebP or GIF read from its header, without decoding it. The browser's
 * createImageBitmap has no pixel limit of its own: a small file can declare 20000×20000 pixels and
 * take gigabytes to decode. Both decoders (browser and CLI) refuse images above MAX_IMAGE_PIXELS.
 */

/** Largest image decoded for scoring (a profile picture is well under a million pixels). */
export const MAX_IMAGE_PIXELS = 100_000_000;

export interface ImageHeader {
  format: 'png' | 'jpeg' | 'webp' | 'gif';
  width: number;
  height: number;
}

const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u16le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u24le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
const u32be = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!);
const ascii = (b: Uint8Array, at: number, length: number) => String.fromCharCode(...b.subarray(at, at + length));

/** Width and height from the header, or null when the bytes are none of the four formats (or cut short). */
export function readImageHeader(bytes: Uint8Array): ImageHeader | null {
  if (bytes.length >= 24 && u32be(bytes, 0) === 0x89504e47 && u32be(bytes, 4) === 0x0d0a1a0a && ascii(bytes, 12, 4) === 'IHDR') {
    return { format: 'png', width: u32be(bytes, 16), height: u32be(bytes, 20) };
  }
  if (bytes.length >= 10 && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) {
    return { format: 'gif', width: u16le(bytes, 6), height: u16le(bytes, 8) };
  }
  if (bytes.length >= 30 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return webpHeader(bytes);
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return jpegHeader(bytes);
  return null;
}

function webpHeader(b: Uint8Array): ImageHeader | null {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') return { format: 'webp', width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === 'VP8 ' && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) return { format: 'webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L' && b[20] === 0x2f && b.length >= 25) {
    const [b0, b1, b2, b3] = [b[21]!, b[22]!, b[23]!, b[24]!];
    return { format: 'webp', width: 1 + (((b1 & 0x3f) << 8) | b0), height: 1 + (((b3 & 0x0f) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6)) };
  }
  return null;
}

/** Start-of-frame markers (baseline, progressive, lossless, arithmetic), which carry the frame size. */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpegHeader(b: Uint8Array): ImageHeader | null {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image / scan data before any frame header
    const length = u16be(b, at + 2);
    if (length < 2) return null;
    if (SOF.has(marker)) return at + 9 <= b.length ? { format: 'jpeg', width: u16be(b, at + 7), height: u16be(b, at + 5) } : null;
    at += 2 + length;
  }
  return null;
}

/**
 * Throws with a plain reason unless the bytes are a PNG, JPEG, WebP or GIF of at most maxPixels pixels
 * (and at least one); called before anything decodes them.
 */
export function checkImageBeforeDecode(bytes: Uint8Array, maxPixels = MAX_IMAGE_PIXELS): ImageHeader {
  const header = readImageHeader(bytes);
  if (!header) throw new Error('not a JPEG, PNG, WebP or GIF image whose size can be read from its header');
  if (!header.width || !header.height) throw new Error('image has no pixels');
  if (header.width * header.height > maxPixels) {
    throw new Error(`image is ${header.width}×${header.height} pixels, more than the ${maxPixels.toLocaleString('en')} a profile picture can have; not decoded`);
  }
  return header;
}
