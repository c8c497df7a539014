"""`safecli render`: invitations, minutes and plans from a small book built here."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from safecli.cli.main import app

HOSTILE = '<script>alert(1)</script> & "x" | y'
INJECT = "Dr Sly\nBcc: evil@example.org"  # a CR is refused by the store itself

CONFIG = """\
organisation: {organisation}
jurisdiction: england
timezone: Europe/London
show_names: false
"""
ADULT = """\
case: SG-2026-0100
jurisdiction: null
status: open
opened: 2026-11-01
name: Rosa Fictional
preferred_name: Ro
date_of_birth: 1950-01-01
address: |
  9 Test Lane
  Sampleton SA1 1AA
phone: "01632 960999"
communication:
  language: English
  interpreter: Portuguese
  advocate: null
  needs_advocate: true
  easy_read: true
  notes: null
representative: null
care_and_support: {{has_needs: true, at_risk: true, unable_to_protect: true}}
engagement: engaging
risk_level: high
lead_agency: asc
coordinator: {{agency: asc, name: Sam Patel}}
concerns:
  - type: financial
    summary: Lodger takes her pension.
    source: lodger
    location: own home
    raised_on: 2026-11-01
    raised_by: null
    offender_risk: false
capacity: []
wishes:
  asked_on: 2026-11-02
  outcomes:
    - {wish}
  not_asked_reason: null
others_at_risk: {{children: false, adults: false, notes: null, referral_made: null}}
closed: null
closure: null
"""
AGENCIES = """\
- handle: asc
  name: Test Council Adult Social Care
  kind: local-authority
  people:
    - {{name: Sam Patel, role: Social worker, email: sam.patel@example.org, phone: "01632 960100"}}
    - {{name: Ann Chair, role: Team manager, email: ann.chair@example.org, phone: null}}
- handle: police
  name: Test Police
  kind: police
  people:
    - {{name: {police}, role: Detective, email: {police_email}, phone: null}}
- handle: gp
  name: Test Surgery
  kind: gp
  people:
    - {{name: Dr Who, role: GP, email: null, phone: null}}
"""
MEETINGS = """\
- id: M1
  type: s42-strategy
  format: discussion
  mode: virtual
  when: 2026-11-03T10:00
  where: null
  link: https://meet.example.org/m1
  purpose: {purpose}
  chair: {{agency: asc, name: Ann Chair}}
  decision_maker: null
  status: held
  invited_on: 2026-11-02
  adult: {{invited: false, not_invited_reason: Lodger present at home.}}
  subjects: []
  agenda: [Purpose, Risks]
  invitees:
    - person: {{agency: police, name: {police}}}
      reason: {purpose}
      response: accepted
      deputy: null
      responded_on: 2026-11-02
    - person: {{agency: gp, name: Dr Who}}
      reason: Knows her health
      response: written-update
      deputy: null
      responded_on: 2026-11-02
  minutes:
    held_on: 2026-11-03
    attendees:
      - {{agency: asc, name: Ann Chair}}
      - {{agency: police, name: {police}}}
    apologies:
      - {{agency: gp, name: Dr Who}}
    written_updates:
      - {{agency: gp, name: Dr Who}}
    engage_lead: asc
    wishes: {{views: Wants the lodger gone., obtained_by: Visit by Sam Patel}}
    risks:
      - risk: {purpose}
        in_place: Bank told
        barriers: Lodger has her card
        actions: [A1]
    others_at_risk: {{reviewed: true, adults: None known, children: None known, referral_made: null}}
    decisions:
      - Start an s42 enquiry.
    disagreements:
      - raised_by: {{agency: police, name: {police}}}
        about: When to interview the lodger
        outcome: Wait for the bank
        escalated: false
    review: {{date: 2026-11-20, not_required: null}}
    feedback: {{how: Home visit, by: {{agency: asc, name: Sam Patel}}, due: 2026-11-05}}
    capacity: null
    shared:
      - {{agency: police, shared_on: 2026-11-04}}
