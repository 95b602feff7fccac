"""Aligned-face texture model (v4 candidate): train on aligned face crops, evaluate held out by family.

Input: the crops of align_cache.py (eyes at TEXTURE_LAYOUT, 96 px). Classes: real / generated (faces only; the
non-face gate stays with the whole-picture network). Splits: split-v3.json — fit on `train`, thresholds on
`calibration`, report on `test`.

Runs (each a fresh model):
  --holdout FAMILY   every image of FAMILY is removed from training; scored on all its cached images
  --holdout none     every family (the shippable model); exported with --export

Negatives for AUC / TPR at 1 % FPR: unaligned real portraits (LFW, UTKFace, CelebA). The threshold at 1 % FPR
is set on the calibration part's unaligned reals and applied to the test part's unaligned reals and to the
generated images.

    nice -n 10 /usr/bin/python3 models/training/train_aligned.py --holdout StableDiffusion2.1 --steps 900
"""
import argparse
import datetime
import json
import math
import os
import sys
import time

import cv2
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from align_cache import CACHE, CONTEXT, CONTEXT_ZOOM, TEXTURE_SIZE  # noqa: E402
from common import auc, rate, threshold_at_fpr  # noqa: E402
from model import AvatarNet  # noqa: E402

SEED = 20261130
UNALIGNED_REAL = ('LFW', 'UTKFace', 'CelebA')
RESULTS = os.path.join(HERE, '.cache', 'aligned', 'runs')


# ---------------------------------------------------------------- augmentation

def jpeg(rgb, q):
    ok, buf = cv2.imencode('.jpg', rgb[:, :, ::-1], [cv2.IMWRITE_JPEG_QUALITY, int(q)])
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)[:, :, ::-1]


def augment(ctx, rng, zoom=CONTEXT_ZOOM):
    """ctx: CONTEXT px covering `zoom` x the crop -> TEXTURE_SIZE px training view, degraded like a platform."""
    size = TEXTURE_SIZE
    crop_px = CONTEXT / zoom  # the crop's side in ctx pixels
    scale = size / crop_px * math.exp(rng.uniform(math.log(0.9), math.log(1.12)))
    angle = rng.uniform(-8, 8)
    c = CONTEXT / 2 + rng.uniform(-0.04, 0.04, size=2) * crop_px
    m = cv2.getRotationMatrix2D((float(c[0]), float(c[1])), angle, scale)
    m[:, 2] += np.array([size / 2, size / 2]) - np.array([c[0], c[1]])
    img = cv2.warpAffine(np.ascontiguousarray(ctx), m, (size, size), flags=cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0))
    if rng.random() < 0.5:
        img = img[:, ::-1]
    img = np.ascontiguousarray(img)
    if rng.random() < 0.3:
        # black margins where the aligned square leaves a tightly framed picture (UTKFace, CelebA: real only):
        # put them on every class so "black margin" cannot mean "real"
        for side in rng.choice(4, size=int(rng.integers(1, 3)), replace=False):
            w = int(rng.uniform(0.03, 0.3) * size)
            if side == 0:
                img[:w] = 0
            elif side == 1:
                img[-w:] = 0
            elif side == 2:
                img[:, :w] = 0
            else:
                img[:, -w:] = 0
    if rng.random() < 0.8:
        # tone: collections differ in colour cast and contrast (a source shortcut)
        f = img.astype(np.float32)
        f = f * rng.uniform(0.75, 1.25) + rng.uniform(-20, 20)
        mean = f.mean()
        f = (f - mean) * rng.uniform(0.75, 1.25) + mean
        grey = f.mean(axis=2, keepdims=True)
        f = grey + (f - grey) * rng.uniform(0.6, 1.4)
        img = np.clip(f, 0, 255).astype(np.uint8)
    if rng.random() < 0.05:
        img = np.repeat(img.mean(axis=2, keepdims=True), 3, axis=2).astype(np.uint8)
    if rng.random() < 0.2:
        img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.3, 1.2))
    # delivered resolution: the face as a platform serves it (48-176 px avatars -> face crops of ~30-100 px)
    s = int(round(math.exp(rng.uniform(math.log(28), math.log(112))))) if rng.random() < 0.85 else size
    if s != size:
        img = cv2.resize(img, (s, s), interpolation=cv2.INTER_AREA if s < size else cv2.INTER_CUBIC)
    if rng.random() < 0.85:
        img = jpeg(img, rng.integers(30, 96))
    if rng.random() < 0.25:
        img = jpeg(img, rng.integers(50, 96))
    if s != size:
        img = cv2.resize(np.ascontiguousarray(img), (size, size),
                         interpolation=[cv2.INTER_LINEAR, cv2.INTER_CUBIC, cv2.INTER_AREA][int(rng.integers(3))])
    return np.ascontiguousarray(img)


