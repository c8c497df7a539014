"""PRO002 agenda per adult: a meeting about several adults has its agenda set out per adult.

A meeting whose `subjects` name other cases is about more than one adult. Its
agenda gives each adult (this case and every subject) a part of its own, so
people can join and leave for the parts that concern them: either a part
written as a mapping `{adult: CASE-ID, items: [...]}`, or an agenda item whose
text names the case id.

Why: Proportionality (multi-agency S42 strategy guidance: when a meeting is
about more than one person at risk, set the agenda so attendees join and leave
as appropriate).

Passes:

    # meetings.yaml (in case SG-2026-0007)
      subjects: [SG-2026-0008]
      agenda:
        - adult: SG-2026-0007
          items: [Risks at home, Support plan]
        - adult: SG-2026-0008
          items: [Risks at home, Support plan]

Fails:

    # meetings.yaml (in case SG-2026-0007)
      subjects: [SG-2026-0008]
      agenda:
        - Risks at home
        - Support plan
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from safecli.model import CASE_ID
from safecli.raw import items, mapping
from safecli.validation.rules.base import WARNING, CaseView, Finding, Rule, record_id
from safecli.validation.rules.records import meetings


def check(view: CaseView) -> Iterator[Finding]:
    for index, meeting in meetings(view):
        # A subject that is not a case id is INT003's; it is not repeated here.
        subjects = [
            s for s in items(meeting.get("subjects")) if isinstance(s, str) and CASE_ID.match(s)
        ]
        if not subjects:
            continue
        adults = [view.case_id, *(s for s in subjects if s != view.case_id)]
        missing = [case for case in adults if not _has_part(meeting, case)]
        if missing:
            yield view.finding(
                RULE,
                "meetings",
                (index, "agenda"),
                f"{record_id(meeting)} is "
                f"about {len(adults)} adults: give each a part of the agenda "
                f"(missing: {', '.join(missing)})",
            )


def _has_part(meeting: dict[str, Any], case_id: str) -> bool:
    for item in items(meeting.get("agenda")):
        if isinstance(item, str) and case_id in item:
            return True
        if mapping(item).get("adult") == case_id:
            return True
    return False


RULE = Rule(
    code="PRO002",
    severity=WARNING,
    principle="proportionality",
    summary="a meeting about more than one adult has its agenda set out per adult",
    check=check,
    doc=__doc__ or "",
)
