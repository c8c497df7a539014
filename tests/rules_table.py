"""Table tests for validation rules: a clean case, edits to it, and the findings expected.

Each row gives the files of one case (the clean case with some files replaced or
edited) and the exact (code, line, column) list that one rule must report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from safecli.store.book import find_book
from safecli.validation.rules.base import Finding
from safecli.validation.run import validate

CASE = "SG-2026-0001"
CONFIG = """\
organisation: Test Council
jurisdiction: england
timezone: Europe/London
lead_times: {high: 1, medium: 3, low: 5}
digest: {minutes_share_days: 5, first_meeting_days: 10}
"""

ADULT = f"""\
case: {CASE}
jurisdiction: null
status: open
opened: 2026-11-02
name: Ann Example
date_of_birth: 1950-01-01
communication:
  language: English
  interpreter: null
  advocate: null
  needs_advocate: false
  easy_read: false
  notes: null
care_and_support:
  has_needs: true
  at_risk: true
  unable_to_protect: true
risk_level: medium
lead_agency: asc
coordinator: {{agency: asc, name: Sam Patel}}
wishes:
  asked_on: 2026-11-03
  outcomes:
    - I want to stay at home.
  not_asked_reason: null
others_at_risk:
  children: false
  adults: false
  notes: null
  referral_made: null
closed: null
"""

AGENCIES = """\
- handle: asc
  name: Adult Social Care
  kind: local-authority
  people:
    - name: Sam Patel
    - name: Jo Chair
- handle: police
  name: Police
  kind: police
  people:
    - name: DC Lee Jones
- handle: health
  name: Health Trust
  kind: health
  people:
    - name: Dr Ravi Menon
"""

# A held s42 strategy meeting that meets every standard. In the tables, line numbers
# count from its first line (`- id: M1` is line 1; `minutes:` line 24).
HELD = """\
- id: M1
  type: s42-strategy
  format: meeting
  mode: in-person
  when: 2026-11-10T10:00
  where: Town Hall
  link: null
  purpose: Agree immediate protection.
  chair: {agency: asc, name: Jo Chair}
  decision_maker: null
  status: held
  invited_on: 2026-11-05
  adult:
    invited: true
    not_invited_reason: null
  subjects: []
  agenda: [Risks and actions]
  invitees:
    - person: {agency: police, name: DC Lee Jones}
      reason: Investigating the theft
      response: accepted
      deputy: null
      responded_on: 2026-11-06
  minutes:
    held_on: 2026-11-10
    attendees:
      - {agency: asc, name: Jo Chair}
      - {agency: police, name: DC Lee Jones}
    apologies: []
    written_updates: []
    engage_lead: asc
    wishes:
      views: Wants to stay at home.
      obtained_by: Home visit
    risks:
      - risk: Further financial abuse
        in_place: Bank notified
        barriers: Son holds the card
        actions: [A1]
    others_at_risk:
      reviewed: true
      adults: None found
      children: None found
      referral_made: null
    decisions:
      - Proceed to an enquiry.
    disagreements: []
    review:
      date: 2026-12-01
      not_required: null
    feedback:
      how: Home visit
      by: {agency: asc, name: Sam Patel}
      due: 2026-11-12
    capacity: null
    shared:
      - {agency: asc, shared_on: 2026-11-11}
      - {agency: police, shared_on: 2026-11-11}
"""

ACTIONS = """\
- id: A1
  meeting: M1
  description: Ask the bank to flag the account.
  lead: {agency: asc, name: Sam Patel}
  due: 2026-11-14
  status: open
  done_on: null
  note: null
  cancel_reason: null
  moves: []
"""

CLEAN = {"adult": ADULT, "agencies": AGENCIES, "meetings": HELD, "actions": ACTIONS}


@dataclass(frozen=True)
class Row:
    """One table row: a case (CLEAN with files replaced and edits applied), the findings."""

    name: str
    expected: list[tuple[str, int, int]]
    files: dict[str, str | bytes | None] = field(default_factory=dict)
    edits: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    as_of: date = date(2026, 12, 1)
    config: str = CONFIG


def case_files(row: Row) -> dict[str, str | bytes | None]:
    """The four files of a row's case (None: the file is missing)."""
    files: dict[str, str | bytes | None] = {**CLEAN, **row.files}
    for kind, edits in row.edits.items():
        for old, new in edits:
            text = files[kind]
            assert isinstance(text, str) and old in text, f"{row.name}: {old!r} not in {kind}"
            files[kind] = text.replace(old, new, 1)
    return files


def make_book(
    root: Path, files: dict[str, str | bytes | None], config: str = CONFIG, case_id: str = CASE
) -> Path:
    """A book at root with one case made of these files (None: leave a file out)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "safecli.yaml").write_text(config, encoding="utf-8")
    folder = root / "cases" / case_id
    folder.mkdir(parents=True, exist_ok=True)
    for kind, text in files.items():
        if isinstance(text, bytes):
            (folder / f"{kind}.yaml").write_bytes(text)
        elif text is not None:
            (folder / f"{kind}.yaml").write_bytes(text.encode("utf-8"))
    return root


def findings(root: Path, as_of: date, case_id: str = CASE) -> list[Finding]:
    """Every finding in one case (no cache), in file order."""
    return list(validate(find_book(root), [case_id], as_of, use_cache=False).findings)


def check_row(tmp_path: Path, code: str, row: Row) -> None:
    """Assert that `code` reports exactly `row.expected` on the row's case."""
    root = make_book(tmp_path / "book", case_files(row), row.config)
    got = [(f.code, f.line, f.column) for f in findings(root, row.as_of) if f.code == code]
    assert got == row.expected, f"{row.name}: {[str(f) for f in findings(root, row.as_of)]}"
