"""Writes test/unit/avatar/face-align-parity.json: the aligned face crop as the Python recipe computes it
(align_cache.py: texture_region + resize_region), for test/unit/avatar/face-align.test.ts to compare with
src/avatar/face-align.ts.

Eye positions are given (not detected) so the test checks the crop alone: a synthetic RGBA pattern (no decoder
involved) with eyes that put the square inside, past every border and larger than the image; and real files of
../shared (decoded by OpenCV, as the recipe does) with the eyes the Python detector finds.

Usage: /usr/bin/python3 models/training/write_align_fixture.py
"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, '..', 'face-detector'))
from align_cache import TEXTURE_SIZE, resize_region, texture_region  # noqa: E402
from common import REPO, SHARED  # noqa: E402
from face_detector import FaceDetector  # noqa: E402
from imageio_cv import decode_rgba  # noqa: E402
from write_parity_fixture import summary, synthetic  # noqa: E402

OUT = os.path.join(REPO, 'test', 'unit', 'avatar', 'face-align-parity.json')
REAL_FILES = [
    'data/faces/sdfd-gebaltso/generated/' + sorted(os.listdir(os.path.join(SHARED, 'data/faces/sdfd-gebaltso/generated')))[0],
    'data/faces/tpdne-headshotclassification/generated/crossval_f0.jpg',
    'data/faces/lfw-genderclassifier-baileyfriend/real/Aaron_Eckhart_0001.jpg',
    'data/faces/utkface-facial_recognition_bias/real/10_0_0_20170103200329407.jpg.chip.jpg',
    'data/faces/celeba-humanfaceimagegenerator/real/000008.jpg',
]


def as_input(hwc):
    """float64 HWC 0..255 -> CHW float32 in -1..1, as toAlignedFaceInput."""
    return (hwc.transpose(2, 0, 1) / 127.5 - 1.0).astype(np.float32)


def eyes(lx, ly, rx, ry):
    return dict(leftEye=dict(x=lx, y=ly), rightEye=dict(x=rx, y=ry))


def shipped_model():
    """The exported network's PyTorch weights (train_aligned.py --holdout none), for a logits parity check."""
    import torch
    from train_aligned import RESULTS, TextureNet
    path = os.path.join(RESULTS, 'aligned-none.pt')
    if not os.path.exists(path):
        print(f'{path} missing: no logits in the fixture')
        return None
    with open(os.path.join(RESULTS, 'aligned-none.json')) as f:
        widths = json.load(f)['args']['widths']
    model = TextureNet(widths=tuple(widths))
    model.load_state_dict(torch.load(path))
    return model.eval()


def main():
    img = synthetic(53, 37)
    cases = []
    for name, face in [('inside', eyes(0.4, 0.45, 0.6, 0.47)), ('past top-left', eyes(0.05, 0.1, 0.25, 0.08)),
                       ('past bottom-right', eyes(0.8, 0.9, 0.95, 0.92)), ('larger than the image', eyes(0.1, 0.5, 0.9, 0.5)),
                       ('tiny, upscaled', eyes(0.5, 0.5, 0.55, 0.5))]:
        region = texture_region(face, 53, 37)
        cases.append(dict(name=name, eyes=face, region=dict(x0=region[0], y0=region[1], side=region[2]),
                          **summary(as_input(resize_region(img, region, TEXTURE_SIZE)))))
    det = FaceDetector()
    model = shipped_model()
    real = []
    for rel in REAL_FILES:
        rgba = decode_rgba(os.path.join(SHARED, rel))
        face = det.detect([rgba])[0]
        h, w = rgba.shape[:2]
        face = eyes(face['leftEye']['x'], face['leftEye']['y'], face['rightEye']['x'], face['rightEye']['y'])
        region = texture_region(face, w, h)
        x = as_input(resize_region(rgba, region, TEXTURE_SIZE))
        entry = dict(file=rel, eyes=face, region=dict(x0=region[0], y0=region[1], side=region[2]), **summary(x))
        if model is not None:
            import torch
            with torch.no_grad():
                entry['logits'] = [float(v) for v in model(torch.from_numpy(x[None]))[0]]
        real.append(entry)
    with open(OUT, 'w') as f:
        json.dump(dict(note='written by models/training/write_align_fixture.py (twin of src/avatar/face-align.ts); '
                            'files relative to ../shared, decoded by OpenCV', size=TEXTURE_SIZE,
                       synthetic=dict(width=53, height=37, cases=cases), real=real), f, indent=1)
    print(f'wrote {OUT}')


if __name__ == '__main__':
    main()
