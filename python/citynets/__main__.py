"""The ``citynets`` command line (the Rust one): ``python -m citynets`` and the ``citynets``
console script run it with the process's standard streams."""

from __future__ import annotations

import signal
import sys
import threading

from . import _core

__all__ = ["main"]


def main() -> None:
    """Runs the command line with ``sys.argv`` and exits with its status."""
    # Ctrl-C ends the command at once, as it does the Rust binary (Python's own handler would
    # only run once the Rust code returns).
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    # Whatever Python wrote so far goes out before the Rust side writes to the same streams.
    sys.stdout.flush()
    sys.stderr.flush()
    sys.exit(_core.run_cli(["citynets", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
