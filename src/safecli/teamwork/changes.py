"""What changed between two versions of a case file, in words, for the audit trail.

Items are matched by identity (actions and meetings by id, agencies by handle)
and described by ids, handles, dates and statuses only: never free text, never
the adult's details (a changed address is "adult's details changed: address").
Each of those is given as `shape.shown` gives it: "invalid" for a hand-edited one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from safecli.raw import items, mapping, records
from safecli.shape import (
    ACTION,
    ADULT,
    AGENCY,
    CAPACITY,
    CONCERN,
    EVENT,
    INVITEE,
    MEETING,
    MOVE,
    OTHERS_AT_RISK,
    Record,
    shown,
)

PERSONAL = (
    "name",
    "preferred_name",
    "date_of_birth",
    "address",
    "phone",
    "communication",
    "representative",
    "care_and_support",
)
ENUMS = ("jurisdiction", "risk_level", "lead_agency", "engagement")
ADULT_WORDS = {"risk_level": "risk level", "lead_agency": "lead agency"}


def describe(kind: str, old: Any, new: Any) -> list[str]:
    """The changes from old to new (plain data; None for a file that is not there)."""
    describer = {
        "adult": _adult,
        "agencies": _agencies,
        "meetings": _meetings,
        "actions": _actions,
    }[kind]
    return describer(old, new)


def _text(value: Any) -> str:
    return "none" if value is None else str(value)


def _of(item: dict[str, Any], record: Record, key: str) -> str:
    """An id, handle, date, time or status of a record as the audit trail words it."""
    return _text(shown(item.get(key), record, key))


def _changed(old: dict[str, Any], new: dict[str, Any], skip: Iterable[str] = ()) -> list[str]:
    """Keys whose value differs, in new's order then removed keys."""
    left = set(skip)
    keys = [k for k in new if k not in left] + [k for k in old if k not in new and k not in left]
    return [k for k in keys if old.get(k) != new.get(k)]


def _by(value: Any, key: str) -> dict[Any, dict[str, Any]]:
    return {item.get(key): item for item in records(value)}


def _agency(person: Any) -> str:
    return (
        _text(shown(person.get("agency"), AGENCY, "handle")) if isinstance(person, dict) else "none"
    )


def _adult(old: Any, new: Any) -> list[str]:
    old, new = mapping(old), mapping(new)
    if not new:
        return ["case file adult.yaml removed"] if old else []
    if not old:
        risk, lead = _of(new, ADULT, "risk_level"), _of(new, ADULT, "lead_agency")
        return [f"case opened (risk: {risk}, lead agency: {lead})"]
    lines: list[str] = []
    if old.get("status") != new.get("status"):
        if new.get("status") == "closed":
            closed = _of(new, ADULT, "closed")
            lines.append(f"case closed on {closed}" if new.get("closed") else "case closed")
        elif new.get("status") == "open":
            lines.append("case reopened")
    for key in ENUMS:
        if old.get(key) != new.get(key):
            lines.append(
                f"{ADULT_WORDS.get(key, key)} changed {_of(old, ADULT, key)} → {_of(new, ADULT, key)}"
            )
    if old.get("coordinator") != new.get("coordinator"):
        lines.append(
            f"lead coordinator changed ({_agency(old.get('coordinator'))} → "
            f"{_agency(new.get('coordinator'))})"
        )
    lines += _concerns(old.get("concerns"), new.get("concerns"))
    lines += _capacity(old.get("capacity"), new.get("capacity"))
    lines += _records(
        "event",
        old.get("events"),
        new.get("events"),
        lambda item: (item.get("happened_on"), item.get("kind"), item.get("agency")),
        lambda item: (
            f"{_of(item, EVENT, 'kind')} on {_of(item, EVENT, 'happened_on')}, "
            f"{_of(item, EVENT, 'agency')}"
        ),
    )
    if old.get("wishes") != new.get("wishes"):
        lines.append("adult's wishes updated")
    if old.get("others_at_risk") != new.get("others_at_risk"):
        made = mapping(new.get("others_at_risk")).get("referral_made")
        was = mapping(old.get("others_at_risk")).get("referral_made")
        lines.append(
            f"referral to children's social care recorded "
            f"({_of(mapping(new.get('others_at_risk')), OTHERS_AT_RISK, 'referral_made')})"
            if made and made != was
            else "others at risk updated"
        )
    personal = [k for k in PERSONAL if old.get(k) != new.get(k)]
    if personal:
        lines.append(f"adult's details changed: {', '.join(personal)}")
    handled = {
        "status",
        "closed",
        "closure",
        "coordinator",
        "concerns",
        "capacity",
        "events",
        "wishes",
        "others_at_risk",
        *ENUMS,
        *PERSONAL,
    }
    rest = _changed(old, new, handled)
    if rest:
        lines.append(f"adult.yaml changed: {', '.join(rest)}")
    return lines


