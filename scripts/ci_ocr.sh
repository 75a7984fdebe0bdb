#!/usr/bin/env bash
# The CI stage of the `ocr` feature: the models and ONNX Runtime from scripts/ocr_setup.sh
# (cached under ~/.cache/docgrid-ocr), then the OCR tests. Without pdftoppm/img2pdf, or when
# the setup cannot reach PyPI, the tests print SKIPPED and pass.
#   scripts/ci_ocr.sh             # the whole stage
#   scripts/ci_ocr.sh --prepare   # only the tools and the models (.ci/run, in the background)
set -euo pipefail
cd "$(dirname "$0")/.."
# The tests scan a report page themselves (pdftoppm, img2pdf): install them where missing, as
# python_ci.sh installs its JRE, so CI runs the OCR tests rather than printing SKIPPED.
if ! command -v pdftoppm >/dev/null 2>&1 || ! command -v img2pdf >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
        --no-install-recommends poppler-utils img2pdf; } >&2 ||
        echo "ci_ocr: could not install poppler-utils and img2pdf; the scan tests will print SKIPPED" >&2
fi
if env_lines="$(scripts/ocr_setup.sh --env)"; then
    eval "$env_lines"
else
    echo "ci_ocr: scripts/ocr_setup.sh failed; the OCR tests will print SKIPPED" >&2
fi
[ "${1:-}" = --prepare ] && exit 0
# Debug, like `cargo test` before it: the feature adds only ort and docgrid itself to build
# (35 s here; the three tests run 10 s), where a release build of the crate took minutes.
cargo test --features ocr --test ocr
