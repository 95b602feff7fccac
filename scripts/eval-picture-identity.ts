/**
 * Picture identity (issue 11): how often two *different* pictures share the 64-bit dHash that groups
 * "the same picture", before and after leaving out generic (flat) pictures (src/avatar/picture-id.ts),
 * and whether the hash and the generic verdict survive a re-encoding (88 px, JPEG q70) as platforms do.
 *
 *   npx tsx scripts/eval-picture-identity.ts [folder ...]
 * Default folders: ../shared/data/avatars-nonface/rendered-initials-and-silhouettes and debian-plasma-avatars.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { decodeImageNode } from '../src/avatar/decode-node.ts';
import { dHash } from '../src/avatar/phash.ts';
import { isGenericPicture } from '../src/avatar/picture-id.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = process.env.LENS_SHARED_DIR ?? resolve(ROOT, '../shared');
export const INITIALS_DIR = join(SHARED, 'data/avatars-nonface/rendered-initials-and-silhouettes');

export interface IdentityMeasure {
  images: number;
  /** distinct pixel contents */
  distinct: number;
  /** images whose dHash equals that of an image with different pixels */
  collisions: number;
  /** the same, counting only pictures that are not generic (those still grouped) */
  collisionsAfter: number;
  generic: number;
  /** generic verdict unchanged after resize to 88 px + JPEG q70 */
  genericStable: number;
  /** dHash unchanged after the same */
  hashStable: number;
}

export async function measureIdentity(dir: string): Promise<IdentityMeasure> {
  const files = readdirSync(dir).filter((f) => /\.(jpe?g|png|webp)$/i.test(f)).sort();
  const rows: { pixels: string; hash: string; generic: boolean; hash2: string; generic2: boolean }[] = [];
  for (const f of files) {
    const bytes = readFileSync(join(dir, f));
    const image = await decodeImageNode(bytes);
    const image2 = await decodeImageNode(await sharp(bytes).resize(88, 88).jpeg({ quality: 70 }).toBuffer());
    let h = 0x811c9dc5;
    for (let i = 0; i < image.data.length; i += 7) h = Math.imul(h ^ image.data[i], 0x01000193);
    rows.push({ pixels: `${image.width}x${image.height}:${h >>> 0}`, hash: dHash(image), generic: isGenericPicture(image), hash2: dHash(image2), generic2: isGenericPicture(image2) });
  }
  const collisions = (list: typeof rows) => {
    const by = new Map<string, Set<string>>();
    for (const r of list) {
      let s = by.get(r.hash);
      if (!s) by.set(r.hash, (s = new Set()));
      s.add(r.pixels);
    }
    return list.filter((r) => by.get(r.hash)!.size > 1).length;
  };
  return {
    images: rows.length,
    distinct: new Set(rows.map((r) => r.pixels)).size,
    collisions: collisions(rows),
    collisionsAfter: collisions(rows.filter((r) => !r.generic)),
    generic: rows.filter((r) => r.generic).length,
    genericStable: rows.filter((r) => r.generic === r.generic2).length,
    hashStable: rows.filter((r) => r.hash === r.hash2).length,
  };
}

async function main() {
  const dirs = process.argv.slice(2).length ? process.argv.slice(2) : [INITIALS_DIR, join(SHARED, 'data/avatars-nonface/debian-plasma-avatars')];
  console.log('| folder | images | distinct | dHash collisions (all) | dHash collisions (generic left out) | generic | generic verdict stable after 88 px q70 | dHash stable |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const d of dirs) {
    if (!existsSync(d)) {
      console.log(`| ${d} | missing | | | | | | |`);
      continue;
    }
    const m = await measureIdentity(d);
    console.log(`| ${d.replace(SHARED, '../shared')} | ${m.images} | ${m.distinct} | ${m.collisions} | ${m.collisionsAfter} | ${m.generic} | ${m.genericStable} | ${m.hashStable} |`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
