"""ACC006 moved due date: when an action's due date moves, the lead is told and the risk re-assessed.

Every move of an action's due date (`moves`) records `lead_informed: true` and
`risk_reassessed: true`, and the reason for the move.

Why: Accountability (multi-agency S42 strategy guidance: when an agreed action
cannot be done by its deadline, the lead officer is told at the earliest
opportunity so that the risks can be re-assessed).

Passes:

    # actions.yaml
      moves:
        - from: 2026-11-14
          to: 2026-11-21
          reason: Bank needs a signed consent form
          moved_on: 2026-11-13
          lead_informed: true
          risk_reassessed: true

Fails:

    # actions.yaml
      moves:
        - from: 2026-11-14
          to: 2026-11-21
          reason: Bank needs a signed consent form
          moved_on: 2026-11-13
          lead_informed: false
          risk_reassessed: null
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.raw import filled, items
from safecli.validation.rules.base import WARNING, CaseView, Finding, Rule, day_text, record_id

PARTS = (
    ("lead_informed", "the lead was not told", "whether the lead was told is not recorded"),
    (
        "risk_reassessed",
        "the risk was not re-assessed",
        "whether the risk was re-assessed is not recorded",
    ),
)


def check(view: CaseView) -> Iterator[Finding]:
    for index, action in view.items("actions"):
        for number, move in enumerate(items(action.get("moves"))):
            if not isinstance(move, dict):
                continue
            gaps = [
                said_no if move.get(key) is False else unsaid
                for key, said_no, unsaid in PARTS
                if move.get(key) is not True
            ]
            if not filled(move.get("reason")):
                gaps.append("the reason is not recorded")
            if gaps:
                yield view.finding(
                    RULE,
                    "actions",
                    (index, "moves", number),
                    f"moves: {record_id(action)}'s due date was moved to "
                    f"{day_text(move.get('to'))} and {_listed(gaps)}; a moved due date needs "
                    "the lead told, the risk re-assessed and the reason recorded",
                )


def _listed(parts: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


RULE = Rule(
    code="ACC006",
    severity=WARNING,
    principle="accountability",
    summary="a moved due date records that the lead was told and the risk re-assessed",
    check=check,
    doc=__doc__ or "",
)
