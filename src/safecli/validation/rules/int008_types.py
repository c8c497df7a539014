"""INT008 types: every value is of the right kind, and required keys are present.

Text where text is expected (numbers that are really text, like phone numbers,
go in quotes), true/false for flags, lists and mappings where the format has
them, persons as `{agency: HANDLE, name: NAME}`. The keys every record needs:
`status` and `opened` of the case; `name` and `kind` of an agency and `name` of
its people; `type` and `status` of a meeting; `person` of an invitee; `held_on`
of minutes; `status` of an action; `from` and `to` of a move; `agency` and
`shared_on` of a sharing of the minutes. (Ids are INT002's, dates INT005's.)

Why: integrity. A value of the wrong kind is read as "not recorded" by every
other check, and is the kind of slip (`phone: 01632 960123` without quotes)
that changes data silently.

Passes:

    # meetings.yaml
    - id: M1
      type: professionals
      status: planned
      adult:
        invited: true

Fails:

    # meetings.yaml
    - id: M1
      type: professionals
      status: planned
      adult:
        invited: maybe            # true or false
"""

from __future__ import annotations

from collections.abc import Iterator

from safecli.validation.rules.base import ERROR, CaseView, Finding, Rule
from safecli.validation.rules.records import shape_problems


def check(view: CaseView) -> Iterator[Finding]:
    for kind, problem in shape_problems(view, "type", "missing"):
        yield view.finding(
            RULE, kind, problem.keys, problem.message, at_value=problem.kind == "type"
        )


RULE = Rule(
    code="INT008",
    severity=ERROR,
    principle="integrity",
    summary="values of the right kind; required keys present",
    check=check,
    doc=__doc__ or "",
)
