#!/usr/bin/env bash
# The whole test suite: formatting, lints, Rust tests (unit, integration, doctests), the docs
# (rustdoc warnings are errors), the schema
# drift check, a packaging check of the core crate, the command line on the exported catalogue,
# the memory of fix and validate on a million-row table, the Python package's tests, and the
# README's length (at most 300 lines).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== README.md is at most 300 lines"
readme_lines=$(wc -l < README.md)
if [ "$readme_lines" -gt 300 ]; then
    echo "README.md has $readme_lines lines; it must stay at 300 or fewer: move the detail to docs/" >&2
    exit 1
fi
echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --all-features -- -D warnings
echo "== cargo test"
cargo test --workspace --all-features
echo "== cargo doc, warnings as errors (what docs.rs builds: every feature)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --workspace --all-features --quiet
echo "== committed schemas are up to date"
cargo xtask schema --check
echo "== the core crate and its data crate package and build on their own"
# Packaged together: the core's optional `gazetteer` feature depends on the data crate, which
# is not on crates.io yet.
cargo package -p citynets-gazetteer -p citynets --allow-dirty --quiet
echo "== the export example prints a catalogue"
out="$(mktemp)"
cargo run -q --example export > "$out"
grep -q '"schema_version": "2"' "$out"
rm -f "$out"
echo "== the command line validates the catalogue it exports"
out="$(mktemp)"
cargo run -q -p citynets-cli -- export > "$out"
cargo run -q -p citynets-cli -- validate --strict --document catalogue "$out"
rm -f "$out"
echo "== CSV: the exported catalogue validates strictly from standard input"
cargo run -q -p citynets-cli -- export --format csv --delimiter ';' --bom \
    | cargo run -q -p citynets-cli -- validate --strict --format csv -
echo "== fix and validate a 1,000,000-row messy table within 64 MiB (release build)"
cargo build -q --release -p citynets-cli
python3 tests/memory_1m.py target/release/citynets
echo "== Python package (tests/run_python.sh)"
bash tests/run_python.sh
echo "all checks passed"
