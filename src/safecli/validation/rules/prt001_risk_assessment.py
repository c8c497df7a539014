"""PRT001 risk assessment: held meetings assess the risk, answering the four questions.

The minutes of a held meeting whose type must record risks (the pack's
`must_record` has `risks`) list at least one risk, and each risk answers: what
is the risk (`risk`), what is already in place (`in_place`), what are the
barriers to removing it (`barriers`), and what action is taken (`actions`, the
ids of the actions agreed for it).

Why: Protection (multi-agency S42 strategy guidance: an assessment of risk is
made, and everyone considers those four questions).

Passes:

    # meetings.yaml (minutes of a held meeting)
      risks:
        - risk: Further financial abuse by her son
          in_place: Bank notified
          barriers: He holds her bank card
          actions: [A1]

Fails:

    # meetings.yaml (minutes of a held meeting)
      risks:
        - risk: Further financial abuse by her son
          in_place: null
          barriers: He holds her bank card
          actions: []
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.raw import filled, items
from safecli.validation.rules.base import WARNING, CaseView, Finding, Rule, record_id
from safecli.validation.rules.records import held

QUESTIONS = {
    "risk": "what the risk is",
    "in_place": "what is already in place",
    "barriers": "the barriers to removing it",
    "actions": "the action to take (action ids)",
}


def check(view: CaseView) -> Iterator[Finding]:
    for index, meeting, minutes in held(view):
        mt = view.meeting_type(meeting)
        if mt is None or "risks" not in mt.must_record:
            continue
        risks = items(minutes.get("risks"))
        if not risks:
            yield view.finding(
                RULE,
                "meetings",
                (index, "minutes", "risks"),
                f"{record_id(meeting)}: the minutes record no risk assessment (minutes.risks)",
            )
        for number, risk in enumerate(risks):
            if not isinstance(risk, dict):
                continue
            gaps = [text for key, text in QUESTIONS.items() if not filled(risk.get(key))]
            if gaps:
                yield view.finding(
                    RULE,
                    "meetings",
                    (index, "minutes", "risks", number),
                    f"{record_id(meeting)}: risk {number + 1} does not say {', '.join(gaps)}",
                )


RULE = Rule(
    code="PRT001",
    severity=WARNING,
    principle="protection",
    summary="held meetings assess risk: the risk, what is in place, barriers, action",
    check=check,
    doc=__doc__ or "",
)
