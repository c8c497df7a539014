"""EMP004 communication needs: an advocate or interpreter the adult needs is part of the invitation.

When adult.yaml records that the adult needs an advocate (`communication.advocate`
names one, or `needs_advocate: true`), every meeting the adult is invited to
invites the advocate: an invitee from an agency of kind `advocacy`, or the
person named as advocate. When it records an interpreter language
(`communication.interpreter`), the meeting records that one is arranged
(`adult.interpreter_arranged: true`, set by `safecli meeting new
--interpreter-arranged` or `safecli meeting update --interpreter-arranged`);
`false` or nothing recorded is a finding. Free text (the purpose, the agenda)
is not read for it.

A meeting about several adults is checked for each of them, in each adult's own
case, against her own adult.yaml: the advocate she needs is among the invitees of
the meeting (recorded where it was called), and her part of the meeting records
whether her interpreter is arranged (`safecli meeting update HER-CASE PART
--interpreter-arranged`). Checked for meeting types
whose pack entry asks for an advocate or interpreter where needed
(`invite.advocate_or_interpreter: true`); cancelled meetings are not checked.

Documents addressed to the adult (`render invitation --to adult`, `render
feedback`) follow `communication.large_print` (a point size), `easy_read` and
`language`. When the communication notes ask for large print, easy read or
Welsh but the field documents read is not set, every letter to the adult would
ignore the need: that is a finding too, at the notes.

Why: Empowerment (LLR guide to multi-agency meetings, self-neglect: invite the
adult wherever possible, with an advocate or interpreter if required).

Passes:

    # adult.yaml: communication: {interpreter: Polish, ...}
    # meetings.yaml
    - id: M1
      type: self-neglect
      status: planned
      adult: {invited: true, not_invited_reason: null, interpreter_arranged: true}
      purpose: Agree a plan with Mr Nowak.

Fails:

    # adult.yaml: communication: {interpreter: Polish, ...}
    # meetings.yaml
    - id: M1
      type: self-neglect
      status: planned
      adult: {invited: true, not_invited_reason: null, interpreter_arranged: false}
      purpose: Agree a plan with Mr Nowak (Polish interpreter booked).

    # adult.yaml: communication: {large_print: null,
    #   notes: Send letters in 18pt large print.}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from safecli.model import CASE_ID
from safecli.raw import filled, items, mapping
from safecli.shape import CONVENED_IN, shown
from safecli.validation.rules.base import WARNING, CaseView, Finding, Rule, record_id
from safecli.validation.rules.int010_shared_meetings import convened_in
from safecli.validation.rules.records import agency_kinds, is_part, meetings, person

# What notes say when they ask for a form of document; the field that records it.
_ASKS = (
    (re.compile(r"large[- ]?print|\b\d{2} ?pt\b", re.IGNORECASE), "large print", "large_print"),
    (re.compile(r"easy[- ]?read", re.IGNORECASE), "easy read", "easy_read"),
    (re.compile(r"\bwelsh\b|\bcymraeg\b", re.IGNORECASE), "Welsh", "language"),
)
_WELSH = ("cy", "welsh", "cymraeg", "both")
_FLAGS = {"large_print": "a point size, e.g. 18", "easy_read": "true", "language": "Welsh"}


def check(view: CaseView) -> Iterator[Finding]:
    communication = mapping(view.mapping("adult").get("communication"))
    yield from _documents(view, communication)
    advocate = communication.get("advocate")
    needs_advocate = filled(advocate) or communication.get("needs_advocate") is True
    interpreter = communication.get("interpreter")
    if not needs_advocate and not filled(interpreter):
        return
    kinds = agency_kinds(view)
    for index, meeting in meetings(view):
        mt = view.meeting_type(meeting)
        invited = mapping(meeting.get("adult")).get("invited") is True
        if mt is None or not mt.invite.advocate_or_interpreter or not invited:
            continue
        invitation = _invitation(view, meeting, kinds)
        if invitation is None:
            continue
        whole, their_kinds = invitation
        if needs_advocate and not _advocate_invited(whole, their_kinds, advocate):
            yield view.finding(
                RULE,
                "meetings",
                (index, "convened_in" if is_part(meeting) else "invitees"),
                f"{record_id(meeting)}: the adult needs an advocate, but no advocate is invited"
                + _where(meeting),
            )
        arranged = mapping(meeting.get("adult")).get("interpreter_arranged")
        if filled(interpreter) and arranged is not True:
            said = (
                "records that none is arranged"
                if arranged is False
                else "does not record that one is arranged"
            )
            yield view.finding(
                RULE,
                "meetings",
                (index, "adult"),
                f"{record_id(meeting)}: the adult needs an interpreter, but the meeting "
                f"{said} (adult.interpreter_arranged; "
                f"safecli meeting update {view.case_id} {record_id(meeting)} "
                "--interpreter-arranged)",
            )


def _invitation(
    view: CaseView, meeting: dict[str, Any], kinds: dict[str, str]
) -> tuple[dict[str, Any], dict[str, str]] | None:
    """The meeting whose invitees invite the adult, and the kinds of its case's agencies:
    this case's own meeting, or for its part of a meeting about several adults the
    meeting where it was called. None when that meeting cannot be read (INT010 says why)."""
    if not is_part(meeting):
        return meeting, kinds
    ref = convened_in(meeting)
    if ref is None or not CASE_ID.match(ref[0]) or ref[0] == view.case_id:
        return None
    if not view.case_exists(ref[0]):
        return None
    found = next((m for m in view.other_meetings(ref[0]) or [] if m.get("id") == ref[1]), None)
    if found is None:
        return None
    theirs = {
        str(a.get("handle")): str(a.get("kind")) for a in view.other_items(ref[0], "agencies") or []
    }
    return found, {**kinds, **theirs}


def _where(meeting: dict[str, Any]) -> str:
    ref = convened_in(meeting)
    if ref is None:
        return ""
    case = shown(ref[0], CONVENED_IN, "case")
    return f" (invite one to the meeting, where it was called: {case} {record_id({'id': ref[1]})})"


def _documents(view: CaseView, communication: dict[str, Any]) -> Iterator[Finding]:
    notes = communication.get("notes")
    if not isinstance(notes, str):
        return
    for pattern, need, key in _ASKS:
        if not pattern.search(notes) or _recorded(key, communication.get(key)):
            continue
        yield view.finding(
            RULE,
            "adult",
            ("communication", "notes"),
            f"the communication notes ask for {need}, but communication.{key} does not "
            f"record it ({_FLAGS[key]}), so documents for the adult ignore it",
        )


def _recorded(key: str, value: Any) -> bool:
    if key == "language":
        return isinstance(value, str) and value.strip().lower() in _WELSH
    if key == "easy_read":
        return value is True
    return isinstance(value, int) and not isinstance(value, bool)


def _advocate_invited(meeting: dict[str, Any], kinds: dict[str, str], advocate: Any) -> bool:
    for entry in items(meeting.get("invitees")):
        who = person(mapping(entry).get("person"))
        if who is not None and (kinds.get(who.agency) == "advocacy" or who.name == advocate):
            return True
    return False


RULE = Rule(
    code="EMP004",
    severity=WARNING,
    principle="empowerment",
    summary="communication needs (advocate, interpreter, large print, easy read, Welsh) "
    "are reflected in the invitation and documents for the adult",
    check=check,
    doc=__doc__ or "",
)
