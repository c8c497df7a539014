"""INT005 dates: every date is real, written as a date, and consistent with the others.

- dates are real ISO dates (`2026-02-30` is refused), meeting times are
  `YYYY-MM-DDTHH:MM` and exist in the book's timezone (not in a clock change);
- the adult was born before the case opened; a case closes after it opened;
- a meeting is held on or after the case opened, and not in the future; its
  review date is not before it was held; its minutes are not shared before it
  was held; the feedback to the adult is not given before it was held, nor in
  the future; its invitations do not go out after its date;
- an action is done on or after the case opened, and not in the future, and
  is not cancelled in the future;
- an event in the adult's record (`events`) did not happen in the future;
- each move of a due date starts from the previous due date (the first move's
  `from` is the original due date, each later `from` is the previous `to`), the
  last move's `to` is the current `due`, and no move is made in the future.

Why: integrity. Digests and reviews are driven by these dates; a review dated
before its meeting, or a move that does not join up, hides overdue work.

Passes:

    # actions.yaml
    - id: A1
      due: 2026-11-21
      status: open
      moves:
        - from: 2026-11-14
          to: 2026-11-21

Fails:

    # actions.yaml
    - id: A1
      due: 2026-11-21
      status: open
      moves:
        - from: 2026-11-14
          to: 2026-11-28          # the due date says 2026-11-21
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from safecli.raw import day, items, mapping
from safecli.validation.rules.base import ERROR, CaseView, Finding, Rule
from safecli.validation.rules.int001_parse import IMPOSSIBLE_DATE
from safecli.validation.rules.records import held, meeting_day, shape_problems


def check(view: CaseView) -> Iterator[Finding]:
    for kind, error in view.refusals.items():
        if error.message.startswith(IMPOSSIBLE_DATE):
            yield view.file_finding(RULE, kind, error.message, error.line, error.column)
    for kind, problem in shape_problems(view, "date"):
        yield view.finding(RULE, kind, problem.keys, problem.message, at_value=True)
    adult = view.mapping("adult")
    opened = day(adult.get("opened"))
    yield from _adult(view, adult, opened)
    yield from _meetings(view, opened)
    for index, action in view.items("actions"):
        yield from _action(view, index, action, opened)


def _adult(view: CaseView, adult: dict[str, Any], opened: date | None) -> Iterator[Finding]:
    born, closed = day(adult.get("date_of_birth")), day(adult.get("closed"))
    if opened and born and born > opened:
        yield _at(
            view,
            "adult",
            ("date_of_birth",),
            f"date_of_birth is after the case was opened ({opened})",
        )
    if opened and closed and closed < opened:
        yield _at(
            view, "adult", ("closed",), f"closed {closed} is before the case was opened ({opened})"
        )
    for number, event in enumerate(items(adult.get("events"))):
        happened = day(mapping(event).get("happened_on"))
        if happened and not view.reached(happened):
            yield _at(
                view,
                "adult",
                ("events", number, "happened_on"),
                f"happened_on {happened} is in the future",
            )


def _meetings(view: CaseView, opened: date | None) -> Iterator[Finding]:
    for index, meeting in view.items("meetings"):
        invited, when = day(meeting.get("invited_on")), meeting_day(meeting)
        if invited and when and invited > when:
            yield _at(
                view,
                "meetings",
                (index, "invited_on"),
                f"invited_on {invited} is after the meeting's date ({when})",
            )
    for index, _, minutes in held(view):
        held_on = day(minutes.get("held_on"))
        if held_on is None:
            continue
        keys = (index, "minutes", "held_on")
        if opened and held_on < opened:
            yield _at(
                view,
                "meetings",
                keys,
                f"held_on {held_on} is before the case was opened ({opened})",
            )
        if not view.reached(held_on):
            yield _at(view, "meetings", keys, f"held_on {held_on} is in the future")
        review = day(mapping(minutes.get("review")).get("date"))
        if review and review < held_on:
            yield _at(
                view,
                "meetings",
                (index, "minutes", "review", "date"),
                f"review date {review} is before the meeting was held ({held_on})",
            )
        yield from _feedback(view, index, mapping(minutes.get("feedback")), held_on)
        for number, shared in enumerate(items(minutes.get("shared"))):
            shared_on = day(mapping(shared).get("shared_on"))
            if shared_on and shared_on < held_on:
                yield _at(
                    view,
                    "meetings",
                    (index, "minutes", "shared", number, "shared_on"),
                    f"minutes shared on {shared_on}, before the meeting was held ({held_on})",
                )


def _feedback(
    view: CaseView, index: int, feedback: dict[str, Any], held_on: date
) -> Iterator[Finding]:
    keys = (index, "minutes", "feedback")
    given = day(feedback.get("given_on"))
    if given and given < held_on:
        yield _at(
            view,
            "meetings",
            (*keys, "given_on"),
            f"feedback given on {given}, before the meeting was held ({held_on})",
        )
    elif given and not view.reached(given):
        yield _at(
            view, "meetings", (*keys, "given_on"), f"feedback given_on {given} is in the future"
        )


def _action(
    view: CaseView, index: int, action: dict[str, Any], opened: date | None
) -> Iterator[Finding]:
    done_on = day(action.get("done_on"))
    if done_on and opened and done_on < opened:
        yield _at(
            view,
            "actions",
            (index, "done_on"),
            f"done_on {done_on} is before the case was opened ({opened})",
        )
    if done_on and not view.reached(done_on):
        yield _at(view, "actions", (index, "done_on"), f"done_on {done_on} is in the future")
    cancelled_on = day(action.get("cancelled_on"))
    if cancelled_on and not view.reached(cancelled_on):
        yield _at(
            view,
            "actions",
            (index, "cancelled_on"),
            f"cancelled_on {cancelled_on} is in the future",
        )
    moves = [(number, mapping(move)) for number, move in enumerate(items(action.get("moves")))]
    previous: date | None = None
    for number, move in moves:
        start, end = day(move.get("from")), day(move.get("to"))
        if previous and start and start != previous:
            yield _at(
                view,
                "actions",
                (index, "moves", number, "from"),
                f"this move starts "
                f"from {start} but the previous move set the due date to {previous}",
            )
        moved_on = day(move.get("moved_on"))
        if moved_on and not view.reached(moved_on):
            yield _at(
                view,
                "actions",
                (index, "moves", number, "moved_on"),
                f"moved_on {moved_on} is in the future",
            )
        previous = end
    due = day(action.get("due"))
    if moves and previous and due and previous != due:
        yield _at(
            view,
            "actions",
            (index, "moves", moves[-1][0], "to"),
            f"the last move set the due date to {previous} but due is {due}",
        )


def _at(view: CaseView, kind: str, keys: tuple[str | int, ...], message: str) -> Finding:
    return view.finding(RULE, kind, keys, message, at_value=True)


RULE = Rule(
    code="INT005",
    severity=ERROR,
    principle="integrity",
    summary="dates real, well written and consistent (held, review, done, moves)",
    check=check,
    doc=__doc__ or "",
)
