"""The native module of citynets, built from the Rust crate ``citynets-py``: the catalogue, its
lookups and filters, the vocabularies, the schemas, the validator and the command line of the
Rust crates. Use the public API of :mod:`citynets` rather than this."""

from collections.abc import Callable
from typing import Any, Final, Literal, TypedDict, final

__all__ = [
    "__version__",
    "MAX_DEPTH",
    "NativeCatalogue",
    "catalogue_from_list",
    "vocabularies",
    "parse_vocabulary",
    "schema_json",
    "validate_bytes",
    "validate_path",
    "validate_object",
    "validate_frame",
    "convert_wide",
    "json_text",
    "fix_bytes",
    "fix_path",
    "fix_frame",
    "table_columns",
    "resolve_city",
    "city_place",
    "run_cli",
]

__version__: Final[str]
MAX_DEPTH: Final[int]
"""The deepest nesting the validator reads."""

class _ProblemDict(TypedDict):
    """One problem, with the snake_case twins of the Rust ``Problem`` fields."""

    path: str | None
    instance_location: str
    keyword_location: str
    record: int | None
    line: int | None
    column: int | None
    code: str
    severity: str
    message: str
    suggestion: str | None
    cell: str | None
    column_name: str | None

class _ReportDict(TypedDict):
    """A validation report: the problems kept, the counts, and the verdict."""

    problems: list[_ProblemDict]
    errors: int
    warnings: int
    records: int
    valid: bool

@final
class NativeCatalogue:
    """A catalogue document held by Rust: the embedded one, or a city's; lookups, searches,
    resolutions and filters over its own networks."""

    @staticmethod
    def ghent() -> NativeCatalogue:
        """The embedded catalogue of the City of Ghent."""
    @staticmethod
    def registry() -> NativeCatalogue:
        """The embedded registry of networks."""
    @staticmethod
    def from_json(text: str) -> NativeCatalogue:
        """Reads a catalogue document from JSON text."""
    @staticmethod
    def from_object(data: Any) -> NativeCatalogue:
        """Reads a catalogue document given as a dict of JSON types."""
    def to_json(self) -> str:
        """The catalogue as compact JSON text, as the Rust model writes it."""
    def lookup(self, query: str) -> str:
        """The id of the network a query names; ``NetworkNotFoundError`` otherwise."""
    def search(self, query: str) -> list[str]:
        """The ids of the networks the query may name or be about, best first."""
    def resolve(self, query: str) -> tuple[str, list[tuple[str, float, str]]]:
        """What the query names: ``"found"``, ``"ambiguous"`` or ``"not_found"``, with the
        candidates (id, score, kind of match), best first."""
    def filter(
        self,
        *,
        policy_area: str | None = None,
        orientation: str | None = None,
        scope: str | None = None,
        kind: str | None = None,
        focus: str | None = None,
    ) -> list[str]:
        """The ids of the networks that meet every condition (canonical vocabulary values)."""

def catalogue_from_list(
    path: str,
    city: str,
    country: str,
    source: str,
    catalogues: list[str | NativeCatalogue] | None = None,
    delimiter: str | None = None,
) -> tuple[str, list[tuple[int, str, str, list[tuple[str, str, float]]]], int]:
    """A city's list of networks as a catalogue document (JSON text), the rows left, and the
    number of data rows."""

def vocabularies() -> list[tuple[str, str, list[tuple[str, str, str, str, str]]]]:
    """Every vocabulary: (name, description, [(value, label, label_nl, label_fr, description)])."""

def parse_vocabulary(name: str, text: str, lenient: bool) -> str:
    """The value of vocabulary ``name`` that ``text`` spells (with ``lenient``, a label or an
    alias too); ``UnknownValueError`` naming the value probably meant otherwise."""

def schema_json(name: str) -> str:
    """The committed JSON Schema of ``catalogue``, ``network`` or ``membership`` as text."""

def validate_bytes(
    data: bytes,
    document: str | None = None,
    format: str | None = None,
    path: str | None = None,
    strict: bool = False,
    catalogues: list[str | NativeCatalogue] | None = None,
    sheet: str | None = None,
) -> _ReportDict:
    """Validates JSON or NDJSON text, or a workbook, held in memory, without the GIL;
    ``ValueError`` when a workbook is refused (no such sheet, too large)."""

