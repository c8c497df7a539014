"""PRT005 adult age: a case is for an adult; someone under 18 needs a recorded reason.

Care Act 2014 s42 and the SSWB(W)A 2014 s126 are duties to adults. When adult.yaml
records a date of birth that makes the person under 18 on the day the case was
opened, it records why the case is kept here (`transition_reason`, for example a
young person moving on from children's services). Best interests applies from
16 (PRT003).

Severity: error.

Why: Protection (Care Act 2014 s42; Mental Capacity Act 2005 from 16).

Passes:

    # adult.yaml
    opened: 2026-11-02
    date_of_birth: 2009-05-01
    transition_reason: Moving on from children's services in May 2027

Fails:

    # adult.yaml
    opened: 2026-11-02
    date_of_birth: 2011-05-01
    transition_reason: null
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from safecli.raw import filled
from safecli.validation.rules.base import ERROR, CaseView, Finding, Rule

ADULT_AGE = 18


def check(view: CaseView) -> Iterator[Finding]:
    adult = view.mapping("adult")
    born, opened = adult.get("date_of_birth"), adult.get("opened")
    if not isinstance(born, date) or not isinstance(opened, date) or born > opened:
        return  # a birth after the opening is INT005's
    try:  # born + relativedelta(years=ADULT_AGE), without building one for each case
        came_of_age = born.replace(year=born.year + ADULT_AGE)
    except ValueError:
        if (born.month, born.day) != (2, 29):
            raise  # a year out of range, as relativedelta says
        came_of_age = born.replace(year=born.year + ADULT_AGE, day=28)
    if came_of_age <= opened or filled(adult.get("transition_reason")):
        return
    yield view.finding(
        RULE,
        "adult",
        ("date_of_birth",),
        f"date_of_birth: the person was under {ADULT_AGE} when the case was opened; "
        "record why this is an adult case (transition_reason; safecli case update "
        "--transition-reason)",
    )


RULE = Rule(
    code="PRT005",
    severity=ERROR,
    principle="protection",
    summary="a case is for an adult (18+), or records why a younger person's case is here",
    check=check,
    doc=__doc__ or "",
)
