"""INT010 meetings about several adults: each adult's case has its part, and the parts agree.

A meeting about several adults is recorded once, in the case that convened it,
whose `subjects` list the other adults' cases. Each of those cases holds its own
part of the meeting: a meeting entry with `convened_in: {case: CASE, meeting: ID}`
naming the meeting, where that adult's invitation, actions, views, risks and
feedback are recorded. The reference is checked both ways:

- every subject's case has exactly one part naming the meeting;
- every part names a meeting of another case that lists this case as a subject;
- a part's `type`, `status`, `when`, `minutes.held_on` and `minutes.review` (one
  review for all the adults) are the meeting's.

Commands keep the parts in step. When a hand edit or a merge leaves a part
missing or out of step, `safecli meeting update CASE MEETING --resync` rewrites
the other adults' parts from the meeting, as its own case records it, all or none
(`safecli doctor` lists the meetings to resync).

Why: integrity. A meeting that one adult's case shows and another's does not
leaves her with no record of the meeting about her, and her actions with no
meeting to point to.

Passes:

    # meetings.yaml of SG-2026-0007
    - id: M1
      type: cuckooing
      status: planned
      when: 2026-12-01T10:00
      subjects: [SG-2026-0008]
    # meetings.yaml of SG-2026-0008
    - id: M1
      type: cuckooing
      status: planned
      when: 2026-12-01T10:00
      convened_in: {case: SG-2026-0007, meeting: M1}

Fails:

    # meetings.yaml of SG-2026-0008
    - id: M1
      type: cuckooing
      status: held                # SG-2026-0007's M1 is planned
      when: 2026-12-01T10:00
      convened_in: {case: SG-2026-0007, meeting: M1}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from safecli.model import CASE_ID
from safecli.raw import items, mapping
from safecli.shape import MEETING, shown
from safecli.validation.rules.base import ERROR, CaseView, Finding, Rule, day_text, record_id

MIRRORED = ("type", "status", "when")


def convened_in(meeting: dict[str, Any]) -> tuple[str, str] | None:
    """(case, meeting id) of the meeting this entry is a part of, or None."""
    ref = mapping(meeting.get("convened_in"))
    case, meeting_id = ref.get("case"), ref.get("meeting")
    if isinstance(case, str) and isinstance(meeting_id, str):
        return case, meeting_id
    return None


def _case(case_id: str) -> str:
    """A case id for a message, or `(invalid case id)`: never the text typed in its place."""
    return case_id if CASE_ID.match(case_id) and "\n" not in case_id else "(invalid case id)"


# A finding, and the meeting (case, id) whose resync mends it, or None.
Found = tuple[Finding, tuple[str, str] | None]


def check(view: CaseView) -> Iterator[Finding]:
    for finding, _ in with_mends(view):
        yield finding


def with_mends(view: CaseView) -> Iterator[Found]:
    """Each finding, with the meeting (where it was called) whose resync (`safecli
    meeting update CASE MEETING --resync`) mends it, or None when a resync cannot."""
    yield from _subjects_have_parts(view)
    yield from _parts_match(view)


def _readable(view: CaseView, case_id: str) -> list[dict[str, Any]] | None:
    if not CASE_ID.match(case_id) or ".." in case_id or case_id == view.case_id:
        return None  # INT003 reports it
    if not view.case_exists(case_id):
        return None
    return view.other_meetings(case_id)


def _subjects_have_parts(view: CaseView) -> Iterator[Found]:
    for index, meeting in view.items("meetings"):
        for place, subject in enumerate(items(meeting.get("subjects"))):
            if not isinstance(subject, str):
                continue
            others = _readable(view, subject)
            if others is None:
                continue
            parts = [m for m in others if convened_in(m) == (view.case_id, meeting.get("id"))]
            if not parts:
                name = f"{view.case_id} {record_id(meeting)}"
                yield (
                    view.finding(
                        RULE,
                        "meetings",
                        (index, "subjects", place),
                        f"{record_id(meeting)} is about the adult of {subject}, whose "
                        f"meetings.yaml has no part of it (an entry with convened_in: "
                        f"{{case: {view.case_id}, meeting: {record_id(meeting)}}}; "
                        f"safecli meeting update {name} --resync writes it)",
                        at_value=True,
                    ),
                    (view.case_id, str(meeting.get("id"))),
                )


def _parts_match(view: CaseView) -> Iterator[Found]:
    seen: set[tuple[str, str]] = set()
    for index, part in view.items("meetings"):
        ref = convened_in(part)
        if ref is None:
            continue
        case_id, meeting_id = _case(ref[0]), record_id({"id": ref[1]})
        here = record_id(part)
        if case_id == view.case_id:
            yield _unmended(
                view,
                RULE,
                "meetings",
                (index, "convened_in", "case"),
                f"{here} is a part of a meeting of its own case: a case is not its own subject",
                at_value=True,
            )
            continue
        if ref in seen:
            yield _unmended(
                view,
                RULE,
                "meetings",
                (index, "convened_in"),
                f"{here} is a second part of {case_id} {meeting_id}: one part per adult",
            )
            continue
        seen.add(ref)
        others = _readable(view, case_id)
        if others is None:
            continue
        found = next((m for m in others if m.get("id") == ref[1]), None)
        if found is None:
            yield _unmended(
                view,
                RULE,
                "meetings",
                (index, "convened_in", "meeting"),
                f"{here} is a part of {meeting_id} of {case_id}, which has no such meeting",
                at_value=True,
            )
            continue
        if view.case_id not in items(found.get("subjects")):
            yield _unmended(
                view,
                RULE,
                "meetings",
                (index, "convened_in"),
                f"{here} is a part of {case_id} {meeting_id}, whose subjects do not "
                f"list {view.case_id}",
            )
            continue
        for finding in _differences(view, index, part, found, f"{case_id} {meeting_id}"):
            yield finding, ref


def _unmended(view: CaseView, *args: Any, **kwargs: Any) -> Found:
    """A finding that a resync does not mend (the part itself is wrong)."""
    return view.finding(*args, **kwargs), None


def _differences(
    view: CaseView, index: int, part: dict[str, Any], meeting: dict[str, Any], name: str
) -> Iterator[Finding]:
    fix = f"; safecli meeting update {name} --resync rewrites the part"
    for key in MIRRORED:
        if part.get(key) != meeting.get(key):
            theirs = shown(meeting.get(key), MEETING, key)
            yield view.finding(
                RULE,
                "meetings",
                (index, key),
                f"{record_id(part)}'s {key} is not that of {name}, which it is a part of "
                f"({key}: {theirs if theirs is not None else 'not recorded'}{fix})",
            )
    held, own = mapping(meeting.get("minutes")).get("held_on"), mapping(part.get("minutes"))
    if held is not None and own.get("held_on") != held:
        yield view.finding(
            RULE,
            "meetings",
            (index, "minutes", "held_on") if own else (index, "minutes"),
            f"{record_id(part)}'s minutes.held_on is not that of {name} "
            f"(held_on: {day_text(held)}{fix})",
        )
    review = mapping(meeting.get("minutes")).get("review")
    if held is not None and isinstance(review, dict) and own.get("review") != review:
        yield view.finding(
            RULE,
            "meetings",
            (index, "minutes", "review") if "review" in own else (index, "minutes"),
            f"{record_id(part)}'s minutes.review is not that of {name} (its review date, "
            f"or why none is needed{fix})",
        )


RULE = Rule(
    code="INT010",
    severity=ERROR,
    principle="integrity",
    summary="a meeting about several adults has a part in each adult's case, and they agree",
    check=check,
    doc=__doc__ or "",
)
