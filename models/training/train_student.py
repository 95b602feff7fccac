"""One network for both avatar cues: the shipped v2 texture network, frozen, plus a small geometry head trained to
reproduce BlazeFace (face found, mirror-averaged eye centres) from the texture network's own feature maps.

Why this shape: the texture logits stay bit-for-bit v2's (nothing the fusion learned about them changes), and the
face detector's 128 px letterbox, its second preprocessing and its depthwise-heavy network (ORT-web runs depthwise
convolutions at 0.3-1.5 GMAC/s) are replaced by ~3 M multiply-adds of standard and pointwise convolutions on a
12 x 12 map the texture network computes anyway.

Head (on stage 3 of the trunk, 96 x 12 x 12, stride 8):
  g = relu(conv1x1 96->C), relu(conv3x3 C->C)
  heat = conv1x1 C->2 (one map per eye), offset = conv1x1 C->4 (dx, dy per eye, in cells)
  eye = sum softmax(heat) * (cell centre + offset)          (integral regression, sub-cell precise)
  face logit = linear([mean(stage 6) 192, max(heat) 2, mean(g) C])
Output: one tensor "logits" [N, 8] = texture logits (real, generated, nonface), face logit, left eye x, y, right
eye x, y (fractions of the 96 px centre square; left/right as seen in the picture).

    nice -n 10 /usr/bin/python3 models/training/train_student.py [--epochs 14] [--export PATH.onnx]
    /usr/bin/python3 models/training/train_student.py --export-only --export PATH.onnx   (the committed head)
The measured candidate's head: models/training/student/geometry-head.pt (14 epochs, width 32; metrics-student.md).
Data: student_data.py (augmented training-part images with both teachers' outputs).
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from student_data import FoldedTexture, OUT_DIR, MEAN, STD  # noqa: E402

SEED = 20261130
GRID = 12


class GeometryHead(nn.Module):
    def __init__(self, cin=96, width=32, cin2=48, fine=16):
        super().__init__()
        self.reduce = nn.Conv2d(cin, width, 1)
        # stage 2 (24 x 24) brought down to 12 x 12: the finer map keeps where edges are, which stage 3 has blurred
        self.reduce2 = nn.Conv2d(cin2, fine, 1)
        self.down2 = nn.Conv2d(fine, width, 3, 2, 1)
        self.conv = nn.Conv2d(width, width, 3, 1, 1)
        self.heat = nn.Conv2d(width, 2, 1)
        self.offset = nn.Conv2d(width, 4, 1)
        self.face = nn.Linear(192 + 2 + width, 1)
        centres = (torch.arange(GRID, dtype=torch.float32) + 0.5) / GRID
        self.register_buffer('cx', centres.repeat(GRID))          # x of cell k = k % GRID
        self.register_buffer('cy', centres.repeat_interleave(GRID))  # y of cell k = k // GRID

    def forward(self, f3, f2, f6_mean):
        g = F.relu(self.reduce(f3)) + F.relu(self.down2(F.relu(self.reduce2(f2))))
        g = F.relu(self.conv(g))
        return eyes_and_face(self, g, f6_mean, GRID)


def eyes_and_face(head, g, f6_mean, grid):
    """Both heads' outputs from their last feature map g (grid x grid cells): each eye by integral regression
    (softmax over the cells' heat, each cell's centre plus its offset), the face logit from the trunk's pooled
    features, the heat peaks and g's mean."""
    n, cells = g.shape[0], grid * grid
    heat = head.heat(g).reshape(n, 2, cells)
    off = head.offset(g).reshape(n, 2, 2, cells) / grid
    w = torch.softmax(heat, dim=-1)
    x = (w * (head.cx + off[:, :, 0])).sum(-1)
    y = (w * (head.cy + off[:, :, 1])).sum(-1)
    eyes = torch.stack([x[:, 0], y[:, 0], x[:, 1], y[:, 1]], dim=1)
    face = head.face(torch.cat([f6_mean, heat.max(-1).values, g.mean(dim=(2, 3))], dim=1))
    return face, eyes