def validate_path(
    path: str,
    document: str | None = None,
    format: str | None = None,
    strict: bool = False,
    catalogues: list[str | NativeCatalogue] | None = None,
    sheet: str | None = None,
) -> _ReportDict:
    """Validates a file read as a stream (a workbook read with seeks), without the GIL;
    ``OSError`` when it cannot be read, ``ValueError`` when a workbook is refused."""

class _ChangeDict(TypedDict):
    record: int
    line: int | None
    column: str | None
    field: str
    before: str
    after: str
    rule: str
    note: str | None

class _FixDict(TypedDict):
    """What fixing found: the output (``None`` when written to a file), the changes, the
    report on the output, and the counts."""

    output: bytes | None
    changes: list[_ChangeDict]
    report: _ReportDict
    records: int
    changed: int
    left: int
    document: str | None
    format: str | None

def fix_bytes(
    data: bytes,
    document: str | None = None,
    format: str | None = None,
    path: str | None = None,
    date_order: str | None = None,
    catalogues: list[str | NativeCatalogue] | None = None,
    sheet: str | None = None,
    city_names: str | None = None,
) -> _FixDict:
    """Fixes text (or a workbook) held in memory, without the GIL."""

def fix_path(
    path: str,
    output: str,
    document: str | None = None,
    format: str | None = None,
    date_order: str | None = None,
    catalogues: list[str | NativeCatalogue] | None = None,
    sheet: str | None = None,
    city_names: str | None = None,
) -> _FixDict:
    """Fixes a file into another, read and written as streams, without the GIL."""

class _PlaceDict(TypedDict):
    geonames_id: int
    country: str
    admin1: str
    population: int
    name: str
    english: str
    local: str

class _CityMatchDict(TypedDict):
    status: Literal["found", "ambiguous", "elsewhere", "unknown"]
    stored: bool
    namesakes: int
    places: list[_PlaceDict]

def resolve_city(name: str, country: str | None = None) -> _CityMatchDict:
    """What a city name means, read with its country: the gazetteer's answer."""

def city_place(geonames_id: int) -> _PlaceDict | None:
    """The gazetteer's place with a GeoNames id."""

def validate_object(
    data: Any,
    document: str | None = None,
    strict: bool = False,
    catalogues: list[str | NativeCatalogue] | None = None,
) -> _ReportDict:
    """Validates a dict, or a list or tuple of records, made of JSON types."""

def validate_frame(
    names: list[str],
    rows: int,
    read: Callable[[int, int], list[list[Any]]],
    document: str | None = None,
    strict: bool = False,
    catalogues: list[str | NativeCatalogue] | None = None,
) -> _ReportDict:
    """Validates a DataFrame's columns as the table of its cells: ``read(start, count)`` gives
    one list per column of the values of those rows."""

def fix_frame(
    names: list[str],
    rows: int,
    read: Callable[[int, int], list[list[Any]]],
    document: str | None = None,
    date_order: str | None = None,
    catalogues: list[str | NativeCatalogue] | None = None,
    city_names: str | None = None,
) -> _FixDict:
    """Fixes a DataFrame's columns as the table of its cells; the output is the fixed table as
    CSV text."""

def table_columns(text: bytes, wanted: list[int]) -> tuple[list[str], list[list[str | None]]]:
    """The header of the table ``fix_frame`` wrote, and the cells of its columns at
    ``wanted`` (``None`` for an empty cell)."""

def convert_wide(
    path: str,
    catalogues: list[str | NativeCatalogue] | None = None,
    delimiter: str | None = None,
) -> tuple[bytes, _ReportDict]:
    """Reads a wide table as membership records: NDJSON text of the valid ones, and the
    report."""

def json_text(data: Any) -> bytes:
    """Python objects as the JSON text the validator reads from them (absent values left
    out)."""

def run_cli(argv: list[str]) -> int:
    """Runs the ``citynets`` command line on the process's standard streams; the exit status."""
