"""ACC003 action: every action has a description, a named lead and a due date.

Each action records what is to be done (`description`), who leads it (`lead`, a
person of an agency: `{agency, name}`) and by when (`due`).

Severity: error.

Why: Accountability (multi-agency S42 strategy guidance: agreed actions are
logged with timescales and named leads; Derby and Derbyshire guidance: who is
responsible and the timelines for completion).

Passes:

    # actions.yaml
    - id: A1
      description: Ask the bank to flag the account.
      lead: {agency: asc, name: Sam Patel}
      due: 2026-11-14
      status: open

Fails:

    # actions.yaml
    - id: A1
      description: Ask the bank to flag the account.
      lead: null
      due: null
      status: open
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.raw import day, filled
from safecli.validation.rules.base import ERROR, CaseView, Finding, Rule, record_id
from safecli.validation.rules.records import person

PARTS = (
    ("description", "a description"),
    ("lead", "a named lead (agency and person)"),
    ("due", "a due date"),
)


def check(view: CaseView) -> Iterator[Finding]:
    for index, action in view.items("actions"):
        present = {
            "description": filled(action.get("description")),
            "lead": person(action.get("lead")) is not None,
            "due": day(action.get("due")) is not None,
        }
        missing = [text for key, text in PARTS if not present[key]]
        if missing:
            first = next(key for key, _ in PARTS if not present[key])
            yield view.finding(
                RULE,
                "actions",
                (index, first),
                f"{record_id(action)} has no "
                f"{' and no '.join(t.removeprefix('a ') for t in missing)}",
            )


RULE = Rule(
    code="ACC003",
    severity=ERROR,
    principle="accountability",
    summary="every action has a description, a named lead and a due date",
    check=check,
    doc=__doc__ or "",
)
