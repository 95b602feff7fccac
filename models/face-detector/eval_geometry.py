"""Face geometry evidence: canonical FFHQ-aligned layout, geometry distance, separation and robustness tables.

Usage: /usr/bin/python3 models/face-detector/eval_geometry.py [--limit N] [--variants] [--json OUT]
Needs ../shared/data (faces + avatars-nonface), Debian python3-torch, python3-onnx, python3-opencv.

* Detections come from face_detector.py (the twin of the shipped TS detector), cached per (file, transform,
  detector variant) in models/face-detector/.cache/eval/ so that reruns only recompute tables.
* The canonical layout is fitted (medians) on the StyleGAN2 images whose file-name hash falls in the "fit" half;
  every TPR below is on the other half. FPR thresholds come from unaligned real photos (LFW, UTKFace, CelebA).
"""
import argparse
import hashlib
import json
import os
import sys

import cv2
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from face_detector import FaceDetector, load_rgb  # noqa: E402

REPO = os.path.abspath(os.path.join(HERE, '..', '..'))
SHARED = os.environ.get('LENS_SHARED_DIR', os.path.join(REPO, '..', 'shared'))
CACHE = os.path.join(HERE, '.cache', 'eval')

SETS = {
    # name: (folders relative to ../shared/data, group)
    'StyleGAN2 (TPDNE 128px)': (['faces/tpdne-headshotclassification/generated'], 'stylegan'),
    'StyleGAN2 (whichfaceisreal)': (['faces/whichfaceisreal-xrv0/generated'], 'stylegan'),
    'StyleGAN2 (fakefacessurvey)': (['faces/fakefacessurvey-sergibot/generated'], 'stylegan'),
    'FFHQ real (aligned)': (['faces/tpdne-headshotclassification/real', 'faces/whichfaceisreal-xrv0/real',
                             'faces/fakefacessurvey-sergibot/real', 'faces/stylegan3-perceptual-test-ffhq/real'], 'ffhq'),
    'LFW real': (['faces/lfw-genderclassifier-baileyfriend/real'], 'unaligned'),
    'UTKFace real': (['faces/utkface-facial_recognition_bias/real'], 'unaligned'),
    'CelebA real': (['faces/celeba-humanfaceimagegenerator/real'], 'unaligned'),
    'Stable Diffusion 2.1': (['faces/sdfd-gebaltso/generated'], 'other'),
    'FLUX/SDXL tiles': (['faces/sfhq-t2i-figures/generated'], 'other'),
    'ProGAN 64px': (['faces/progan-celebahq-leo27945875/generated'], 'other'),
    'non-face avatars': (['avatars-nonface'], 'nonface'),
}

VARIANTS = {
    'single pass': dict(refine=False, flip=False),
    'single pass + flip': dict(refine=False, flip=True),
    'refine 1.5x': dict(refine=True, refine_scale=1.5, flip=False),
    'refine 2x': dict(refine=True, refine_scale=2.0, flip=False),
    'refine 2x + flip': dict(refine=True, refine_scale=2.0, flip=True),
    'refine 3x + flip': dict(refine=True, refine_scale=3.0, flip=True),
}
DEFAULT_VARIANT = 'refine 2x + flip'


def list_files(folders, limit):
    files = []
    for f in folders:
        root = os.path.join(SHARED, 'data', f)
        for dirpath, _, names in sorted(os.walk(root)):
            for n in sorted(names):
                if n.lower().endswith(('.jpg', '.jpeg', '.png', '.webp')):
                    files.append(os.path.join(dirpath, n))
    if limit and len(files) > limit:
        files = sorted(files, key=lambda p: hashlib.sha1(p.encode()).hexdigest())[:limit]
    return files


def is_fit_half(path):
    return int(hashlib.sha1(os.path.basename(path).encode()).hexdigest()[:8], 16) % 2 == 0


# ---------------------------------------------------------------- transforms (platform resizing and breakers)

def resize(img, side):
    interp = cv2.INTER_AREA if side < img.shape[0] else cv2.INTER_LINEAR
    return cv2.resize(img, (side, side), interpolation=interp)


def jpeg(img, quality):
    ok, buf = cv2.imencode('.jpg', img[:, :, ::-1], [cv2.IMWRITE_JPEG_QUALITY, quality])
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)[:, :, ::-1]