def to_tensor(u8):
    """uint8 N x H x W x 3 -> float32 N x 3 x H x W, (v / 255 - 0.5) / 0.5 (as the TS twin)."""
    x = torch.from_numpy(np.ascontiguousarray(u8)).permute(0, 3, 1, 2).float()
    return x / 127.5 - 1.0


# ---------------------------------------------------------------- model

class TextureNet(nn.Module):
    """AvatarNet body (Conv/BN/ReLU, global mean, linear), two classes real / generated. With highpass=True the
    first layer sees the image minus its 3x3 box blur as well (a fixed residual that keeps generator artefacts,
    drops colour and lighting)."""

    def __init__(self, widths=(24, 48, 96, 128, 128, 192), highpass=False):
        super().__init__()
        self.highpass = highpass
        self.net = AvatarNet(widths=widths, n_classes=2)
        if highpass:
            w0 = self.net.features[0][0]
            self.net.features[0][0] = nn.Conv2d(6, w0.out_channels, 3, 2, 1, bias=False)

    def forward(self, x):
        if self.highpass:
            x = torch.cat([x, 4.0 * (x - F.avg_pool2d(F.pad(x, (1, 1, 1, 1), mode='replicate'), 3, 1))], dim=1)
        return self.net(x)


def load(variant):
    with open(os.path.join(CACHE, f'{variant}-meta.json')) as f:
        meta = json.load(f)['items']
    crops = np.load(os.path.join(CACHE, f'{variant}-crops.npy'))
    ctx_path = os.path.join(CACHE, f'{variant}-ctx.npy')
    ctx = np.load(ctx_path) if os.path.exists(ctx_path) else None
    return meta, crops, ctx


def predict(model, crops, idx, batch=256):
    model.eval()
    out = []
    with torch.no_grad():
        for b in range(0, len(idx), batch):
            x = to_tensor(crops[idx[b:b + batch]])
            lg = model(x)
            out.append((lg[:, 1] - lg[:, 0]).numpy())
    return np.concatenate(out) if out else np.zeros(0)


def train(meta, ctx, train_idx, args, log, zoom):
    rng_global = np.random.default_rng(SEED)
    torch.manual_seed(SEED)
    groups = {}
    for i in train_idx:
        groups.setdefault((meta[i]['label'], meta[i]['source']), []).append(i)
    keys = sorted(groups)
    weights = []
    for k in keys:
        share = 0.5
        same = [kk for kk in keys if kk[0] == k[0]]
        tot = sum(math.sqrt(len(groups[kk])) for kk in same)
        weights.append(share * math.sqrt(len(groups[k])) / tot)
    weights = np.array(weights) / sum(weights)
    members = [np.array(groups[k]) for k in keys]
    log('training groups: ' + ', '.join(f'{k[0]}:{k[1]}={len(groups[k])}' for k in keys))
    model = TextureNet(widths=tuple(args.widths), highpass=args.highpass)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=5e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=args.steps, pct_start=0.15)
    t0 = time.time()
    model.train()
    for step in range(args.steps):
        rng = np.random.default_rng([SEED, step])
        g = rng.choice(len(members), size=args.batch, p=weights)
        idx = [int(members[j][rng.integers(len(members[j]))]) for j in g]
        x = to_tensor(np.stack([augment(ctx[i], rng, zoom) for i in idx]))
        y = torch.tensor([1 if meta[i]['label'] == 'generated' else 0 for i in idx])
        loss = F.cross_entropy(model(x), y, label_smoothing=0.05)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 100 == 0 or step == args.steps - 1:
            log(f'  step {step} loss {loss.item():.3f} {time.time() - t0:.0f}s')
    del rng_global
    return model


