"""BlazeFace front in PyTorch, read from the shipped ONNX (models/face-detector/blazeface-front.onnx), with the
pre- and post-processing of src/avatar/face-*.ts. For training code that needs faces and eye centres.

    import sys; sys.path.insert(0, 'models/face-detector')
    from face_detector import FaceDetector
    det = FaceDetector()                       # torch, CPU
    faces = det.detect([rgb_uint8_hwc, ...])   # list of dict or None, coordinates in fractions of width/height

Twins: square_region_input <-> toFaceInput (face-preprocess.ts), decode_faces <-> decodeFaces (face-decode.ts),
FaceDetector.detect <-> createFaceDetector(...).detect (face-detector.ts). Change both or neither.
"""
import math
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'training'))
from common import resize_taps, rgba_to_rgb  # noqa: E402  (the texture model's resize filter and compositing, shared)

MODEL_PATH = os.path.join(HERE, 'blazeface-front.onnx')
INPUT_SIZE = 128
ANCHOR_COUNT = 896
PAD_RGB = (0.0, 0.0, 0.0)
KEYPOINT_NAMES = ('leftEye', 'rightEye', 'nose', 'mouth', 'leftEar', 'rightEar')


def js_round(v):
    """Math.round of JavaScript (halves up), so that crops match the TS twin pixel for pixel."""
    return int(math.floor(v + 0.5))


# ---------------------------------------------------------------- model: the ONNX graph executed by torch

class OnnxBlazeFace(torch.nn.Module):
    """Executes the ONNX graph (Conv, Relu, Add, MaxPool, Pad, Transpose, Reshape, Concat) with torch ops."""

    def __init__(self, path=MODEL_PATH):
        super().__init__()
        model = onnx.load(path)
        self.nodes = list(model.graph.node)
        self.consts = {}
        for i, t in enumerate(model.graph.initializer):
            arr = numpy_helper.to_array(t)
            if arr.dtype == np.float32:
                p = torch.nn.Parameter(torch.from_numpy(arr.copy()), requires_grad=False)
                self.register_parameter(f'w{i}', p)
                self.consts[t.name] = p
            else:
                self.consts[t.name] = arr.tolist()
        self.outputs = [o.name for o in model.graph.output]

    @torch.no_grad()
    def forward(self, x):
        env = {'input': x}
        get = lambda n: env[n] if n in env else self.consts[n]  # noqa: E731
        for node in self.nodes:
            a = {at.name: onnx.helper.get_attribute_value(at) for at in node.attribute}
            i = node.input
            if node.op_type == 'Conv':
                t, l, b, r = a['pads']
                y = F.pad(get(i[0]), (l, r, t, b)) if any(a['pads']) else get(i[0])
                out = F.conv2d(y, get(i[1]), get(i[2]) if len(i) > 2 else None, stride=a['strides'], groups=a.get('group', 1))
            elif node.op_type == 'Relu':
                out = F.relu(get(i[0]))
            elif node.op_type == 'Add':
                out = get(i[0]) + get(i[1])
            elif node.op_type == 'MaxPool':
                t, l, b, r = a['pads']
                y = F.pad(get(i[0]), (l, r, t, b), value=-math.inf) if any(a['pads']) else get(i[0])
                out = F.max_pool2d(y, a['kernel_shape'], a['strides'])
            elif node.op_type == 'Pad':
                p = get(i[1])
                n = len(p) // 2
                torch_pad = []
                for d in reversed(range(n)):
                    torch_pad += [p[d], p[n + d]]
                out = F.pad(get(i[0]), torch_pad)
            elif node.op_type == 'Transpose':
                out = get(i[0]).permute(*a['perm'])
            elif node.op_type == 'Reshape':
                src = get(i[0])
                shape = [src.shape[k] if s == 0 else s for k, s in enumerate(get(i[1]))]
                out = src.reshape(*shape)
            elif node.op_type == 'Concat':
                out = torch.cat([get(n) for n in i], dim=a['axis'])
            else:
                raise NotImplementedError(node.op_type)
            env[node.output[0]] = out
        return tuple(env[o] for o in self.outputs)


# ---------------------------------------------------------------- preprocessing (twin of face-preprocess.ts)

