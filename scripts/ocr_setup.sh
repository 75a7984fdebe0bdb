#!/usr/bin/env bash
# Installs what `--features ocr` needs at run time, from PyPI, into a cache folder, and prints
# the two paths to export: the PP-OCRv4 models (inside the rapidocr-onnxruntime wheel) and
# ONNX Runtime's libonnxruntime.so (inside the onnxruntime wheel). `--no-deps`: only these two
# wheels, not opencv, numpy or the rest of RapidOCR's Python stack.
#   scripts/ocr_setup.sh            # then: eval "$(scripts/ocr_setup.sh --env)"
#   DOCGRID_OCR_CACHE=DIR scripts/ocr_setup.sh
set -euo pipefail
cache="${DOCGRID_OCR_CACHE:-$HOME/.cache/docgrid-ocr}"
python="${PYTHON:-python3}"
mkdir -p "$cache/wheels" "$cache/models"
if ! ls "$cache"/wheels/rapidocr_onnxruntime-*.whl >/dev/null 2>&1 \
    || ! ls "$cache"/wheels/onnxruntime-*.whl >/dev/null 2>&1; then
    "$python" -m pip download --quiet --no-deps -d "$cache/wheels" \
        "rapidocr-onnxruntime==1.4.4" "onnxruntime==1.32.0" >&2
fi
if [ ! -d "$cache/site/onnxruntime/capi" ] || [ ! -d "$cache/site/rapidocr_onnxruntime/models" ]; then
    "$python" -m pip install --quiet --no-deps --target "$cache/site" "$cache"/wheels/*.whl >&2
fi
cp "$cache"/site/rapidocr_onnxruntime/models/*.onnx "$cache/models/"
runtime="$(ls "$cache"/site/onnxruntime/capi/libonnxruntime.so* | head -1)"
if [ "${1:-}" = "--env" ]; then
    echo "export DOCGRID_OCR_MODELS='$cache/models'"
    echo "export ORT_DYLIB_PATH='$runtime'"
else
    echo "DOCGRID_OCR_MODELS=$cache/models"
    echo "ORT_DYLIB_PATH=$runtime"
fi