- id: M2
  type: s42-review
  format: meeting
  mode: in-person
  when: 2026-11-20T14:30
  where: Ro's flat
  link: null
  purpose: Review the plan.
  chair: {{agency: asc, name: Ann Chair}}
  decision_maker: null
  status: held
  invited_on: 2026-11-10
  adult: {{invited: true, not_invited_reason: null}}
  subjects: []
  agenda: []
  invitees:
    - person: {{agency: police, name: {police}}}
      reason: Police update
      response: invited
      deputy: null
      responded_on: null
  minutes:
    held_on: 2026-11-20
    attendees:
      - {{agency: asc, name: Ann Chair}}
    apologies: []
    written_updates: []
    engage_lead: null
    wishes: {{views: null, obtained_by: null}}
    risks: []
    others_at_risk: {{reviewed: false, adults: null, children: null, referral_made: null}}
    decisions: []
    disagreements: []
    review: {{date: null, not_required: Risk has gone.}}
    feedback: {{how: null, by: null, due: null}}
    capacity: null
    shared: []
- id: M3
  type: s42-review
  format: meeting
  mode: in-person
  when: 2026-12-15T10:00
  where: County Hall, room 4
  link: null
  purpose: Close the enquiry?
  chair: {{agency: asc, name: Ann Chair}}
  decision_maker: null
  status: planned
  invited_on: 2026-12-01
  adult: {{invited: true, not_invited_reason: null}}
  subjects: []
  agenda: []
  invitees:
    - person: {{agency: police, name: {police}}}
      reason: Police update
      response: accepted
      deputy: null
      responded_on: 2026-12-01
    - person: {{agency: gp, name: Dr Who}}
      reason: Health
      response: invited
      deputy: null
      responded_on: null
  minutes: null
"""
ACTIONS = """\
- id: A1
  meeting: M1
  description: {purpose}
  lead: {{agency: asc, name: Sam Patel}}
  due: 2026-11-10
  status: open
  done_on: null
  note: null
  cancel_reason: null
  moves: []
- id: A2
  meeting: M1
  description: Tell the bank.
  lead: {{agency: police, name: {police}}}
  due: 2026-11-08
  status: done
  done_on: 2026-11-25
  note: null
  cancel_reason: null
  moves: []
- id: A3
  meeting: M1
  description: Check the card.
  lead: {{agency: asc, name: Sam Patel}}
  due: 2026-11-08
  status: done
  done_on: 2026-11-07
  note: null
  cancel_reason: null
  moves: []
- id: A4
  meeting: M2
  description: Write to her in Portuguese.
  lead: {{agency: asc, name: Sam Patel}}
  due: 2026-12-20
  status: open
  done_on: null
  note: null
  cancel_reason: null
  moves: []
