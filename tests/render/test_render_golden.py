"""Rendered documents of the bundled example cases, compared byte for byte.

Regenerate after an intended change with `SAFECLI_UPDATE_GOLDEN=1 pytest
tests/test_render_golden.py` and review the diff of tests/golden/.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from test_render import run

MESSAGE_ID = re.compile(rb"^Message-ID:\s+<[^@>\s]+@([^>\s]+)>$", re.MULTILINE)
GOLDEN = Path(__file__).resolve().parent / "golden"
AS_OF = "2026-12-01"
ALL = ("md", "html", "txt")
INVITATION = (*ALL, "ics", "eml")


def as_of(day: str) -> list[str]:
    """The day a document is rendered as of, instead of AS_OF."""
    return ["--as-of", day]


CASES: list[tuple[str, list[str], tuple[str, ...]]] = [
    # An invitation to a planned meeting and to a held one, in every format.
    ("SG-2026-0001/invitation-M3", ["invitation", "SG-2026-0001", "M3"], INVITATION),
    ("SG-2026-0001/invitation-M1", ["invitation", "SG-2026-0001", "M1"], INVITATION),
    (
        "SG-2026-0001/invitation-M3-gp",
        ["invitation", "SG-2026-0001", "M3", "--to", "gp"],
        ("txt", "eml"),
    ),
    ("SG-2026-0001/minutes-M2", ["minutes", "SG-2026-0001", "M2"], ALL),
    ("SG-2026-0001/plan", ["plan", "SG-2026-0001"], ALL),
    # Other shapes: Wales, a best-interests decision, disagreements, several meeting types.
    ("SG-2026-0002/invitation-M2", ["invitation", "SG-2026-0002", "M2"], ("md",)),
    ("SG-2026-0003/minutes-M3", ["minutes", "SG-2026-0003", "M3"], ("md",)),
    ("SG-2026-0004/minutes-M1", ["minutes", "SG-2026-0004", "M1"], ("md",)),
    ("SG-2026-0005/plan", ["plan", "SG-2026-0005"], ("md",)),
    # As each action stood on an earlier day: A1 done on 8 Oct was open at M1 (7 Oct);
    # A7's due date was 18 Nov until it was moved on 17 Nov.
    (
        "SG-2026-0001/minutes-M1-2026-10-07",
        ["minutes", "SG-2026-0001", "M1", *as_of("2026-10-07")],
        ("md",),
    ),
    ("SG-2026-0001/plan-2026-11-16", ["plan", "SG-2026-0001", *as_of("2026-11-16")], ("md",)),
    # Letters to the adult. SG-2026-0001 records 18pt large print, English.
    (
        "SG-2026-0001/letter-invitation-M3",
        ["invitation", "SG-2026-0001", "M3", "--to", "adult"],
        ALL,
    ),
    (
        "SG-2026-0001/letter-invitation-M3-easy",
        ["invitation", "SG-2026-0001", "M3", "--to", "adult", "--easy-read"],
        ALL,
    ),
    (
        "SG-2026-0001/letter-invitation-M3-14pt",
        ["invitation", "SG-2026-0001", "M3", "--to", "adult", "--large-print", "14"],
        ("html",),
    ),
    ("SG-2026-0001/letter-feedback-M2", ["feedback", "SG-2026-0001", "M2"], ALL),
    (
        "SG-2026-0001/letter-feedback-M2-easy",
        ["feedback", "SG-2026-0001", "M2", "--easy-read"],
        ALL,
    ),
    # SG-2026-0002 is in Wales and Emrys's language is Welsh: Welsh only, or both on request.
    ("SG-2026-0002/letter-feedback-M1", ["feedback", "SG-2026-0002", "M1"], ("md", "txt")),
    (
        "SG-2026-0002/letter-feedback-M1-both",
        ["feedback", "SG-2026-0002", "M1", "--lang", "both"],
        ("html", "txt"),
    ),
    (
        "SG-2026-0002/letter-feedback-M1-en",
        ["feedback", "SG-2026-0002", "M1", "--lang", "en", "--easy-read"],
        ("txt",),
    ),
]
# The same book in Wales: SG-2026-0001 (no language recorded) gets both, Welsh first;
# so do the professionals' documents.
WALES = [
    ("wales/SG-2026-0001/invitation-M3", ["invitation", "SG-2026-0001", "M3"], INVITATION),
    ("wales/SG-2026-0001/minutes-M2", ["minutes", "SG-2026-0001", "M2"], ALL),
    ("wales/SG-2026-0001/plan", ["plan", "SG-2026-0001"], ALL),
    (
        "wales/SG-2026-0001/letter-invitation-M3",
        ["invitation", "SG-2026-0001", "M3", "--to", "adult"],
        ALL,
    ),
    (
        "wales/SG-2026-0001/letter-invitation-M3-easy",
        ["invitation", "SG-2026-0001", "M3", "--to", "adult", "--easy-read"],
        ("html", "txt"),
    ),
    (
        "wales/SG-2026-0001/letter-feedback-M2-easy",
        ["feedback", "SG-2026-0001", "M2", "--easy-read"],
        ("txt",),
    ),
]
# SG-2026-0001 needing a Polish interpreter that M3 records as not arranged yet:
# the invitation and the letter say what the record says.
INTERPRETER = [
    ("interpreter/SG-2026-0001/invitation-M3", ["invitation", "SG-2026-0001", "M3"], ALL),
    (
        "interpreter/SG-2026-0001/letter-invitation-M3",
        ["invitation", "SG-2026-0001", "M3", "--to", "adult"],
        ("txt",),
    ),
    (
        "interpreter/SG-2026-0001/invitation-M3-cy",
        ["invitation", "SG-2026-0001", "M3", "--lang", "cy"],
        ("txt",),
    ),
]
# What stands in for a field that is not recorded comes from the catalogue, in Welsh too.
UNRECORDED = [
    (
        "unrecorded/SG-2026-0001/minutes-M2-cy",
        ["minutes", "SG-2026-0001", "M2", "--lang", "cy"],
        ALL,
    ),
    ("unrecorded/SG-2026-0001/plan-cy", ["plan", "SG-2026-0001", "--lang", "cy"], ALL),
]
# (file, recorded text, what it becomes: nothing recorded)
BLANKED = [
    ("adult.yaml", "name: Edith Marlow\n", "name: null\n"),
    ("adult.yaml", "  - type: psychological\n", "  - type: null\n"),
    ("adult.yaml", "  - decision: managing her money and bank accounts\n", "  - decision: null\n"),
    ("meetings.yaml", "  mode: in-person\n", "  mode: null\n"),
    ("meetings.yaml", "risk: Her grandson returns or asks for money again\n", "risk: null\n"),
    (
        "actions.yaml",
        (
            "  description: |\n    Help Edie move her gas, electricity and council tax to direct"
            " debit from\n    the new account, and agree a repayment plan for the energy arrears.\n"
        ),
        "  description: null\n",
    ),
]
PARAMS = [
    (f"{name}.{fmt}", args, fmt)
    for name, args, formats in CASES + WALES + INTERPRETER + UNRECORDED
    for fmt in formats
]


def needs_an_interpreter(book: Path) -> None:
    """Record, by command, that the adult needs a Polish interpreter not yet arranged for M3."""
    for command in (
        ["case", "update", "SG-2026-0001", "--interpreter", "Polish"],
        ["meeting", "update", "SG-2026-0001", "M3", "--interpreter-not-arranged"],
    ):
        result = run(book, *command, "--as-of", AS_OF)
        assert result.exit_code == 0, result.output


def blank(case: Path) -> None:
    """Take the BLANKED values out of a case, as if never recorded."""
    for name, recorded, nothing in BLANKED:
        path = case / name
        text = path.read_text(encoding="utf-8")
        assert recorded in text, (name, recorded)
        path.write_text(text.replace(recorded, nothing, 1), encoding="utf-8")


@pytest.mark.parametrize(("golden", "args", "fmt"), PARAMS, ids=[p[0] for p in PARAMS])
def test_golden(example_book: Path, tmp_path: Path, golden: str, args: list[str], fmt: str) -> None:
    if golden.startswith("wales/"):
        config = example_book / "safecli.yaml"
        config.write_text(
            config.read_text().replace("jurisdiction: england", "jurisdiction: wales")
        )
        # Her recorded language would choose English; unrecorded, a Welsh book sends both.
        adult = example_book / "cases" / "SG-2026-0001" / "adult.yaml"
        adult.write_text(adult.read_text().replace("  language: English\n", "  language: null\n"))
    if golden.startswith("interpreter/"):
        needs_an_interpreter(example_book)
    if golden.startswith("unrecorded/"):
        blank(example_book / "cases" / "SG-2026-0001")
    out = tmp_path / "rendered"
    day = [] if "--as-of" in args else ["--as-of", AS_OF]
    result = run(example_book, "render", *args, "--format", fmt, *day, "-o", str(out))
    assert result.exit_code == 0, result.output
    rendered = out.read_bytes()
    if fmt == "eml":  # unique in every message by design (make_msgid): compared as a shape
        rendered, found = MESSAGE_ID.subn(b"Message-ID: <unique@\\1>", rendered)
        assert found == 1, "an email has exactly one Message-ID"
    expected = GOLDEN / golden
    if os.environ.get("SAFECLI_UPDATE_GOLDEN") == "1":
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_bytes(rendered)
    assert expected.is_file(), f"no golden file {expected}; run with SAFECLI_UPDATE_GOLDEN=1"
    assert rendered == expected.read_bytes(), (
        f"{golden} differs from its golden file; if the change is intended, regenerate with "
        "SAFECLI_UPDATE_GOLDEN=1 and review the diff"
    )


def test_every_golden_file_is_checked() -> None:
    known = {name for name, _, _ in PARAMS}
    on_disk = {str(p.relative_to(GOLDEN)) for p in GOLDEN.rglob("*") if p.is_file()}
    assert on_disk == known


def test_feedback_is_shown_as_given_only_from_the_day_it_was_given(example_book: Path) -> None:
    # SG-2026-0001's M1 feedback was given on 9 Oct 2026, two days after the meeting.
    def shown(kind: str, day: str) -> str:
        args = ["minutes", "SG-2026-0001", "M1"] if kind == "minutes" else ["plan", "SG-2026-0001"]
        result = run(example_book, "render", *args, "--format", "txt", "--as-of", day)
        assert result.exit_code == 0, result.output
        return str(result.stdout)

    assert "Given on: not given yet" in shown("minutes", "2026-10-08")
    assert "Given on: 9 Oct 2026" in shown("minutes", "2026-10-09")
    assert "Given on: not given yet" in shown("plan", "2026-10-08")
    assert "Given on: 9 Oct 2026" in shown("plan", "2026-10-09")