def _concerns(old: Any, new: Any) -> list[str]:
    def key(item: dict[str, Any]) -> tuple[Any, Any]:
        return item.get("type"), item.get("raised_on")

    def label(item: dict[str, Any]) -> str:
        return f"{_of(item, CONCERN, 'type')}, raised {_of(item, CONCERN, 'raised_on')}"

    return _records("concern", old, new, key, label)


def _capacity(old: Any, new: Any) -> list[str]:
    def key(item: dict[str, Any]) -> tuple[Any, Any]:
        return item.get("decision"), item.get("assessed_on")

    def label(item: dict[str, Any]) -> str:
        return f"outcome: {_of(item, CAPACITY, 'outcome')}, assessed {_of(item, CAPACITY, 'assessed_on')}"

    return _records("capacity assessment", old, new, key, label)


def _records(
    noun: str,
    old: Any,
    new: Any,
    key: Callable[[dict[str, Any]], Any],
    label: Callable[[dict[str, Any]], str],
) -> list[str]:
    before = {key(i): i for i in records(old)}
    after = {key(i): i for i in records(new)}
    lines = [f"{noun} added ({label(i)})" for k, i in after.items() if k not in before]
    lines += [
        f"{noun} changed ({label(i)})" for k, i in after.items() if k in before and before[k] != i
    ]
    lines += [f"{noun} removed ({label(i)})" for k, i in before.items() if k not in after]
    return lines


def _agencies(old: Any, new: Any) -> list[str]:
    before, after = _by(old, "handle"), _by(new, "handle")
    lines: list[str] = []
    for key, agency in after.items():
        handle = _text(shown(key, AGENCY, "handle"))
        if key not in before:
            lines.append(f"agency {handle} added")
            continue
        was = before[key]
        people_before = _by(was.get("people"), "name")
        people_after = _by(agency.get("people"), "name")
        added = sum(1 for name in people_after if name not in people_before)
        removed = sum(1 for name in people_before if name not in people_after)
        edited = sum(
            1
            for name, p in people_after.items()
            if name in people_before and people_before[name] != p
        )
        for count, verb in ((added, "added"), (removed, "removed")):
            if count:
                lines.append(f"agency {handle}: {_people_count(count)} {verb}")
        if edited:
            lines.append(f"agency {handle}: details of {_people_count(edited)} changed")
        rest = _changed(was, agency, ("people",))
        if rest:
            lines.append(f"agency {handle} changed: {', '.join(rest)}")
    lines += [
        f"agency {_text(shown(key, AGENCY, 'handle'))} removed"
        for key in before
        if key not in after
    ]
    return lines


