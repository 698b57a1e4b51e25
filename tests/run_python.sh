#!/usr/bin/env bash
# The Python package's test suite, on a fresh machine with Rust, Python 3.10+ and pip, along
# the paths a user installs by: a source distribution is made (maturin sdist), a wheel is built
# from it (what a user with Rust does with the sdist; the wheel is what a user without Rust
# installs), and that one wheel is installed into two new virtual environments:
# - target/py-venv, with pandas, polars, pyarrow, pytest, hypothesis and mypy: every test, stubtest of the stubs
#   against the installed package, and mypy --strict on the package and the example scripts;
# - target/py-venv-bare, with pytest and hypothesis only: every test that does not need a DataFrame library
#   (`-m "not frames"`, and test_frames.py), so the package is shown to work without pandas
#   and polars.
set -euo pipefail
cd "$(dirname "$0")/.."

start=$SECONDS
venv="$PWD/target/py-venv"
bare="$PWD/target/py-venv-bare"
dist="$PWD/target/dist"
python="${PYTHON:-python3}"

echo "== fresh virtual environments in target/py-venv and target/py-venv-bare"
rm -rf "$venv" "$bare" "$dist"
"$python" -m venv "$venv"
"$python" -m venv "$bare"
# maturin and pytest must come from the venvs, whatever else is on the machine.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "maturin>=1.9.4,<2" \
    "pytest>=8" \
    "hypothesis>=6.100" \
    "pandas>=2" \
    "pandas-stubs>=2" \
    "pyarrow>=14" \
    "polars>=1" \
    "mypy>=1.15" \
    "matplotlib>=3.8"
"$bare/bin/python" -m pip install --quiet --disable-pip-version-check "pytest>=8" "hypothesis>=6.100"

echo "== source distribution, and a wheel built from it (release)"
"$venv/bin/maturin" sdist --out "$dist"
sdist=$(ls "$dist"/citynets-*.tar.gz)
# The maturin just installed builds the wheel (no isolated build environment to download).
PATH="$venv/bin:$PATH" "$venv/bin/python" -m pip wheel --quiet --disable-pip-version-check \
    --no-build-isolation --no-deps --wheel-dir "$dist" "$sdist"
wheel=$(ls "$dist"/citynets-*.whl)
echo "built $(basename "$sdist") and $(basename "$wheel")"

for env in "$venv" "$bare"; do
    "$env/bin/python" -m pip install --quiet --disable-pip-version-check "$wheel"
done
"$venv/bin/python" -c "import citynets, sys; print('citynets', citynets.__version__, 'on Python', sys.version.split()[0])"

echo "== pytest, with pandas and polars"
# Exits non-zero on a failure, and with status 5 when no test is collected.
(export VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH"; unset PYTHONHOME; python -m pytest python/tests)

echo "== pytest, without pandas and polars (the tests that need them are deselected)"
(export VIRTUAL_ENV="$bare" PATH="$bare/bin:$PATH"; unset PYTHONHOME
 python -c "import importlib.util as u; assert not (u.find_spec('pandas') or u.find_spec('polars'))"
 # The test_frames*.py files import pandas and polars at their top: left out as wholes.
 python -m pytest -m "not frames" --ignore=python/tests/test_frames.py \
     --ignore=python/tests/test_frames_in.py --ignore=python/tests/test_frames_properties.py \
     python/tests)

export VIRTUAL_ENV="$venv"
export PATH="$venv/bin:$PATH"
unset PYTHONHOME

echo "== stubtest: the stubs agree with the installed package"
(cd "$venv" && python -m mypy.stubtest citynets)

echo "== mypy --strict: the package and the examples"
mypy --strict --no-incremental python/citynets
mypy --strict --no-incremental examples/*.py

echo "Python checks passed in $((SECONDS - start)) s"
