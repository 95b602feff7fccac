"""Shared pieces of the avatar-detector recipe: data listing, split, preprocessing, model.

The preprocessing here (`to_model_input`) is the exact twin of src/avatar/preprocess.ts
(`toModelInput`): white alpha composite, centre crop to a square, separable antialiased
triangle-filter resize computed in float64, then (v / 255 - mean) / std. Change both or neither.
"""
import hashlib
import json
import math
import os
from functools import lru_cache

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..'))
SHARED = os.environ.get('LENS_SHARED_DIR', os.path.join(REPO, '..', 'shared'))
FACES = os.path.join(SHARED, 'data', 'faces')
NONFACE = os.path.join(SHARED, 'data', 'avatars-nonface')

INPUT_SIZE = 96
MEAN = [0.5, 0.5, 0.5]
STD = [0.5, 0.5, 0.5]
CLASSES = ['real', 'generated', 'nonface']
IMAGE_EXT = ('.jpg', '.jpeg', '.png', '.webp')
VAL_PERCENT = 15


# ---------------------------------------------------------------- data listing

def load_families():
    path = os.path.join(HERE, 'sources.json')
    with open(path) as f:
        return json.load(f)['families']


def family_of(source, label, families):
    """Generator / real-collection family of a source folder; unknown folders are their own family."""
    if label == 'nonface':
        return 'nonface:' + source
    fam = families.get(source, {}).get(label)
    return fam if fam else f'{label}:{source}'


def list_items():
    """Every image under faces/<source>/{real,generated}/ and avatars-nonface/<source>/ (recursively)."""
    families = load_families()
    items = []

    def add_images(d, source, label):
        for root, _, files in sorted(os.walk(d)):
            for name in sorted(files):
                if name.lower().endswith(IMAGE_EXT):
                    path = os.path.join(root, name)
                    items.append(dict(key=os.path.relpath(path, SHARED), path=path, source=source,
                                      label=label, family=family_of(source, label, families)))

    for source in sorted(os.listdir(FACES)):
        for label in ('real', 'generated'):
            d = os.path.join(FACES, source, label)
            if os.path.isdir(d):
                add_images(d, source, label)
    for source in sorted(os.listdir(NONFACE)):
        d = os.path.join(NONFACE, source)
        if os.path.isdir(d):
            add_images(d, source, 'nonface')
    for it in items:
        it['y'] = CLASSES.index(it['label'])
        it['val'] = is_validation(it['key'])
    return items


def is_validation(key):
    """Deterministic per-file split: stable when sources are added, stratified within every source."""
    h = int(hashlib.sha1(key.encode('utf-8')).hexdigest()[:8], 16)
    return h % 100 < VAL_PERCENT


# ---------------------------------------------------------------- preprocessing (twin of preprocess.ts)

@lru_cache(maxsize=4096)
def resize_weights(in_size, out_size):
    """Row i holds the weights of input pixels for output pixel i (antialiased triangle filter)."""
    scale = in_size / out_size
    support = max(scale, 1.0)
    w = np.zeros((out_size, in_size), dtype=np.float64)
    for i in range(out_size):
        center = (i + 0.5) * scale
        lo = max(0, int(math.floor(center - support)))
        hi = min(in_size, int(math.ceil(center + support)))
        total = 0.0
        for j in range(lo, hi):
            v = 1.0 - abs((j + 0.5 - center) / support)
            if v > 0:
                w[i, j] = v
                total += v
        if total > 0:
            w[i, lo:hi] /= total
    return w


def rgba_to_rgb(arr):
    """uint8 HxWx{3,4} -> float64 HxWx3, alpha composited on white."""
    arr = np.asarray(arr)
    if arr.ndim == 2:
        arr = np.stack([arr] * 3, axis=-1)
    if arr.shape[2] == 4:
        rgb = arr[:, :, :3].astype(np.float64)
        a = arr[:, :, 3:4].astype(np.float64) / 255.0
        return rgb * a + 255.0 * (1.0 - a)
    return arr[:, :, :3].astype(np.float64)


def center_square(arr):
    h, w = arr.shape[:2]
    side = min(h, w)
    y0 = (h - side) // 2
    x0 = (w - side) // 2
    return arr[y0:y0 + side, x0:x0 + side]


@lru_cache(maxsize=4096)
def resize_taps(in_size, out_size):
    """The non-zero part of resize_weights as (index, weight) arrays of shape out x K (zero-padded)."""
    w = resize_weights(in_size, out_size)
    k = max(1, int((w > 0).sum(axis=1).max()))
    idx = np.zeros((out_size, k), dtype=np.int64)
    wt = np.zeros((out_size, k), dtype=np.float64)
    for i in range(out_size):
        nz = np.nonzero(w[i])[0]
        idx[i, :len(nz)] = nz
        wt[i, :len(nz)] = w[i, nz]
    return idx, wt


def resize_square(rgb, out_size):
    """float64 SxSx3 -> float64 out x out x 3 with the separable triangle filter (rows, then columns)."""
    idx, wt = resize_taps(rgb.shape[0], out_size)
    tmp = np.zeros((out_size, rgb.shape[1], 3), dtype=np.float64)
    for k in range(idx.shape[1]):
        tmp += wt[:, k, None, None] * rgb[idx[:, k]]
    idx, wt = resize_taps(rgb.shape[1], out_size)
    out = np.zeros((out_size, out_size, 3), dtype=np.float64)
    for k in range(idx.shape[1]):
        out += wt[None, :, k, None] * tmp[:, idx[:, k]]
    return out


def to_model_input(arr, size=INPUT_SIZE):
    """uint8 HxWx{3,4} -> float32 3 x size x size (CHW), exactly like toModelInput in TS."""
    rgb = center_square(rgba_to_rgb(arr))
    out = resize_square(rgb, size)
    chw = out.transpose(2, 0, 1)
    mean = np.array(MEAN, dtype=np.float64)[:, None, None]
    std = np.array(STD, dtype=np.float64)[:, None, None]
    return ((chw / 255.0 - mean) / std).astype(np.float32)


# ---------------------------------------------------------------- metrics (train.py, train_aligned.py)

def auc(pos, neg):
    pos, neg = np.asarray(pos, float), np.asarray(neg, float)
    if len(pos) == 0 or len(neg) == 0:
        return float('nan')
    allv = np.concatenate([pos, neg])
    order = allv.argsort(kind='mergesort')
    ranks = np.empty(len(allv))
    sorted_v = allv[order]
    i = 0
    while i < len(allv):
        j = i
        while j + 1 < len(allv) and sorted_v[j + 1] == sorted_v[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2.0 + 1
        i = j + 1
    return float((ranks[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def threshold_at_fpr(neg, fpr=0.01):
    """Smallest threshold t with mean(neg >= t) <= fpr."""
    neg = np.sort(np.asarray(neg, float))[::-1]
    k = int(math.floor(fpr * len(neg)))
    if k >= len(neg):
        return float(neg[-1])
    return float(np.nextafter(neg[k], np.inf))


def rate(values, t):
    values = np.asarray(values, float)
    return float((values >= t).mean()) if len(values) else float('nan')
