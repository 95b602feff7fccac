"""Decode every training image once into a uint8 cache (models/training/.cache/, gitignored).

Each image is centre-cropped to a square and resized to CACHE_SIZE with the runtime's own resize,
so native resolution never reaches the model directly (augmentation then downsizes at random).
The cache is rebuilt when the list of files changes.
"""
import hashlib
import json
import os
import sys
from multiprocessing import Pool

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import HERE, center_square, list_items, resize_square, rgba_to_rgb  # noqa: E402

CACHE_DIR = os.path.join(HERE, '.cache')
CACHE_SIZE = 160


def decode_rgba(path):
    with Image.open(path) as im:
        im.seek(0)
        return np.asarray(im.convert('RGBA'))


def load_one(path):
    rgb = center_square(rgba_to_rgb(decode_rgba(path)))
    out = resize_square(rgb, CACHE_SIZE)
    return np.clip(np.rint(out), 0, 255).astype(np.uint8)


def build():
    items = list_items()
    digest = hashlib.sha1(('\n'.join(it['key'] for it in items) + f'|{CACHE_SIZE}').encode()).hexdigest()
    os.makedirs(CACHE_DIR, exist_ok=True)
    index_path = os.path.join(CACHE_DIR, 'index.json')
    data_path = os.path.join(CACHE_DIR, 'images.u8')
    if os.path.exists(index_path) and os.path.exists(data_path):
        with open(index_path) as f:
            if json.load(f).get('digest') == digest:
                print(f'cache up to date: {len(items)} images')
                return
    arr = np.lib.format.open_memmap(data_path + '.tmp.npy', mode='w+', dtype=np.uint8,
                                    shape=(len(items), CACHE_SIZE, CACHE_SIZE, 3))
    with Pool(2) as pool:
        for i, img in enumerate(pool.imap(load_one, [it['path'] for it in items], chunksize=32)):
            arr[i] = img
            if i % 2000 == 0:
                print(f'  cached {i}/{len(items)}', flush=True)
    arr.flush()
    del arr
    os.replace(data_path + '.tmp.npy', data_path)
    with open(index_path, 'w') as f:
        json.dump({'digest': digest, 'size': CACHE_SIZE, 'items': items}, f)
    print(f'cache built: {len(items)} images')


def load_cache():
    with open(os.path.join(CACHE_DIR, 'index.json')) as f:
        index = json.load(f)
    images = np.load(os.path.join(CACHE_DIR, 'images.u8'), mmap_mode='r')
    return index['items'], np.ascontiguousarray(images)


if __name__ == '__main__':
    build()
