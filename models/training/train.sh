#!/usr/bin/env bash
# Recipe for models/avatar-detector.onnx + .json (see models/MODEL_CARD.md).
# Usage: bash models/training/train.sh [--steps N] [--holdout-steps N] [--skip-holdouts]
# Needs Debian's python3-torch, python3-onnx, python3-numpy, python3-pil (apt) and ../shared/data.
set -euo pipefail
cd "$(dirname "$0")/../.."
export OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE PYTHONHASHSEED=0
/usr/bin/python3 -c 'import torch, onnx, numpy, PIL' 2>/dev/null || {
  echo "missing Python packages: apt-get install -y python3-torch python3-onnx python3-numpy python3-pil" >&2
  exit 1
}
test -d ../shared/data/faces || { echo "../shared/data/faces not found (training data)" >&2; exit 1; }
/usr/bin/python3 models/training/train.py "$@"
/usr/bin/python3 models/training/report.py
