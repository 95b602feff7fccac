#!/usr/bin/env bash
# Recipe for the avatar detector v3 (models/avatar-detector.onnx + .json, see models/MODEL_CARD.md).
#   1. splits_v3.py          dedup across sources by perceptual hash, then train / calibration / test (split-v3.json)
#   2. avatar-features.ts    every calibration and test image (clean and 64 px + JPEG q50) and a fixed sample of the
#                            training part through the shipped TypeScript pipeline: face detector + texture model
#   3. fit-avatar-fusion.ts  layout, geometry ratio, fusion and thresholds on the calibration part; test-part and
#                            held-out-family tables (metrics-v3.md / .json); writes avatar-detector.json
# The texture network's weights are v2's (train.py, 96 px CNN); pass --texture to retrain them first
# (python3-torch, ~1 h on 2 shared cores) — the splits assume train.py's own validation rule.
# Usage: bash models/training/train.sh [--texture [train.py options]]
set -euo pipefail
cd "$(dirname "$0")/../.."
export OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE PYTHONHASHSEED=0
test -d ../shared/data/faces || { echo "../shared/data/faces not found (training data)" >&2; exit 1; }
/usr/bin/python3 -c 'import numpy, cv2' 2>/dev/null || {
  echo "missing Python packages: apt-get install -y python3-numpy python3-opencv" >&2
  exit 1
}
if [ "${1:-}" = "--texture" ]; then
  shift
  /usr/bin/python3 -c 'import torch, onnx, PIL' 2>/dev/null || {
    echo "retraining the texture network needs: apt-get install -y python3-torch python3-onnx python3-pil" >&2
    exit 1
  }
  /usr/bin/python3 models/training/train.py "$@"
  /usr/bin/python3 models/training/report.py
fi
nice -n 10 /usr/bin/python3 models/training/splits_v3.py
nice -n 10 npx tsx scripts/avatar-features.ts --fresh
npx tsx scripts/fit-avatar-fusion.ts