def circle(img):
    """Circular avatar mask baked into a square file: outside the inscribed circle becomes white."""
    h, w = img.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    r = min(h, w) / 2
    out = img.copy()
    out[(xx + 0.5 - w / 2) ** 2 + (yy + 0.5 - h / 2) ** 2 > r * r] = 255
    return out


def crop(img, frac, dx=0.0, dy=0.0):
    h, w = img.shape[:2]
    s = int(round(min(h, w) * frac))
    x0 = int(round((w - s) / 2 + dx * w))
    y0 = int(round((h - s) / 2 + dy * h))
    return img[y0:y0 + s, x0:x0 + s]


def pad(img, frac):
    h, w = img.shape[:2]
    p = int(round(w * frac))
    return cv2.copyMakeBorder(img, p, p, p, p, cv2.BORDER_CONSTANT, value=(255, 255, 255))


TRANSFORMS = {
    'original': lambda im: im,
    '48 px': lambda im: resize(im, 48),
    '88 px': lambda im: resize(im, 88),
    '176 px': lambda im: resize(im, 176),
    '400 px': lambda im: resize(im, 400),
    'JPEG 50': lambda im: jpeg(im, 50),
    '88 px + JPEG 50': lambda im: jpeg(resize(im, 88), 50),
    '64 px + JPEG 50': lambda im: jpeg(resize(im, 64), 50),
    'circular mask': circle,
    'flip': lambda im: im[:, ::-1].copy(),
    'centre crop 90%': lambda im: crop(im, 0.9),
    'centre crop 80%': lambda im: crop(im, 0.8),
    'crop 90% shifted 5%': lambda im: crop(im, 0.9, 0.05, 0.0),
    'padding 10%': lambda im: pad(im, 0.1),
}


# ---------------------------------------------------------------- detection with cache

def detections(det, variant, files, transform):
    key = hashlib.sha1(json.dumps([variant, transform, files]).encode()).hexdigest()[:16]
    path = os.path.join(CACHE, key + '.npy')
    if os.path.exists(path):
        return np.load(path)
    out = np.full((len(files), 15), np.nan)  # score, box x y w h, 6 keypoints... (eyes, nose, mouth) + ears dropped
    batch = 32
    fn = TRANSFORMS[transform]
    for i in range(0, len(files), batch):
        imgs = []
        for p in files[i:i + batch]:
            im = load_rgb(p)
            if im.ndim == 3 and im.shape[2] == 4:
                im = im[:, :, :3]
            imgs.append(np.ascontiguousarray(fn(im)))
        for j, face in enumerate(det.detect(imgs)):
            if face is None:
                continue
            b = face['box']
            out[i + j] = [face['score'], b['x'], b['y'], b['width'], b['height'],
                          face['leftEye']['x'], face['leftEye']['y'], face['rightEye']['x'], face['rightEye']['y'],
                          face['nose']['x'], face['nose']['y'], face['mouth']['x'], face['mouth']['y'],
                          b['x'] + b['width'] / 2, b['y'] + b['height'] / 2]
    os.makedirs(CACHE, exist_ok=True)
    np.save(path, out)
    return out


# ---------------------------------------------------------------- geometry

def canonical(rows):
    ok = rows[~np.isnan(rows[:, 0])]
    le, re = ok[:, 5:7], ok[:, 7:9]
    iod = np.hypot(*(re - le).T)
    roll = np.degrees(np.arctan2(re[:, 1] - le[:, 1], re[:, 0] - le[:, 0]))
    return dict(leftEye=np.median(le, 0).tolist(), rightEye=np.median(re, 0).tolist(),
                nose=np.median(ok[:, 9:11], 0).tolist(), mouth=np.median(ok[:, 11:13], 0).tolist(),
                interOcular=float(np.median(iod)), roll=float(np.median(roll)),
                spread=dict(leftEye=np.std(le, 0).tolist(), rightEye=np.std(re, 0).tolist(),
                            interOcular=float(np.std(iod)), roll=float(np.std(roll))), n=int(len(ok)))


def distance(rows, canon, kind='eyes-max'):
    """Geometry distance in fractions of the image width (nan = no face)."""
    le = np.hypot(rows[:, 5] - canon['leftEye'][0], rows[:, 6] - canon['leftEye'][1])
    re = np.hypot(rows[:, 7] - canon['rightEye'][0], rows[:, 8] - canon['rightEye'][1])
    if kind == 'eyes-max':
        return np.maximum(le, re)
    if kind == 'eyes-mean':
        return (le + re) / 2
    nose = np.hypot(rows[:, 9] - canon['nose'][0], rows[:, 10] - canon['nose'][1])
    mouth = np.hypot(rows[:, 11] - canon['mouth'][0], rows[:, 12] - canon['mouth'][1])
    if kind == 'eyes+nose+mouth mean':
        return (le + re + nose + mouth) / 4
    raise ValueError(kind)


