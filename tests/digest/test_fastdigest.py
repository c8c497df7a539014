"""The warm digest's fast path (cli/fastdigest.py): the Typer command's answer, byte for byte.

`fast_overdue` is called in this process (its output captured) and the Typer
command through CliRunner (which never takes the fast path), on the bundled
example book and a generated one, warmed as a later run would find them (the
cache trusted, the settings kept). Everything the fast path does not answer
must come back as None, so that the Typer command answers it.
"""

from __future__ import annotations

import json
import os
import string
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from conftest import generated_book, safecli_in
from digest_book import adult, make_book, write_case
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.main import get_command
from typer.testing import CliRunner

from safecli.cli import fastdigest
from safecli.cli.main import app
from safecli.digest import warm
from safecli.digest.cache import collect
from safecli.store import book as storebook
from safecli.store import config as storeconfig
from safecli.store.book import find_book

LATER = 10**9 * 3600  # as if the run came an hour after the files were written
AS_OF = ["--as-of", "2026-12-01"]
VARIANTS = [
    [],
    ["--format", "markdown"],
    ["--format=json"],
    ["-f", "csv"],
    ["--by", "agency"],
    ["--by=case", "-f", "markdown"],
    ["--by", "lead", "--format", "json"],
    ["--agency", "police"],
    ["--agency", "gp", "--agency", "police", "--by", "agency"],
    ["--kind", "action-overdue", "--kind", "review-passed"],
    ["--risk", "high", "--risk", "low"],
    ["--lead", "asc:Sam Patel"],
    ["--within", "0d"],
    ["--within", "2w", "--format", "csv"],
    ["--show-names"],
    ["--show-names", "--hide-names"],
    ["--show-descriptions", "--format", "json"],
    ["--quiet-if-empty", "--kind", "enquiry-overdue"],
    ["--quiet-if-empty"],
    ["--fail-if-any"],
    ["--fail-if-any", "--kind", "enquiry-overdue"],
]


def warmed(root: Path) -> Path:
    """The book as a later digest finds it: every case cached and trusted, settings kept."""
    book = find_book(root)
    collect(book, now_ns=time.time_ns() + LATER)
    warm.remember(book, warm.BookSettings.of(book), started_ns=time.time_ns() + LATER)
    return root


