"""TS <-> Python parity fixture of the one-network avatar model (v4): test/unit/avatar/student-python.json.

For a few real files (square and non-square, a StyleGAN face, diffusion, real, non-face): the texture input's sum,
the PyTorch student's whole output row (texture logits, face logit, eyes in the centre square) and the face in
fractions of the image (the mapping of src/avatar/geometry-head.ts). The TS test runs the shipped ONNX through
onnxruntime-web on sharp-decoded files and must agree.

    /usr/bin/python3 models/training/write_student_fixture.py [models/avatar-detector.onnx | SAVED.pt]
"""
import json
import math
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import SHARED, to_model_input  # noqa: E402
from imageio_cv import decode_rgba  # noqa: E402
from train_student import load_student  # noqa: E402

REPO = os.path.abspath(os.path.join(HERE, '..', '..'))
OUT = os.path.join(REPO, 'test', 'unit', 'avatar', 'student-python.json')
FILES = [
    'data/faces/celeba-humanfaceimagegenerator/real/000008.jpg',
    'data/faces/tpdne-headshotclassification/generated',
    'data/faces/tpdne-headshotclassification/real',
    'data/faces/lfw-genderclassifier-baileyfriend/real',
    'data/faces/sdfd-gebaltso/generated',
    'data/faces/utkface-facial_recognition_bias/real',
    'data/avatars-nonface/debian-emojify-emoji',
]


def first_file(path):
    full = os.path.join(SHARED, path)
    if os.path.isfile(full):
        return path
    return os.path.join(path, sorted(os.listdir(full))[0])


def main():
    # the shipped one-network file (its PyTorch twin is rebuilt from the file's own parameters), or a saved head / network
    model = load_student(sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, 'models', 'avatar-detector.onnx')).eval()
    images = []
    for path in FILES:
        rel = first_file(path)
        rgba = decode_rgba(os.path.join(SHARED, rel))
        h, w = rgba.shape[:2]
        x = to_model_input(rgba)
        with torch.no_grad():
            row = model(torch.from_numpy(x)[None])[0].numpy().astype(float)
        side = min(w, h)
        x0, y0 = (w - side) // 2, (h - side) // 2
        to_img = lambda u, v: dict(x=(x0 + u * side) / w, y=(y0 + v * side) / h)  # noqa: E731
        score = 1 / (1 + math.exp(-row[3]))
        face = dict(score=score, leftEye=to_img(row[4], row[5]), rightEye=to_img(row[6], row[7])) if score >= 0.5 else None
        images.append(dict(file=rel, width=w, height=h, inputSum=float(np.sum(x, dtype=np.float64)), outputs=row.tolist(), face=face))
    with open(OUT, 'w') as f:
        json.dump(dict(note='written by models/training/write_student_fixture.py (PyTorch student); files are relative to ../shared',
                       images=images), f, indent=1)
        f.write('\n')
    print('wrote', OUT)


if __name__ == '__main__':
    main()
