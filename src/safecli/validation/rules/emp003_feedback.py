"""EMP003 feedback: how the adult hears what a meeting agreed is recorded.

The minutes of every held meeting record `feedback.how` and `feedback.by` (a
person), with `safecli meeting record --feedback-how/--feedback-by` or afterwards
with `safecli meeting feedback`. Checked for meeting types that record feedback
(`must_record` has `feedback`) or that would invite the adult (the pack's
`invite.adult` is not `not-usual`).

Severity: a warning while the case is open. In Wales (a case in Wales, or a type
whose pack entry requires feedback: s126 strategy) the Wales Safeguarding
Procedures say there has to be a way of feeding back to the adult, but set no
day by which it is given: minutes may be recorded first and the feedback after
(the warning says it is required, and the digest lists it as due), and a case
closed with it still unrecorded is an error, since by then it can no longer be
given as part of the enquiry.

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
    closed = view.mapping("adult").get("status") == "closed"
    for index, meeting, minutes in held(view):
        mt = view.meeting_type(meeting)
        if mt is None or not mt.owes_feedback:
            continue
        feedback = mapping(minutes.get("feedback"))
        if filled(feedback.get("how")) and person(feedback.get("by")) is not None:
            continue
        missing = "how and by whom" if not filled(feedback.get("how")) else "by whom"
        mid = record_id(meeting)
        said = f"{missing} the adult hears what was agreed"
        command = f"(safecli meeting feedback {view.case_id} {mid} --how --by)"
        required = "feedback" in mt.must_record or view.jurisdiction == "wales"
        if required and closed:
            message = (
                f"{mid}: the case is closed, but {said} was never recorded "
                f"(minutes.feedback); in Wales it is required {command}"
            )
        elif required:
            message = (
                f"{mid}: {said} is not recorded yet (minutes.feedback); "
                f"in Wales it is required {command}"
            )
        else:
            message = f"{mid}: {said} is not recorded (minutes.feedback)"
        yield view.finding(
            RULE,
            "meetings",
            (index, "minutes", "feedback"),
            message,
            severity=ERROR if required and closed else WARNING,
        )


RULE = Rule(
    code="EMP003",
    severity=WARNING,
    principle="empowerment",
    summary="a way of feeding back to the adult after the meeting is recorded",
    check=check,
    doc=__doc__ or "",
    severity_note="error in Wales (s126) once the case is closed",
)
