"""A small case book for the meeting and action tests, built under tmp_path from text.

`snapshot` (from conftest) is re-exported for the tests that prove nothing changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import snapshot  # noqa: F401  (re-exported for the meeting tests)
from typer.testing import CliRunner

from safecli.cli.main import app
from safecli.store import roundtrip

CASE = "SG-2026-0001"
WELSH = "SG-2026-0002"

CONFIG = """\
organisation: Test Borough Council
jurisdiction: england
timezone: Europe/London
"""

# handle, kind, people: enough kinds to chair and invite every built-in meeting type.
AGENCIES = (
    ("asc", "local-authority", ("Sam Patel", "Helen Forsyth")),
    ("police", "police", ("DC Lee Jones",)),
    ("gp", "gp", ("Dr Amara Okafor", "Kim Lo")),
    ("health", "health", ("Dr Ravi Menon",)),
    ("cmht", "mental-health", ("Jo Carter",)),
    ("housing", "housing", ("Priya Shah",)),
    ("probation", "probation", ("Tom Reed",)),
    ("advocacy", "advocacy", ("Bea Rowe",)),
)

ADULT = """\
case: {case}
jurisdiction: {jurisdiction}
status: open
opened: 2026-11-01
name: Ann Example
preferred_name: null
date_of_birth: {dob}
address: null
phone: null
communication:
  language: English
  interpreter: {interpreter}
  advocate: null
  needs_advocate: {needs_advocate}
  easy_read: false
  notes: null
representative: null
care_and_support:
  has_needs: true
  at_risk: true
  unable_to_protect: true
engagement: engaging
risk_level: high
lead_agency: asc
coordinator: {{agency: asc, name: Sam Patel}}
concerns:
  - type: {concern}
    summary: Son takes her pension in cash.
    source: son
    location: own home
    raised_on: 2026-11-01
    raised_by: null
    offender_risk: false
capacity: []
wishes:
  asked_on: null
  outcomes: []
  not_asked_reason: null
others_at_risk:
  children: false
  adults: false
  notes: null
  referral_made: null
closed: null
closure: null
"""


def agencies_text(agencies: tuple[tuple[str, str, tuple[str, ...]], ...] = AGENCIES) -> str:
    """agencies.yaml for these (handle, kind, people)."""
    out = []
    for handle, kind, people in agencies:
        out.append(
            f"- handle: {handle}\n  name: {handle.title()} Service\n  kind: {kind}\n"
            "  people:\n" + "".join(f"    - name: {p}\n      role: Officer\n" for p in people)
        )
    return "".join(out)


def add_case(
    root: Path,
    case: str = CASE,
    *,
    jurisdiction: str = "null",
    interpreter: str = "null",
    needs_advocate: bool = False,
    concern: str = "financial",
    dob: str = "1941-03-14",
    agencies: str | None = None,
    meetings: str = "[]\n",
    actions: str = "[]\n",
) -> None:
    """Write one case folder."""
    folder = root / "cases" / case
    folder.mkdir(parents=True)
    files = {
        "adult.yaml": ADULT.format(
            case=case,
            jurisdiction=jurisdiction,
            dob=dob,
            interpreter=interpreter,
            concern=concern,
            needs_advocate=str(needs_advocate).lower(),
        ),
        "agencies.yaml": agencies if agencies is not None else agencies_text(),
        "meetings.yaml": meetings,
        "actions.yaml": actions,
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def make_book(tmp_path: Path, **case: Any) -> Path:
    """A book with one English case and one Welsh case (SG-2026-0002)."""
    root = tmp_path / "book"
    root.mkdir()
    (root / "safecli.yaml").write_text(CONFIG, encoding="utf-8")
    add_case(root, **case)
    add_case(root, WELSH, jurisdiction="wales")
    return root


def run(
    book: Path,
    *args: str,
    interactive: bool = False,
    input: str | None = None,
    env: dict[str, str] | None = None,
) -> Any:
    """Run the CLI on book; prompts only when interactive."""
    runner = CliRunner(env={"SAFECLI_INTERACTIVE": "1" if interactive else "0", **(env or {})})
    return runner.invoke(app, ["--book", str(book), *args], input=input)


def load(book: Path, kind: str, case: str = CASE) -> Any:
    """A case file as safecli reads it."""
    data, _ = roundtrip.read(
        book / "cases" / case / f"{kind}.yaml", list if kind != "adult" else dict
    )
    return data


def meeting(book: Path, meeting_id: str, case: str = CASE) -> Any:
    """One meeting of a case, as stored."""
    return next(m for m in load(book, "meetings", case) if m["id"] == meeting_id)


def action(book: Path, action_id: str, case: str = CASE) -> Any:
    """One action of a case, as stored."""
    return next(a for a in load(book, "actions", case) if a["id"] == action_id)


STRATEGY = (
    "meeting",
    "new",
    CASE,
    "--type",
    "s42-strategy",
    "--format",
    "discussion",
    "--mode",
    "virtual",
    "--when",
    "2026-11-03 10:00",
    "--purpose",
    "Agree protection",
    "--chair",
    "asc:Helen Forsyth",
    "--invite",
    "police:DC Lee Jones:Investigating",
    "--invite",
    "gp:Dr Amara Okafor:Raised the concern",
    "--adult-not-invited-reason",
    "Seen alone the day before",
    "--as-of",
    "2026-11-02",
)


def record_args(meeting_id: str = "M1", *extra: str) -> tuple[str, ...]:
    """`meeting record` with the minutes an s42 strategy meeting needs."""
    return (
        "meeting",
        "record",
        CASE,
        meeting_id,
        "--held-on",
        "2026-11-03",
        "--attendee",
        "asc:Helen Forsyth",
        "--attendee",
        "police:DC Lee Jones",
        "--risk",
        "More cash taken|Bank told|Son has her card",
        "--others-reviewed",
        "--wishes",
        "Wants to stay at home",
        "--decision",
        "Proceed to an enquiry",
        "--review",
        "2026-12-01",
        "--as-of",
        "2026-11-03",
        *extra,
    )
