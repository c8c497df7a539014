"""Actions agreed at meetings: add, mark done, move the due date, cancel, list.

Ids `A1, A2, …` are never reused: actions are cancelled, never deleted. A move of
the due date is kept in the action's `moves` with the reason, and whether the
lead was told and the risk re-assessed. The round-trip writer is imported by the
changes only: listing the actions never loads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from safecli import raw, shape
from safecli.casework.people import resolve
from safecli.errors import InvalidInput
from safecli.model import Person, next_id
from safecli.shape import MOVE
from safecli.store import fastload
from safecli.store.book import Book, Case, check_no_journal, edit_case


@dataclass(frozen=True)
class NewAction:
    """An action agreed at a meeting: what, who leads it, by when."""

    meeting: str
    description: str
    lead: Person
    due: date
    risk: int | None = None


def find_action(case: Case, action_id: str) -> Any:
    """The action with this id; InvalidInput listing the case's actions."""
    return case.find("actions", action_id)


def add_action(book: Book, case_id: str, spec: NewAction) -> tuple[Case, str]:
    """Add an open action; with `risk` N, link it to risk N of the meeting's minutes."""
    from safecli.store import roundtrip

    if not spec.description.strip():
        raise InvalidInput("describe the action")
    with edit_case(book, case_id) as case:
        # Only a risk link changes the meeting; else meetings.yaml is only read.
        meeting = case.find("meetings", spec.meeting, change=spec.risk is not None)
        if meeting.get("status") == "cancelled":
            raise InvalidInput(
                f"{spec.meeting} was cancelled; actions come from meetings that are planned or held"
            )
        resolve(case, spec.lead)
        action_id = next_id("A", list(case.read("actions")))
        if spec.risk is not None:
            _link_risk(meeting, spec.meeting, spec.risk, action_id)
        case.add(
            "actions",
            roundtrip.record(
                shape.ACTION.keys,
                {
                    "id": action_id,
                    "meeting": spec.meeting,
                    "description": spec.description,
                    "lead": roundtrip.person(spec.lead.agency, spec.lead.name),
                    "due": spec.due,
                    "status": "open",
                    "done_on": None,
                    "note": None,
                    "cancel_reason": None,
                    "cancelled_on": None,
                    "moves": [],
                },
            ),
        )
    return case, action_id


def _link_risk(meeting: Any, meeting_id: str, number: int, action_id: str) -> None:
    from ruamel.yaml.comments import CommentedSeq

    minutes = meeting.get("minutes")
    risks: Any = minutes.get("risks") if isinstance(minutes, Mapping) else None
    count = len(risks) if isinstance(risks, list) else 0
    if not 1 <= number <= count:
        raise InvalidInput(
            f"{meeting_id} has no risk {number} (its minutes record {count} risk"
            f"{'' if count == 1 else 's'}); risks are numbered from 1 in meeting show"
        )
    risk = risks[number - 1]
    if not isinstance(risk.get("actions"), CommentedSeq):
        risk["actions"] = CommentedSeq(risk.get("actions") or [])
    if action_id not in risk["actions"]:
        risk["actions"].append(action_id)
    # Kept on one line, `actions: [A1, A2]`, as written by meeting record.
    risk["actions"].fa.set_flow_style()


def _open(case: Case, action_id: str, doing: str) -> Any:
    action = find_action(case, action_id)
    status = action.get("status")
    if status == "done":
        raise InvalidInput(
            f"{action_id} is already done (on {action.get('done_on')}); "
            f"a done action cannot {doing}"
        )
    if status == "cancelled":
        raise InvalidInput(
            f"{action_id} was cancelled; a cancelled action cannot {doing} "
            "(add a new action instead)"
        )
    return action


def mark_done(
    book: Book, case_id: str, action_id: str, *, on: date, note: str | None = None
) -> Case:
    """Mark an open action done on a date, with an optional note."""
    from safecli.store import roundtrip

    with edit_case(book, case_id) as case:
        action = _open(case, action_id, "be done again")
        action["status"] = "done"
        action["done_on"] = on
        if note:
            action["note"] = roundtrip.scalar(note)
    return case


def move_action(
    book: Book,
    case_id: str,
    action_id: str,
    *,
    to: date,
    reason: str,
    moved_on: date,
    lead_informed: bool,
    risk_reassessed: bool,
) -> Case:
    """Move an open action's due date, keeping the move (why, lead told, risk re-assessed)."""
    from ruamel.yaml.comments import CommentedSeq

    from safecli.store import roundtrip

    if not reason.strip():
        raise InvalidInput("give the reason the due date moves")
    with edit_case(book, case_id) as case:
        action = _open(case, action_id, "be moved")
        if action.get("due") == to:
            raise InvalidInput(f"{action_id} is already due on {to}")
        if not isinstance(action.get("moves"), list):
            action["moves"] = CommentedSeq()
        roundtrip.append(
            action["moves"],
            roundtrip.record(
                MOVE.keys,
                {
                    "from": action.get("due"),
                    "to": to,
                    "reason": reason,
                    "moved_on": moved_on,
                    "lead_informed": lead_informed,
                    "risk_reassessed": risk_reassessed,
                },
            ),
        )
        action["due"] = to
    return case


def cancel_action(book: Book, case_id: str, action_id: str, *, reason: str, on: date) -> Case:
    """Cancel an open action with the reason on a day (kept as `cancelled_on` unless one
    is recorded already); it keeps its id."""
    from safecli.store import roundtrip

    if not reason.strip():
        raise InvalidInput("give the reason the action is cancelled")
    with edit_case(book, case_id) as case:
        action = _open(case, action_id, "be cancelled")
        action["status"] = "cancelled"
        roundtrip.put(action, shape.ACTION.keys, "cancel_reason", reason)
        if not action.get("cancelled_on"):
            roundtrip.put(action, shape.ACTION.keys, "cancelled_on", on)
    return case


def action_rows(case_id: str, actions: list[Any]) -> list[dict[str, Any]]:
    """One row per action of a case, for `action list`: an id, status, date or agency that
    is not a valid value is `invalid` (`shape.shown`), never the text found."""
    rows = []
    for action in actions:
        if not isinstance(action, Mapping):
            continue
        lead = Person.from_raw(action.get("lead"))
        rows.append(
            {
                "case": case_id,
                **{k: shape.shown(action.get(k), shape.ACTION, k) for k in ("id", "meeting")},
                "agency": shape.shown(lead.agency, shape.AGENCY, "handle") if lead else None,
                "lead": lead.name if lead else None,
                **{
                    k: shape.shown(action.get(k), shape.ACTION, k)
                    for k in ("due", "status", "done_on")
                },
                "moves": len(raw.items(action.get("moves"))),
                "description": " ".join(str(action.get("description") or "").split()),
            }
        )
    return rows


def list_actions(
    book: Book, case_ids: list[str], *, open_only: bool = False, agency: str | None = None
) -> list[dict[str, Any]]:
    """The actions of these cases (read only actions.yaml), filtered by status and agency."""
    rows = []
    for case_id in case_ids:
        check_no_journal(book.case_dir(case_id))
        path = book.case_dir(case_id) / "actions.yaml"
        rows.extend(action_rows(case_id, fastload.load(path, list)))
    return [
        row
        for row in rows
        if (not open_only or row["status"] == "open")
        and (agency is None or row["agency"] == agency)
    ]
