"""The case id format: numbering past four digits, the ids it accepts, the formats it
refuses; set by `init --case-id-format`, read by `case new` and by INT002."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import snapshot
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from safecli.cli.main import app
from safecli.errors import InvalidInput
from safecli.model import CASE_ID
from safecli.store.caseids import DEFAULT_FORMAT, parse_format

DEFAULT = parse_format(DEFAULT_FORMAT)
CASE_NEW = ("case", "new", "--risk", "high", "--lead-agency", "asc", "--lead-agency-name",
            "Adult Social Care", "--coordinator", "Sam Patel", "--concern-type", "financial",
            "--concern-summary", "Cash", "--name", "Ann Example", "--as-of",
            "2026-11-20")  # fmt: skip


@pytest.mark.parametrize(
    ("used", "expected"),
    [
        ([], "SG-2026-0001"),
        (["SG-2026-0001", "SG-2026-0007"], "SG-2026-0008"),
        (["SG-2026-9999"], "SG-2026-10000"),
        (["SG-2026-10000", "SG-2026-9999"], "SG-2026-10001"),
        (["SG-2025-0040", "case-notes", "SG-2026-ann"], "SG-2026-0001"),
    ],
)
def test_the_default_numbers_cases_past_four_digits(used: list[str], expected: str) -> None:
    assert DEFAULT.next_id(used, 2026) == expected


@pytest.mark.parametrize(
    ("case_id", "follows"),
    [
        ("SG-2026-0001", True),
        ("SG-2026-10000", True),
        ("SG-2026-001", False),
        ("SG-26-0001", False),
        ("SG-2026-ann", False),
        ("ann-smith", False),
        ("SG-2026-0001-x", False),
    ],
)
def test_the_default_accepts_only_its_own_ids(case_id: str, follows: bool) -> None:
    assert DEFAULT.matches(case_id) is follows


@pytest.mark.parametrize(
    ("text", "used", "expected", "shape"),
    [
        ("ASC-{number:05d}", ["ASC-00041"], "ASC-00042", "ASC-NNNNN"),
        ("{year}-{number}", ["2026-9"], "2026-10", "YYYY-N"),
        ("W.{year}_{number:03d}", [], "W.2026_001", "W.YYYY_NNN"),
    ],
)
def test_a_book_may_number_its_own_way(
    text: str, used: list[str], expected: str, shape: str
) -> None:
    form = parse_format(text)
    assert form.next_id(used, 2026) == expected
    assert form.matches(expected)
    assert form.shape == shape


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("SG/{number}", "the fixed text may hold letters, digits"),
        ("..{number}", "the fixed text may hold"),
        ("SG {number}", "the fixed text may hold"),
        ("{name}-{number}", "a field is {year} or {number}"),
        ("SG-{year:02d}-{number}", "a field is {year} or {number}"),
        ("SG-{number!r}", "a field is {year} or {number}"),
        ("SG-{number:4d}", "pads with zeros only"),
        ("SG-{number:x}", "pads with zeros only"),
        ("SG-{year}", "give {number} once"),
        ("{number}-{number}", "give {number} once"),
        ("SG-{number", "unbalanced braces"),
        ("-SG-{number}", "start with a letter, a digit or a field"),
        ("A" * 41 + "{number}", "keep the fixed text to 40 characters"),
    ],
)
def test_a_format_that_could_make_an_unsafe_or_ambiguous_id_is_refused(
    text: str, words: str
) -> None:
    with pytest.raises(InvalidInput, match=words.replace("{", r"\{").replace("}", r"\}")):
        parse_format(text)


PREFIX = st.text(alphabet="ABCXYZabc019_-.", min_size=0, max_size=12).filter(
    lambda p: ".." not in p and (not p or p[0].isalnum())
)


@given(
    prefix=PREFIX,
    width=st.integers(min_value=1, max_value=9),
    year=st.integers(min_value=1900, max_value=2200),
    number=st.integers(min_value=0, max_value=10**12),
)
def test_every_id_a_format_makes_is_a_safe_folder_name_it_accepts_and_counts_on_from(
    prefix: str, width: int, year: int, number: int
) -> None:
    form = parse_format(f"{prefix}{{year}}-{{number:0{width}d}}")
    made = form.next_id([f"{prefix}{year}-{number:0{width}d}"], year)
    assert form.matches(made)
    assert CASE_ID.match(made) and ".." not in made
    assert form.next_id([made], year) == f"{prefix}{year}-{number + 2:0{width}d}"


def _init(root: Path, *extra: str) -> int:
    args = ["init", str(root), "--organisation", "T", "--jurisdiction", "england", *extra]
    return CliRunner().invoke(app, args).exit_code


def test_init_sets_the_format_and_case_new_numbers_by_it(tmp_path: Path) -> None:
    root = tmp_path / "book"
    assert _init(root, "--case-id-format", "ASC-{number:05d}") == 0
    assert 'case_id_format: "ASC-{number:05d}"\n' in (root / "safecli.yaml").read_text()
    result = CliRunner().invoke(app, ["--book", str(root), *CASE_NEW])
    assert result.exit_code == 0, result.output
    assert (root / "cases" / "ASC-00001" / "adult.yaml").is_file()


def test_init_refuses_a_bad_format_and_writes_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["init", str(tmp_path / "book"), "--organisation", "T", "--jurisdiction", "england",
         "--case-id-format", "{name}-{number}"],
    )  # fmt: skip
    assert result.exit_code == 3
    assert "case_id_format: a field is {year} or {number}" in result.output
    assert not (tmp_path / "book").exists()


def test_a_bad_format_in_safecli_yaml_is_refused_at_its_line(tmp_path: Path) -> None:
    root = tmp_path / "book"
    assert _init(root) == 0
    config = root / "safecli.yaml"
    config.write_text(
        config.read_text().replace(
            'case_id_format: "SG-{year}-{number:04d}"', 'case_id_format: "SG/{number}"'
        )
    )
    line = config.read_text().splitlines().index('case_id_format: "SG/{number}"') + 1
    result = CliRunner().invoke(app, ["--book", str(root), "case", "list"])
    assert result.exit_code == 3
    assert f"safecli.yaml:{line}:1: case_id_format: the fixed text" in result.output


def test_case_new_id_off_the_format_is_refused_as_validate_reports_a_hand_made_folder(
    tmp_path: Path,
) -> None:
    root = tmp_path / "book"
    assert _init(root) == 0
    runner = CliRunner()
    before = snapshot(root)
    refused = runner.invoke(app, ["--book", str(root), *CASE_NEW, "--id", "SG-2026-ann"])
    assert refused.exit_code == 3
    assert snapshot(root) == before
    message = (
        "cases/SG-2026-ann/adult.yaml:1:1: error INT002 the case id (the folder name) does "
        "not follow this book's case ids, SG-YYYY-NNNN (case_id_format in safecli.yaml); "
        "case new gives the next free one (integrity)"
    )
    assert message in refused.output
    assert runner.invoke(app, ["--book", str(root), *CASE_NEW]).exit_code == 0
    (root / "cases" / "SG-2026-0001").rename(root / "cases" / "SG-2026-ann")
    adult = root / "cases" / "SG-2026-ann" / "adult.yaml"
    adult.write_text(adult.read_text().replace("case: SG-2026-0001", "case: SG-2026-ann"))
    validated = runner.invoke(
        app, ["--book", str(root), "validate", "--no-cache", "--select", "INT002"]
    )
    assert validated.exit_code == 1
    assert validated.output.splitlines()[0] == message


def test_a_five_digit_id_is_taken_and_counted_on_from(tmp_path: Path) -> None:
    root = tmp_path / "book"
    assert _init(root) == 0
    runner = CliRunner()
    made = runner.invoke(app, ["--book", str(root), *CASE_NEW, "--id", "SG-2026-10000"])
    assert made.exit_code == 0, made.output
    after = runner.invoke(app, ["--book", str(root), *CASE_NEW])
    assert "opened case SG-2026-10001" in after.output