def _people_count(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def _meetings(old: Any, new: Any) -> list[str]:
    before, after = _by(old, "id"), _by(new, "id")
    lines: list[str] = []
    for key, meeting in after.items():
        mid = _text(shown(key, MEETING, "id"))
        if key not in before:
            lines.append(
                f"meeting {mid} added ({_of(meeting, MEETING, 'type')}, "
                f"{_of(meeting, MEETING, 'when')})"
            )
            lines += _meeting_changes(mid, {"invitees": [], "minutes": None}, meeting)
        else:
            lines += _meeting_changes(mid, before[key], meeting)
    lines += [
        f"meeting {_text(shown(key, MEETING, 'id'))} removed" for key in before if key not in after
    ]
    return lines


def _meeting_changes(mid: str, was: dict[str, Any], now: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    if "when" in was and was.get("when") != now.get("when"):
        lines.append(
            f"meeting {mid} moved {_of(was, MEETING, 'when')} → {_of(now, MEETING, 'when')}"
        )
    if "status" in was and was.get("status") != now.get("status"):
        status = now.get("status")
        recorded = not was.get("minutes") and now.get("minutes")
        reason = "; reason recorded" if status == "cancelled" and now.get("cancel_reason") else ""
        lines.append(
            f"meeting {mid} held; minutes recorded"
            if status == "held" and recorded
            else f"meeting {mid} {status}{reason}"
            if status in ("held", "cancelled")
            else f"meeting {mid} status changed {_of(was, MEETING, 'status')} → "
            f"{_of(now, MEETING, 'status')}"
        )
    elif not was.get("minutes") and now.get("minutes"):
        lines.append(f"meeting {mid}: minutes recorded")
    if now.get("invited_on") and was.get("invited_on") != now.get("invited_on"):
        lines.append(f"meeting {mid}: invitations sent on {_of(now, MEETING, 'invited_on')}")
    lines += _invitees(mid, was.get("invitees"), now.get("invitees"))
    minutes_was = mapping(was.get("minutes"))
    minutes_now = mapping(now.get("minutes"))
    shared_was = _by(minutes_was.get("shared"), "agency")
    shared = [
        _text(shown(a, AGENCY, "handle"))
        for a in _by(minutes_now.get("shared"), "agency")
        if a not in shared_was
    ]
    if shared:
        lines.append(f"meeting {mid}: minutes shared with {', '.join(shared)}")
    edited = _changed(minutes_was, minutes_now, ("shared",)) if minutes_was else []
    if edited:
        lines.append(f"meeting {mid}: minutes changed: {', '.join(edited)}")
    skip = ["id", "when", "status", "invited_on", "invitees", "minutes"]
    if was.get("status") != now.get("status"):
        skip.append("cancel_reason")
    rest = _changed(was, now, skip)
    if rest and "type" in was:
        lines.append(f"meeting {mid} changed: {', '.join(rest)}")
    return lines


def _invitees(mid: str, old: Any, new: Any) -> list[str]:
    def person_key(item: dict[str, Any]) -> tuple[str, str]:
        person = item.get("person") or {}
        return (
            (_agency(person), str(person.get("name")))
            if isinstance(person, dict)
            else ("none", "none")
        )

    before = {person_key(i): i for i in records(old)}
    after = {person_key(i): i for i in records(new)}
    invited = list(dict.fromkeys(k[0] for k in after if k not in before))
    lines = [f"meeting {mid}: invited {', '.join(invited)}"] if invited else []
    for k, item in after.items():
        if k in before and before[k].get("response") != item.get("response"):
            lines.append(f"meeting {mid}: response from {k[0]}: {_of(item, INVITEE, 'response')}")
    withdrawn = list(dict.fromkeys(k[0] for k in before if k not in after))
    if withdrawn:
        lines.append(f"meeting {mid}: invitation withdrawn from {', '.join(withdrawn)}")
    return lines


def _actions(old: Any, new: Any) -> list[str]:
    before, after = _by(old, "id"), _by(new, "id")
    lines: list[str] = []
    for key, action in after.items():
        aid = _text(shown(key, ACTION, "id"))
        if key not in before:
            lines.append(
                f"action {aid} added (lead: {_agency(action.get('lead'))}, "
                f"due {_of(action, ACTION, 'due')})"
            )
            if action.get("status") in ("done", "cancelled"):
                lines += _status(aid, {"status": "open"}, action)
        else:
            lines += _action_changes(aid, before[key], action)
    lines += [
        f"action {_text(shown(key, ACTION, 'id'))} removed" for key in before if key not in after
    ]
    return lines


def _action_changes(aid: str, was: dict[str, Any], now: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    moves_was = items(was.get("moves"))
    moves_now = items(now.get("moves"))
    new_moves = [m for m in moves_now[len(moves_was) :] if isinstance(m, dict)]
    for move in new_moves:
        reason = "reason recorded" if move.get("reason") else "no reason recorded"
        lines.append(
            f"action {aid} due date moved {_of(move, MOVE, 'from')} → "
            f"{_of(move, MOVE, 'to')}; {reason}"
        )
    if not new_moves and was.get("due") != now.get("due"):
        lines.append(
            f"action {aid} due date changed {_of(was, ACTION, 'due')} → {_of(now, ACTION, 'due')}"
        )
    lines += _status(aid, was, now)
    if was.get("lead") != now.get("lead"):
        old_lead, new_lead = _agency(was.get("lead")), _agency(now.get("lead"))
        lines.append(
            f"action {aid} lead changed {old_lead} → {new_lead}"
            if old_lead != new_lead
            else f"action {aid} lead changed ({new_lead})"
        )
    if was.get("meeting") != now.get("meeting"):
        lines.append(
            f"action {aid} meeting changed {_of(was, ACTION, 'meeting')} → "
            f"{_of(now, ACTION, 'meeting')}"
        )
    skip = ["id", "due", "moves", "status", "lead", "meeting"]
    if was.get("status") != now.get("status"):
        skip += ["done_on", "note", "cancel_reason", "cancelled_on"]
    rest = _changed(was, now, skip)
    if rest:
        lines.append(f"action {aid} changed: {', '.join(rest)}")
    return lines


def _status(aid: str, was: dict[str, Any], now: dict[str, Any]) -> list[str]:
    status = now.get("status")
    if was.get("status") == status:
        return []
    if status == "done":
        return [
            f"action {aid} done on {_of(now, ACTION, 'done_on')}"
            if now.get("done_on")
            else f"action {aid} done"
        ]
    if status == "cancelled":
        return [
            f"action {aid} cancelled" + ("; reason recorded" if now.get("cancel_reason") else "")
        ]
    if status == "open":
        return [f"action {aid} reopened"]
    return [
        f"action {aid} status changed {_of(was, ACTION, 'status')} → {_of(now, ACTION, 'status')}"
    ]
