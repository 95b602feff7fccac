"""Image decoding for the v3 recipe with OpenCV (Debian python3-opencv, libjpeg-turbo like sharp).

Returns uint8 RGBA (H x W x 4), first frame, the same layout as src/avatar/decode-node.ts.
"""
import cv2
import numpy as np


def decode_rgba_bytes(data):
    arr = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_UNCHANGED)
    if arr is None:
        raise ValueError('cannot decode image')
    if arr.dtype != np.uint8:
        arr = (arr / 257).astype(np.uint8)
    if arr.ndim == 2:
        return cv2.cvtColor(arr, cv2.COLOR_GRAY2RGBA)
    if arr.shape[2] == 4:
        return cv2.cvtColor(arr, cv2.COLOR_BGRA2RGBA)
    return cv2.cvtColor(arr, cv2.COLOR_BGR2RGBA)


def decode_rgba(path):
    with open(path, 'rb') as f:
        return decode_rgba_bytes(f.read())
