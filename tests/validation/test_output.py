"""How validate shows a finding's path: relative to the given folder when inside it."""

from __future__ import annotations

from pathlib import Path

from safecli.validation.output import Paths


def test_paths_are_relative_to_here_inside_the_book(tmp_path: Path) -> None:
    root = tmp_path / "book"
    (root / "cases").mkdir(parents=True)
    shown = Paths(root, root / "cases")
    assert shown("cases/SG-1/adult.yaml") == "SG-1/adult.yaml"


def test_paths_stay_book_relative_from_outside(tmp_path: Path) -> None:
    root = tmp_path / "book"
    root.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert Paths(root, elsewhere)("cases/SG-1/adult.yaml") == "cases/SG-1/adult.yaml"
