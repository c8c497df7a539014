"""Readable text for `meeting suggest`, `meeting show` and the `meeting record` summary."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from safecli import raw, shape
from safecli.model import Person

if TYPE_CHECKING:
    from safecli.policy.pack import Policy
    from safecli.policy.suggest import Suggestion
    from safecli.store.book import Case

WIDTH = 88


def _wrap(text: Any, indent: str = "  ", first: str | None = None) -> list[str]:
    import textwrap

    flat = " ".join(str(text).split())
    return textwrap.wrap(
        flat,
        width=WIDTH,
        initial_indent=first if first is not None else indent,
        subsequent_indent=indent,
    ) or [first or indent]


def suggestion_lines(s: Suggestion, policy: Policy) -> list[str]:
    """Which meeting fits, discussion or meeting, warnings and alternatives, with reasons."""
    lines = [f"Suggested meeting: {s.type_id} ({policy.get(s.type_id).name})"]
    lines += [line for reason in s.reasons for line in _wrap(reason, "    ", "  - ")]
    lines.append(f"Discussion or meeting: {s.format}")
    lines += [line for reason in s.format_reasons for line in _wrap(reason, "    ", "  - ")]
    if s.warnings:
        lines.append("Warnings:")
        lines += [line for warning in s.warnings for line in _wrap(warning, "    ", "  ! ")]
    if s.also_consider:
        lines.append("Also consider:")
        lines += [f"  - {t} ({policy.get(t).name})" for t in s.also_consider]
    return lines


def _person(raw: Any) -> str:
    return str(Person.from_raw(raw) or "-")


def _of(record: shape.Record, stored: Mapping[str, Any], key: str) -> Any:
    """An enumerated value as it may be printed (`shape.shown`: "invalid" if hand-edited)."""
    return shape.shown(stored.get(key), record, key)


def action_line(action: Mapping[str, Any]) -> list[str]:
    """One action as `A3 (M1) due 2026-11-14, lead asc:Sam Patel: text`."""
    moved = len(raw.items(action.get("moves")))
    head = (
        f"{_of(shape.ACTION, action, 'id')} ({_of(shape.ACTION, action, 'meeting')}) "
        f"{_of(shape.ACTION, action, 'status')}, due "
        f"{_of(shape.ACTION, action, 'due')}{f' (moved {moved}x)' if moved else ''}, lead "
        f"{_person(action.get('lead'))}: "
    )
    return _wrap(head + str(action.get("description") or ""), "      ", "  ")


def carried_lines(case: Case, meeting_id: str) -> list[str]:
    """The open actions from earlier meetings that this meeting reviews."""
    from safecli.casework.meetings import carried_forward

    carried = carried_forward(case, meeting_id)
    if not carried:
        return ["Carried forward: no open actions from earlier meetings"]
    return ["Carried forward (actions from earlier meetings still open, to review):"] + [
        line for action in carried for line in action_line(action)
    ]


def show_lines(case: Case, meeting: Mapping[str, Any], policy: Policy) -> list[str]:
    """A meeting as readable text: details, invitees and responses, minutes, actions."""
    from safecli.raw import mapping

    mid = str(meeting.get("id"))
    type_id = str(meeting.get("type"))
    name = policy.types[type_id].name if type_id in policy.types else "unknown type"
    lines = [
        (
            f"Meeting {_of(shape.MEETING, meeting, 'id')} of {case.case_id}: "
            f"{_of(shape.MEETING, meeting, 'type')} ({name})"
        ),
        f"  Status: {_of(shape.MEETING, meeting, 'status')}"
        + (
            f" ({' '.join(str(meeting.get('cancel_reason')).split())})"
            if meeting.get("cancel_reason")
            else ""
        ),
        (
            f"  {str(_of(shape.MEETING, meeting, 'format')).capitalize()}, "
            f"{_of(shape.MEETING, meeting, 'mode')}, {_of(shape.MEETING, meeting, 'when')}"
        ),
    ]
    for key in ("where", "link"):
        if meeting.get(key):
            lines.append(f"  {key.capitalize()}: {' '.join(str(meeting[key]).split())}")
    lines.append(f"  Chair: {_person(meeting.get('chair'))}")
    if meeting.get("decision_maker"):
        lines.append(f"  Decision maker: {_person(meeting.get('decision_maker'))}")
    lines += _wrap(meeting.get("purpose") or "-", "    ", "  Purpose: ")
    adult = mapping(meeting.get("adult"))
    lines += (
        ["  Adult: invited"]
        if adult.get("invited")
        else _wrap(
            adult.get("not_invited_reason") or "not recorded", "    ", "  Adult: not invited: "
        )
    )
    lines.append(f"  Invitations sent: {meeting.get('invited_on') or '-'}")
    if meeting.get("subjects"):
        subjects = [str(shape.shown(s, shape.MEETING, "subjects")) for s in meeting["subjects"]]
        lines.append(f"  About the adults of: {', '.join(subjects)}")
    part_of = mapping(meeting.get("convened_in"))
    if part_of:
        lines.append(
            f"  Part of: {_of(shape.CONVENED_IN, part_of, 'case')} "
            f"{shape.shown(part_of.get('meeting'), shape.MEETING, 'id')} (a meeting about "
            "several adults, recorded there; this case holds this adult's part)"
        )
    if meeting.get("agenda"):
        lines.append("Agenda:")
        lines += [
            f"  {n}. {' '.join(str(item).split())}" for n, item in enumerate(meeting["agenda"], 1)
        ]
    lines.append("Invitees:")
    for e in raw.items(meeting.get("invitees")):
        response = str(_of(shape.INVITEE, e, "response"))
        if response == "deputy":
            response += f" ({e.get('deputy')})"
        if e.get("responded_on"):
            response += f" on {e.get('responded_on')}"
        lines += _wrap(
            f"{_person(e.get('person'))}: {response}; why: {e.get('reason') or '-'}", "      ", "  "
        )
    if not meeting.get("invitees"):
        lines.append("  (none)")
    minutes = meeting.get("minutes")
    if isinstance(minutes, Mapping):
        lines += minutes_lines(minutes)
    agreed = [a for a in case.actions if isinstance(a, Mapping) and a.get("meeting") == mid]
    lines.append("Actions agreed:" if agreed else "Actions agreed: none")
    lines += [line for a in agreed for line in action_line(a)]
    lines += carried_lines(case, mid)
    return lines


def _people(raw: Any) -> str:
    return ", ".join(_person(p) for p in raw or []) or "-"


def minutes_lines(m: Mapping[str, Any]) -> list[str]:
    """The minutes of a held meeting as readable text."""
    from safecli.raw import mapping

    lines = [
        f"Minutes (held on {_of(shape.MINUTES, m, 'held_on')}):",
        f"  Attended: {_people(m.get('attendees'))}",
        f"  Apologies: {_people(m.get('apologies'))}",
        f"  Written updates: {_people(m.get('written_updates'))}",
    ]
    if m.get("engage_lead"):
        lines.append(f"  Best placed to engage the adult: {m['engage_lead']}")
    wishes = mapping(m.get("wishes"))
    if wishes.get("views"):
        lines += _wrap(
            f"{wishes['views']} (obtained by: {wishes.get('obtained_by') or '-'})",
            "    ",
            "  Adult's wishes: ",
        )
    for n, risk in enumerate(raw.items(m.get("risks")), 1):
        lines += _wrap(
            f"{risk.get('risk')}; in place: {risk.get('in_place') or '-'}; "
            f"barriers: {risk.get('barriers') or '-'}; actions: "
            f"{', '.join(map(str, risk.get('actions') or [])) or '-'}",
            "      ",
            f"  Risk {n}: ",
        )
    others = mapping(m.get("others_at_risk"))
    lines += _wrap(
        ("reviewed" if others.get("reviewed") else "not reviewed")
        + (f"; adults: {others['adults']}" if others.get("adults") else "")
        + (f"; children: {others['children']}" if others.get("children") else "")
        + (
            f"; referral to children's social care {others['referral_made']}"
            if others.get("referral_made")
            else ""
        ),
        "    ",
        "  Others at risk: ",
    )
    for decision in raw.items(m.get("decisions")):
        lines += _wrap(decision, "    ", "  Decision: ")
    for d in raw.items(m.get("disagreements")):
        lines += _wrap(
            f"{_person(d.get('raised_by'))} about {d.get('about')}; outcome: "
            f"{d.get('outcome') or '-'}" + ("; escalated" if d.get("escalated") else ""),
            "    ",
            "  Disagreement: ",
        )
    review = mapping(m.get("review"))
    lines.append(
        f"  Review: {review.get('date') or ''}"
        + (
            f"not required: {review['not_required']}"
            if review.get("not_required")
            else ""
            if review.get("date")
            else "not set"
        )
    )
    feedback = mapping(m.get("feedback"))
    if feedback:
        lines += _wrap(
            f"{feedback.get('how') or '-'} by {_person(feedback.get('by'))}, due "
            f"{feedback.get('due') or '-'}"
            + (f"; given on {feedback['given_on']}" if feedback.get("given_on") else ""),
            "    ",
            "  Feedback to the adult: ",
        )
    capacity = mapping(m.get("capacity"))
    if capacity:
        lines += _wrap(
            f"{capacity.get('decision')}: {capacity.get('outcome')} (assessed "
            f"{capacity.get('assessed_on')} by {_person(capacity.get('assessed_by'))})"
            f"; best interests decision: "
            f"{capacity.get('best_interests_decision') or '-'}",
            "    ",
            "  Capacity: ",
        )
    shared = [f"{s.get('agency')} on {s.get('shared_on')}" for s in raw.items(m.get("shared"))]
    lines.append(f"  Minutes shared: {', '.join(shared) or 'not yet'}")
    return lines
