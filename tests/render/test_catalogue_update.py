"""The update docs/templates.md tells translators to run keeps every needs-review mark."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parents[2]
LOCALE = "src/safecli/locale"
WELSH = f"{LOCALE}/cy/LC_MESSAGES/safecli.po"


def documented(command: str) -> list[str]:
    """The arguments of the documented `pybabel <command>` line of docs/templates.md."""
    lines = (REPO / "docs" / "templates.md").read_text(encoding="utf-8").splitlines()
    found = [line for line in lines if line.startswith(f"pybabel {command} ")]
    assert len(found) == 1, f"docs/templates.md documents one pybabel {command}"
    return shlex.split(found[0])


def marks(po: Path) -> dict[str, tuple[bool, bool]]:
    """Each entry: (flagged fuzzy, commented as needing review)."""
    with open(po, "rb") as handle:
        catalog = read_po(handle)
    return {
        m.id: ("fuzzy" in m.flags, any("Needs review" in c for c in m.user_comments))
        for m in catalog
        if m.id
    }


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the catalogues, the working folder as at the top of the repository."""
    shutil.copytree(REPO / LOCALE, tmp_path / LOCALE)
    monkeypatch.chdir(tmp_path)
    return tmp_path / WELSH


def test_the_documented_update_keeps_the_review_marks(copy: Path) -> None:
    before = marks(copy)
    assert before and all(fuzzy and noted for fuzzy, noted in before.values())
    argv = documented("update")
    assert "--no-fuzzy-matching" in argv  # no guessed translations of new phrases
    CommandLineInterface().run(argv)
    assert marks(copy) == before


def test_an_extracted_comment_would_be_lost(copy: Path) -> None:
    # Why the mark is a translator comment (`# `): pybabel update rewrites the `#.` lines.
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace("\n# Needs review", "\n#. Needs review"), encoding="utf-8")
    CommandLineInterface().run(documented("update"))
    assert not any(noted for _fuzzy, noted in marks(copy).values())
    assert "Needs review" not in copy.read_text(encoding="utf-8")
