"""Detect the face and eyes in every face image once and cache aligned face crops (v4 texture model input).

Alignment is the product's own: BlazeFace (models/face-detector/face_detector.py, the PyTorch twin of the shipped
ONNX detector) gives both eye centres; `aligned_region` (twin of alignedRegion in src/avatar/face-geometry.ts) puts
them at TEXTURE_LAYOUT's eye positions in a square; the square is resized with the runtime's antialiased triangle
filter (twin of resizeRegion in src/avatar/face-preprocess.ts; black outside the image). Roll is not removed
(the square is axis-aligned, as in the TS twin): profile pictures are nearly upright and training adds +-8 deg.

Two crops per image, into models/training/.cache/aligned/ (gitignored):
  * `ctx`  CONTEXT x CONTEXT px of a square CONTEXT_ZOOM x larger around the same centre (training augmentation
           re-crops, rotates and rescales from it);
  * `crop` TEXTURE_SIZE px of exactly the region the product crops (evaluation, calibration, parity).
A `--variant small` cache does the same after the model card's stress condition (whole image to 64 px, JPEG q50),
detected again on the degraded image, as the product would see it.

    nice -n 10 /usr/bin/python3 models/training/align_cache.py [--variant clean|small] [--parts train,calibration,test]
"""
import argparse
import json
import math
import os
import sys
import time

import cv2
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, '..', 'face-detector'))
from common import SHARED, list_items, rgba_to_rgb  # noqa: E402
from face_detector import FaceDetector, aligned_region, js_round  # noqa: E402
from face_detector import resize_square_region as resize_region  # noqa: E402
from imageio_cv import decode_rgba  # noqa: E402

CACHE = os.path.join(HERE, '.cache', 'aligned')
SPLIT = os.path.join(HERE, 'split-v3.json')

# Where the eyes sit in the texture model's input (fractions of its side). Inter-ocular 0.36 of the side: the crop
# spans ~2.8 eye distances, forehead to chin and cheek to cheek with a little hair and background; tighter than
# FFHQ's 0.254 so that crops of tightly framed photos (UTKFace, CelebA) rarely leave the image.
# Twin of TEXTURE_LAYOUT in src/avatar/face-align.ts.
TEXTURE_LEFT_EYE = (0.32, 0.40)
TEXTURE_RIGHT_EYE = (0.68, 0.40)
TEXTURE_SIZE = 96
CONTEXT = 128
CONTEXT_ZOOM = 1.3333333333333333  # ctx covers 4/3 of the crop's side: room for shifts, zoom-out and rotation


def texture_region(face, width, height):
    return aligned_region(face, width, height, TEXTURE_LEFT_EYE, TEXTURE_RIGHT_EYE)


def to_u8(x):
    return np.clip(np.rint(x), 0, 255).astype(np.uint8)


def degrade_small(rgba):
    """The model card's stress condition on the whole image: centre square, 64 px (triangle filter), JPEG q50."""
    from common import center_square, resize_square
    small = to_u8(resize_square(center_square(rgba_to_rgb(rgba)), 64))
    ok, buf = cv2.imencode('.jpg', small[:, :, ::-1], [cv2.IMWRITE_JPEG_QUALITY, 50])
    rgb = cv2.imdecode(buf, cv2.IMREAD_COLOR)[:, :, ::-1]
    return np.ascontiguousarray(rgb)


