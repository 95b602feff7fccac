"""Distillation data for the one-network avatar student (train_student.py): augmented avatars + both teachers'
outputs computed on each augmented picture.

For every training-part image of split-v3.json (the calibration part stays for the fusion fit, the test part for
measuring), AUGS variants: the whole picture or a random square crop (side 55-100 % of the shorter side, anywhere
inside the picture), a left-right flip half of the time, resized to a platform size (48/64/88/96/128/176/256 px)
and JPEG-compressed (q 30-95) 60 % of the time. On each variant:
  * the texture input (to_model_input: 96 px centre square, the TS twin's exact float pipeline) -> stored as uint8
    (rounded 0..255 before normalisation; the student sees that, |error| <= 0.5/255),
  * the texture teacher (v2 network, models/avatar-detector.onnx) logits on the exact float input,
  * the geometry teacher (BlazeFace, face_detector.FaceDetector with the mirror run averaged in: the eyes the
    scorer uses near the layout): face found, score, both eyes in fractions of the picture.
The variants are square, so BlazeFace's 128 px letterbox and the 96 px centre square frame the same picture.

    nice -n 10 /usr/bin/python3 models/training/student_data.py [--augs 3] [--limit N]
writes models/training/.cache/student/data.npz (gitignored).
"""
import argparse
import json
import os
import sys
import time

import cv2
import numpy as np
import onnx
import torch
from onnx import numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, '..', 'face-detector'))
from common import SHARED, rgba_to_rgb, center_square, resize_square, MEAN, STD  # noqa: E402
from face_detector import FaceDetector  # noqa: E402
from imageio_cv import decode_rgba  # noqa: E402

SPLIT = os.path.join(HERE, 'split-v3.json')
TEXTURE_ONNX = os.path.join(HERE, '..', 'avatar-detector.onnx')
OUT_DIR = os.path.join(HERE, '.cache', 'student')
SIZES = (48, 64, 88, 96, 128, 176, 256)
SEED = 20261130
STRIDES = (2, 2, 2, 2, 1, 2)  # model.py AvatarNet


class FoldedTexture(torch.nn.Module):
    """The shipped v2 texture network (BatchNorm folded into the convolutions, as exported), weights read from ONNX."""

    def __init__(self, path=TEXTURE_ONNX):
        super().__init__()
        model = onnx.load(path)
        init = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in model.graph.initializer}
        if 'texture.convs.0.weight' in init:
            # the one-network file (train_student.py export): the texture part under its own names
            pairs = [(init[f'texture.convs.{i}.weight'], init[f'texture.convs.{i}.bias']) for i in range(len(STRIDES))]
            head = (init['texture.head.weight'], init['texture.head.bias'])
        else:
            # v2's own file: six Conv nodes (BatchNorm folded) and one Gemm
            convs = [n for n in model.graph.node if n.op_type == 'Conv']
            pairs = [(init[n.input[1]], init[n.input[2]]) for n in convs]
            gemm = [n for n in model.graph.node if n.op_type == 'Gemm'][0]
            head = (init[gemm.input[1]], init[gemm.input[2]])
        assert len(pairs) == len(STRIDES), f'{path}: expected {len(STRIDES)} texture convolutions, found {len(pairs)}'
        self.convs = torch.nn.ModuleList()
        for (w, b), stride in zip(pairs, STRIDES):
            c = torch.nn.Conv2d(w.shape[1], w.shape[0], 3, stride, 1)
            c.weight.data.copy_(w)
            c.bias.data.copy_(b)
            self.convs.append(c)
        self.head = torch.nn.Linear(192, 3)
        self.head.weight.data.copy_(head[0])
        self.head.bias.data.copy_(head[1])
        for p in self.parameters():
            p.requires_grad_(False)

    def trunk(self, x):
        """-> list of every conv stage's output (after ReLU)."""
        outs = []
        for c in self.convs:
            x = torch.relu(c(x))
            outs.append(x)
        return outs

    def forward(self, x):
        return self.head(self.trunk(x)[-1].mean(dim=(2, 3)))


