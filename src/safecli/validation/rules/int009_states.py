"""INT009 states: each status agrees with what is recorded beside it.

- a held meeting has minutes; a planned or cancelled one has none;
- an action that is done has `done_on`, and only a done action has one; a
  cancelled action has `cancel_reason`;
- a closed case has `closed` (and an open one has not), and no open actions.

Why: integrity. The digest and the plan read the status; minutes or dates that
contradict it make the record say two things at once.

Passes:

    # actions.yaml
    - id: A1
      status: done
      done_on: 2026-11-12

Fails:

    # actions.yaml
    - id: A1
      status: done
      done_on: null               # when was it done?
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from safecli.raw import filled
from safecli.validation.rules.base import ERROR, CaseView, Finding, Rule, record_id


def check(view: CaseView) -> Iterator[Finding]:
    for index, meeting in view.items("meetings"):
        status, minutes = meeting.get("status"), meeting.get("minutes")
        if status == "held" and not isinstance(minutes, dict):
            yield view.finding(
                RULE,
                "meetings",
                (index, "status"),
                "the meeting is held but has no minutes: record them (safecli meeting record)",
                at_value=True,
            )
        elif status in ("planned", "cancelled") and minutes is not None:
            yield view.finding(
                RULE,
                "meetings",
                (index, "minutes"),
                f"the meeting is {status} but has minutes: set status: held, or remove them",
            )
    for index, action in view.items("actions"):
        yield from _action(view, index, action)
    yield from _case(view)


def _action(view: CaseView, index: int, action: dict[str, Any]) -> Iterator[Finding]:
    status = action.get("status")
    if status == "done" and action.get("done_on") is None:
        yield view.finding(
            RULE, "actions", (index, "done_on"), "the action is done but done_on is not recorded"
        )
    elif status in ("open", "cancelled") and action.get("done_on") is not None:
        yield view.finding(
            RULE, "actions", (index, "done_on"), f"the action is {status} but has a done_on date"
        )
    if status == "cancelled" and not filled(action.get("cancel_reason")):
        yield view.finding(
            RULE,
            "actions",
            (index, "cancel_reason"),
            "the action is cancelled but cancel_reason is not recorded",
        )


def _case(view: CaseView) -> Iterator[Finding]:
    adult = view.mapping("adult")
    status = adult.get("status")
    if status == "closed" and adult.get("closed") is None:
        yield view.finding(
            RULE, "adult", ("closed",), "the case is closed but closed (the date) is not recorded"
        )
    elif status == "open" and adult.get("closed") is not None:
        yield view.finding(RULE, "adult", ("closed",), "the case is open but has a closed date")
    if status == "closed":
        for index, action in view.items("actions"):
            if action.get("status") == "open":
                yield view.finding(
                    RULE,
                    "actions",
                    (index, "status"),
                    f"the case is closed but action {record_id(action)} is still open",
                    at_value=True,
                )


RULE = Rule(
    code="INT009",
    severity=ERROR,
    principle="integrity",
    summary="statuses agree with minutes, done/closed dates and cancel reasons",
    check=check,
    doc=__doc__ or "",
)