"""


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text)


def make_book(
    root: Path,
    *,
    purpose: str = "Stop the lodger taking money.",
    police: str = "DC Lee Jones",
    police_email: str = "lee.jones@example.org",
    organisation: str = "Test Council",
    wish: str = "I want to stay home.",
) -> Path:
    """A book with case SG-2026-0100: M1 and M2 held, M3 planned; A1..A4."""
    values = {
        "purpose": q(purpose),
        "police": q(police),
        "police_email": q(police_email),
        "organisation": q(organisation),
        "wish": q(wish),
    }
    case = root / "cases" / "SG-2026-0100"
    case.mkdir(parents=True)
    (root / "safecli.yaml").write_text(CONFIG.format(**values), encoding="utf-8")
    for name, text in (
        ("adult", ADULT),
        ("agencies", AGENCIES),
        ("meetings", MEETINGS),
        ("actions", ACTIONS),
    ):
        (case / f"{name}.yaml").write_text(text.format(**values), encoding="utf-8")
    return root


def run(book: Path, *args: str) -> Any:
    """Run safecli against book; stdout and stderr kept apart."""
    return CliRunner().invoke(app, ["--book", str(book), *args])


@pytest.fixture
def rbook(tmp_path: Path) -> Path:
    return make_book(tmp_path / "book")


def test_general_invitation_has_what_an_invitee_needs(rbook: Path) -> None:
    result = run(rbook, "render", "invitation", "SG-2026-0100", "M3", "--as-of", "2026-12-01")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("**OFFICIAL-SENSITIVE**\n\n# Invitation: Safeguarding review meeting\n")
    for line in (
        "- **Legal framework:** Care Act 2014 s42",
        "- **Format:** meeting",
        "- **When:** Tuesday 15 December 2026, 10:00 GMT (Europe/London)",
        "- **How:** In person",
        "- **Where:** County Hall, room 4",
        "- **Chair:** Ann Chair (Test Council Adult Social Care)",
        "Dear colleague,",
        "| DC Lee Jones | Detective | Test Police | Police update | attending |",
        "| Dr Who | GP | Test Surgery | Health | no reply yet |",
        "- An interpreter for Portuguese is needed; whether one is arranged is not recorded.",
        "- They need an advocate; none is named yet.",
        "- Anything written for them must be in easy read.",
        "Report progress on your actions and anything new about the risk.",
        "Tell the chair as soon as you can (ann.chair@example.org). Send a deputy",
        "Test Council · SG-2026-0100 M3 · **OFFICIAL-SENSITIVE**",
    ):
        assert line in out, line
    assert "Rosa" not in out and "Fictional" not in out
    assert "- **Adult:** R.F." in out
    assert "Test Lane" not in out and "SA1 1AA" not in out and "960999" not in out


def test_invitation_to_one_invitee_says_why(rbook: Path) -> None:
    result = run(
        rbook,
        "render",
        "invitation",
        "SG-2026-0100",
        "M3",
        "--to",
        "police",
        "--format",
        "txt",
        "--as-of",
        "2026-12-01",
    )
    assert result.exit_code == 0, result.output
    assert (
        "Dear DC Lee Jones,\n\nYou are invited to this meeting for Test Police because:"
        in result.stdout
    )
    assert "Police update." in result.stdout


def test_invitation_to_someone_not_invited_is_refused(rbook: Path) -> None:
    result = run(rbook, "render", "invitation", "SG-2026-0100", "M3", "--to", "asc:Sam Patel")
    assert result.exit_code == 3
    assert "asc:Sam Patel is not invited to M3" in result.stderr
    assert "police:DC Lee Jones, gp:Dr Who" in result.stderr


def test_show_names_puts_the_adults_name_in(rbook: Path) -> None:
    shown = run(rbook, "render", "invitation", "SG-2026-0100", "M3", "--show-names")
    assert shown.exit_code == 0, shown.output
    assert "- **Adult:** Rosa Fictional" in shown.stdout
    assert "Test Lane" not in shown.stdout
    config = rbook / "safecli.yaml"
    config.write_text(config.read_text().replace("show_names: false", "show_names: true"))
    by_book = run(rbook, "render", "plan", "SG-2026-0100", "--as-of", "2026-12-01")
    assert "- **Adult:** Rosa Fictional" in by_book.stdout
    hidden = run(rbook, "render", "plan", "SG-2026-0100", "--hide-names", "--as-of", "2026-12-01")
    assert "Rosa" not in hidden.stdout and "- **Adult:** R.F." in hidden.stdout


def test_minutes_of_a_held_meeting(rbook: Path) -> None:
    result = run(rbook, "render", "minutes", "SG-2026-0100", "M1", "--as-of", "2026-12-01")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("**OFFICIAL-SENSITIVE**\n")
    assert out.rstrip().endswith("· **OFFICIAL-SENSITIVE**")
    for line in (
        "| Ann Chair | Team manager | Test Council Adult Social Care |",
        "R.F. was not invited: Lodger present at home.",
        "- Apologies: Dr Who (Test Surgery); sent a written update",
        "Wants the lodger gone.",
        "**How they were obtained:** Visit by Sam Patel",
        "| Stop the lodger taking money. | Bank told | Lodger has her card | A1 |",
        "- **Other adults:** None known",
        "1. Start an s42 enquiry.",
        "| DC Lee Jones (Test Police) | When to interview the lodger | Wait for the bank | no |",
        (
            "| A1 | Stop the lodger taking money. | Sam Patel | Test Council Adult Social Care "
            "| 10 Nov 2026 | open (OVERDUE) |"
        ),
        (
            "| A3 | Check the card. | Sam Patel | Test Council Adult Social Care | 8 Nov 2026 "
            "| done 7 Nov 2026 |"
        ),
        "Next review: Friday 20 November 2026.",
        "- **How:** Home visit",
        "| DC Lee Jones | Test Police | attended | 4 Nov 2026 |",
        "| Dr Who | Test Surgery | apologies; sent a written update | not yet |",
    ):
        assert line in out, line


def test_minutes_carry_forward_what_was_open_at_the_time(rbook: Path) -> None:
    result = run(rbook, "render", "minutes", "SG-2026-0100", "M2", "--as-of", "2026-12-01")
    assert result.exit_code == 0, result.output
    out = result.stdout
    carried = out[out.index("## Actions carried forward") : out.index("## Review")]
    # A1 still open (and overdue); A2 was done after M2 was held; A3 was done before it.
    assert "| A1 | M1 | Stop the lodger taking money." in carried
    assert "open (OVERDUE)" in carried
    assert (
        "| A2 | M1 | Tell the bank. | DC Lee Jones | Test Police | 8 Nov 2026 "
        "| done 25 Nov 2026 |" in carried
    )
    assert "A3" not in carried
    assert "| A4 | Write to her in Portuguese." in out
    assert "A review is not required: Risk has gone." in out
    assert "Risk to other adults and children was not reviewed." in out


def test_overdue_marker_follows_as_of(rbook: Path) -> None:
    before = run(rbook, "render", "minutes", "SG-2026-0100", "M1", "--as-of", "2026-11-09")
    assert "| 10 Nov 2026 | open |" in before.stdout
    # A2, due on 8 Nov and done on 25 Nov, was open and overdue on 9 Nov.
    assert "| 8 Nov 2026 | open (OVERDUE) |" in before.stdout
    assert "done 25 Nov 2026" not in before.stdout
    assert (
        "OVERDUE"
        not in run(rbook, "render", "minutes", "SG-2026-0100", "M1", "--as-of", "2026-11-07").stdout
    )


def test_minutes_of_a_meeting_not_held_is_an_error(rbook: Path) -> None:
    result = run(rbook, "render", "minutes", "SG-2026-0100", "M3")
    assert result.exit_code == 3
    assert "meeting M3 of SG-2026-0100 has not been held (status: planned)" in result.stderr
    assert result.stdout == ""


def test_unknown_meeting_and_case(rbook: Path) -> None:
    result = run(rbook, "render", "minutes", "SG-2026-0100", "M9")
    assert result.exit_code == 3
    assert "no meeting 'M9' in SG-2026-0100 (meetings: M1, M2, M3)" in result.stderr
    result = run(rbook, "render", "plan", "SG-2026-0999")
    assert result.exit_code == 3
    assert "no case 'SG-2026-0999'" in result.stderr


def test_unknown_format_is_a_usage_error(rbook: Path) -> None:
    result = run(rbook, "render", "minutes", "SG-2026-0100", "M1", "--format", "ics")
    assert result.exit_code == 2
    assert "unknown --format 'ics'; choose one of: md, html, txt" in result.stderr


def test_plan(rbook: Path) -> None:
    result = run(rbook, "render", "plan", "SG-2026-0100", "--as-of", "2026-12-01")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for line in (
        "- **As of:** Tuesday 1 December 2026",
        "- **Lead agency:** Test Council Adult Social Care",
        (
            "- **Lead coordinator:** Sam Patel (Test Council Adult Social Care), "
            "sam.patel@example.org, 01632 960100"
        ),
        "- **Next review:** Friday 20 November 2026 (agreed at M1)",
        "| financial | Lodger takes her pension. | lodger | own home | 1 Nov 2026 |",
        "| M1 | Stop the lodger taking money. | Bank told | Lodger has her card | A1 |",
        "- I want to stay home.",
        (
            "| A1 | Stop the lodger taking money. | Sam Patel | Test Council Adult Social Care "
            "| 10 Nov 2026 | open (OVERDUE) |"
        ),
        (
            "| A4 | Write to her in Portuguese. | Sam Patel | Test Council Adult Social Care "
            "| 20 Dec 2026 | open |"
        ),
        "No capacity assessment is recorded",
        "| M1 | Home visit | Sam Patel (Test Council Adult Social Care) | 5 Nov 2026 |",
        "- M2: Safeguarding review meeting, held on 20 Nov 2026",
    ):
        assert line in out, line
    assert "Tell the bank." not in out  # done actions are not in the plan


def test_output_file_is_private_and_reported(rbook: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "plan.html"
    target.parent.mkdir()
    result = run(rbook, "render", "plan", "SG-2026-0100", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {target}\n"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert target.read_text().startswith("<!DOCTYPE html>")  # format from the extension


def test_output_through_a_symlink_is_refused(rbook: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("keep me")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    result = run(rbook, "render", "plan", "SG-2026-0100", "-o", str(link))
    assert result.exit_code == 3
    assert "refusing to write through a symbolic link" in result.stderr
    assert real.read_text() == "keep me"


def test_html_is_a_complete_printable_page(rbook: Path) -> None:
    result = run(rbook, "render", "minutes", "SG-2026-0100", "M1", "--format", "html")
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert page.rstrip().endswith("</html>")
    assert "@page {\n  size: A4;" in page
    assert page.count('<div class="marking">') == 2
    assert "<script" not in page and "@import" not in page and "@font-face" not in page


def test_render_reads_no_file_it_should_not_change(rbook: Path) -> None:
    before = {p: p.read_bytes() for p in rbook.rglob("*.yaml")}
    for args in (
        ["invitation", "SG-2026-0100", "M3", "-f", "eml"],
        ["minutes", "SG-2026-0100", "M1", "-f", "html"],
        ["plan", "SG-2026-0100"],
    ):
        assert run(rbook, "render", *args).exit_code == 0
    assert {p: p.read_bytes() for p in rbook.rglob("*.yaml")} == before


def test_help_has_examples() -> None:
    for command in ("invitation", "minutes", "plan"):
        result = CliRunner().invoke(app, ["render", command, "--help"])
        assert result.exit_code == 0
        assert "Example: safecli render " + command in result.stdout


def test_invitation_to_a_cancelled_meeting_is_refused(rbook: Path) -> None:
    meetings = rbook / "cases" / "SG-2026-0100" / "meetings.yaml"
    text = meetings.read_text()
    meetings.write_text(text.replace("  status: planned\n", "  status: cancelled\n"))
    result = run(rbook, "render", "invitation", "SG-2026-0100", "M3", "--format", "md")
    assert result.exit_code == 3
    assert (
        "meeting M3 of SG-2026-0100 was cancelled; its cancellation is a calendar file "
        "or an email: --format ics or --format eml"
    ) in result.stderr


def test_to_an_agency_with_several_invitees_needs_a_name(rbook: Path) -> None:
    meetings = rbook / "cases" / "SG-2026-0100" / "meetings.yaml"
    text = meetings.read_text()
    extra = (
        "    - person: {agency: asc, name: Sam Patel}\n      reason: Social worker\n"
        "      response: accepted\n      deputy: null\n      responded_on: 2026-12-01\n"
        "    - person: {agency: asc, name: Ann Chair}\n      reason: Manager\n"
        "      response: accepted\n      deputy: null\n      responded_on: 2026-12-01\n"
    )
    # M3 is the last meeting and the only one whose minutes are null: add to its invitees.
    meetings.write_text(text.replace("  minutes: null\n", extra + "  minutes: null\n"))
    result = run(rbook, "render", "invitation", "SG-2026-0100", "M3", "--to", "asc")
    assert result.exit_code == 3
    assert "--to asc matches several invitees of M3" in result.stderr
    named = run(rbook, "render", "invitation", "SG-2026-0100", "M3", "--to", "asc:Sam Patel")
    assert named.exit_code == 0, named.output
    assert "Dear Sam Patel," in named.stdout


def test_invitation_to_a_held_meeting_says_it_was_held(rbook: Path) -> None:
    result = run(rbook, "render", "invitation", "SG-2026-0100", "M1", "--format", "txt")
    assert result.exit_code == 0, result.output
    assert "This meeting was held on Tuesday 3 November 2026." in result.stdout
    assert "R.F. is not invited to this discussion" in result.stdout
