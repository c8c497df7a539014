"""One rulebook, rule by rule: the command that would break each rule, and the same
finding from validate on a file edited by hand.

Every rule of validation/rules/ has a row (a test fails when a rule is added without
one). A row that a command can break names it: for an error the command is refused
with the rule's code at the place validate reports on the hand-edited file (exit 3,
nothing written); for a warning the command saves and prints the finding, and
validate reports the very same line on what it saved. A row no command can break
says why, with the hand edit validate reports.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import snapshot
from practice import Found, Practice, found_in, open_book

from safecli.validation.rules import RULES

CASE = "SG-2026-0001"
OTHER = "SG-2026-0002"
CASE_NEW = ("case", "new", "--risk", "high", "--lead-agency", "asc", "--lead-agency-name",
            "Adult Social Care", "--coordinator", "Sam Patel", "--concern-type", "financial",
            "--concern-summary", "Cash", "--care-needs", "--at-risk",
            "--unable-to-protect")  # fmt: skip
PLANNED = (
    (*CASE_NEW, "--name", "Ann Example", "--dob", "1950-01-01", "--as-of", "2026-11-20"),
    ("agency", "add", CASE, "asc", "--person", "Jo Chair"),
    ("agency", "add", CASE, "police", "--name", "Police", "--kind", "police", "--person",
     "DC Lee Jones"),
    ("agency", "add", CASE, "health", "--name", "Health", "--kind", "health", "--person",
     "Dr Ravi Menon"),
    ("case", "wishes", CASE, "--asked-on", "2026-11-20", "--outcome", "Stay home", "--as-of",
     "2026-11-20"),
    ("case", "others-at-risk", CASE, "--no-children", "--no-adults", "--as-of", "2026-11-20"),
    ("meeting", "new", CASE, "--type", "s42-strategy", "--format", "discussion", "--mode",
     "telephone", "--when", "2026-11-24 10:00", "--purpose", "Plan", "--chair", "asc:Jo Chair",
     "--invite", "police:DC Lee Jones:Investigating", "--adult-invited", "--as-of",
     "2026-11-20"),
)  # fmt: skip
RECORD = ("meeting", "record", CASE, "M1", "--held-on", "2026-11-24", "--attendee",
          "asc:Jo Chair", "--attendee", "police:DC Lee Jones")  # fmt: skip
FULL = ("--wishes", "Stay home", "--wishes-obtained-by", "Visit", "--risk", "R|P|B",
        "--others-reviewed", "--adults", "None", "--children", "None", "--decision",
        "Enquiry", "--review", "2026-12-08", "--feedback-how", "Visit", "--feedback-by",
        "asc:Sam Patel", "--feedback-due", "2026-11-25")  # fmt: skip
HELD = (
    *PLANNED,
    (*RECORD, *FULL, "--as-of", "2026-11-24"),
    ("action", "add", CASE, "--meeting", "M1", "--lead", "asc:Sam Patel", "--due",
     "2026-11-30", "--risk", "1", "Bank", "--as-of", "2026-11-24"),
    ("meeting", "share", CASE, "M1", "--with", "asc", "--with", "police", "--on", "2026-11-24",
     "--as-of", "2026-11-24"),
)  # fmt: skip
BASES = {"planned": PLANNED, "held": HELD}
NEW_MEETING = ("meeting", "new", CASE, "--format", "meeting", "--mode", "telephone", "--when",
               "2026-11-27 10:00", "--purpose", "Plan", "--as-of", "2026-11-20")  # fmt: skip
BEST_INTERESTS = (*NEW_MEETING, "--type", "best-interests", "--adult-invited",
                  "--decision-maker", "health:Dr Ravi Menon")  # fmt: skip
BI_RECORD = ("meeting", "record", CASE, "M2", "--held-on", "2026-11-27", "--attendee",
             "asc:Jo Chair", "--wishes", "Stay home", "--decision", "Stay",
             "--capacity-decision", "Where to live", "--capacity-assessed-on", "2026-11-27",
             "--capacity-assessed-by", "health:Dr Ravi Menon", "--best-interests-decision",
             "Stay", "--as-of", "2026-11-27", "--capacity-outcome")  # fmt: skip
# file kind, text to replace, replacement; or ("folder", case id, new folder name)
Edit = tuple[str, str, str]


@dataclass(frozen=True)
class Breaks:
    """A command (after `setup`) that breaks the rule, from the base case; `edit` makes
    the same change by hand (for an error, whose command writes nothing)."""

    base: str
    command: tuple[str, ...]
    setup: tuple[tuple[str, ...], ...] = ()
    edit: Edit | None = None
    before_edit: tuple[str, ...] | None = None  # a command run before the hand edit


@dataclass(frozen=True)
class Unbreakable:
    """No command can break the rule: why; and a hand edit validate reports it on."""

    reason: str
    base: str
    edit: Edit
    setup: tuple[tuple[str, ...], ...] = ()


TABLE: dict[str, Breaks | Unbreakable] = {
    "INT001": Unbreakable(
        "commands write only text they have dumped and read back; a file that cannot be "
        "read is made outside safecli",
        "planned",
        ("actions", "[]", "[oops"),
    ),
    "INT002": Breaks(
        "planned",
        (
            "case",
            "new",
            "--id",
            "ann-smith",
            *CASE_NEW[2:],
            "--name",
            "Ann Smith",
            "--as-of",
            "2026-11-20",
        ),
        edit=("folder", CASE, "ann-smith"),
    ),
    "INT003": Breaks(
        "planned",
        (
            "case",
            "event",
            "add",
            CASE,
            "--on",
            "2026-11-19",
            "--kind",
            "contact",
            "--by",
            "fire",
            "--as-of",
            "2026-11-20",
        ),
        edit=(
            "adult",
            "capacity: []",
            (
                "capacity: []\nevents:\n  - happened_on: 2026-11-19\n"
                "    kind: contact\n    agency: fire"
            ),
        ),
    ),
    "INT004": Unbreakable(
        "every choice a command takes is parsed against the vocabulary INT004 checks, so "
        "a wrong value is refused as a usage error naming the choices",
        "planned",
        ("adult", "risk_level: high", "risk_level: extreme"),
    ),
    "INT005": Breaks(
        "held",
        ("action", "done", CASE, "A1", "--on", "2026-11-10", "--as-of", "2026-11-25"),
        edit=("actions", "status: open\n  done_on: null", "status: done\n  done_on: 2026-11-10"),
    ),
    "INT006": Unbreakable(
        "commands write only the keys shape/ declares",
        "planned",
        ("adult", "phone: null", "phone: null\nmobile: null"),
    ),
    "INT007": Unbreakable(
        "conflict markers come from a git merge, never from a command",
        "planned",
        ("actions", "[]", "<<<<<<< HEAD\n[]\n=======\n[]\n>>>>>>> theirs"),
    ),
    "INT008": Unbreakable(
        "commands write each value in its declared kind",
        "planned",
        ("adult", "  has_needs: true", "  has_needs: [true]"),
    ),
    "INT009": Unbreakable(
        "the commands that change a status (meeting record, cancel, action done, cancel, "
        "case close) write it with its dates and reasons",
        "held",
        ("actions", "status: open", "status: done"),
    ),
    "INT010": Unbreakable(
        "meeting new --subject writes the meeting's part in every adult's case at once",
        "planned",
        ("meetings", "subjects: []", f"subjects: [{OTHER}]"),
        setup=((*CASE_NEW, "--id", OTHER, "--name", "Bea Other", "--as-of", "2026-11-20"),),
    ),
    "EMP001": Breaks(
        "planned",
        (*CASE_NEW, "--name", "Bea Other", "--as-of", "2026-11-20"),
    ),
    "EMP002": Unbreakable(
        "meeting new needs --adult-invited or --adult-not-invited-reason (an empty reason "
        "is refused)",
        "planned",
        ("meetings", "    invited: true", "    invited: false"),
    ),
    "EMP003": Breaks(
        "planned",
        (*RECORD, *FULL[:-6], "--as-of", "2026-11-24"),
    ),
    "EMP004": Breaks(
        "planned",
        ("case", "update", CASE, "--interpreter", "Polish", "--as-of", "2026-11-21"),
    ),
    "PRE001": Breaks(
        "planned",
        (
            "meeting",
            "record",
            CASE,
            "M2",
            "--held-on",
            "2026-11-27",
            "--attendee",
            "asc:Jo Chair",
            *FULL,
            "--as-of",
            "2026-11-27",
        ),
        setup=(
            (*NEW_MEETING, "--type", "self-neglect", "--chair", "asc:Jo Chair", "--adult-invited"),
        ),
    ),
    "PRO001": Unbreakable(
        "meeting new --invite and meeting invite need each invitee's reason",
        "planned",
        ("meetings", "reason: Investigating", "reason: null"),
    ),
    "PRO002": Breaks(
        "planned",
        (
            "meeting",
            "new",
            CASE,
            "--type",
            "s42-strategy",
            "--format",
            "discussion",
            "--mode",
            "telephone",
            "--when",
            "2026-11-24 10:00",
            "--purpose",
            "Plan",
            "--chair",
            "asc:Jo Chair",
            "--adult-invited",
            "--subject",
            OTHER,
            "--as-of",
            "2026-11-20",
        ),
        setup=((*CASE_NEW, "--id", OTHER, "--name", "Bea Other", "--as-of", "2026-11-20"),),
    ),
    "PRO003": Breaks(
        "planned",
        (*RECORD, *FULL[:13], *FULL[15:], "--as-of", "2026-11-24"),
    ),
    "PRT001": Breaks(
        "planned",
        (*RECORD, *FULL[:4], "--risk", "R", *FULL[6:], "--as-of", "2026-11-24"),
    ),
    "PRT002": Breaks(
        "planned",
        (*RECORD, *FULL[:6], *FULL[11:], "--as-of", "2026-11-24"),
    ),
    "PRT003": Breaks(
        "planned",
        (*BI_RECORD, "has"),
        setup=((*BEST_INTERESTS, "--chair", "asc:Jo Chair"),),
        before_edit=(*BI_RECORD, "lacks"),
        edit=("meetings", "    outcome: lacks", "    outcome: has"),
    ),
    "PRT004": Breaks(
        "planned",
        ("case", "others-at-risk", CASE, "--children", "--as-of", "2026-11-21"),
        edit=("adult", "  children: false", "  children: true"),
    ),
    "PRT005": Breaks(
        "planned",
        (
            "case",
            "new",
            "--id",
            OTHER,
            *CASE_NEW[2:],
            "--name",
            "Kay Young",
            "--dob",
            "2010-01-01",
            "--as-of",
            "2026-11-20",
        ),
        edit=("adult", "date_of_birth: 1950-01-01", "date_of_birth: 2010-01-01"),
    ),
    "PAR001": Breaks(
        "planned",
        (
            "meeting",
            "new",
            CASE,
            "--type",
            "s42-strategy",
            "--format",
            "discussion",
            "--mode",
            "telephone",
            "--when",
            "2026-11-21 10:00",
            "--purpose",
            "Plan",
            "--chair",
            "asc:Jo Chair",
            "--adult-invited",
            "--invited-on",
            "2026-11-21",
            "--as-of",
            "2026-11-21",
        ),
    ),
    "ACC001": Breaks(
        "planned",
        (
            "meeting",
            "update",
            CASE,
            "M1",
            "--chair",
            "police:DC Lee Jones",
            "--as-of",
            "2026-11-20",
        ),
        edit=(
            "meetings",
            "chair: {agency: asc, name: Jo Chair}",
            "chair: {agency: police, name: DC Lee Jones}",
        ),
    ),
    "ACC002": Unbreakable(
        "meeting new and meeting update refuse an empty purpose",
        "planned",
        ("meetings", "purpose: Plan", "purpose: null"),
    ),
    "ACC003": Unbreakable(
        "action add needs the description, --lead and --due (an empty one is refused)",
        "held",
        ("actions", "  due: 2026-11-30", "  due: null"),
    ),
    "ACC004": Breaks(
        "planned",
        ("meeting", "respond", CASE, "M1", "police:DC Lee Jones", "declined"),
    ),
    "ACC005": Breaks(
        "planned",
        (*RECORD, *FULL, "--as-of", "2026-12-24"),
    ),
    "ACC006": Breaks(
        "held",
        (
            "action",
            "move",
            CASE,
            "A1",
            "--to",
            "2026-12-10",
            "--reason",
            "Bank slow",
            "--lead-not-informed",
            "--risk-reassessed",
            "--as-of",
            "2026-11-25",
        ),
    ),
    "ACC007": Breaks(
        "planned",
        (
            *RECORD,
            *FULL,
            "--disagreement",
            "police:DC Lee Jones|When to act||no",
            "--as-of",
            "2026-11-24",
        ),
    ),
    "ACC008": Breaks(
        "planned",
        (*BEST_INTERESTS, "--chair", "health:Dr Ravi Menon"),
    ),
    "ACC009": Breaks(
        "planned",
        (
            "meeting",
            "new",
            CASE,
            "--type",
            "marac",
            "--format",
            "meeting",
            "--mode",
            "telephone",
            "--when",
            "2026-11-24 10:00",
            "--purpose",
            "Plan",
            "--chair",
            "police:DC Lee Jones",
            "--adult-not-invited-reason",
            "MARAC",
            "--as-of",
            "2026-11-20",
        ),
    ),
    "ACC010": Breaks(
        "planned",
        (
            "case",
            "enquiry",
            CASE,
            "--kind",
            "s42",
            "--decided-on",
            "2026-11-20",
            "--started-on",
            "2026-11-20",
            "--concluded-on",
            "2026-11-21",
            "--as-of",
            "2026-11-21",
        ),
        edit=(
            "adult",
            "closed: null",
            (
                "enquiry:\n  kind: s42\n  decided_on: 2026-11-20\n"
                "  started_on: 2026-11-20\n  concluded_on: 2026-11-21\nclosed: null"
            ),
        ),
    ),
    "ACC011": Breaks(
        "planned",
        (*RECORD, *FULL[:11], *FULL[13:], "--as-of", "2026-11-24"),
    ),
    "WAV001": Unbreakable(
        "waivers are comments; no command writes comments (safecli edit checks them)",
        "planned",
        ("meetings", "  purpose: Plan", "  purpose: Plan  # safecli: waive ACC002"),
    ),
    "WAV002": Unbreakable(
        "waivers are comments; no command writes comments (safecli edit checks them)",
        "planned",
        ("meetings", "  purpose: Plan", "  purpose: Plan  # safecli: waive INT005 -- old"),
    ),
}

# Rules with more than one part a command can break: a row per further part.
MORE: dict[str, Breaks] = {
    "EMP001 at closure": Breaks(
        "held",
        ("case", "close", CASE, "--reason", "Risk reduced", "--outcomes-not-asked", "--as-of",
         "2026-11-26"),
        setup=(("action", "done", CASE, "A1", "--on", "2026-11-26", "--as-of", "2026-11-26"),),
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def bases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The base books, each built once with commands, strict-clean."""
    built = {}
    for name, steps in BASES.items():
        p = open_book(tmp_path_factory.mktemp(name))
        for step in steps:
            p.do(*step)
        assert p.findings("2026-11-25") == []
        built[name] = p.root
    return built