def augment(rgb, rng, whole):
    """uint8 HxWx3 -> uint8 SxSx3: crop, flip, platform size, JPEG."""
    h, w = rgb.shape[:2]
    side = min(h, w)
    if whole:
        s, x0, y0 = side, (w - side) // 2, (h - side) // 2
    else:
        s = max(8, int(round(side * rng.uniform(0.55, 1.0))))
        x0 = int(rng.integers(0, w - s + 1))
        y0 = int(rng.integers(0, h - s + 1))
    crop = rgb[y0:y0 + s, x0:x0 + s]
    if rng.random() < 0.5:
        crop = crop[:, ::-1]
    size = int(rng.choice(SIZES))
    interp = cv2.INTER_AREA if size < s else cv2.INTER_CUBIC
    out = cv2.resize(np.ascontiguousarray(crop), (size, size), interpolation=interp)
    if rng.random() < 0.6:
        q = int(rng.integers(30, 96))
        ok, buf = cv2.imencode('.jpg', out[:, :, ::-1], [cv2.IMWRITE_JPEG_QUALITY, q])
        out = cv2.imdecode(buf, cv2.IMREAD_COLOR)[:, :, ::-1]
    return np.ascontiguousarray(out)


def texture_pixels(rgb):
    """The 96 px centre square before normalisation (float64 0..255), as to_model_input computes it."""
    return resize_square(center_square(rgba_to_rgb(rgb)), 96)


def normalise(pix):
    chw = pix.transpose(2, 0, 1)
    return ((chw / 255.0 - np.array(MEAN)[:, None, None]) / np.array(STD)[:, None, None]).astype(np.float32)


def face_row(face):
    if face is None:
        return [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    return [1.0, face['score'], face['leftEye']['x'], face['leftEye']['y'], face['rightEye']['x'], face['rightEye']['y']]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--augs', type=int, default=3)
    ap.add_argument('--parts', default='train')
    ap.add_argument('--limit', type=int, default=0)
    ap.add_argument('--shard', default='0/1', help='i/n: every n-th image from the i-th (run n processes, then --merge)')
    ap.add_argument('--merge', type=int, default=0, help='merge n shard files into data.npz and exit')
    ap.add_argument('--out', default=os.path.join(OUT_DIR, 'data.npz'))
    args = ap.parse_args()
    torch.set_num_threads(1)
    if args.merge:
        merge(args.out, args.merge)
        return
    with open(SPLIT) as f:
        parts = json.load(f)['parts']
    wanted = set(args.parts.split(','))
    keys = sorted(k for k, p in parts.items() if p in wanted)
    if args.limit:
        keys = keys[::max(1, len(keys) // args.limit)][:args.limit]
    shard, shards = (int(v) for v in args.shard.split('/'))
    if shards > 1:
        args.out = args.out.replace('.npz', f'.{shard}.npz')
    rng = np.random.default_rng(SEED + shard)
    texture = FoldedTexture().eval()
    det = FaceDetector()
    pixels, logits, faces, src = [], [], [], []
    t0 = time.time()
    batch = []

    def flush():
        if not batch:
            return
        imgs = [b[1] for b in batch]
        pix = np.stack([texture_pixels(im) for im in imgs])
        with torch.no_grad():
            lg = texture(torch.from_numpy(np.stack([normalise(p) for p in pix]))).numpy()
        found = det.detect(imgs)
        pixels.append(np.clip(np.round(pix), 0, 255).astype(np.uint8))
        logits.append(lg.astype(np.float32))
        faces.extend(face_row(f) for f in found)
        src.extend(b[0] for b in batch)
        batch.clear()

    for n, key in enumerate(keys):
        if n % shards != shard:
            continue
        try:
            rgb = np.clip(np.round(rgba_to_rgb(decode_rgba(os.path.join(SHARED, key)))), 0, 255).astype(np.uint8)
        except Exception as e:  # noqa: BLE001
            print(f'skip {key}: {e}', file=sys.stderr)
            continue
        if min(rgb.shape[:2]) > 320:
            f = 320 / min(rgb.shape[:2])
            rgb = cv2.resize(rgb, (round(rgb.shape[1] * f), round(rgb.shape[0] * f)), interpolation=cv2.INTER_AREA)
        for a in range(args.augs):
            batch.append((n, augment(rgb, rng, whole=(a == 0))))
        if len(batch) >= 96:
            flush()
        if n % 500 == 0:
            print(f'{n}/{len(keys)} {time.time() - t0:.0f}s', flush=True)
    flush()
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    np.savez(args.out, pixels=np.concatenate(pixels), logits=np.concatenate(logits),
             faces=np.array(faces, dtype=np.float32), image=np.array(src, dtype=np.int32),
             keys=np.array(keys))
    print(f'wrote {args.out}: {len(src)} samples from {len(keys)} images in {time.time() - t0:.0f}s')


def merge(out, n):
    files = [np.load(out.replace('.npz', f'.{i}.npz')) for i in range(n)]
    np.savez(out, **{k: (files[0][k] if k == 'keys' else np.concatenate([f[k] for f in files])) for k in files[0].files})
    print(f'merged {n} shards into {out}')


if __name__ == '__main__':
    main()
