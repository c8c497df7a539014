"""A control character pasted into a case file: every command refuses it at
file:line:col with exit 3 (never a traceback), changes nothing, and the digest
lists that case as unreadable and goes on with the rest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import snapshot
from typer.testing import CliRunner

from safecli.cli.main import app

CASE = "SG-2026-0001"
WHERE = f"cases/{CASE}/adult.yaml:6:"


def run(book: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["--book", str(book), *args])


@pytest.fixture(params=["\x0b", "\x1b", "\x7f", "\x0c", "\x9b", "\ufffe"])
def pasted(request: pytest.FixtureRequest, example_book: Path) -> Path:
    adult = example_book / "cases" / CASE / "adult.yaml"
    text = adult.read_text(encoding="utf-8")
    adult.write_text(text.replace("name: Edith Marlow", f"name: Edith{request.param}Marlow"))
    return example_book


@pytest.mark.parametrize(
    "args",
    [
        ["case", "show", CASE],
        ["case", "list"],
        ["meeting", "list", CASE],
        ["render", "plan", CASE],
        [
            "action",
            "add",
            CASE,
            "--meeting",
            "M1",
            "--lead",
            "asc:Helen Forsyth",
            "--due",
            "2026-12-20",
            "Visit",
        ],
    ],
)
def test_every_command_refuses_with_the_place(pasted: Path, args: list[str]) -> None:
    before = snapshot(pasted)
    result = run(pasted, *args)
    assert result.exit_code == 3, result.output
    assert WHERE in result.output
    assert "Traceback" not in result.output
    assert snapshot(pasted) == before


def test_the_digest_lists_the_case_as_unreadable_and_goes_on(pasted: Path) -> None:
    result = run(pasted, "overdue", "--as-of", "2026-12-01", "-f", "json")
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    unreadable = [item for item in data["items"] if item["kind"] == "unreadable"]
    assert [item["case"] for item in unreadable] == [CASE]
    assert WHERE in unreadable[0]["detail"]
    assert {item["case"] for item in data["items"]} - {CASE}


def test_doctor_names_the_place(pasted: Path) -> None:
    result = run(pasted, "doctor")
    assert result.exit_code == 1, result.output
    assert f"fail  case files readable: {WHERE}" in result.output
    assert "Traceback" not in result.output


def test_validate_names_the_place(pasted: Path) -> None:
    result = run(pasted, "validate", CASE)
    assert result.exit_code != 0
    assert WHERE in result.output and "INT001" in result.output


def test_a_quoted_escape_is_refused_by_every_reader_alike(example_book: Path) -> None:
    adult = example_book / "cases" / CASE / "adult.yaml"
    text = adult.read_text(encoding="utf-8")
    adult.write_text(text.replace("name: Edith Marlow", 'name: "Mallory\\e[2J\\e[8m"'))
    for args in (["case", "show", CASE], ["validate", CASE]):
        result = run(example_book, *args)
        assert result.exit_code != 0
        assert WHERE in result.output and "U+001B (escape)" in result.output
    digest = run(example_book, "overdue", "--as-of", "2026-12-01")
    assert "unreadable" in digest.output and "\x1b" not in digest.output


def test_a_control_character_typed_in_a_flag_is_refused_as_input(book: Path) -> None:
    from conftest import NEW_CASE

    args = list(NEW_CASE)
    args[args.index("--concern-summary") + 1] = "Son\rwithdrawing\x1b[2J cash"
    before = snapshot(book)
    result = run(book, *args)
    assert result.exit_code == 3
    assert "a value given for adult.yaml contains" in result.output
    assert "CRLF" not in result.output and "nothing was written" in result.output
    assert snapshot(book) == before


def test_init_with_a_control_character_makes_no_book(tmp_path: Path) -> None:
    root = tmp_path / "book"
    result = CliRunner().invoke(
        app, ["init", str(root), "--organisation", "Org\x7f", "--jurisdiction", "england"]
    )
    assert result.exit_code == 3
    assert "--organisation contains a control character U+007F (delete)" in result.output
    assert not root.exists()
    again = CliRunner().invoke(
        app, ["init", str(root), "--organisation", "Org", "--jurisdiction", "england"]
    )
    assert again.exit_code == 0, again.output


def test_case_show_of_a_list_item_that_is_not_a_record_does_not_crash(example_book: Path) -> None:
    agencies = example_book / "cases" / CASE / "agencies.yaml"
    agencies.write_text(agencies.read_text(encoding="utf-8") + "- asc\n", encoding="utf-8")
    result = run(example_book, "case", "show", CASE)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 0, result.output
