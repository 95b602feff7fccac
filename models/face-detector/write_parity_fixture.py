"""Writes test/unit/avatar/face-python-parity.json: what the Python twin (face_detector.py) computes, for the
TS tests to compare against src/avatar/face-*.ts.

1. preprocessing on a synthetic RGBA image (the same formula in both languages, so no image decoder is involved):
   whole-image letterbox, crops past every border, an upscaling crop, mirrored; checksums and sampled values;
2. detections (default detector: whole image + mirror; and with refine=True) on real images decoded by Python (PIL or OpenCV).

Usage: /usr/bin/python3 models/face-detector/write_parity_fixture.py
"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from face_detector import FaceDetector, aligned_region, load_rgb, square_region_input, whole_image_region  # noqa: E402

REPO = os.path.abspath(os.path.join(HERE, '..', '..'))
SHARED = os.environ.get('LENS_SHARED_DIR', os.path.join(REPO, '..', 'shared'))
OUT = os.path.join(REPO, 'test', 'unit', 'avatar', 'face-python-parity.json')

REAL_FILES = [
    'data/faces/tpdne-headshotclassification/generated/crossval_f0.jpg',
    'data/faces/whichfaceisreal-xrv0/generated/00d89be4-19df-4e00-b4de-03254adb7e34.jpg',
    'data/faces/fakefacessurvey-sergibot/real/person_10_.jpg',
    'data/faces/lfw-genderclassifier-baileyfriend/real/Aaron_Eckhart_0001.jpg',
    'data/faces/utkface-facial_recognition_bias/real/10_0_0_20170103200329407.jpg.chip.jpg',
    'data/faces/celeba-humanfaceimagegenerator/real/000008.jpg',
    'data/avatars-nonface/debian-emojify-emoji/+1.jpg',
]


def synthetic(width, height):
    """RGBA test pattern; twin of syntheticImage() in test/unit/avatar/face-preprocess.test.ts."""
    y, x = np.mgrid[0:height, 0:width]
    img = np.zeros((height, width, 4), dtype=np.uint8)
    img[:, :, 0] = (x * 7 + y * 3) % 256
    img[:, :, 1] = (x * y + 11) % 256
    img[:, :, 2] = (x * 13 + y * 29 + 5) % 256
    img[:, :, 3] = np.where((x + y) % 5 == 0, 128, 255)
    return img


def summary(t):
    flat = t.astype(np.float64).reshape(-1)
    idx = np.arange(flat.size)
    picks = [int(i) for i in np.linspace(0, flat.size - 1, 25).round()]
    return dict(sum=float(flat.sum()), sumSq=float((flat ** 2).sum()), checksum=float((flat * (idx % 97)).sum()),
                samples=[[i, float(flat[i])] for i in picks])


def main():
    cases = []
    img = synthetic(53, 37)
    regions = [('whole (letterbox)', whole_image_region(53, 37)), ('crop past top-left', (-9, -4, 30)),
               ('crop past bottom-right', (40, 20, 25)), ('larger than the image', (-20, -30, 100)),
               ('tiny crop, upscaled', (10, 10, 7))]
    for name, region in regions:
        for mirror in (False, True):
            cases.append(dict(name=name, region=dict(x0=region[0], y0=region[1], side=region[2]), mirror=mirror,
                              **summary(square_region_input(img, region, mirror=mirror))))
    det = FaceDetector()
    refining = FaceDetector(refine=True)
    real = []
    for rel in REAL_FILES:
        path = os.path.join(SHARED, rel)
        img = load_rgb(path)
        face = det.detect([img])[0]
        aligned = None if face is None else dict(zip(('x0', 'y0', 'side'), aligned_region(face, img.shape[1], img.shape[0])))
        refined = refining.detect([img])[0]
        real.append(dict(file=rel, width=img.shape[1], height=img.shape[0], face=face, aligned=aligned, refined=refined))
        print(rel, None if face is None else round(face['score'], 4))
    with open(OUT, 'w') as f:
        json.dump(dict(note='written by models/face-detector/write_parity_fixture.py (Python twin of src/avatar/face-*.ts); '
                            'files are relative to ../shared; real images decoded by PIL or OpenCV',
                       synthetic=dict(width=53, height=37, cases=cases), detections=real), f, indent=1)
    print('wrote', os.path.relpath(OUT, REPO))


if __name__ == '__main__':
    main()