class FineGeometryHead(nn.Module):
    """The head at stage 2's resolution (24 x 24, stride 4): stage 3 brought up to it, heat maps and offsets per
    24 x 24 cell (finer integral regression). Same output as GeometryHead; ~6.5 M multiply-adds."""

    def __init__(self, cin=96, width=32, cin2=48, fine=16):
        super().__init__()
        self.reduce = nn.Conv2d(cin, width, 1)
        self.reduce2 = nn.Conv2d(cin2, fine, 1)
        self.fine = nn.Conv2d(fine, width, 1)
        self.conv = nn.Conv2d(width, width, 3, 1, 1)
        self.heat = nn.Conv2d(width, 2, 1)
        self.offset = nn.Conv2d(width, 4, 1)
        self.face = nn.Linear(192 + 2 + width, 1)
        grid = 2 * GRID
        self.grid = grid
        centres = (torch.arange(grid, dtype=torch.float32) + 0.5) / grid
        self.register_buffer('cx', centres.repeat(grid))
        self.register_buffer('cy', centres.repeat_interleave(grid))

    def forward(self, f3, f2, f6_mean):
        up = F.interpolate(F.relu(self.reduce(f3)), scale_factor=2.0, mode='nearest')
        g = up + F.relu(self.fine(F.relu(self.reduce2(f2))))
        g = F.relu(self.conv(g))
        return eyes_and_face(self, g, f6_mean, self.grid)


class Student(nn.Module):
    """Trunk + texture head (v2, frozen) + geometry head: 3x96x96 -> [N, 8]."""

    def __init__(self, width=32, fine=False):
        super().__init__()
        self.texture = FoldedTexture()
        self.geometry = (FineGeometryHead if fine else GeometryHead)(width=width)

    def forward(self, x):
        stages = self.texture.trunk(x)
        f6 = stages[-1].mean(dim=(2, 3))
        logits = self.texture.head(f6)
        face, eyes = self.geometry(stages[2], stages[1], f6)
        return torch.cat([logits, face, eyes], dim=1)


def displaced(x, eyes, rng, share, scales=(0.85, 1.1)):
    """Moves a random `share` of the batch by a shift (±6 % of the side), scale (0.85–1.1) and rotation (±12°); the
    eye targets (fractions of the frame) move with the pixels. -> (x, eyes, moved mask)."""
    n = x.shape[0]
    moved = torch.from_numpy(rng.random(n) < share)
    k = int(moved.sum())
    if not k:
        return x, eyes, moved
    ang = torch.from_numpy(rng.uniform(-12, 12, k)).float() * np.pi / 180
    scale = torch.from_numpy(rng.uniform(scales[0], scales[1], k)).float()
    shift = torch.from_numpy(rng.uniform(-0.12, 0.12, (k, 2))).float()  # in [-1, 1] units: ±6 % of the side
    # theta maps output coordinates to input coordinates ([-1, 1]); the picture is scaled by `scale`, so the
    # input is sampled at 1/scale
    cos, sin = torch.cos(ang) / scale, torch.sin(ang) / scale
    theta = torch.stack([torch.stack([cos, -sin, shift[:, 0]], 1), torch.stack([sin, cos, shift[:, 1]], 1)], 1)
    grid = F.affine_grid(theta, (k, 3, x.shape[2], x.shape[3]), align_corners=False)
    x = x.clone()
    sampled = F.grid_sample(x[moved], grid, mode='bilinear', padding_mode='border', align_corners=False)
    # half of them padded white (as platforms and users pad pictures), the rest with the border pixels
    inside = F.grid_sample(torch.ones(k, 1, x.shape[2], x.shape[3]), grid, mode='bilinear', padding_mode='zeros', align_corners=False)
    white = ((1 - torch.tensor(MEAN)) / torch.tensor(STD))[None, :, None, None]
    pad_white = torch.from_numpy(rng.random(k) < 0.5)[:, None, None, None]
    x[moved] = torch.where(pad_white, sampled * inside + white * (1 - inside), sampled)
    # eyes: p_in = A p_out + t  ->  p_out = A^-1 (p_in - t), in [-1, 1] units
    a = theta[:, :, :2]
    inv = torch.linalg.inv(a)
    e = eyes[moved].reshape(k, 2, 2) * 2 - 1
    out = torch.einsum('kij,kej->kei', inv, e - theta[:, None, :, 2])
    eyes = eyes.clone()
    eyes[moved] = ((out + 1) / 2).reshape(k, 4)
    return x, eyes, moved


def finetune_forward(model, x):
    """Pixels -> (texture logits, face logit, eyes) with the trunk's stages 1.. trainable (stage 0 stays v2's)."""
    with torch.no_grad():
        h = torch.relu(model.texture.convs[0](x))
    stages = [h]
    for c in model.texture.convs[1:]:
        h = torch.relu(c(h))
        stages.append(h)
    f6 = stages[-1].mean(dim=(2, 3))
    face, eyes = model.geometry(stages[2], stages[1], f6)
    return model.texture.head(f6), face, eyes


