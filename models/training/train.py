"""Train, calibrate, export and evaluate the avatar detector (run through train.sh).

One process does everything so the evaluation tensors are prepared once:
  1. main model on every source (train split), calibrated and thresholded on the validation split,
     exported to models/avatar-detector.onnx + .json;
  2. held-out estimates: one short model per large family (generator or real-photo collection) trained
     without that family at all, scored on it (leave-one-generator-out / leave-one-real-source-out).
Metrics go to models/training/metrics.json and metrics.md.
"""
import argparse
import datetime
import io
import json
import math
import os
import sys
import time
from multiprocessing import Pool

import numpy as np
from PIL import Image, ImageEnhance, ImageFilter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build_cache import CACHE_DIR, build, decode_rgba, load_cache  # noqa: E402
from common import (CLASSES, HERE, INPUT_SIZE, MEAN, REPO, SHARED, STD, VAL_PERCENT, auc, center_square,  # noqa: E402
                    rate, resize_square, rgba_to_rgb, threshold_at_fpr, to_model_input)

SEED = 20261129
PIL_FILTERS = [Image.BILINEAR, Image.BICUBIC, Image.LANCZOS, Image.BOX]
CLASS_SHARE = {0: 0.4, 1: 0.4, 2: 0.2}
HOLDOUT_MIN_IMAGES = 200
HOLDOUT_EVAL_CAP = 600
FACE_MIN = 0.5


# ---------------------------------------------------------------- degradations

def jpeg(im, quality):
    buf = io.BytesIO()
    im.save(buf, format='JPEG', quality=int(quality))
    buf.seek(0)
    out = Image.open(buf)
    out.load()
    return out


def platform_degrade(img_u8, rng):
    """What platforms do to avatars: crop/shift, downscale to 40-176 px, colour, blur, JPEG 40-95."""
    im = Image.fromarray(img_u8)
    size = im.width
    side = max(8, int(round(size * rng.uniform(0.6, 1.0))))
    x0 = int(rng.integers(0, size - side + 1))
    y0 = int(rng.integers(0, size - side + 1))
    im = im.crop((x0, y0, x0 + side, y0 + side))
    if rng.random() < 0.5:
        im = im.transpose(Image.FLIP_LEFT_RIGHT)
    target = int(round(math.exp(rng.uniform(math.log(40), math.log(176)))))
    im = im.resize((target, target), PIL_FILTERS[int(rng.integers(len(PIL_FILTERS)))])
    if rng.random() < 0.8:
        # strong tone jitter: real collections differ in colour cast and contrast (a source shortcut)
        im = ImageEnhance.Brightness(im).enhance(rng.uniform(0.75, 1.25))
        im = ImageEnhance.Contrast(im).enhance(rng.uniform(0.75, 1.25))
        im = ImageEnhance.Color(im).enhance(rng.uniform(0.6, 1.4))
    if rng.random() < 0.05:
        im = im.convert('L').convert('RGB')
    if rng.random() < 0.15:
        im = im.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.1)))
    if rng.random() < 0.85:
        im = jpeg(im, rng.integers(40, 96))
    if rng.random() < 0.25:
        im = jpeg(im, rng.integers(50, 96))
    return np.asarray(im.convert('RGB'))


def degrade_64_jpeg50(rgba):
    """The fixed stress condition of the model card: 64 px, then JPEG quality 50."""
    small = resize_square(center_square(rgba_to_rgb(rgba)), 64)
    im = Image.fromarray(np.clip(np.rint(small), 0, 255).astype(np.uint8))
    return np.asarray(jpeg(im, 50).convert('RGB'))


# ---------------------------------------------------------------- data

class BatchSource:
    """Deterministic source-balanced batches: batch k depends only on (seed, k)."""

    def __init__(self, images, items, train_idx, batch, seed):
        self.images, self.batch, self.seed = images, batch, seed
        self.train_idx = np.asarray(train_idx)
        groups = {}
        for i in train_idx:
            groups.setdefault((items[i]['y'], items[i]['source']), []).append(i)
        weights, members = [], []
        for y, share in CLASS_SHARE.items():
            keys = [k for k in groups if k[0] == y]
            if not keys:
                continue
            # sqrt(count) per source: big sources do not drown small ones, tiny ones are not memorised
            raw = np.array([math.sqrt(len(groups[k])) for k in keys])
            for k, w in zip(keys, raw / raw.sum() * share):
                weights.append(w)
                members.append(np.array(groups[k]))
        self.weights = np.array(weights) / np.sum(weights)
        self.members = members
        self.labels = np.array([items[i]['y'] for i in range(len(items))])

    def get(self, k):
        rng = np.random.default_rng([self.seed, k])
        g = rng.choice(len(self.members), size=self.batch, p=self.weights)
        idx = [int(self.members[j][rng.integers(len(self.members[j]))]) for j in g]
        x = np.stack([to_model_input(platform_degrade(self.images[i], rng)) for i in idx])
        return x, self.labels[idx]


