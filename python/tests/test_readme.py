"""The ```python code blocks of the repository README run.

Every block runs, in order, in one namespace, in a temporary directory; none is skipped.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def _run_blocks(path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> int:
    blocks = BLOCK.findall(path.read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__readme__"}
    for number, code in enumerate(blocks, start=1):
        try:
            exec(compile(code, f"{path.name} python block {number}", "exec"), namespace)
        except Exception as e:
            raise AssertionError(f"{path.name}: python block {number} failed: {e!r}\n{code}") from e
    return len(blocks)


# The README's Python section shows DataFrames: it needs pandas.
@pytest.mark.frames
def test_readme_python_blocks_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    count = _run_blocks(REPO / "README.md", monkeypatch, tmp_path)
    assert count >= 3, f"README.md has {count} ```python blocks; its Python section has three"