def typer_run(root: Path, args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--book", str(root), "overdue", *args])
    return result.exit_code, result.stdout


def fast_run(root: Path, args: list[str], capsys: pytest.CaptureFixture[str]) -> Any:
    capsys.readouterr()
    code = fastdigest.fast_overdue(["--book", str(root), "overdue", *args])
    out, err = capsys.readouterr()
    assert err == ""
    return None if code is None else (code, out)


@pytest.fixture(scope="module")
def big_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return warmed(generated_book(tmp_path_factory.mktemp("gen") / "book", 40, 3))


@pytest.mark.parametrize("args", VARIANTS, ids=" ".join)
def test_the_fast_path_answers_as_the_typer_command_does(
    big_book: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    for as_of in (AS_OF, ["--as-of", "2026-06-01"]):
        expected = typer_run(big_book, [*as_of, *args])
        assert fast_run(big_book, [*as_of, *args], capsys) == expected


def test_the_example_book(example_book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warmed(example_book)
    answered = 0
    for args in VARIANTS:
        got = fast_run(example_book, [*AS_OF, *args], capsys)
        if got is not None:  # a name outside ASCII goes to the Typer command
            answered += 1
            assert got == typer_run(example_book, [*AS_OF, *args])
    assert answered >= len(VARIANTS) - 4


def test_the_default_day_is_today_in_the_books_timezone(
    big_book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert fast_run(big_book, ["--format", "json"], capsys) == typer_run(
        big_book, ["--format", "json"]
    )


def test_the_book_from_the_option_the_environment_or_the_folder(big_book: Path) -> None:
    table = fastdigest.load_table() or {}
    assert fastdigest.parse(["overdue"], table, {"SAFECLI_BOOK": "x"})[0] == "x"  # type: ignore[index]
    assert fastdigest.parse(["--book", "y", "overdue"], table, {"SAFECLI_BOOK": "x"})[0] == "y"  # type: ignore[index]
    assert fastdigest.parse(["overdue"], table, {"SAFECLI_BOOK": ""})[0] is None  # type: ignore[index]
    assert fastdigest.book_root(str(big_book / "cases")) is None
    assert fastdigest.book_root(str(big_book)) == os.path.realpath(big_book)
    inner = big_book / "cases" / "SG-2026-0001"
    with mock.patch("os.getcwd", return_value=str(inner)):
        assert fastdigest.book_root(None) == os.path.realpath(big_book)


@pytest.mark.parametrize(
    "args",
    [
        ["--case", "SG-2026-0001"],
        ["SG-2026-0001"],
        ["--no-cache"],
        ["--mail-dir", "out", "--from", "hub@example.org"],
        ["--help"],
        ["-h"],
        ["--format", "yaml"],
        ["--by", "nobody"],
        ["--risk", "extreme"],
        ["--lead", "nobody"],
        ["--as-of", "someday"],
        ["--within", "forever"],
        ["--excel"],
        ["-fjson"],
        ["--excel=yes"],
        ["--", "x"],
        ["--as-of"],
        ["--no-such-option"],
    ],
    ids=" ".join,
)
def test_what_the_fast_path_leaves_to_the_typer_command(
    big_book: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert fast_run(big_book, args, capsys) is None


def test_a_changed_case_settings_file_or_cache_goes_to_the_typer_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_book(tmp_path / "book")
    write_case(root, "SG-2026-0001")
    write_case(root, "SG-2026-0002", adult_text=adult("SG-2026-0002", opened="2026-11-01"))
    warmed(root)
    assert fast_run(root, AS_OF, capsys) == typer_run(root, AS_OF)
    (root / "safecli.yaml").write_text((root / "safecli.yaml").read_text() + "\n")
    assert fast_run(root, AS_OF, capsys) is None  # safecli.yaml changed: read it again
    warmed(root)
    assert fast_run(root, AS_OF, capsys) is not None
    actions = root / "cases" / "SG-2026-0002" / "actions.yaml"
    actions.write_text(actions.read_text() + "\n")
    assert fast_run(root, AS_OF, capsys) is None  # a case changed: read it again
    warmed(root)
    (root / ".safecli" / warm.SETTINGS_NAME).unlink()
    assert fast_run(root, AS_OF, capsys) is None  # no settings kept
    warmed(root)
    write_case(root, "SG-2026-0003")
    assert fast_run(root, AS_OF, capsys) is None  # a new case
    warmed(root)
    (root / "cases" / "SG-2026-0003" / "adult.yaml").write_text("name: [unclosed\n")
    warmed(root)
    assert fast_run(root, AS_OF, capsys) is None  # an unreadable case: Typer reports it


def test_settings_round_trip_through_the_kept_file(tmp_path: Path) -> None:
    root = make_book(tmp_path / "book")
    (root / "safecli.yaml").write_text(
        "organisation: Test Council\njurisdiction: wales\ntimezone: Europe/Paris\n"
        "show_names: true\nclosure_days: [2026-12-24, 2026-12-31]\n"
        "clocks:\n  wales:\n    enquiry_working_days: 9\n"
        "digest:\n  minutes_share_days: 9\n  first_meeting_days: {high: 1, low: 20}\n"
        "  episode_kinds: [police-call-out]\n"
        "meeting_types:\n  professionals:\n    must_record: [feedback]\n"
    )
    book = find_book(root)
    expected = warm.BookSettings.of(book)
    assert expected.show_names and expected.clocks.closure_days
    assert "professionals" in expected.owing
    assert warm.recall(str(root)) is None
    warm.remember(book, expected, started_ns=time.time_ns())  # just written: not trusted
    assert warm.recall(str(root)) is None
    warm.remember(book, expected, started_ns=time.time_ns() + LATER)
    assert warm.recall(str(root)) == expected
    assert (root / ".safecli" / warm.SETTINGS_NAME).stat().st_mode & 0o777 == 0o600


def test_the_settings_files_names_are_the_stores() -> None:
    assert warm.CONFIG_NAME == storeconfig.CONFIG_NAME
    assert warm.CACHE_DIR == storebook.CACHE_DIR


def test_the_stored_option_table_is_the_commands() -> None:
    assert fastdigest.load_table() == json.loads(json.dumps(fastdigest.option_table())), (
        "cli/fastdigest.json is stale: run "
        "`python -m safecli.cli.fastdigest > src/safecli/cli/fastdigest.json`"
    )


# The fast parse against click's own, on generated argument lists.

GROUP = get_command(app)
TABLE = fastdigest.load_table() or {}
SAFE = sorted(
    name
    for part in ("root", "options")
    for name, spec in TABLE[part].items()
    if not spec[4] and name not in ("--mail-dir",)
)
VALUES = st.sampled_from(
    ["", "x", "7d", "json", "agency", "police", "--as-of", "-f", "--", "-", "a=b", "overdue"]
)
TOKENS = st.one_of(
    st.sampled_from(SAFE),
    VALUES,
    st.builds(lambda n, v: f"{n}={v}", st.sampled_from(SAFE), VALUES),
    st.sampled_from(["-fjson", "-f=csv", "--excel=1", "--nope", "-x", "--help", "-h"]),
    st.text(string.ascii_lowercase + "-=", max_size=6),
)


def click_parse(args: list[str]) -> Any:
    """(the root's --book, the command's parameters) as click parses args; None on an error."""
    try:
        context = GROUP.make_context("safecli", list(args))
        rest = [*context._protected_args, *context.args]
        name, command, sub = GROUP.resolve_command(context, rest)
        params = command.make_context(name, sub, parent=context).params
    except Exception:  # noqa: BLE001  (click's usage errors, help's exit: no answer)
        return None
    if name != "overdue":
        return None
    return context.params["book"], {
        k: str(v) if isinstance(v, Path) else v for k, v in params.items()
    }


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(["--book", "b", "--book=c", "x"]), max_size=3),
    st.sampled_from(["overdue", "overdue", "case", "--book"]),
    st.lists(TOKENS, max_size=8),
    st.sampled_from([None, "", "envbook"]),
)
def test_the_fast_parse_is_clicks(
    root: list[str], word: str, rest: list[str], env: str | None
) -> None:
    args = [*root, word, *rest]
    environ = {} if env is None else {"SAFECLI_BOOK": env}
    fast = fastdigest.parse(args, TABLE, environ)
    if fast is None:
        return
    with mock.patch.dict(os.environ, environ, clear=False) as patched:
        if env is None:
            patched.pop("SAFECLI_BOOK", None)
        assert click_parse(args) == fast


def test_the_fast_parse_answers_the_usual_calls() -> None:
    for args in VARIANTS:
        full = ["--book", "b", "overdue", *AS_OF, *args]
        assert fastdigest.parse(full, TABLE, {}) is not None
        assert click_parse(full) == fastdigest.parse(full, TABLE, {})


@pytest.mark.slow
def test_the_installed_command_takes_the_fast_path(big_book: Path, tmp_path: Path) -> None:
    """The console script: the same bytes as the Typer command, and Typer not imported."""
    args = ["--book", str(big_book), "overdue", *AS_OF, "--by", "agency"]
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "from safecli.cli import run; run()", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    code, out = typer_run(big_book, args[3:])
    assert (done.returncode, done.stdout) == (code, out)
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()}
    assert "typer" not in imported and "yaml" not in imported and "ruamel.yaml" not in imported
    ran = safecli_in(tmp_path, *args)
    assert ran.stdout == out
