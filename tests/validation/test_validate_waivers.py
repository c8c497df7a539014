"""Waivers: which findings a waiver comment covers; WAV001 (no reason), WAV002 (bad code)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rules_table import ACTIONS, ADULT, CLEAN, HELD, Row, case_files, check_row, make_book
from typer.testing import CliRunner

from safecli.cli.main import app
from safecli.store.book import find_book
from safecli.validation.rules import waivers
from safecli.validation.run import validate

REASON = "asked not to be invited; recorded by Sam Patel on 2026-11-03"
NOT_INVITED = HELD.replace("    invited: true\n", "    invited: false\n")
M2 = NOT_INVITED.replace("- id: M1", "- id: M2")


def _waived(
    tmp_path: Path, meetings: str
) -> tuple[list[tuple[str, int]], list[tuple[str, int, str]]]:
    files = case_files(Row("w", [], files={"meetings": meetings}))
    root = make_book(tmp_path / "book", files)
    report = validate(find_book(root), ["SG-2026-0001"], date(2026, 12, 1), use_cache=False)
    return (
        [(f.code, f.line) for f in report.findings],
        [(w.finding.code, w.finding.line, w.reason) for w in report.waived],
    )


@pytest.mark.parametrize(
    ("name", "meetings", "first_line"),
    [
        ("comment above the record", f"# safecli: waive EMP002 -- {REASON}\n" + NOT_INVITED, 14),
        (
            "in the comment block above the record",
            f"# safecli: waive EMP002 -- {REASON}\n# The first meeting.\n" + NOT_INVITED,
            15,
        ),
        (
            "at the end of the record's first line",
            NOT_INVITED.replace("- id: M1\n", f"- id: M1   # safecli: waive EMP002 -- {REASON}\n"),
            13,
        ),
        (
            "on the finding's line",
            NOT_INVITED.replace("  adult:\n", f"  adult:  # safecli: waive EMP002 -- {REASON}\n"),
            13,
        ),
        (
            "on the line above the finding",
            NOT_INVITED.replace(
                "  invited_on: 2026-11-05\n",
                f"  invited_on: 2026-11-05  # safecli: waive EMP002 -- {REASON}\n",
            ),
            13,
        ),
        (
            "two codes in one waiver",
            f"# safecli: waive PAR001, EMP002 -- {REASON}\n" + NOT_INVITED,
            14,
        ),
    ],
)
def test_a_waiver_with_a_reason_waives_the_finding(
    tmp_path: Path, name: str, meetings: str, first_line: int
) -> None:
    found, waived = _waived(tmp_path, meetings)
    assert found == []
    assert waived == [("EMP002", first_line, REASON)]


@pytest.mark.parametrize(
    ("name", "meetings", "line"),
    [
        (
            "a blank line ends the comment block",
            f"# safecli: waive EMP002 -- {REASON}\n\n" + NOT_INVITED,
            15,
        ),
        ("another code", f"# safecli: waive EMP001 -- {REASON}\n" + NOT_INVITED, 14),
        (
            "two lines above the finding",
            NOT_INVITED.replace(
                "  status: held\n", f"  status: held  # safecli: waive EMP002 -- {REASON}\n"
            ),
            13,
        ),
    ],
)
def test_a_waiver_elsewhere_waives_nothing(
    tmp_path: Path, name: str, meetings: str, line: int
) -> None:
    found, waived = _waived(tmp_path, meetings)
    assert found == [("EMP002", line)]
    assert waived == []


def test_a_waiver_covers_its_own_record_only(tmp_path: Path) -> None:
    meetings = f"# safecli: waive EMP002 -- {REASON}\n" + NOT_INVITED + M2
    found, waived = _waived(tmp_path, meetings)
    assert found == [("EMP002", 72)]
    assert waived == [("EMP002", 14, REASON)]


def test_a_waiver_without_reason_waives_nothing_and_is_reported(tmp_path: Path) -> None:
    found, waived = _waived(tmp_path, "# safecli: waive EMP002\n" + NOT_INVITED)
    assert found == [("WAV001", 1), ("EMP002", 14)]
    assert waived == []
    found, _ = _waived(tmp_path, "# safecli: waive EMP002 --   \n" + NOT_INVITED)
    assert found == [("WAV001", 1), ("EMP002", 14)]


def test_integrity_cannot_be_waived(tmp_path: Path) -> None:
    meetings = HELD.replace("- id: M1\n", f"- id: M1  # safecli: waive INT003 -- {REASON}\n")
    meetings = meetings.replace("engage_lead: asc", "engage_lead: gp")
    found, waived = _waived(tmp_path, meetings)
    assert found == [("WAV002", 1), ("INT003", 31)]
    assert waived == []


WAV001 = [
    Row("clean", []),
    Row(
        "waiver with a reason",
        [],
        edits={
            "actions": [
                ("- id: A1\n", ("- id: A1  # safecli: waive ACC003 -- set at the review\n"))
            ]
        },
    ),
    Row(
        "waiver without a reason",
        [("WAV001", 1, 11)],
        edits={"actions": [("- id: A1\n", "- id: A1  # safecli: waive ACC003\n")]},
    ),
    Row(
        "waiver with an empty reason",
        [("WAV001", 3, 5)],
        edits={"actions": [("  meeting: M1\n", "  meeting: M1\n    # safecli: waive ACC003 --\n")]},
    ),
]

WAV002 = [
    Row("clean", []),
    Row(
        "waiver of a standard",
        [],
        edits={
            "actions": [
                ("- id: A1\n", ("- id: A1  # safecli: waive ACC003 -- set at the review\n"))
            ]
        },
    ),
    Row(
        "waiver of an integrity rule",
        [("WAV002", 1, 11)],
        edits={"actions": [("- id: A1\n", "- id: A1  # safecli: waive INT002 -- later\n")]},
    ),
    Row(
        "waiver of no such rule",
        [("WAV002", 1, 11)],
        edits={"actions": [("- id: A1\n", "- id: A1  # safecli: waive ACC099 -- later\n")]},
    ),
    Row(
        "waiver naming no code",
        [("WAV002", 1, 11)],
        edits={"actions": [("- id: A1\n", "- id: A1  # safecli: waive -- later\n")]},
    ),
]


@pytest.mark.parametrize("row", WAV001, ids=[row.name for row in WAV001])
def test_wav001_reason(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "WAV001", row)


@pytest.mark.parametrize("row", WAV002, ids=[row.name for row in WAV002])
def test_wav002_code(tmp_path: Path, row: Row) -> None:
    check_row(tmp_path, "WAV002", row)


def test_scan_finds_waivers_by_their_text() -> None:
    text = (
        "- id: A1  # safecli: waive ACC003, acc006 -- set at the review, by Jo\n"
        "  # safecli: waive EMP002\n"
        "  note: '# safecli is mentioned here'\n"
    )
    assert waivers.scan(text) == [
        waivers.Waiver(1, 11, ("ACC003", "ACC006"), "set at the review, by Jo"),
        waivers.Waiver(2, 3, ("EMP002",), ""),
    ]
    assert waivers.scan(ACTIONS) == []


def test_show_waived_lists_them_with_their_reasons(tmp_path: Path) -> None:
    files = case_files(
        Row("w", [], files={"meetings": f"# safecli: waive EMP002 -- {REASON}\n" + NOT_INVITED})
    )
    root = make_book(tmp_path / "book", files)
    runner = CliRunner()
    args = ["--book", str(root), "validate", "--as-of", "2026-12-01", "--no-cache"]
    quiet = runner.invoke(app, args)
    assert (quiet.exit_code, quiet.stdout) == (0, "no problems (1 case checked, 1 waived)\n")
    shown = runner.invoke(app, [*args, "--show-waived"])
    assert shown.exit_code == 0
    assert shown.stdout == (
        "cases/SG-2026-0001/meetings.yaml:14:3: waived EMP002 M1: the adult is not invited and "
        "no reason is recorded (adult.not_invited_reason) (waiver on line 1: "
        f"{REASON})\nno problems (1 case checked, 1 waived)\n"
    )


def test_in_adult_yaml_the_record_is_the_top_level_key(tmp_path: Path) -> None:
    adult = ADULT.replace("  children: false", "  children: true").replace(
        "others_at_risk:\n", f"# safecli: waive PRT004 -- {REASON}\nothers_at_risk:\n"
    )
    root = make_book(tmp_path / "book", {**CLEAN, "adult": adult})
    report = validate(find_book(root), ["SG-2026-0001"], date(2026, 12, 1), use_cache=False)
    assert report.findings == ()
    assert [(w.finding.code, w.finding.line, w.line) for w in report.waived] == [("PRT004", 31, 26)]
