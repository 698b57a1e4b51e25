"""Writes the country data of the core crate from CLDR (the Unicode Common Locale Data
Repository):

- ``crates/citynets/data/country_codes.txt``: the ISO 3166-1 alpha-2 codes that are assigned,
  plus ``XK`` (Kosovo, used by the EU and the World Bank). A code is assigned when CLDR's
  ``codeMappings`` gives it an ISO numeric code below 900 (900-999 are ISO's user-assigned
  range, where CLDR keeps ``EU``, ``QO``, ``XA``, ``XB``, ``XK``, ``ZZ``); CLDR's other
  territories without a numeric code (``AC``, ``CP``, ``CQ``, ``DG``, ``EA``, ``IC``, ``TA``,
  ``EZ``, ``UN``) and the numeric macro-regions (``001``, ``150``...) are left out.
- ``crates/citynets/data/country_names.tsv``: ``code<TAB>name`` for every assigned code, in
  English, Dutch, French, German, Spanish, Italian, Portuguese and Polish, and in each country's
  own official languages (CLDR ``territoryInfo``, ``officialStatus`` ``official`` or
  ``de_facto_official``), with CLDR's ``-alt-short`` and ``-alt-variant`` forms. The names are
  written as CLDR spells them (NFC): the crate folds them when it loads them, with the one fold
  function it folds input with (``citynets::fold``), so the two can never disagree. The crate,
  not this script, drops a name that folds to the key of two codes (see
  ``crates/citynets/src/countries.rs``).
- ``crates/citynets/data/CLDR-LICENSE.txt``: CLDR's licence (Unicode License v3), copied from the
  installed package.

The npm packages are pinned; the output is sorted, so running the script twice gives the same
files. It needs ``npm`` (and the npm registry) only when it runs, never the crate.

    python python/tools/gen_countries.py            # rewrite the data files
    python python/tools/gen_countries.py --check    # fail if they are out of date
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

CLDR_VERSION = "48.2.0"
PACKAGES = [f"cldr-localenames-full@{CLDR_VERSION}", f"cldr-core@{CLDR_VERSION}"]
DATA = Path(__file__).resolve().parents[2] / "crates" / "citynets" / "data"
LANGUAGES = ["en", "nl", "fr", "de", "es", "it", "pt", "pl"]
OFFICIAL = {"official", "de_facto_official"}
KOSOVO = "XK"


def install(prefix: Path) -> Path:
    subprocess.run(
        ["npm", "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--silent", *PACKAGES],
        check=True,
    )
    return prefix / "node_modules"


def territories(modules: Path, locale: str) -> dict[str, str]:
    path = modules / "cldr-localenames-full" / "main" / locale / "territories.json"
    if not path.exists():
        return {}
    doc = json.loads(path.read_text(encoding="utf-8"))
    return doc["main"][locale]["localeDisplayNames"]["territories"]


def assigned_codes(modules: Path) -> list[str]:
    supplemental = modules / "cldr-core" / "supplemental"
    mappings = json.loads((supplemental / "codeMappings.json").read_text(encoding="utf-8"))
    mappings = mappings["supplemental"]["codeMappings"]
    english = territories(modules, "en")
    codes = {
        code
        for code in english
        if re.fullmatch("[A-Z]{2}", code) and int(mappings.get(code, {}).get("_numeric", "999")) < 900
    }
    codes.add(KOSOVO)
    return sorted(codes)


def official_locales(modules: Path, codes: list[str]) -> dict[str, list[str]]:
    """For each code, the locales of its official languages that CLDR has names in."""
    info = json.loads(
        (modules / "cldr-core" / "supplemental" / "territoryInfo.json").read_text(encoding="utf-8")
    )["supplemental"]["territoryInfo"]
    main = modules / "cldr-localenames-full" / "main"
    out: dict[str, list[str]] = {}
    for code in codes:
        locales = set()
        for lang, facts in info.get(code, {}).get("languagePopulation", {}).items():
            if facts.get("_officialStatus") not in OFFICIAL:
                continue
            lang = lang.replace("_", "-")
            base = lang.split("-")[0]
            for candidate in (lang, base, f"{base}-{code}", f"{lang}-{code}", f"{base}-Latn"):
                if (main / candidate / "territories.json").exists():
                    locales.add(candidate)
        out[code] = sorted(locales)
    return out


def names(modules: Path, codes: list[str]) -> list[tuple[str, str]]:
    wanted = set(codes)
    rows: set[tuple[str, str]] = set()

    def add(key: str, name: str) -> None:
        code = key.split("-alt-")[0]
        if code in wanted and (key == code or key.endswith(("-alt-short", "-alt-variant"))):
            rows.add((code, unicodedata.normalize("NFC", name.strip())))

    for locale in LANGUAGES:
        for key, name in territories(modules, locale).items():
            add(key, name)
    for code, locales in official_locales(modules, codes).items():
        for locale in locales:
            for key, name in territories(modules, locale).items():
                if key.split("-alt-")[0] == code:
                    add(key, name)
    return sorted(rows)


def render(modules: Path) -> dict[str, str]:
    codes = assigned_codes(modules)
    how = f"CLDR {CLDR_VERSION} (npm cldr-localenames-full and cldr-core), by python/tools/gen_countries.py; do not edit. Licence: CLDR-LICENSE.txt (Unicode License v3)."
    code_text = f"# ISO 3166-1 alpha-2 codes assigned, plus XK. From {how}\n" + "".join(
        f"{c}\n" for c in codes
    )
    rows = names(modules, codes)
    name_text = f"# code\tname: names of the countries. From {how}\n" + "".join(
        f"{c}\t{n}\n" for c, n in rows
    )
    licence = (modules / "cldr-localenames-full" / "LICENSE").read_text(encoding="utf-8")
    return {
        "country_codes.txt": code_text,
        "country_names.tsv": name_text,
        "CLDR-LICENSE.txt": licence,
    }


def main() -> int:
    check = "--check" in sys.argv[1:]
    with tempfile.TemporaryDirectory() as tmp:
        files = render(install(Path(tmp)))
    stale = []
    for name, text in files.items():
        path = DATA / name
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8", newline="\n")
    if stale:
        print("out of date: " + ", ".join(stale) + " (run python python/tools/gen_countries.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