def normalised(pixels):
    x = torch.from_numpy(pixels).permute(0, 3, 1, 2).float() / 255.0
    return (x - torch.tensor(MEAN)[:, None, None]) / torch.tensor(STD)[:, None, None]


@torch.no_grad()
def trunk_features(texture, pixels, batch=256):
    f3s, f2s, f6s = [], [], []
    for i in range(0, len(pixels), batch):
        st = texture.trunk(normalised(pixels[i:i + batch]))
        f3s.append(st[2].half())
        f2s.append(st[1].half())
        f6s.append(st[-1].mean(dim=(2, 3)))
    return torch.cat(f3s), torch.cat(f2s), torch.cat(f6s)


def eye_error(pred, target):
    """Larger of the two eye-centre distances (fractions of the picture width), per sample."""
    l = torch.hypot(pred[:, 0] - target[:, 0], pred[:, 1] - target[:, 1])
    r = torch.hypot(pred[:, 2] - target[:, 2], pred[:, 3] - target[:, 3])
    return torch.maximum(l, r)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default=os.path.join(OUT_DIR, 'data.npz'))
    ap.add_argument('--epochs', type=int, default=14)
    ap.add_argument('--batch', type=int, default=256)
    ap.add_argument('--lr', type=float, default=3e-3)
    ap.add_argument('--width', type=int, default=32)
    ap.add_argument('--export', default='', help='write the whole network (texture + geometry head) as ONNX here')
    ap.add_argument('--head', default=os.path.join(HERE, 'student', 'geometry-head.pt'), help='where the trained head is saved')
    ap.add_argument('--export-only', action='store_true', help='no training: export the network with the saved --head')
    ap.add_argument('--report', default=os.path.join(OUT_DIR, 'train-report.json'))
    ap.add_argument('--finetune', action='store_true',
                    help='train the trunk (stages 1..) with the head, texture logits distilled from v2; --head then '
                         'saves the whole network (trunk + head)')
    ap.add_argument('--fine', action='store_true', help='the head at 24 x 24 (FineGeometryHead; with --finetune)')
    ap.add_argument('--init-head', default='', help='start the head from this saved head (e.g. the frozen-trunk one)')
    ap.add_argument('--trunk-lr', type=float, default=3e-4)
    ap.add_argument('--displace-scale', type=float, nargs=2, default=(0.85, 1.1), help='scale range of --displace')
    ap.add_argument('--init-student', default='', help='start trunk and head from this saved whole network (--finetune)')
    ap.add_argument('--displace', type=float, default=0.0,
                    help='share of each batch moved by a small random shift / scale / rotation (eyes moved with it, '
                         'no texture loss on those): so that "on the FFHQ layout" is never the safe answer for an '
                         'FFHQ-looking picture whose eyes are not there')
    ap.add_argument('--texture-weight', type=float, default=2.0, help='weight of the texture-logit distillation loss')
    ap.add_argument('--nonface-negatives', action='store_true',
                    help='variants of non-face avatars (the label, not the teacher) are "no face" targets: a logo, '
                         'emoji or clip-art face never gets eyes the alignment cue could read')
    args = ap.parse_args()
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    if args.export_only:
        export(load_student(args.head), args.export)
        return  # 2 threads spin against the other jobs on a shared 2-core machine
    d = np.load(args.data)
    if args.finetune:
        train_finetune(args, d)
        return
    pixels, faces, image = d['pixels'], torch.from_numpy(d['faces']), d['image']
    t0 = time.time()
    model = Student(args.width)
    f3, f2, f6 = trunk_features(model.texture.eval(), pixels)
    print(f'trunk features of {len(pixels)} samples in {time.time() - t0:.0f}s', flush=True)
    # 5 % of the training images (all their variants) apart, to watch the fit (the test part is measured elsewhere)
    watch = (image * 2654435761 % 100) < 5
    tr, va = np.nonzero(~watch)[0], np.nonzero(watch)[0]
    found = faces[:, 0]
    eyes_t = faces[:, 2:6]
    head = model.geometry
    opt = torch.optim.AdamW(head.parameters(), lr=args.lr, weight_decay=1e-4)
    steps = args.epochs * (len(tr) // args.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=steps, pct_start=0.1)
    rng = np.random.default_rng(SEED)

    def evaluate(idx):
        head.eval()
        with torch.no_grad():
            face, eyes = head(f3[idx].float(), f2[idx].float(), f6[idx])
        head.train()
        ff = found[idx] > 0.5
        err = eye_error(eyes[ff], eyes_t[idx][ff]).numpy()
        agree = ((face[:, 0] > 0) == ff).float().mean().item()
        return dict(eye_median=float(np.median(err)), eye_p95=float(np.percentile(err, 95)), face_agreement=agree)

    step = 0
    for epoch in range(args.epochs):
        perm = rng.permutation(tr)
        for i in range(0, len(perm) - args.batch + 1, args.batch):
            b = perm[i:i + args.batch]
            face, eyes = head(f3[b].float(), f2[b].float(), f6[b])
            fb = found[b]
            loss_face = F.binary_cross_entropy_with_logits(face[:, 0], fb)
            diff = F.smooth_l1_loss(eyes * 100, eyes_t[b] * 100, reduction='none', beta=0.5).sum(1)
            loss_eye = (diff * fb).sum() / fb.sum().clamp(min=1)
            loss = loss_face + 0.5 * loss_eye
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            step += 1
        if epoch % 2 == 1 or epoch == args.epochs - 1:
            print(f'epoch {epoch + 1}: loss {loss.item():.3f} watch {evaluate(va)} ({time.time() - t0:.0f}s)', flush=True)
    report = dict(samples=len(tr), watched=len(va), epochs=args.epochs, width=args.width, watch=evaluate(va),
                  train=evaluate(tr[:5000]), seconds=time.time() - t0)
    print(json.dumps(report))
    with open(args.report, 'w') as f:
        json.dump(report, f, indent=1)
    os.makedirs(os.path.dirname(args.head), exist_ok=True)
    torch.save(head.state_dict(), args.head)
    if args.export:
        export(model, args.export)


def load_student(path):
    """A saved head (frozen v2 trunk), a saved whole fine-tuned network (keys 'texture.*' and 'geometry.*'), or the
    exported one-network ONNX file itself (every parameter is an initializer under its PyTorch name)."""
    if path.endswith('.onnx'):
        import onnx
        from onnx import numpy_helper
        state = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in onnx.load(path).graph.initializer}
    else:
        state = torch.load(path)
    if 'geometry.reduce.weight' in state:
        model = Student(state['geometry.reduce.weight'].shape[0], fine='geometry.fine.weight' in state)
        model.load_state_dict(state)
    else:
        model = Student(state['reduce.weight'].shape[0])
        model.geometry.load_state_dict(state)
    return model


