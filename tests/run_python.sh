#!/usr/bin/env bash
# The Python package's test suite, on a fresh machine with Rust, Python 3.10+ and pip: a new
# virtual environment under target/py-venv, the package built with maturin and installed into
# it (as `pip install .` does), then pytest on python/tests, stubtest of the stubs against the
# installed package, and mypy --strict on the package and the example scripts.
set -euo pipefail
cd "$(dirname "$0")/.."

start=$SECONDS
venv="$PWD/target/py-venv"
python="${PYTHON:-python3}"

echo "== fresh virtual environment in target/py-venv"
rm -rf "$venv"
"$python" -m venv "$venv"
export VIRTUAL_ENV="$venv"
export PATH="$venv/bin:$PATH"
unset PYTHONHOME
# maturin and pytest must come from the venv, whatever else is on the machine.
python -m pip install --quiet --disable-pip-version-check \
    "maturin>=1.9.4,<2" \
    "pytest>=8" \
    "pandas>=2" \
    "pandas-stubs>=2" \
    "polars>=1" \
    "mypy>=1.15" \
    "matplotlib>=3.8"

echo "== build the native module (release) and install the package"
# The maturin just installed builds the wheel (no isolated build environment to download).
python -m pip install --quiet --disable-pip-version-check --no-build-isolation .
python -c "import citynets, sys; print('citynets', citynets.__version__, 'on Python', sys.version.split()[0])"

echo "== pytest"
# Exits non-zero on a failure, and with status 5 when no test is collected.
python -m pytest python/tests

echo "== stubtest: the stubs agree with the installed package"
(cd "$venv" && python -m mypy.stubtest citynets)

echo "== mypy --strict: the package and the examples"
mypy --strict --no-incremental python/citynets
mypy --strict --no-incremental examples/*.py

echo "Python checks passed in $((SECONDS - start)) s"