def _prep_clean(path):
    return to_model_input(decode_rgba(path)).astype(np.float16)


def _prep_deg(path):
    return to_model_input(degrade_64_jpeg50(decode_rgba(path))).astype(np.float16)


def _prep_aug(args):
    img, seed = args
    rng = np.random.default_rng(seed)
    return to_model_input(platform_degrade(img, rng)).astype(np.float16)


# ---------------------------------------------------------------- metrics

def softmax(logits):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def fit_platt(z, y):
    """p = sigmoid(a z + b), class-balanced logistic fit by Newton steps."""
    z, y = np.asarray(z, float), np.asarray(y, float)
    w = np.where(y == 1, 0.5 / max(1, y.sum()), 0.5 / max(1, (1 - y).sum()))
    a, b = 1.0, 0.0
    for _ in range(100):
        p = 1 / (1 + np.exp(-(a * z + b)))
        g = np.array([np.sum(w * (p - y) * z), np.sum(w * (p - y))])
        s = w * p * (1 - p)
        h = np.array([[np.sum(s * z * z), np.sum(s * z)], [np.sum(s * z), np.sum(s)]]) + 1e-9 * np.eye(2)
        step = np.linalg.solve(h, g)
        a, b = a - step[0], b - step[1]
        if np.abs(step).max() < 1e-10:
            break
    return float(a), float(b)


# ---------------------------------------------------------------- training