def _copy(bases: dict[str, Path], base: str, to: Path) -> Practice:
    root = to / "book"
    shutil.copytree(bases[base], root, symlinks=True)
    return Practice(root)


def _hand_edit(p: Practice, edit: Edit) -> None:
    kind, old, new = edit
    if kind == "folder":  # a case folder renamed by hand, its case key with it
        (p.root / "cases" / old).rename(p.root / "cases" / new)
        adult = p.root / "cases" / new / "adult.yaml"
        adult.write_text(adult.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        return
    path = p.root / "cases" / CASE / f"{kind}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {kind}.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _validated(p: Practice, code: str, on: str) -> list[Found]:
    return [f for f in p.findings(on) if f[0] == code]


def _as_of(command: tuple[str, ...]) -> str:
    return command[command.index("--as-of") + 1] if "--as-of" in command else "2026-11-25"


def test_every_rule_has_a_row() -> None:
    assert sorted(TABLE) == sorted(RULES)


BREAKS = sorted(code for code, row in TABLE.items() if isinstance(row, Breaks)) + sorted(MORE)
UNBREAKABLE = sorted(code for code, row in TABLE.items() if isinstance(row, Unbreakable))


@pytest.mark.parametrize("code", BREAKS)
def test_the_command_that_breaks_the_rule(
    bases: dict[str, Path], tmp_path: Path, code: str
) -> None:
    row = MORE[code] if code in MORE else TABLE[code]
    code = code.split()[0]
    assert isinstance(row, Breaks)
    p = _copy(bases, row.base, tmp_path)
    for step in row.setup:
        p.do(*step)
    before = snapshot(p.root)
    status, output = p.run(*row.command)
    printed = [f for f in found_in(output) if f[0] == code]
    assert printed, output
    if f"error {code}" in output:
        assert status == 3, output
        assert f"nothing written: the change would break {code}" in output
        assert snapshot(p.root) == before
        assert row.edit is not None, f"{code}: give the hand edit of the refused change"
        p = _copy(bases, row.base, tmp_path / "by-hand")
        for step in row.setup:
            p.do(*step)
        if row.before_edit:
            p.do(*row.before_edit)
        _hand_edit(p, row.edit)
    else:
        assert status == 0, output
        assert f"warning {code}" in output
    assert _validated(p, code, _as_of(row.command)) == printed


@pytest.mark.parametrize("code", UNBREAKABLE)
def test_a_rule_no_command_breaks_is_reported_on_a_hand_edit(
    bases: dict[str, Path], tmp_path: Path, code: str
) -> None:
    row = TABLE[code]
    assert isinstance(row, Unbreakable) and row.reason
    p = _copy(bases, row.base, tmp_path)
    for step in row.setup:
        p.do(*step)
    _hand_edit(p, row.edit)
    status, output = p.run("validate", "--no-cache", "--strict", "--as-of", "2026-11-25")
    assert status != 0 and code in output, output