def threshold_at_fpr(neg, fpr):
    """Largest distance t such that at most fpr of negatives have distance < t (no face = never positive)."""
    d = np.sort(np.where(np.isnan(neg), np.inf, neg))
    k = int(np.floor(fpr * len(d)))
    return d[k] if k < len(d) else np.inf


def rate_below(d, t):
    return float(np.mean(np.where(np.isnan(d), False, d < t)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--limit', type=int, default=0, help='at most N files per folder (hash-sampled)')
    ap.add_argument('--transform-limit', type=int, default=300, help='at most N files per folder for the transform table')
    ap.add_argument('--variants', action='store_true', help='compare detector variants (refinement, flip)')
    ap.add_argument('--variant-list', help='comma-separated subset of the variants for --variants')
    ap.add_argument('--no-transforms', action='store_true', help='skip the transform table')
    ap.add_argument('--transforms', help='comma-separated subset of the transforms (e.g. to split the work over processes)')
    ap.add_argument('--detector', default=DEFAULT_VARIANT, choices=list(VARIANTS), help='variant for the tables')
    ap.add_argument('--json', help='write the canonical layout and thresholds here')
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(SHARED, 'data', 'faces')):
        sys.exit(f'{SHARED}/data/faces not found')

    files = {name: list_files(folders, args.limit) for name, (folders, _) in SETS.items()}
    group = {name: g for name, (_, g) in SETS.items()}
    dets = {}

    def subset(name, transform):
        if transform == 'original' or not args.transform_limit:
            return files[name]
        return sorted(files[name], key=lambda p: hashlib.sha1(p.encode()).hexdigest())[:args.transform_limit]

    def get(variant, name, transform='original'):
        k = (variant, name, transform)
        if k not in dets:
            if variant not in get.detectors:
                get.detectors[variant] = FaceDetector(**VARIANTS[variant])
            dets[k] = detections(get.detectors[variant], variant, subset(name, transform), transform)
        return dets[k]
    get.detectors = {}

    stylegan = [n for n in SETS if group[n] == 'stylegan']
    unaligned = [n for n in SETS if group[n] == 'unaligned']

    def fit_and_split(variant, transform='original'):
        rows = {n: get(variant, n, transform) for n in stylegan}
        fit = np.concatenate([rows[n][[is_fit_half(p) for p in subset(n, transform)]] for n in stylegan])
        test = {n: rows[n][[not is_fit_half(p) for p in subset(n, transform)]] for n in stylegan}
        return fit, test

    variants = (args.variant_list.split(',') if args.variant_list else list(VARIANTS)) if args.variants else [args.detector]
    print('## Detector variants: TPR at 1 % / 0.5 % FPR (StyleGAN2 test half vs unaligned reals), eyes-max distance\n')
    print('| variant | found SG2 | found unaligned | eye spread SG2 (sd, % width) | TPR@1% | TPR@0.5% | threshold@1% |')
    print('|---|---|---|---|---|---|---|')
    for v in variants:
        fit, _ = fit_and_split(v)
        canon = canonical(fit)
        sg = np.concatenate([fit_and_split(v)[1][n] for n in stylegan])
        neg = np.concatenate([get(v, n) for n in unaligned])
        dsg, dneg = distance(sg, canon), distance(neg, canon)
        t1, t05 = threshold_at_fpr(dneg, 0.01), threshold_at_fpr(dneg, 0.005)
        spread = np.mean(canon['spread']['leftEye'] + canon['spread']['rightEye']) * 100
        print(f'| {v} | {np.mean(~np.isnan(sg[:, 0])):.3f} | {np.mean(~np.isnan(neg[:, 0])):.3f} | {spread:.2f} | '
              f'{rate_below(dsg, t1):.3f} | {rate_below(dsg, t05):.3f} | {t1:.4f} |')

    v = args.detector
    fit, test = fit_and_split(v)
    canon = canonical(fit)
    print(f'\n## Canonical FFHQ-aligned layout (medians over {canon["n"]} StyleGAN2 images of the fit half, detector "{v}")\n')
    print('| point | x | y | sd x | sd y |')
    print('|---|---|---|---|---|')
    for k in ('leftEye', 'rightEye'):
        print(f'| {k} | {canon[k][0]:.4f} | {canon[k][1]:.4f} | {canon["spread"][k][0]:.4f} | {canon["spread"][k][1]:.4f} |')
    for k in ('nose', 'mouth'):
        print(f'| {k} | {canon[k][0]:.4f} | {canon[k][1]:.4f} | | |')
    print(f'\ninter-ocular distance {canon["interOcular"]:.4f} (sd {canon["spread"]["interOcular"]:.4f}) of the width; '
          f'roll {canon["roll"]:.2f} deg (sd {canon["spread"]["roll"]:.2f})')

    neg = np.concatenate([get(v, n) for n in unaligned])
    print('\n## Distance definitions (TPR on StyleGAN2 test half at 1 % FPR of unaligned reals)\n')
    print('| distance | TPR@1% | TPR@0.5% | threshold@1% |')
    print('|---|---|---|---|')
    sg = np.concatenate([test[n] for n in stylegan])
    for kind in ('eyes-max', 'eyes-mean', 'eyes+nose+mouth mean'):
        dn, ds = distance(neg, canon, kind), distance(sg, canon, kind)
        t1, t05 = threshold_at_fpr(dn, 0.01), threshold_at_fpr(dn, 0.005)
        print(f'| {kind} | {rate_below(ds, t1):.3f} | {rate_below(ds, t05):.3f} | {t1:.4f} |')

    dneg = distance(neg, canon)
    t1 = threshold_at_fpr(dneg, 0.01)
    print(f'\n## Per source (detector "{v}", eyes-max distance, threshold {t1:.4f} = 1 % FPR on unaligned reals)\n')
    print('| source | n | face found | median distance | within 0.02 | within 0.03 | below threshold |')
    print('|---|---|---|---|---|---|---|')
    for n in SETS:
        rows = test[n] if n in test else get(v, n)
        d = distance(rows, canon)
        found = ~np.isnan(rows[:, 0])
        med = np.nanmedian(d) if found.any() else float('nan')
        note = ' (test half)' if n in test else ''
        print(f'| {n}{note} | {len(rows)} | {found.mean():.3f} | {med:.4f} | {rate_below(d, 0.02):.3f} | '
              f'{rate_below(d, 0.03):.3f} | {rate_below(d, t1):.3f} |')

    print(f'\n## Robustness: StyleGAN2 test half under platform transforms and breakers (threshold {t1:.4f}; '
          f'FPR = unaligned reals under the same transform; at most {args.transform_limit} files per folder)\n')
    print('| transform | face found | median distance | TPR | FPR unaligned reals |')
    print('|---|---|---|---|---|')
    tnames = args.transforms.split(',') if args.transforms else list(TRANSFORMS)
    def on_subset(name, transform):
        """Detections for the transform subset; 'original' is read from the full run, restricted to the same files."""
        if transform != 'original' or not args.transform_limit:
            return get(v, name, transform)
        keep = set(subset(name, 'flip'))
        return get(v, name)[[p in keep for p in files[name]]]

    for tname in ([] if args.no_transforms else tnames):
        sub = {n: on_subset(n, tname) for n in stylegan}
        if tname == 'original':  # full-run rows in file order, restricted to the subset
            chosen = {n: set(subset(n, 'flip')) for n in stylegan}
            keep = {n: [p for p in files[n] if p in chosen[n]] for n in stylegan}
        else:
            keep = {n: subset(n, tname) for n in stylegan}
        rows = np.concatenate([sub[n][[not is_fit_half(p) for p in keep[n]]] for n in stylegan])
        d = distance(rows, canon)
        negt = np.concatenate([on_subset(n, tname) for n in unaligned])
        print(f'| {tname} | {np.mean(~np.isnan(rows[:, 0])):.3f} | {np.nanmedian(d):.4f} | {rate_below(d, t1):.3f} | '
              f'{rate_below(distance(negt, canon), t1):.4f} |')

    if args.json:
        with open(args.json, 'w') as f:
            json.dump(dict(detector=v, canonical=canon, distance='eyes-max', thresholdAt1PctFpr=float(t1),
                           thresholdAt05PctFpr=float(threshold_at_fpr(dneg, 0.005))), f, indent=1)


if __name__ == '__main__':
    main()