def train_model(source, steps, seed, log_prefix):
    import torch
    from model import AvatarNet
    torch.manual_seed(seed)
    model = AvatarNet()
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=5e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=steps, pct_start=0.1)
    loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=0.05)

    class Batches(torch.utils.data.Dataset):
        def __len__(self):
            return steps

        def __getitem__(self, k):
            x, y = source.get(k)
            return torch.from_numpy(x), torch.from_numpy(y)

    loader = torch.utils.data.DataLoader(Batches(), batch_size=None, shuffle=False, num_workers=1,
                                         prefetch_factor=4, worker_init_fn=lambda _: torch.set_num_threads(1))
    model.train()
    started = time.time()
    running = 0.0
    for k, (x, y) in enumerate(loader):
        loss = loss_fn(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        running = 0.98 * running + 0.02 * float(loss) if k else float(loss)
        if k % 50 == 0 or k == steps - 1:
            print(f'{log_prefix} step {k}/{steps} loss {running:.3f} {time.time() - started:.0f}s', flush=True)
    model.eval()
    return model


def predict(model, x16):
    import torch
    out = []
    with torch.no_grad():
        for i in range(0, len(x16), 256):
            out.append(model(torch.from_numpy(x16[i:i + 256].astype(np.float32))).numpy())
    return np.concatenate(out) if out else np.zeros((0, 3), np.float32)


def calibrate(logits_sets, labels_sets, real_family_sets):
    """Platt on validation faces; thresholds so every large real family stays under the target FPR."""
    z = np.concatenate([l[:, 1] - l[:, 0] for l in logits_sets])
    y = np.concatenate(labels_sets)
    fam = np.concatenate(real_family_sets)
    face = y < 2
    a, b = fit_platt(z[face], y[face])
    p = 1 / (1 + np.exp(-(a * z + b)))
    reals = p[y == 0]
    fams = fam[y == 0]
    thresholds = {}
    for name, target in (('high', 0.005), ('medium', 0.02), ('fpr1', 0.01)):
        cands = [threshold_at_fpr(reals, target)]
        for f in sorted(set(fams)):
            if (fams == f).sum() >= 100:
                cands.append(threshold_at_fpr(reals[fams == f], target))
        thresholds[name] = max(cands)
    return {'a': a, 'b': b}, thresholds


def p_generated(logits, cal):
    z = logits[:, 1] - logits[:, 0]
    return 1 / (1 + np.exp(-(cal['a'] * z + cal['b'])))


def levels(logits, cal, thr):
    p = p_generated(logits, cal)
    face = 1 - softmax(logits)[:, 2]
    out = np.where(p >= thr['high'], 'high', np.where(p >= thr['medium'], 'medium', 'low')).astype(object)
    out[face < FACE_MIN] = 'unsure'
    return out


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--steps', type=int, default=1200)
    ap.add_argument('--holdout-steps', type=int, default=250)
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--skip-holdouts', action='store_true')
    ap.add_argument('--only-holdouts', default='', help='comma-separated family names (default: every large family)')
    ap.add_argument('--holdouts-first', action='store_true')
    ap.add_argument('--holdouts-only', action='store_true', help='estimates only: do not train or export the main model')
    ap.add_argument('--metrics', default=os.path.join(HERE, 'metrics.json'))
    args = ap.parse_args()
    t0 = time.time()

    build()
    items, images = load_cache()
    n = len(items)
    val_idx = [i for i in range(n) if items[i]['val']]
    train_idx = [i for i in range(n) if not items[i]['val']]
    fam = np.array([it['family'] for it in items], dtype=object)
    ys = np.array([it['y'] for it in items])
    print(f'{n} images: train {len(train_idx)}, validation {len(val_idx)}', flush=True)

    families = {}
    for i, it in enumerate(items):
        families.setdefault((it['label'], it['family']), []).append(i)
    holdouts = [] if args.skip_holdouts else sorted(
        k for k, v in families.items() if k[0] in ('real', 'generated') and len(v) >= HOLDOUT_MIN_IMAGES
        and (not args.only_holdouts or k[1] in args.only_holdouts.split(',')))

    # evaluation tensors, computed once: validation (clean, 64px+JPEG50, two platform draws of reals)
    # plus a capped sample of every held-out family (clean, 64px+JPEG50)
    extra = []
    for key in holdouts:
        members = [i for i in families[key] if not items[i]['val']]
        rng = np.random.default_rng([SEED, len(members)])
        extra += sorted(rng.choice(members, size=min(len(members), HOLDOUT_EVAL_CAP), replace=False).tolist())
    eval_idx = np.array(sorted(set(val_idx) | set(extra)))
    pos = {int(i): k for k, i in enumerate(eval_idx)}
    aug_idx = np.array([i for i in val_idx if items[i]['y'] == 0] * 2)
    with Pool(2) as pool:
        paths = [items[i]['path'] for i in eval_idx]
        x_clean = np.stack(pool.map(_prep_clean, paths, chunksize=32))
        x_deg = np.stack(pool.map(_prep_deg, paths, chunksize=32))
        x_aug = np.stack(pool.map(_prep_aug, [(images[i], [SEED, 7, k]) for k, i in enumerate(aug_idx)], chunksize=32))
    print(f'evaluation tensors ready ({len(eval_idx)} images) {time.time() - t0:.0f}s', flush=True)

    def val_rows(exclude=None):
        keep = [i for i in val_idx if fam[i] != exclude]
        return np.array([pos[i] for i in keep]), np.array(keep)

    def fit_levels(model, exclude=None):
        rows, idx = val_rows(exclude)
        lc, ld = predict(model, x_clean[rows]), predict(model, x_deg[rows])
        aug_keep = np.array([k for k, i in enumerate(aug_idx) if fam[i] != exclude])
        la = predict(model, x_aug[aug_keep])
        cal, thr = calibrate([lc, ld, la], [ys[idx], ys[idx], ys[aug_idx[aug_keep]]],
                             [fam[idx], fam[idx], fam[aug_idx[aug_keep]]])
        return cal, thr, idx, lc, ld

    results = {'created': datetime.datetime.utcnow().strftime('%Y-%m-%dT%H:%M:%SZ'), 'seed': SEED,
               'steps': args.steps, 'holdoutSteps': args.holdout_steps, 'batch': args.batch}

    def run_main():
        # ------------------------------------------------ main model
        import torch
        source = BatchSource(images, items, train_idx, args.batch, SEED)
        model = train_model(source, args.steps, SEED, 'main')
        cal, thr, idx, lc, ld = fit_levels(model)
        export(model, cal, thr, items, val_idx, args)
        results['main'] = describe(items, idx, {'clean': lc, 'jpeg64q50': ld}, cal, thr)
        results['main']['trainSeconds'] = round(time.time() - t0)
        write_parity_fixture(model, items, val_idx)
        save_results(results, args.metrics)
        print(f'main model done {time.time() - t0:.0f}s', flush=True)


    def run_holdouts():
        # ------------------------------------------------ held-out family estimates
        results['holdouts'] = []
        for label, family in holdouts:
            keep = [i for i in train_idx if fam[i] != family]
            src = BatchSource(images, items, keep, args.batch, SEED + 1)
            m = train_model(src, args.holdout_steps, SEED + 1, f'without {family}')
            cal_h, thr_h, idx_h, lc_h, ld_h = fit_levels(m, exclude=family)
            held = [i for i in eval_idx if fam[i] == family]
            rows = np.array([pos[i] for i in held])
            entry = {'heldOut': family, 'label': label, 'n': len(held), 'thresholds': thr_h}
            for cond, xs, lv in (('clean', x_clean, lc_h), ('jpeg64q50', x_deg, ld_h)):
                ph = p_generated(predict(m, xs[rows]), cal_h)
                pv = p_generated(lv, cal_h)
                yv = ys[idx_h]
                if label == 'generated':
                    entry[cond] = {'auc': auc(ph, pv[yv == 0]), 'tprAt1': rate(ph, thr_h['fpr1']),
                                   'tprMedium': rate(ph, thr_h['medium']), 'tprHigh': rate(ph, thr_h['high'])}
                else:
                    entry[cond] = {'auc': auc(pv[yv == 1], ph), 'fprAt1': rate(ph, thr_h['fpr1']),
                                   'fprMedium': rate(ph, thr_h['medium']), 'fprHigh': rate(ph, thr_h['high'])}
            results['holdouts'].append(entry)
            save_results(results, args.metrics)
            print(f'held-out {family}: {json.dumps(entry)} {time.time() - t0:.0f}s', flush=True)

    results['holdouts'] = []
    if args.holdouts_only:
        run_holdouts()
    elif args.holdouts_first:
        run_holdouts()
        run_main()
    else:
        run_main()
        run_holdouts()
    results['totalSeconds'] = round(time.time() - t0)
    save_results(results, args.metrics)
    print(f'recipe done in {time.time() - t0:.0f}s', flush=True)


def describe(items, idx, logits_by_cond, cal, thr):
    """Per-family / per-source metrics on the validation split."""
    ys = np.array([items[i]['y'] for i in idx])
    fams = np.array([items[i]['family'] for i in idx], dtype=object)
    srcs = np.array([items[i]['source'] for i in idx], dtype=object)
    out = {'calibration': cal, 'thresholds': thr, 'conditions': {}}
    for cond, lg in logits_by_cond.items():
        p = p_generated(lg, cal)
        lv = levels(lg, cal, thr)
        reals, gens = p[ys == 0], p[ys == 1]
        t1 = threshold_at_fpr(reals, 0.01)
        c = {'overall': {'auc': auc(gens, reals), 'tprAt1': rate(gens, t1), 'nReal': int((ys == 0).sum()),
                         'nGenerated': int((ys == 1).sum())}, 'generated': {}, 'real': {}, 'nonface': {}}
        for group_name, groups in (('family', fams), ('source', srcs)):
            for g in sorted(set(groups[ys == 1])):
                sel = (ys == 1) & (groups == g)
                c['generated'][f'{group_name}:{g}'] = {
                    'n': int(sel.sum()), 'auc': auc(p[sel], reals), 'tprAt1': rate(p[sel], t1),
                    'tprMedium': float(np.isin(lv[sel], ['high', 'medium']).mean()),
                    'tprHigh': float((lv[sel] == 'high').mean())}
            for g in sorted(set(groups[ys == 0])):
                sel = (ys == 0) & (groups == g)
                c['real'][f'{group_name}:{g}'] = {
                    'n': int(sel.sum()), 'auc': auc(gens, p[sel]), 'fprAt1': rate(p[sel], t1),
                    'fprMedium': float(np.isin(lv[sel], ['high', 'medium']).mean()),
                    'fprHigh': float((lv[sel] == 'high').mean()),
                    'unsure': float((lv[sel] == 'unsure').mean())}
        for g in sorted(set(srcs[ys == 2])) + ['ALL']:
            sel = (ys == 2) & ((srcs == g) | (g == 'ALL'))
            c['nonface'][g] = {'n': int(sel.sum()), 'unsure': float((lv[sel] == 'unsure').mean()),
                               'flaggedMediumOrHigh': float(np.isin(lv[sel], ['high', 'medium']).mean())}
        face_sel = ys < 2
        c['faceGate'] = {'faceImagesUnsure': float((lv[face_sel] == 'unsure').mean())}
        out['conditions'][cond] = c
    return out


def export(model, cal, thr, items, val_idx, args):
    import onnx
    import torch
    onnx_path = os.path.join(REPO, 'models', 'avatar-detector.onnx')
    x = torch.zeros(1, 3, INPUT_SIZE, INPUT_SIZE)
    torch.onnx.export(model, x, onnx_path, input_names=['input'], output_names=['logits'],
                      dynamic_axes={'input': {0: 'batch'}, 'logits': {0: 'batch'}}, opset_version=13)
    onnx.checker.check_model(onnx.load(onnx_path))
    params = {
        'version': '1.0.0+' + datetime.datetime.utcnow().strftime('%Y%m%d%H%M'),
        'inputName': 'input', 'outputName': 'logits', 'inputSize': INPUT_SIZE, 'layout': 'NCHW', 'channels': 'RGB',
        'normalization': {'scale': 1 / 255, 'mean': MEAN, 'std': STD,
                          'formula': 'value = (channel / 255 - mean) / std'},
        'resize': {'method': 'centre-crop to square, then separable antialiased triangle filter '
                             '(support = max(1, in/out) input pixels), computed in float64',
                   'alphaBackground': [255, 255, 255]},
        'classes': CLASSES,
        'output': 'logits[batch, 3] over classes; pGenerated = sigmoid(a * (logits[generated] - logits[real]) + b); '
                  'pFace = 1 - softmax(logits)[nonface]; level unsure when pFace < faceMin',
        'calibration': {'type': 'platt', 'a': cal['a'], 'b': cal['b']},
        'thresholds': {'high': thr['high'], 'medium': thr['medium']},
        'thresholdTargets': {'high': 'FPR <= 0.5% on validation real photos (clean, 64px+JPEG50, platform-degraded), '
                                     'and within each real family with >= 100 samples',
                             'medium': 'FPR <= 2% on the same'},
        'faceMin': FACE_MIN,
        'minImageSide': 24,
        'training': {'seed': SEED, 'steps': args.steps, 'batch': args.batch, 'split': 'models/training/split.json'},
    }
    with open(os.path.join(REPO, 'models', 'avatar-detector.json'), 'w') as f:
        json.dump(params, f, indent=2)
        f.write('\n')
    split = {'rule': f'sha1(path relative to ../shared) first 8 hex digits as integer % 100 < {VAL_PERCENT} '
                     '-> validation', 'valPercent': VAL_PERCENT,
             'counts': {}, 'validation': sorted(items[i]['key'] for i in val_idx)}
    for it in items:
        k = f"{it['label']}:{it['source']}"
        c = split['counts'].setdefault(k, {'train': 0, 'validation': 0})
        c['validation' if it['val'] else 'train'] += 1
    with open(os.path.join(HERE, 'split.json'), 'w') as f:
        json.dump(split, f, indent=1)
        f.write('\n')


def write_parity_fixture(model, items, val_idx):
    """A few validation images with the logits of the exported model, for the TypeScript parity test."""
    import torch
    picked, seen = [], set()
    for i in val_idx:
        key = (items[i]['label'], items[i]['source'])
        if key not in seen and len(picked) < 8:
            seen.add(key)
            picked.append(i)
    rows = []
    for i in picked:
        x = to_model_input(decode_rgba(items[i]['path']))
        with torch.no_grad():
            lg = model(torch.from_numpy(x[None])).numpy()[0]
        rows.append({'file': items[i]['key'], 'label': items[i]['label'], 'logits': [float(v) for v in lg],
                     'inputSum': float(x.astype(np.float64).sum()), 'inputFirst': [float(v) for v in x.reshape(-1)[:8]]})
    path = os.path.join(REPO, 'test', 'unit', 'avatar', 'python-logits.json')
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        json.dump({'note': 'written by models/training/train.py; files are relative to ../shared', 'images': rows},
                  f, indent=1)
        f.write('\n')


def save_results(results, path):
    with open(path, 'w') as f:
        json.dump(results, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
