#!/usr/bin/env bash
# Builds the docgrid wheel into target/python/wheels: the extension with `maturin build
# --release` (the release profile of Cargo.toml, sharing this checkout's target/), and the
# release CLI copied into the wheel's scripts so `pip install docgrid` puts `docgrid` on PATH.
# Needs maturin on PATH (scripts/python_ci.sh installs it into target/python/venv).
# WHEEL_PROFILE=dev builds both in the dev profile instead: CI's wheel, which tests behaviour and
# reuses `cargo test`'s debug CLI rather than paying for two more release builds.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${WHEEL_PROFILE:-release}" = dev ]; then
    cargo build --bin docgrid
    cli=target/debug/docgrid maturin_profile=()
else
    cargo build --release --bin docgrid
    cli=target/release/docgrid maturin_profile=(--release)
fi
# maturin packs python/docgrid.data/scripts/* as the wheel's scripts (git-ignored: a build
# artefact, copied fresh each time so the wheel's CLI is the one just built).
rm -rf python/docgrid.data
mkdir -p python/docgrid.data/scripts
cp "$cli" python/docgrid.data/scripts/docgrid
# Without the line tables the release profile keeps (48 MB to about 10 MB), as maturin strips
# the extension (`strip = true` in pyproject.toml).
strip python/docgrid.data/scripts/docgrid
rm -rf target/python/wheels
(cd python && maturin build "${maturin_profile[@]}" --out ../target/python/wheels)
ls target/python/wheels/*.whl
