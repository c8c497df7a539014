"""EMP003 feedback: how the adult hears what a meeting agreed is recorded.

The minutes of every held meeting record `feedback.how` and `feedback.by` (a
person). Checked for meeting types that record feedback (`must_record` has
`feedback`) or that would invite the adult (the pack's `invite.adult` is not
`not-usual`).

Severity: a warning in England; an error for a case in Wales, and for any type
whose pack entry requires feedback (s126 strategy), because the Wales
Safeguarding Procedures say there has to be a way of feeding back to the adult.

Why: Empowerment (Wales Safeguarding Procedures, s126 strategy discussion).

Passes:

    # meetings.yaml (minutes of a held meeting)
      feedback:
        how: Home visit the next day
        by: {agency: asc, name: Sam Patel}
        due: 2026-11-12

Fails:

    # meetings.yaml (minutes of a held meeting)
      feedback: null
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.raw import filled, mapping
from safecli.validation.rules.base import ERROR, WARNING, CaseView, Finding, Rule, record_id
from safecli.validation.rules.records import held, person


def check(view: CaseView) -> Iterator[Finding]:
    for index, meeting, minutes in held(view):
        mt = view.meeting_type(meeting)
        if mt is None:
            continue
        if not mt.owes_feedback:
            continue
        required = "feedback" in mt.must_record
        feedback = mapping(minutes.get("feedback"))
        if filled(feedback.get("how")) and person(feedback.get("by")) is not None:
            continue
        missing = "how and by whom" if not filled(feedback.get("how")) else "by whom"
        severity = ERROR if required or view.jurisdiction == "wales" else WARNING
        yield view.finding(
            RULE,
            "meetings",
            (index, "minutes", "feedback"),
            f"{record_id(meeting)}: {missing} the adult hears what was agreed "
            "is not recorded (minutes.feedback)",
            severity=severity,
        )


RULE = Rule(
    code="EMP003",
    severity=WARNING,
    principle="empowerment",
    summary="a way of feeding back to the adult after the meeting is recorded",
    check=check,
    doc=__doc__ or "",
    severity_note="error in Wales (s126)",
)
