"""Honest splits for avatar detector v3: deduplicate across sources, then train / calibration / test.

1. Every image (faces and non-faces under ../shared/data) gets a 64-bit dHash (the same definition as
   src/avatar/phash.ts) and a 32x32 grey thumbnail. Two images are copies when their dHashes differ in
   at most DHASH_BITS bits AND their thumbnails (each normalised to zero mean, unit variance) have a
   correlation of at least THUMB_CORR: the dHash finds candidates across resolutions and re-encodings,
   the thumbnail check stops aligned-but-different faces (FFHQ/StyleGAN share a layout) from merging.
2. Copies are joined into groups (union-find); a whole group goes to one part.
3. The texture model of v3 is v2's network (its weights were trained on v2's training files, split by
   sha1 of the path, models/training/split.json). So every group with a member in v2's training part is
   "train" here; the remaining groups (v2's validation files with no copy in v2's training part) are
   divided by sha1 of the group's first key into calibration (thresholds and fusion weights are fitted
   there) and test (nothing is fitted there; the model card's false-positive rates come from it).

Writes models/training/split-v3.json: {"parts": {key: part}, "groups": [[key, ...], ...], "stats": {...}}.
Decoding uses OpenCV (Debian python3-opencv); no PIL needed.
"""
import hashlib
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import HERE, center_square, list_items, resize_square, rgba_to_rgb  # noqa: E402
from imageio_cv import decode_rgba  # noqa: E402

DHASH_BITS = 10
THUMB_CORR = 0.95
CALIBRATION_SHARE = 50  # percent of the held-back groups; the rest is test
OUT = os.path.join(HERE, 'split-v3.json')


def dhash_bits(rgb):
    """64 bools, identical to src/avatar/phash.ts dHash (9x9 square, first 8 rows, left > right)."""
    grid = resize_square(center_square(rgb), 9)
    luma = 0.299 * grid[:, :, 0] + 0.587 * grid[:, :, 1] + 0.114 * grid[:, :, 2]
    return (luma[:8, :8] > luma[:8, 1:9]).reshape(-1)


def dhash_hex(bits):
    out = ''
    for i in range(0, 64, 4):
        out += '%x' % int(''.join('1' if b else '0' for b in bits[i:i + 4]), 2)
    return out


def thumb(rgb):
    g = resize_square(center_square(rgb), 32)
    g = 0.299 * g[:, :, 0] + 0.587 * g[:, :, 1] + 0.114 * g[:, :, 2]
    g = g - g.mean()
    return (g / (np.linalg.norm(g) + 1e-9)).reshape(-1).astype(np.float32)


def features(items):
    bits = np.zeros((len(items), 64), dtype=bool)
    thumbs = np.zeros((len(items), 1024), dtype=np.float32)
    for i, it in enumerate(items):
        rgb = rgba_to_rgb(decode_rgba(it['path']))
        bits[i] = dhash_bits(rgb)
        thumbs[i] = thumb(rgb)
        if i % 3000 == 0:
            print(f'  hashed {i}/{len(items)}', flush=True)
    return bits, thumbs


def find_groups(bits, thumbs):
    n = len(bits)
    parent = list(range(n))

    def root(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    packed = np.packbits(bits, axis=1)  # n x 8 bytes
    popcount = np.array([bin(v).count('1') for v in range(256)], dtype=np.uint8)
    pairs = 0
    for start in range(0, n, 512):
        block = packed[start:start + 512]
        dist = popcount[block[:, None, :] ^ packed[None, :, :]].sum(axis=2)
        for a, b in zip(*np.nonzero(dist <= DHASH_BITS)):
            i, j = start + int(a), int(b)
            if j <= i:
                continue
            if float(thumbs[i] @ thumbs[j]) >= THUMB_CORR:
                pairs += 1
                ri, rj = root(i), root(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
    groups = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values()), pairs


def part_hash(key):
    # salted: the unsalted sha1 of these files is what put them into v2's validation part (all < 15 mod 100)
    return int(hashlib.sha1(('v3-part:' + key).encode('utf-8')).hexdigest()[:8], 16)


def v2_training_keys():
    with open(os.path.join(HERE, 'split.json')) as f:
        split = json.load(f)
    val = set(split['validation'])
    return val


def main():
    items = list_items()
    print(f'{len(items)} images', flush=True)
    bits, thumbs = features(items)
    groups, pairs = find_groups(bits, thumbs)
    v2_val = v2_training_keys()
    parts = {}
    multi = []
    cross_source = 0
    for g in groups:
        keys = sorted(items[i]['key'] for i in g)
        if len(g) > 1:
            multi.append(keys)
            if len({items[i]['source'] for i in g}) > 1:
                cross_source += 1
        if any(k not in v2_val for k in keys):
            part = 'train'
        else:
            h = part_hash(keys[0])
            part = 'calibration' if h % 100 < CALIBRATION_SHARE else 'test'
        for k in keys:
            parts[k] = part
    stats = {}
    for it in items:
        s = stats.setdefault(f"{it['label']}:{it['source']}", {'train': 0, 'calibration': 0, 'test': 0})
        s[parts[it['key']]] += 1
    moved = sum(1 for k in v2_val if parts.get(k) == 'train')
    out = {
        'comment': __doc__.strip().split('\n')[0],
        'method': {'dhashBits': DHASH_BITS, 'thumbCorrelation': THUMB_CORR, 'calibrationShare': CALIBRATION_SHARE},
        'duplicatePairs': pairs,
        'duplicateGroups': len(multi),
        'crossSourceGroups': cross_source,
        'v2ValidationFilesWithACopyInV2Training': moved,
        'phash': {it['key']: dhash_hex(bits[i]) for i, it in enumerate(items)},
        'parts': parts,
        'groups': multi,
        'stats': stats,
    }
    with open(OUT, 'w') as f:
        json.dump(out, f, indent=0, sort_keys=True)
    print(f'{len(multi)} duplicate groups ({cross_source} across sources), {pairs} pairs; '
          f'{moved} of {len(v2_val)} v2 validation files have a copy in v2 training')
    for k, v in sorted(stats.items()):
        print(f'  {k:55s} {v}')


if __name__ == '__main__':
    main()
