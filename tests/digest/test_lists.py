"""`case list` and `action list` of a whole book through the lists' cache: the same rows
as reading the files, cold and warm, and no names or free text in the cache."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import generated_book
from digest_book import SECRETS, action, adult, make_book, meeting, write_case
from typer.testing import CliRunner

from safecli.casework import listing
from safecli.casework.actions import list_actions
from safecli.cli.main import app
from safecli.digest import lists
from safecli.errors import FileFormatError
from safecli.store.book import find_book

LATER = 10**9 * 3600  # as if the scan ran an hour after the files were written


def generated(root: Path, cases: int) -> Path:
    return generated_book(root, cases, seed=3)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = generated(tmp_path / "book", 12)
    write_case(
        root,
        "SG-2026-9001",
        adult_text=adult("SG-2026-9001").replace("opened: 2026-11-02", "opened: [1, 2]"),
        meetings=[meeting("M1")],
        actions=[action("A1", "2026-11-30 10:30:00"), action("A2", "not a date")],
    )
    write_case(root, "SG-2026-9002", meetings=["- id: [M1\n"], actions=[action("A1", "2026-12-01")])
    write_case(root, "SG-2026-9003", adult_text="case: SG-2026-9003\nstatus: [\n")
    return root


def plain(rows: list[dict[str, Any]], *drop: str) -> list[dict[str, Any]]:
    """Rows as every view prints them: dates as text; the columns not shown left out."""
    return [
        {k: v.isoformat() if type(v) is dt.date else v for k, v in row.items() if k not in drop}
        for row in rows
    ]


@pytest.mark.parametrize("status", listing.STATUSES)
def test_case_rows_are_the_files_rows_cold_and_warm(root: Path, status: str) -> None:
    book = find_book(root)
    expected = plain(listing.case_rows(book, status), "name")
    for _ in ("cold", "warm"):
        rows = lists.case_rows(book, status, now_ns=time.time_ns() + LATER)
        assert plain(rows, "name") == expected
    assert (root / ".safecli" / lists.CACHE_NAME).is_file()


@pytest.mark.parametrize(
    ("open_only", "agency"), [(False, None), (True, None), (True, "police"), (False, "police")]
)
def test_action_rows_are_the_files_rows_cold_and_warm(
    root: Path, open_only: bool, agency: str | None
) -> None:
    book = find_book(root)
    expected = plain(
        list_actions(book, book.case_ids(), open_only=open_only, agency=agency), "description"
    )
    for _ in ("cold", "warm"):
        rows = lists.book_actions(
            book, open_only=open_only, agency=agency, now_ns=time.time_ns() + LATER
        )
        assert plain(rows, "description") == expected


def test_an_unreadable_actions_file_is_refused_as_without_the_cache(root: Path) -> None:
    path = root / "cases" / "SG-2026-0002" / "actions.yaml"
    path.write_text(path.read_text() + "- id: [A99\n")
    book = find_book(root)
    with pytest.raises(FileFormatError) as uncached:
        list_actions(book, book.case_ids())
    for _ in ("cold", "warm"):
        with pytest.raises(FileFormatError) as cached:
            lists.book_actions(book, open_only=False, agency=None, now_ns=time.time_ns() + LATER)
        assert str(cached.value) == str(uncached.value)


def test_an_edit_shows_up_in_the_next_list(root: Path) -> None:
    book = find_book(root)
    lists.case_rows(book, "all", now_ns=time.time_ns() + LATER)
    path = root / "cases" / "SG-2026-0001" / "adult.yaml"
    path.write_text(path.read_text().replace("risk_level: ", "risk_level: x", 1))
    rows = lists.case_rows(book, "all", now_ns=time.time_ns() + LATER)
    assert plain(rows, "name") == plain(listing.case_rows(book, "all"), "name")


def cli_json(root: Path, *args: str) -> tuple[int, list[dict[str, Any]]]:
    result = CliRunner().invoke(app, ["--book", str(root), *args, "--format", "json"])
    return result.exit_code, json.loads(result.stdout)


def test_the_commands_print_what_reading_the_files_prints(root: Path) -> None:
    for _ in ("cold", "warm"):
        code, cases = cli_json(root, "case", "list", "--status", "all")
        named = cli_json(root, "case", "list", "--status", "all", "--show-names")
        assert (code, cases) == (named[0], plain(named[1], "name"))
        described = cli_json(root, "action", "list", "--show-descriptions")
        assert cli_json(root, "action", "list") == (0, plain(described[1], "description"))
    shutil.rmtree(root / ".safecli")
    assert cli_json(root, "case", "list", "--status", "all") == (code, cases)


def test_the_cache_holds_no_names_addresses_or_free_text(tmp_path: Path) -> None:
    root = make_book(tmp_path / "book")
    write_case(root, "C1", meetings=[meeting("M1")], actions=[action("A1", "2026-11-30")])
    book = find_book(root)
    lists.case_rows(book, "all", now_ns=time.time_ns())
    lists.book_actions(book, open_only=False, agency=None, now_ns=time.time_ns())
    data = (root / ".safecli" / lists.CACHE_NAME).read_bytes()
    for secret in SECRETS:
        assert secret.encode() not in data, secret
