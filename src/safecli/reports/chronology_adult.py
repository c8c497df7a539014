"""The chronology entries of adult.yaml (`casework.adult_parts.Adult`): the case opened,
concerns, capacity assessments, events, wishes, others at risk, the adult's death, the
enquiry and the closure."""

from __future__ import annotations

from collections.abc import Iterator

from safecli.casework.adult_parts import Adult, Closure, Enquiry
from safecli.model import Person
from safecli.render.i18n import N_
from safecli.reports.chronology_facts import RECORDED, Fact, agency, fact, who
from safecli.reports.chronology_words import (
    NONE,
    Said,
    achieved,
    capacity_outcome,
    event_kind,
    label,
    lead_agency,
    say,
)


def adult_events(adult: Adult[Person]) -> Iterator[Fact]:
    """What adult.yaml dates, the enquiry last."""
    lead = adult.lead_agency or ""
    if adult.opened:
        yield fact(adult.opened, lead, say(N_("case opened")), lead_agency(lead))
    yield from _concerns(adult)
    yield from _assessments(adult, lead)
    for event in adult.events:
        if event.happened_on:
            person = event.by
            yield fact(
                event.happened_on,
                event.agency or (agency(person.agency) if person else ""),
                event_kind(event.kind),
                NONE,
                person,
                event.summary,
            )
    yield from _wishes_and_others(adult, lead)
    yield from _enquiry(adult.enquiry, lead)


def closure_events(adult: Adult[Person]) -> Iterator[Fact]:
    """The case closed, with what the adult said of her outcomes."""
    if adult.closed:
        closure = adult.closure
        lead = adult.lead_agency or ""
        yield fact(
            adult.closed, lead, say(N_("case closed")), _outcomes(closure), detail=closure.reason
        )


def _concerns(adult: Adult[Person]) -> Iterator[Fact]:
    enquiry = adult.enquiry
    decided = enquiry.decided_on
    for concern in adult.concerns:
        raised = concern.raised_on
        if raised:
            where, person = who(concern.raised_by, "")
            response = (
                say(N_("%(kind)s enquiry decided on %(day)s"), kind=enquiry.kind, day=decided)
                if decided and decided >= raised and enquiry.kind not in (None, "none")
                else NONE
            )
            yield fact(
                raised,
                where,
                say(N_("concern raised: %(type)s"), type=label(concern.type, {}))
                if concern.type
                else say(N_("concern raised: type not recorded")),
                response,
                person,
                concern.summary,
            )


def _assessments(adult: Adult[Person], lead: str) -> Iterator[Fact]:
    for assessment in adult.capacity:
        if assessment.assessed_on:
            where, person = who(assessment.by, lead)
            yield fact(
                assessment.assessed_on,
                where,
                say(N_("mental capacity assessed")),
                capacity_outcome(assessment.outcome),
                person,
                assessment.decision,
            )


def _wishes_and_others(adult: Adult[Person], lead: str) -> Iterator[Fact]:
    wishes = adult.wishes
    if wishes.asked_on:
        count = len(wishes.outcomes)
        yield fact(
            wishes.asked_on,
            lead,
            say(N_("the adult asked what outcomes they want")),
            say(N_("%(count)s desired outcome(s) recorded"), count=count) if count else NONE,
            detail="; ".join(wishes.outcomes) or None,
        )
    referral = adult.others_at_risk.referral_made
    if referral:
        yield fact(
            referral, lead, say(N_("referral made for others at risk")), say(N_("referral made"))
        )
    died = adult.demographics.died_on
    if died:
        yield fact(died, lead, say(N_("the adult died")))


def _enquiry(enquiry: Enquiry, lead: str) -> Iterator[Fact]:
    kind = enquiry.kind
    if not kind:
        return
    name = say(N_("no enquiry")) if kind == "none" else say(N_("%(kind)s enquiry"), kind=kind)
    if enquiry.decided_on:
        yield fact(enquiry.decided_on, lead, say(N_("decision: %(name)s"), name=name), RECORDED)
    if enquiry.started_on:
        yield fact(
            enquiry.started_on, lead, say(N_("%(name)s started"), name=name), lead_agency(lead)
        )
    if enquiry.concluded_on:
        results = sorted({a.action for a in enquiry.allegations if a.action})
        yield fact(
            enquiry.concluded_on,
            lead,
            say(N_("%(name)s concluded"), name=name),
            say(N_("result: %(results)s"), results=", ".join(results)) if results else NONE,
        )


def _outcomes(closure: Closure) -> Said:
    """What the closure says of the adult's outcomes (Making Safeguarding Personal)."""
    if closure.outcomes_achieved:
        return achieved(closure.outcomes_achieved)
    if closure.outcomes_asked is False:
        return say(N_("adult not asked about outcomes"))
    if closure.outcomes_asked is True and closure.outcomes_expressed is False:
        return say(N_("adult expressed no desired outcomes"))
    return NONE
