"""PRE001 engage lead: the minutes name the one agency best placed to engage the adult.

The minutes of a held meeting whose type must record it (the pack's
`must_record` has `engage_lead`: self-neglect and cuckooing) name one agency of
the case in `engage_lead`. A meeting about several adults names one for each of
them: each other adult's part of the meeting, in her own case, names hers
(`safecli meeting record ... --engage-lead-of HER-CASE=HANDLE`).

Why: Prevention (multi-agency S42 strategy guidance: identify who is best placed
to engage with the adult; LLR guide: the risk is shared, but one agency, the
one with the best chance, engages the person).

Passes:

    # meetings.yaml (minutes of a held self-neglect meeting)
      engage_lead: provider

Fails:

    # meetings.yaml (minutes of a held self-neglect meeting)
      engage_lead: null
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.raw import filled
from safecli.validation.rules.base import WARNING, CaseView, Finding, Rule, record_id
from safecli.validation.rules.records import held, is_part


def check(view: CaseView) -> Iterator[Finding]:
    for index, meeting, minutes in held(view):
        mt = view.meeting_type(meeting)
        if mt is None or "engage_lead" not in mt.must_record:
            continue
        if filled(minutes.get("engage_lead")):
            continue
        how = "minutes.engage_lead"
        if is_part(meeting):
            how += f"; safecli meeting record ... --engage-lead-of {view.case_id}=HANDLE"
        yield view.finding(
            RULE,
            "meetings",
            (index, "minutes", "engage_lead") if "engage_lead" in minutes else (index, "minutes"),
            f"{record_id(meeting)} ({mt.id}): name the one agency best "
            f"placed to engage the adult ({how})",
        )


RULE = Rule(
    code="PRE001",
    severity=WARNING,
    principle="prevention",
    summary="self-neglect and cuckooing minutes name the one agency to engage the adult",
    check=check,
    doc=__doc__ or "",
)
