"""bench/code_counts.py counts modules, their lines and long functions of a source tree."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from conftest import REPO


def _counts() -> ModuleType:
    spec = importlib.util.spec_from_file_location("code_counts", REPO / "bench" / "code_counts.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_counts_modules_lines_and_long_functions(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    body = "".join(f"    x{i} = {i}\n" for i in range(61))
    (tmp_path / "pkg" / "long.py").write_text(f"def long():\n{body}\n" + "#\n" * 240)
    (tmp_path / "short.py").write_text("def short():\n    return 1\n")
    (tmp_path / "mid.py").write_text("A = 1\n" * 10)
    counts = _counts().measure(tmp_path)
    assert counts.modules == 3
    assert counts.max_lines == 303
    assert counts.median_lines == 10
    assert counts.over_300 == ("pkg/long.py (303)",)
    assert counts.long_functions == ("pkg/long.py:long (62)",)