def whole_image_region(width, height):
    side = max(width, height)
    return ((width - side) // 2, (height - side) // 2, side)


def resize_square_region(rgba, region, size, pad=PAD_RGB):
    """uint8 HxWx{3,4} + (x0, y0, side) -> float64 size x size x 3 in 0..255: the region (pad colour outside the
    image, alpha composited on white) with the runtime's antialiased triangle filter; twin of resizeRegion."""
    rgb = rgba_to_rgb(rgba)
    h, w = rgb.shape[:2]
    x0, y0, side = (js_round(v) for v in region)
    canvas = np.empty((side, side, 3), dtype=np.float64)
    canvas[:] = pad
    sx0, sy0 = max(0, x0), max(0, y0)
    sx1, sy1 = min(w, x0 + side), min(h, y0 + side)
    if sx1 > sx0 and sy1 > sy0:
        canvas[sy0 - y0:sy1 - y0, sx0 - x0:sx1 - x0] = rgb[sy0:sy1, sx0:sx1]
    idx, wt = resize_taps(side, size)
    tmp = np.zeros((size, side, 3), dtype=np.float64)
    for k in range(idx.shape[1]):
        tmp += wt[:, k, None, None] * canvas[idx[:, k]]
    out = np.zeros((size, size, 3), dtype=np.float64)
    for k in range(idx.shape[1]):
        out += wt[None, :, k, None] * tmp[:, idx[:, k]]
    return out


def square_region_input(rgba, region, mirror=False, size=INPUT_SIZE):
    """uint8 HxWx{3,4} + (x0, y0, side) -> float32 3 x size x size in -1..1, exactly like toFaceInput."""
    out = resize_square_region(rgba, region, size)
    if mirror:
        out = out[:, ::-1]
    return (out.transpose(2, 0, 1) / 127.5 - 1.0).astype(np.float32)


def anchors():
    out = []
    for grid, per_cell in ((16, 2), (8, 6)):
        for y in range(grid):
            for x in range(grid):
                for _ in range(per_cell):
                    out.append(((x + 0.5) / grid, (y + 0.5) / grid))
    return np.array(out, dtype=np.float64)


ANCHORS = anchors()


def sigmoid(v):
    return 1.0 / (1.0 + np.exp(-np.clip(v, -100, 100)))


def decode_faces(logits, regressors, min_score=0.5, iou_threshold=0.3):
    """One image's outputs -> list of unit-square detections, best first (MediaPipe weighted NMS)."""
    scores = sigmoid(np.asarray(logits, dtype=np.float64))
    reg = np.asarray(regressors, dtype=np.float64).reshape(ANCHOR_COUNT, 16) / INPUT_SIZE
    keep = np.nonzero(scores >= min_score)[0]
    keep = keep[np.argsort(-scores[keep], kind='stable')]
    cands = []
    for i in keep:
        ax, ay = ANCHORS[i]
        kp = reg[i, 4:].copy()
        kp[0::2] += ax
        kp[1::2] += ay
        cands.append(dict(score=scores[i], cx=reg[i, 0] + ax, cy=reg[i, 1] + ay, w=reg[i, 2], h=reg[i, 3], keypoints=kp))
    faces = []
    while cands:
        top = cands[0]
        group = [c for c in cands if _iou(top, c) > iou_threshold] or [top]
        rest = [c for c in cands if c not in group and c is not top]
        ws = np.array([g['score'] for g in group])
        merged = dict(score=top['score'])
        for k in ('cx', 'cy', 'w', 'h'):
            merged[k] = float(np.dot(ws, [g[k] for g in group]) / ws.sum())
        merged['keypoints'] = (ws[:, None] * np.stack([g['keypoints'] for g in group])).sum(0) / ws.sum()
        faces.append(merged)
        cands = rest
    return faces


def _iou(a, b):
    ix = min(a['cx'] + a['w'] / 2, b['cx'] + b['w'] / 2) - max(a['cx'] - a['w'] / 2, b['cx'] - b['w'] / 2)
    iy = min(a['cy'] + a['h'] / 2, b['cy'] + b['h'] / 2) - max(a['cy'] - a['h'] / 2, b['cy'] - b['h'] / 2)
    if ix <= 0 or iy <= 0:
        return 0.0
    inter = ix * iy
    return inter / (a['w'] * a['h'] + b['w'] * b['h'] - inter)


def unmirror(d):
    kp = d['keypoints'].reshape(6, 2).copy()
    kp[:, 0] = 1 - kp[:, 0]
    kp = kp[[1, 0, 2, 3, 5, 4]]
    return dict(d, cx=1 - d['cx'], keypoints=kp.reshape(-1))


def average(a, b):
    out = dict(score=max(a['score'], b['score']))
    for k in ('cx', 'cy', 'w', 'h'):
        out[k] = (a[k] + b[k]) / 2
    out['keypoints'] = (a['keypoints'] + b['keypoints']) / 2
    return out


def to_image(d, region, width, height):
    x0, y0, side = region
    px = lambda u: (x0 + u * side) / width  # noqa: E731
    py = lambda v: (y0 + v * side) / height  # noqa: E731
    kp = d['keypoints']
    face = dict(score=float(d['score']),
                box=dict(x=px(d['cx'] - d['w'] / 2), y=py(d['cy'] - d['h'] / 2),
                         width=d['w'] * side / width, height=d['h'] * side / height))
    for k, name in enumerate(KEYPOINT_NAMES):
        face[name] = dict(x=float(px(kp[2 * k])), y=float(py(kp[2 * k + 1])))
    return face


def crop_around(d, region, scale):
    x0, y0, side = region
    s = max(8, js_round(max(d['w'], d['h']) * side * scale))
    cx, cy = x0 + d['cx'] * side, y0 + d['cy'] * side
    return (js_round(cx - s / 2), js_round(cy - s / 2), s)


class FaceDetector:
    """detect(images) with the defaults of the TS detector: whole image and its mirror, averaged; refine=True adds
    a second pass on a crop of refine_scale x the face box (then the flip applies to the crop)."""

    def __init__(self, path=MODEL_PATH, refine=False, refine_scale=2.0, flip=True, min_score=0.5, iou_threshold=0.3):
        self.net = OnnxBlazeFace(path).eval()
        self.refine, self.refine_scale, self.flip = refine, refine_scale, flip
        self.min_score, self.iou_threshold = min_score, iou_threshold

    def run(self, inputs):
        """list of 3x128x128 float32 -> list of (logits [896], regressors [896*16]) numpy."""
        if not inputs:
            return []
        logits, reg = self.net(torch.from_numpy(np.stack(inputs)))
        return [(logits[i].numpy(), reg[i].reshape(-1).numpy()) for i in range(len(inputs))]

    def _on_regions(self, images, regions, use_flip):
        inputs = []
        for img, reg in zip(images, regions):
            inputs.append(square_region_input(img, reg))
            if use_flip:
                inputs.append(square_region_input(img, reg, mirror=True))
        outs = self.run(inputs)
        step = 2 if use_flip else 1
        results = []
        for j in range(len(images)):
            faces = decode_faces(*outs[j * step], self.min_score, self.iou_threshold)
            best = faces[0] if faces else None
            if best is not None and use_flip:
                mirrored = [unmirror(m) for m in decode_faces(*outs[j * step + 1], self.min_score, self.iou_threshold)]
                partner = next((m for m in mirrored if abs(m['cx'] - best['cx']) < best['w'] / 2
                                and abs(m['cy'] - best['cy']) < best['h'] / 2), None)
                if partner is not None:
                    best = average(best, partner)
            results.append(best)
        return results

    def detect(self, images):
        """images: list of uint8 HxWx{3,4} RGB(A) -> list of face dicts (or None): score, box{x,y,width,height},
        leftEye, rightEye, nose, mouth, leftEar, rightEar as {x, y}, all in fractions of image width/height;
        left/right as seen in the image."""
        images = [np.asarray(im) for im in images]
        wholes = [whole_image_region(im.shape[1], im.shape[0]) for im in images]
        first = self._on_regions(images, wholes, self.flip and not self.refine)
        out = [None] * len(images)
        todo = []
        for j, d in enumerate(first):
            if d is None:
                continue
            out[j] = to_image(d, wholes[j], images[j].shape[1], images[j].shape[0])
            if self.refine:
                todo.append(j)
        if todo:
            crops = [crop_around(first[j], wholes[j], self.refine_scale) for j in todo]
            second = self._on_regions([images[j] for j in todo], crops, self.flip)
            for j, crop, d in zip(todo, crops, second):
                if d is not None:
                    face = to_image(d, crop, images[j].shape[1], images[j].shape[0])
                    face['score'] = float(max(first[j]['score'], d['score']))
                    out[j] = face
        return out


# the detector's canonical FFHQ-aligned eye centres (twin of FFHQ_ALIGNED_LAYOUT in src/avatar/face-geometry.ts)
FFHQ_LEFT_EYE = (0.3723, 0.4831)
FFHQ_RIGHT_EYE = (0.6262, 0.4828)


def aligned_region(face, width, height, left=FFHQ_LEFT_EYE, right=FFHQ_RIGHT_EYE):
    """(x0, y0, side) in pixels of the square in which the face's eyes sit at the canonical positions (roll
    ignored); crop it with square_region_input or resize yourself. Twin of alignedRegion in face-geometry.ts."""
    lx, ly = face['leftEye']['x'] * width, face['leftEye']['y'] * height
    rx, ry = face['rightEye']['x'] * width, face['rightEye']['y'] * height
    canonical = math.hypot(right[0] - left[0], right[1] - left[1])
    side = max(1, js_round(math.hypot(rx - lx, ry - ly) / canonical))
    mid_x, mid_y = (left[0] + right[0]) / 2, (left[1] + right[1]) / 2
    return (js_round((lx + rx) / 2 - mid_x * side), js_round((ly + ry) / 2 - mid_y * side), side)


def load_rgb(path):
    """Decodes an image file to uint8 HxWx{3,4} (PIL if present, else OpenCV)."""
    try:
        from PIL import Image
        with Image.open(path) as im:
            im.seek(0)
            return np.asarray(im.convert('RGBA'))
    except ImportError:
        import cv2
        bgr = cv2.imread(path, cv2.IMREAD_COLOR)
        if bgr is None:
            raise ValueError(f'cannot decode {path}')
        return bgr[:, :, ::-1].copy()


if __name__ == '__main__':
    det = FaceDetector()
    for p in sys.argv[1:]:
        print(p, det.detect([load_rgb(p)])[0])
