"""`safecli … --help` answers from the stored texts, and they are what Typer prints."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import safecli_in
from typer.testing import CliRunner

from safecli.cli import helptext
from safecli.cli.main import app
from safecli.cli.reference import stored_texts

PATHS = ["", "case", "case new", "meeting record", "action list", "git setup", "merge-file"]


def typer_help(words: str, width: int) -> str:
    result = CliRunner().invoke(
        app, [*words.split(), "--help"], prog_name="safecli", terminal_width=width
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_the_stored_help_texts_are_up_to_date() -> None:
    assert Path(helptext.TABLE).read_text(encoding="utf-8") == stored_texts(), (
        "cli/helptexts.json is stale: run `python -m safecli.cli.reference > docs/cli.md`"
    )


@pytest.mark.parametrize("words", PATHS)
def test_the_installed_command_prints_what_typer_prints(
    words: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    for option in ("--help", "-h"):
        ran = safecli_in(tmp_path, *words.split(), option)
        assert (ran.exit_code, ran.stderr) == (0, "")
        assert ran.stdout == typer_help(words, 78)


def test_a_narrow_terminal_gets_typer_s_own_wrapping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    ran = safecli_in(tmp_path, "meeting", "record", "--help")
    assert ran.stdout == typer_help("meeting record", 58) != typer_help("meeting record", 78)


def test_anything_but_command_words_goes_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    assert helptext.stored_help(["case", "--help"]) == typer_help("case", 78)
    assert helptext.stored_help(["--book", "x", "case", "--help"]) is None
    assert helptext.stored_help(["case", "list", "SG-1", "--help"]) is None
    assert helptext.stored_help(["nosuch", "--help"]) is None
    assert helptext.stored_help(["case", "list"]) is None
    monkeypatch.setenv("_SAFECLI_COMPLETE", "complete_bash")
    assert helptext.stored_help(["case", "--help"]) is None


def test_an_unknown_command_s_help_is_typer_s_error(tmp_path: Path) -> None:
    ran = safecli_in(tmp_path, "nosuch", "--help")
    assert ran.exit_code == 2 and "No such command 'nosuch'" in ran.stderr
