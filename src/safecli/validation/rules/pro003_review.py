"""PRO003 review: a held meeting sets a review date, or records that none is needed.

The minutes of a held meeting have `review.date`, or `review.not_required` with
the reason. Where the meeting type's follow-up is required (the pack's
`follow_up: required`: self-neglect, cuckooing) a review date must be set, and
"not required" does not do: that is an error. Types whose follow-up is not used
(`follow_up: not-used`: MARAC) are not checked.

Why: Proportionality (multi-agency S42 strategy guidance: agree a review date
and attendees, which will not always be needed; LLR guide: self-neglect and
cuckooing meetings set a review date).

Passes:

    # meetings.yaml (minutes of a held meeting)
      review:
        date: 2026-12-01
        not_required: null

Fails:

    # meetings.yaml (minutes of a held self-neglect meeting)
      review:
        date: null
        not_required: The risk has gone down.
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.raw import day, filled, mapping
from safecli.validation.rules.base import ERROR, WARNING, CaseView, Finding, Rule, record_id
from safecli.validation.rules.records import convened_held


def check(view: CaseView) -> Iterator[Finding]:
    for index, meeting, minutes in convened_held(view):
        mt = view.meeting_type(meeting)
        if mt is None or mt.follow_up == "not-used":
            continue
        review = mapping(minutes.get("review"))
        if day(review.get("date")) is not None:
            continue
        keys = (index, "minutes", "review")
        if mt.follow_up == "required":
            yield view.finding(
                RULE,
                "meetings",
                keys,
                f"{record_id(meeting)} ({mt.id}): a review date is required (minutes.review.date)",
                severity=ERROR,
            )
        elif not filled(review.get("not_required")):
            yield view.finding(
                RULE,
                "meetings",
                keys,
                f"{record_id(meeting)}: set a review "
                "date, or record why none is needed (minutes.review)",
            )


RULE = Rule(
    code="PRO003",
    severity=WARNING,
    principle="proportionality",
    summary="a review date is set, or recorded as not required",
    check=check,
    doc=__doc__ or "",
    severity_note="error where the type's follow-up is required (self-neglect, cuckooing)",
)
