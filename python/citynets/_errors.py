"""The exceptions the package raises, under one base, :class:`CitynetsError`.

Each one also keeps the builtin exception a Python user expects for its kind of failure, so
``except ValueError`` and ``except FileNotFoundError`` go on working, and ``except
citynets.CitynetsError`` catches everything the package raises on purpose. The native module
raises these classes itself (the Rust ``errors.rs`` of ``citynets-py`` imports them from here);
the Python parts of the package raise them too, never a bare builtin. ``ValidationError``, which
carries a report, is defined beside the report in ``_validation.py``.
"""

from __future__ import annotations

__all__ = [
    "CitynetsError",
    "CitynetsFileNotFoundError",
    "CitynetsImportError",
    "CitynetsIsADirectoryError",
    "CitynetsOSError",
    "CitynetsPermissionError",
    "CitynetsTypeError",
    "CitynetsValueError",
    "NetworkNotFoundError",
    "UnknownValueError",
    "check_types",
    "os_error",
]


class CitynetsError(Exception):
    """The base of every exception the citynets package raises."""


class CitynetsTypeError(CitynetsError, TypeError):
    """An argument of a type the function does not take (a ``str`` of JSON text given to
    :func:`citynets.validate`, a number where a name is expected)."""


class CitynetsValueError(CitynetsError, ValueError):
    """An argument or an input the package refuses: an option that does not apply, a sheet the
    workbook does not have, a document that is not a catalogue."""


class CitynetsImportError(CitynetsError, ImportError):
    """An optional dependency (pandas, polars) that a method needs is not installed."""


class CitynetsOSError(CitynetsError, OSError):
    """A file that cannot be read or written; ``errno`` and ``filename`` are set."""


class CitynetsFileNotFoundError(CitynetsOSError, FileNotFoundError):
    """A file that does not exist."""


class CitynetsIsADirectoryError(CitynetsOSError, IsADirectoryError):
    """A directory given where a file is expected."""


class CitynetsPermissionError(CitynetsOSError, PermissionError):
    """A file the process may not read or write."""


class UnknownValueError(CitynetsValueError):
    """A value that a closed vocabulary does not have (``PolicyArea("klimaat")``,
    ``filter(policy_area="mobilty")``); the message names the allowed values and the one
    probably meant."""

    vocabulary: str | None
    """The vocabulary's name (``"PolicyArea"``)."""
    value: str | None
    """The value as given."""
    suggestion: str | None
    """The value probably meant, when one is close enough (``"climate"`` for
    ``"klimaat"``)."""

    def __init__(
        self,
        message: str,
        vocabulary: str | None = None,
        value: str | None = None,
        suggestion: str | None = None,
    ) -> None:
        """Makes the error; the native module passes the vocabulary, the value and the
        suggestion besides the message."""
        super().__init__(message)
        self.vocabulary = vocabulary
        self.value = value
        self.suggestion = suggestion


class NetworkNotFoundError(CitynetsError, KeyError):
    """No network of a catalogue matches a query, or several match it equally; the message
    gives the near misses or the candidates."""

    query: str | None
    """The query as given."""

    def __init__(self, message: str, query: str | None = None) -> None:
        """Makes the error for a query."""
        super().__init__(message)
        self.query = query

    def __str__(self) -> str:
        # KeyError shows its argument quoted, as a key; this one is a sentence.
        return str(self.args[0]) if self.args else ""


def os_error(e: OSError) -> CitynetsOSError:
    """The package's exception for an ``OSError`` met while reading or writing a file: the
    subclass that matches (not found, a directory, no permission), with the same ``errno``,
    message and file name."""
    kind: type[CitynetsOSError]
    if isinstance(e, FileNotFoundError):
        kind = CitynetsFileNotFoundError
    elif isinstance(e, IsADirectoryError):
        kind = CitynetsIsADirectoryError
    elif isinstance(e, PermissionError):
        kind = CitynetsPermissionError
    else:
        kind = CitynetsOSError
    return kind(e.errno, e.strerror, e.filename)


def check_types(**arguments: object) -> None:
    """Raises :class:`CitynetsTypeError` for an argument of the wrong type, before the native
    module sees it: a name ending in ``_flag`` must be a ``bool`` (the suffix is dropped in the
    message), any other a ``str`` or ``None``."""
    for name, value in arguments.items():
        if name.endswith("_flag"):
            if not isinstance(value, bool):
                shown = name.removesuffix("_flag")
                raise CitynetsTypeError(f"{shown} is a bool, not {type(value).__name__}")
        elif value is not None and not isinstance(value, str):
            raise CitynetsTypeError(f"{name} is a str, not {type(value).__name__}")
