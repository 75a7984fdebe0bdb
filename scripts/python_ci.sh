#!/usr/bin/env bash
# The Python stage of CI (.ci/run): a fresh venv, the wheel built and installed into it, then
# pytest over python/tests with pyspark, Ray Data and a Java runtime present, so the Spark and
# Ray tests run instead of skipping. pip's downloads are cached in ~/.cache/pip (or
# $PIP_CACHE_DIR), so a second run installs without the network.
#   scripts/python_ci.sh             # the whole stage
#   scripts/python_ci.sh --prepare   # only the JRE and the venv (.ci/run, in the background)
# With DOCGRID_CI_PREPARED=1 (.ci/run, after --prepare succeeded) the venv is used as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
venv=target/python/venv
python=${PYTHON:-python3}

# Spark needs a JVM; CI images may not have one.
if ! command -v java >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless
fi

if [ "${DOCGRID_CI_PREPARED:-}" = 1 ] && [ -x "$venv/bin/python" ]; then
    echo "python stage: venv prepared in the background"
else
    rm -rf "$venv"
    "$python" -m venv "$venv"
    "$venv/bin/pip" install -q -r python/requirements-ci.txt
    echo "python stage: venv and packages in $((SECONDS - started)) s"
fi
[ "${1:-}" = --prepare ] && exit 0

# A dev-profile wheel: the tests check behaviour, and the debug CLI is cargo test's.
PATH="$PWD/$venv/bin:$PATH" WHEEL_PROFILE=dev scripts/python_wheel.sh
"$venv/bin/pip" install -q --force-reinstall --no-deps target/python/wheels/docgrid-*.whl
echo "python stage: wheel built and installed after $((SECONDS - started)) s"

# python/ is not on sys.path here (pytest adds python/tests), so the tests import the wheel.
PATH="$PWD/$venv/bin:$PATH" "$venv/bin/python" -m pytest -q -rs -p no:cacheprovider python/tests
echo "python stage: done in $((SECONDS - started)) s"
