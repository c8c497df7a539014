"""ACC007 disagreements: disagreements and escalations say who raised them and the outcome.

- Each disagreement in the minutes records who raised it (`raised_by`, a
  person), what it was about (`about`), the outcome (`outcome`) and whether it
  was escalated (`escalated: true` or `false`).
- The minutes of a held meeting whose type must record disagreements (the
  pack's `must_record` has `disagreements`: cuckooing) have a `disagreements`
  list; write `[]` when there were none, so "none" is a recorded answer.

Why: Accountability (multi-agency S42 strategy guidance: raise concerns that
risks are not addressed and use escalation when unresolved; LLR guide:
disagreements are clearly documented; Derby and Derbyshire guidance: follow the
escalation process for professional disagreement).

Passes:

    # meetings.yaml (minutes)
      disagreements:
        - raised_by: {agency: police, name: DC Lee Jones}
          about: Whether to interview the son before the bank replies
          outcome: Agreed to wait for the bank
          escalated: false

Fails:

    # meetings.yaml (minutes)
      disagreements:
        - raised_by: null
          about: Whether to interview the son before the bank replies
          outcome: null
          escalated: null
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.raw import filled, items
from safecli.validation.rules.base import WARNING, CaseView, Finding, Rule, record_id
from safecli.validation.rules.records import convened_held, person

PARTS = (
    ("raised_by", "who raised it"),
    ("about", "what it was about"),
    ("outcome", "the outcome"),
    ("escalated", "whether it was escalated"),
)


def check(view: CaseView) -> Iterator[Finding]:
    for index, meeting, minutes in convened_held(view):
        mt = view.meeting_type(meeting)
        keys = (index, "minutes", "disagreements")
        if (
            mt is not None
            and "disagreements" in mt.must_record
            and not isinstance(minutes.get("disagreements"), list)
        ):
            yield view.finding(
                RULE,
                "meetings",
                keys,
                f"{record_id(meeting)} ({mt.id}): record "
                "the disagreements, or [] when there were none",
            )
        for number, entry in enumerate(items(minutes.get("disagreements"))):
            if not isinstance(entry, dict):
                continue
            present = {
                "raised_by": person(entry.get("raised_by")) is not None,
                "about": filled(entry.get("about")),
                "outcome": filled(entry.get("outcome")),
                "escalated": isinstance(entry.get("escalated"), bool),
            }
            gaps = [text for key, text in PARTS if not present[key]]
            if gaps:
                yield view.finding(
                    RULE,
                    "meetings",
                    (*keys, number),
                    f"{record_id(meeting)}: "
                    f"disagreement {number + 1} does not record {', '.join(gaps)}",
                )


RULE = Rule(
    code="ACC007",
    severity=WARNING,
    principle="accountability",
    summary="disagreements and escalations record who raised them and the outcome",
    check=check,
    doc=__doc__ or "",
)
