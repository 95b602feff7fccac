#!/usr/bin/env node
// Draws the toolbar icon (a magnifying lens over three dots) into public/icons/icon-<size>.png.
// Run once after changing the design; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      // 4×4 supersampling for smooth edges
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) {
        const [pr, pg, pb, pa] = pixel((x + (sx + 0.5) / 4) / size, (y + (sy + 0.5) / 4) / size);
        r += pr * pa; g += pg * pa; b += pb * pa; a += pa;
      }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = a ? r / a : 0; raw[o + 1] = a ? g / a : 0; raw[o + 2] = a ? b / a : 0; raw[o + 3] = (a / 16) * 255;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0); header.writeUInt32BE(size, 4);
  header[8] = 8; header[9] = 6; header[10] = 0; header[11] = 0; header[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const ink = [26, 54, 93, 1];
const dots = [[0.33, 0.36], [0.5, 0.3], [0.42, 0.52]];
function icon(x, y) {
  const dx = x - 0.42, dy = y - 0.42, d = Math.hypot(dx, dy);
  // handle: a thick segment from the ring to the bottom-right corner
  const t = Math.max(0, Math.min(1, ((x - 0.62) * 1 + (y - 0.62) * 1) / (2 * 0.3 * 0.3) * 0.3));
  const hx = 0.62 + t * 0.3, hy = 0.62 + t * 0.3;
  if (Math.hypot(x - hx, y - hy) < 0.075) return ink;
  if (d > 0.27 && d < 0.35) return ink;
  for (const [cx, cy] of dots) if (Math.hypot(x - cx, y - cy) < 0.06) return [179, 38, 30, 1];
  if (d <= 0.27) return [232, 240, 250, 1];
  return [0, 0, 0, 0];
}

for (const size of [16, 32, 48, 128]) writeFileSync(new URL(`../public/icons/icon-${size}.png`, import.meta.url), png(size, icon));
console.log('icons written');
