"""Small case books for the digest tests, written in the exact file format.

Every personal or free-text value below is a marker string that the redaction
tests look for in the digest's output and in its cache.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

SECRETS = (
    "Margaret Ellison",
    "Peggy",
    "Alder Court",
    "EX1 2AB",
    "01632 960123",
    "1941-03-14",
    "Carol Ellison",
    "withdrawing cash",
    "stay in my flat",
    "hearing loss",
    "flag the account",
    "bank card",
    "Agree immediate protection",
    "Introductions",
    "sam.patel@example.org",
)

PEOPLE = {"asc": "Sam Patel", "police": "DC Lee Jones", "gp": "Dr Amara Okafor"}

CONFIG = """\
organisation: Test Council
jurisdiction: england
timezone: {tz}
show_names: {show_names}
digest:
  minutes_share_days: 5
  first_meeting_days: 10
"""


def adult(
    case_id: str,
    *,
    opened: str = "2026-11-02",
    status: str = "open",
    risk: str = "high",
    concerns: bool = True,
    raised: str = "2026-11-01",
    events: str = "",
) -> str:
    """adult.yaml (the concern raised on `raised`; events: adult.yaml lines of `events:`)."""
    concern = (
        f"""
  - type: financial
    summary: |
      Son has been withdrawing cash from her account.
    source: son
    location: own home
    raised_on: {raised}
    raised_by: {{agency: gp, name: Dr Amara Okafor}}
    offender_risk: false"""
        if concerns
        else " []"
    )
    return f"""\
# Adult at risk (fictional).
case: {case_id}
jurisdiction: null
status: {status}
opened: {opened}
name: Margaret Ellison
preferred_name: Peggy
date_of_birth: 1941-03-14
address: |
  Flat 3, 12 Alder Court
  Exampletown EX1 2AB
phone: "01632 960123"
communication:
  language: English
  interpreter: null
  advocate: null
  needs_advocate: false
  easy_read: false
  notes: hearing loss, face her and speak clearly
representative:
  name: Carol Ellison
  relationship: daughter
  phone: "07700 900123"
care_and_support:
  has_needs: true
  at_risk: true
  unable_to_protect: true
engagement: engaging
risk_level: {risk}
lead_agency: asc
coordinator: {{agency: asc, name: Sam Patel}}
concerns:{concern}
capacity: []
wishes:
  asked_on: 2026-11-03
  outcomes:
    - I want to stay in my flat.
  not_asked_reason: null
others_at_risk:
  children: false
  adults: false
  notes: null
  referral_made: null
closed: null
closure: null
{events}"""


AGENCIES = """\
- handle: asc
  name: Exampletown Adult Social Care
  kind: local-authority
  people:
    - name: Sam Patel
      role: Social worker
      email: sam.patel@example.org
      phone: "01632 960100"

- handle: police
  name: Exampletown Police
  kind: police
  people:
    - name: DC Lee Jones
      role: Detective constable
      email: null
      phone: null

- handle: gp
  name: Riverside Surgery
  kind: gp
  people:
    - name: Dr Amara Okafor
      role: GP
      email: null
      phone: null
"""


def meeting(
    meeting_id: str,
    *,
    when: str = "2026-11-10T10:00",
    status: str = "held",
    held_on: str | None = "2026-11-10",
    review: str | None = None,
    shared: Sequence[str] = ("police", "gp"),
    mtype: str = "s42-strategy",
    attendees: Sequence[str] = ("asc", "police"),
    invitees: Sequence[str] = ("gp",),
    chair: str = "asc",
    feedback: str | None = "given_on: 2026-11-11",
) -> str:
    """A meeting; held ones record the feedback to the adult as given, unless `feedback`
    says otherwise (None: no feedback recorded; else the lines under `feedback:`)."""
    told = (
        "\n"
        "      how: Home visit the next day\n"
        "      by: {agency: asc, name: Sam Patel}\n"
        + "".join(f"      {line}\n" for line in feedback.splitlines())
        if feedback is not None
        else " null\n"
    )
    invited = "".join(
        f"    - person: {{agency: {a}, name: {PEOPLE[a]}}}\n      reason: Needs to know\n"
        f"      response: accepted\n      deputy: null\n      responded_on: null\n"
        for a in invitees
    )
    text = f"""\
- id: {meeting_id}
  type: {mtype}
  format: meeting
  mode: in-person
  when: {when}
  where: Room 1
  link: null
  purpose: |
    Agree immediate protection and who joins the enquiry.
  chair: {{agency: {chair}, name: {PEOPLE[chair]}}}
  decision_maker: null
  status: {status}
  invited_on: 2026-11-07
  adult:
    invited: true
    not_invited_reason: null
  subjects: []
  agenda:
    - Introductions and purpose
""" + ("  invitees:\n" + invited if invited else "  invitees: []\n")
    if status != "held":
        return text + "  minutes: null\n"
    attended = "".join(f"      - {{agency: {a}, name: {PEOPLE[a]}}}\n" for a in attendees)
    sent = "".join(f"      - {{agency: {a}, shared_on: 2026-11-11}}\n" for a in shared)
    return (
        text
        + f"""\
  minutes:
    held_on: {held_on or "null"}
"""
        + ("    attendees:\n" + attended if attended else "    attendees: []\n")
        + f"""\
    apologies: []
    written_updates: []
    engage_lead: asc
    wishes: null
    risks: []
    others_at_risk: null
    decisions: []
    disagreements: []
    review:
      date: {review or "null"}
      not_required: null
    feedback:"""
        + told
        + """\
    capacity: null
"""
        + ("    shared:\n" + sent if sent else "    shared: []\n")
    )


def action(
    action_id: str, due: str, *, status: str = "open", lead: str = "police", meeting_id: str = "M1"
) -> str:
    return f"""\
- id: {action_id}
  meeting: {meeting_id}
  description: |
    Ask the bank to flag the account; stop the bank card.
  lead: {{agency: {lead}, name: {PEOPLE[lead]}}}
  due: {due}
  status: {status}
  done_on: null
  note: null
  cancel_reason: null
  moves: []
"""


def listing(parts: Sequence[str]) -> str:
    return "\n".join(parts) if parts else "[]\n"


def write_case(
    root: Path,
    case_id: str,
    *,
    adult_text: str | None = None,
    meetings: Sequence[str] = (),
    actions: Sequence[str] = (),
    agencies: str = AGENCIES,
) -> Path:
    """Write one case's four files under root/cases/case_id (0700 folder, 0600 files)."""
    folder = root / "cases" / case_id
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    files = {
        "adult.yaml": adult_text if adult_text is not None else adult(case_id),
        "agencies.yaml": agencies,
        "meetings.yaml": listing(meetings),
        "actions.yaml": listing(actions),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        os.chmod(folder / name, 0o600)
    return folder


def make_book(root: Path, *, tz: str = "Europe/London", show_names: bool = False) -> Path:
    """An empty book (settings and cases/) at root."""
    (root / "cases").mkdir(parents=True, mode=0o700)
    (root / "safecli.yaml").write_text(
        CONFIG.format(tz=tz, show_names=str(show_names).lower()), encoding="utf-8"
    )
    return root