def nonface_mask(d):
    keys = d['keys']
    is_nonface = np.array([str(k).startswith('data/avatars-nonface/') for k in keys])
    return torch.from_numpy(is_nonface[d['image']])


def train_finetune(args, d):
    """Trunk stages 1.. + head together: eyes and face from BlazeFace, texture logits kept close to v2's (MSE on the
    logits; v2's own logits on the exact float input are the target). Stage 0 stays v2's (cheaper backward)."""
    pixels, faces, image = d['pixels'], torch.from_numpy(d['faces']), d['image']
    teacher_logits = torch.from_numpy(d['logits'])
    model = Student(args.width, fine=args.fine)
    if args.init_student:
        model.load_state_dict(torch.load(args.init_student))
    elif args.init_head:
        own = model.geometry.state_dict()
        init = {k: v for k, v in torch.load(args.init_head).items() if k in own and own[k].shape == v.shape}
        model.geometry.load_state_dict(init, strict=False)
        print(f'head initialised from {args.init_head}: {sorted(init)}', flush=True)
    for c in model.texture.convs[1:]:
        for p in c.parameters():
            p.requires_grad_(True)
    for p in model.texture.head.parameters():
        p.requires_grad_(True)
    found = faces[:, 0].clone()
    eye_ok = found.clone()
    if args.nonface_negatives:
        nf = nonface_mask(d)
        print(f'non-face variants: {int(nf.sum())}, of them with a teacher face: {int((found[nf] > 0.5).sum())} -> no face', flush=True)
        found[nf] = 0.0
        eye_ok[nf] = 0.0
    eyes_t = faces[:, 2:6]
    watch = (image * 2654435761 % 100) < 5
    tr, va = np.nonzero(~watch)[0], np.nonzero(watch)[0]
    trunk_params = [p for c in model.texture.convs[1:] for p in c.parameters()] + list(model.texture.head.parameters())
    opt = torch.optim.AdamW([
        dict(params=trunk_params, lr=args.trunk_lr, weight_decay=0.0),
        dict(params=model.geometry.parameters(), lr=args.lr, weight_decay=1e-4),
    ])
    steps = args.epochs * (len(tr) // args.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=[args.trunk_lr, args.lr], total_steps=steps, pct_start=0.1)
    rng = np.random.default_rng(SEED)
    t0 = time.time()

    def evaluate(idx):
        model.eval()
        lg, fc, ey = [], [], []
        with torch.no_grad():
            for i in range(0, len(idx), 512):
                a, b, c = finetune_forward(model, normalised(pixels[idx[i:i + 512]]))
                lg.append(a), fc.append(b), ey.append(c)
        model.train()
        lg, fc, ey = torch.cat(lg), torch.cat(fc), torch.cat(ey)
        ff = eye_ok[idx] > 0.5
        err = eye_error(ey[ff], eyes_t[idx][ff]).numpy() if ff.any() else np.array([np.nan])
        dp = (torch.softmax(lg, 1) - torch.softmax(teacher_logits[idx], 1)).abs().max(1).values.numpy()
        nf = (eye_ok[idx] < 0.5) & (found[idx] < 0.5) & (faces[idx, 0] > 0.5)
        return dict(eye_median=float(np.median(err)), eye_p95=float(np.percentile(err, 95)),
                    face_agreement=((fc[:, 0] > 0) == (found[idx] > 0.5)).float().mean().item(),
                    texture_dp_median=float(np.median(dp)), texture_dp_p99=float(np.percentile(dp, 99)),
                    nonface_teacher_face_called_face=float((fc[nf, 0] > 0).float().mean()) if nf.any() else None)

    print(f'before: watch {evaluate(va)}', flush=True)
    for epoch in range(args.epochs):
        perm = rng.permutation(tr)
        for i in range(0, len(perm) - args.batch + 1, args.batch):
            b = np.sort(perm[i:i + args.batch])
            x, target, moved = displaced(normalised(pixels[b]), eyes_t[b], rng, args.displace, args.displace_scale)
            logits, face, eyes = finetune_forward(model, x)
            fb, eb = found[b], eye_ok[b]
            loss_face = F.binary_cross_entropy_with_logits(face[:, 0], fb)
            diff = F.smooth_l1_loss(eyes * 100, target * 100, reduction='none', beta=0.5).sum(1)
            loss_eye = (diff * eb).sum() / eb.sum().clamp(min=1)
            keep = ~moved
            loss_tex = F.mse_loss(logits[keep], teacher_logits[b][keep]) if keep.any() else logits.sum() * 0
            loss = loss_face + 0.5 * loss_eye + args.texture_weight * loss_tex
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        print(f'epoch {epoch + 1}: loss {loss.item():.3f} (texture {loss_tex.item():.4f}) watch {evaluate(va)} '
              f'({time.time() - t0:.0f}s)', flush=True)
    os.makedirs(os.path.dirname(args.head), exist_ok=True)
    torch.save(model.state_dict(), args.head)
    if args.export:
        export(model, args.export)
    # training variants are sorted by file (non-face emoji first): a random sample, not the first ones
    sample = np.sort(rng.choice(tr, size=min(3000, len(tr)), replace=False))
    report = dict(mode='finetune', fine=args.fine, displace=args.displace, displace_scale=list(args.displace_scale), init_student=args.init_student, samples=len(tr), watched=len(va), epochs=args.epochs, width=args.width,
                  trunk_lr=args.trunk_lr, lr=args.lr, texture_weight=args.texture_weight,
                  nonface_negatives=args.nonface_negatives, init_head=args.init_head,
                  watch=evaluate(va), train=evaluate(sample), seconds=time.time() - t0)
    print(json.dumps(report))
    with open(args.report, 'w') as f:
        json.dump(report, f, indent=1)


def export(model, path):
    model.eval()
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    torch.onnx.export(model, torch.zeros(1, 3, 96, 96), path, input_names=['input'], output_names=['logits'],
                      dynamic_axes={'input': {0: 'batch'}, 'logits': {0: 'batch'}}, opset_version=13)
    print('exported', path)


if __name__ == '__main__':
    main()