def evaluate(model, holdout, variants, log):
    """Scores per variant; threshold at 1 % FPR on calibration unaligned reals."""
    res = {}
    for variant, (meta, crops) in variants.items():
        face = [i for i, m in enumerate(meta) if m['face']]
        scores = np.full(len(meta), np.nan)
        scores[face] = predict(model, crops, np.array(face))
        fam = np.array([m['family'] for m in meta])
        part = np.array([m['part'] for m in meta])
        lab = np.array([m['label'] for m in meta])
        has = np.array([m['face'] for m in meta])
        # threshold negatives never include a held-out real collection (it is what the FPR is measured on)
        unaligned = np.isin(fam, UNALIGNED_REAL) & (lab == 'real') & has & (fam != holdout)
        cal_neg = scores[unaligned & (part == 'calibration')]
        test_neg = scores[unaligned & (part == 'test')]
        thr = threshold_at_fpr(cal_neg)
        out = dict(threshold=thr, n_cal_neg=int(len(cal_neg)), n_test_neg=int(len(test_neg)),
                   test_unaligned_fpr=rate(test_neg, thr), families={})
        for f in sorted(set(fam[lab == 'generated'])) + ['FFHQ', 'LFW', 'UTKFace']:
            if holdout != 'none' and f == holdout:
                sel = (fam == f) & has  # never trained on: every cached image counts
                sel_all = fam == f
            else:
                sel = (fam == f) & has & (part == 'test')
                sel_all = (fam == f) & (part == 'test')
            v = scores[sel]
            nfound = int(sel.sum())
            row = dict(n=int(sel_all.sum()), face=nfound, rate_at_thr=rate(v, thr) * nfound / max(1, int(sel_all.sum())))
            if f not in ('FFHQ', 'LFW', 'UTKFace'):
                row['auc'] = auc(v, test_neg)
                row['tpr_at_1pct_test'] = rate(v, threshold_at_fpr(test_neg)) * nfound / max(1, int(sel_all.sum()))
            out['families'][f] = row
        res[variant] = out
        res[variant]['scores'] = {meta[i]['key']: float(scores[i]) for i in range(len(meta)) if meta[i]['face']}
        lines = [f'[{variant}] thr {thr:.3f} (cal unaligned reals {len(cal_neg)}), test unaligned FPR '
                 f'{out["test_unaligned_fpr"]:.4f} (n {len(test_neg)})']
        for f, r in out['families'].items():
            extra = f" AUC {r['auc']:.3f} TPR@1%(test negs) {r['tpr_at_1pct_test']:.3f}" if 'auc' in r else ''
            lines.append(f'   {f:22s} n {r["n"]:5d} face {r["face"]:5d} rate@thr {r["rate_at_thr"]:.3f}{extra}')
        log('\n'.join(lines))
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--holdout', default='none')
    ap.add_argument('--steps', type=int, default=900)
    ap.add_argument('--batch', type=int, default=48)
    ap.add_argument('--lr', type=float, default=3e-3)
    ap.add_argument('--widths', type=int, nargs=6, default=[24, 48, 96, 128, 128, 192])
    ap.add_argument('--highpass', action='store_true')
    ap.add_argument('--tag', default='')
    ap.add_argument('--input', default='aligned', choices=['aligned', 'whole'],
                    help='whole: the same images unaligned (centre square, the v2 input) for an A/B')
    ap.add_argument('--export', default='')
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--rescore', action='store_true', help='score the saved model of this run again (e.g. once the small cache exists)')
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    meta, crops, ctx = load('clean' if args.input == 'aligned' else 'whole')
    zoom = CONTEXT_ZOOM if args.input == 'aligned' else 1.0
    variants = {'clean': (meta, crops)}
    if args.input == 'aligned' and os.path.exists(os.path.join(CACHE, 'small-meta.json')):
        sm, sc, _ = load('small')
        variants['small'] = (sm, sc)
    train_idx = [i for i, m in enumerate(meta) if m['part'] == 'train' and m['face'] and m['family'] != args.holdout]
    name = f"{args.input}-{args.holdout.replace('/', '_')}{('-' + args.tag) if args.tag else ''}"
    os.makedirs(RESULTS, exist_ok=True)
    logf = open(os.path.join(RESULTS, name + '.log'), 'a' if args.rescore else 'w')

    def log(s):
        print(s, flush=True)
        logf.write(s + '\n')
        logf.flush()

    log(f'{datetime.datetime.utcnow().isoformat()}Z holdout={args.holdout} {vars(args)} train images {len(train_idx)}')
    t0 = time.process_time()
    if args.rescore:
        model = TextureNet(widths=tuple(args.widths), highpass=args.highpass)
        model.load_state_dict(torch.load(os.path.join(RESULTS, name + '.pt')))
    else:
        model = train(meta, ctx, train_idx, args, log, zoom)
        log(f'train CPU {time.process_time() - t0:.0f}s')
    res = evaluate(model, args.holdout, variants, log)
    res['args'] = vars(args)
    res['params'] = sum(p.numel() for p in model.parameters())
    with open(os.path.join(RESULTS, name + '.json'), 'w') as f:
        json.dump(res, f)
    if not args.rescore:
        torch.save(model.state_dict(), os.path.join(RESULTS, name + '.pt'))
    if args.export:
        model.eval()
        torch.onnx.export(model, torch.zeros(1, 3, TEXTURE_SIZE, TEXTURE_SIZE), args.export, opset_version=13,
                          input_names=['input'], output_names=['logits'], dynamic_axes={'input': {0: 'n'}, 'logits': {0: 'n'}})
        log(f'exported {args.export}')


if __name__ == '__main__':
    main()