def outside_share(region, width, height):
    x0, y0, side = region
    ix = max(0, min(width, x0 + side) - max(0, x0))
    iy = max(0, min(height, y0 + side) - max(0, y0))
    return 1.0 - ix * iy / float(side * side)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--variant', default='clean', choices=['clean', 'small', 'whole'],
                    help='whole: no alignment, the centre square of the picture (the v2 input), same images as clean')
    ap.add_argument('--parts', default='train,calibration,test')
    ap.add_argument('--limit', type=int, default=0)
    ap.add_argument('--batch', type=int, default=32)
    ap.add_argument('--train-cap', type=int, default=900,
                    help='at most this many training-part images per source and class (every 1/k-th file)')
    args = ap.parse_args()
    import torch
    torch.set_num_threads(2)
    with open(SPLIT) as f:
        parts = json.load(f)['parts']
    wanted = set(args.parts.split(','))
    items = [it for it in list_items() if it['label'] != 'nonface' and parts.get(it['key']) in wanted]
    for it in items:
        it['part'] = parts[it['key']]
    if args.train_cap:
        by_group = {}
        for it in items:
            by_group.setdefault((it['part'] == 'train', it['source'], it['label']), []).append(it)
        items = []
        for (is_train, _, _), group in sorted(by_group.items()):
            if is_train and len(group) > args.train_cap:
                step = len(group) / args.train_cap
                group = [group[int(k * step)] for k in range(args.train_cap)]
            items += group
    if args.limit:
        items = items[::max(1, len(items) // args.limit)][:args.limit]
    # the product runs the mirror image only near the FFHQ layout; always averaging (calibration / test) is within
    # 0.004 of the width of it; the training part is detected once (its crops are jittered in training anyway)
    if args.variant == 'whole':
        return whole_pictures()
    det_flip, det_once = FaceDetector(flip=True), FaceDetector(flip=False)
    n = len(items)
    crops = np.zeros((n, TEXTURE_SIZE, TEXTURE_SIZE, 3), np.uint8)
    ctx = np.zeros((n, CONTEXT, CONTEXT, 3), np.uint8) if args.variant == 'clean' else None
    meta = []
    t0 = time.time()
    for b in range(0, n, args.batch):
        chunk = items[b:b + args.batch]
        imgs = [decode_rgba(it['path']) for it in chunk]
        if args.variant == 'small':
            imgs = [degrade_small(im) for im in imgs]
        faces = [None] * len(chunk)
        for det, sel in ((det_once, [j for j, it in enumerate(chunk) if it['part'] == 'train']),
                         (det_flip, [j for j, it in enumerate(chunk) if it['part'] != 'train'])):
            if sel:
                for j, face in zip(sel, det.detect([imgs[j] for j in sel])):
                    faces[j] = face
        for j, (it, im, face) in enumerate(zip(chunk, imgs, faces)):
            h, w = im.shape[:2]
            m = dict(key=it['key'], source=it['source'], label=it['label'], family=it['family'], part=it['part'],
                     width=w, height=h, face=face is not None)
            if face is not None:
                region = texture_region(face, w, h)
                side = region[2]
                m.update(region=list(region), score=face['score'], outside=outside_share(region, w, h),
                         leftEye=face['leftEye'], rightEye=face['rightEye'])
                crops[b + j] = to_u8(resize_region(im, region, TEXTURE_SIZE))
                if ctx is not None:
                    cs = js_round(side * CONTEXT_ZOOM)
                    cregion = (js_round(region[0] + side / 2 - cs / 2), js_round(region[1] + side / 2 - cs / 2), cs)
                    ctx[b + j] = to_u8(resize_region(im, cregion, CONTEXT))
            meta.append(m)
        if (b // args.batch) % 20 == 0:
            print(f'  {b + len(chunk)}/{n} {time.time() - t0:.0f}s', flush=True)
    os.makedirs(CACHE, exist_ok=True)
    np.save(os.path.join(CACHE, f'{args.variant}-crops.npy'), crops)
    if ctx is not None:
        np.save(os.path.join(CACHE, f'{args.variant}-ctx.npy'), ctx)
    with open(os.path.join(CACHE, f'{args.variant}-meta.json'), 'w') as f:
        json.dump(dict(layout=dict(leftEye=TEXTURE_LEFT_EYE, rightEye=TEXTURE_RIGHT_EYE, size=TEXTURE_SIZE,
                                   context=CONTEXT, contextZoom=CONTEXT_ZOOM), items=meta), f)
    found = sum(m['face'] for m in meta)
    print(f'{args.variant}: {n} images, face found {found}, {time.time() - t0:.0f}s')


def whole_pictures():
    """The same images as the clean cache, unaligned: centre square at TEXTURE_SIZE (crop) and CONTEXT (ctx), for an
    A/B against the aligned input with the same training code, budget and metrics."""
    from common import center_square
    with open(os.path.join(CACHE, 'clean-meta.json')) as f:
        meta = json.load(f)
    items = meta['items']
    n = len(items)
    crops = np.zeros((n, TEXTURE_SIZE, TEXTURE_SIZE, 3), np.uint8)
    ctx = np.zeros((n, CONTEXT, CONTEXT, 3), np.uint8)
    t0 = time.time()
    for i, m in enumerate(items):
        im = decode_rgba(os.path.join(SHARED, m['key']))
        h, w = im.shape[:2]
        side = min(h, w)
        region = ((w - side) // 2, (h - side) // 2, side)
        crops[i] = to_u8(resize_region(im, region, TEXTURE_SIZE))
        ctx[i] = to_u8(resize_region(im, region, CONTEXT))
    np.save(os.path.join(CACHE, 'whole-crops.npy'), crops)
    np.save(os.path.join(CACHE, 'whole-ctx.npy'), ctx)
    with open(os.path.join(CACHE, 'whole-meta.json'), 'w') as f:
        json.dump(dict(layout='whole picture, centre square', items=items), f)
    print(f'whole: {n} images, {time.time() - t0:.0f}s')


if __name__ == '__main__':
    main()
