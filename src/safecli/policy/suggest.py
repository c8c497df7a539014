"""Suggest the meeting type and format that fit a case, from the facts recorded.

The order follows the guidance's "what is the most appropriate meeting?": when the three
s42/s126 tests are met, the strategy discussion comes first whatever the category (a
self-neglect meeting is then also to consider); then self-neglect with serious risk and
no engagement, mental capacity, high-risk domestic abuse (MARAC), offender risk (MAPPA),
else professionals. Discussion-or-meeting advice is given only for a type that has both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from safecli.errors import InvalidInput
from safecli.model import ENGAGEMENT, JURISDICTIONS, RISK_LEVELS
from safecli.output.article import a_or_an
from safecli.policy.pack import Policy
from safecli.raw import mapping, records

Format = Literal["discussion", "meeting"]

_TESTS = (
    ("has_needs", "has needs for care and support"),
    ("at_risk", "is experiencing or at risk of abuse or neglect"),
    ("unable_to_protect", "cannot protect themselves because of those needs"),
)
_LAW = {
    "england": "Care Act 2014 s42",
    "wales": "Social Services and Well-being (Wales) Act 2014 s126",
}
_STRATEGY = {"england": "s42-strategy", "wales": "s126-strategy"}
_FEW_AGENCIES = 2


@dataclass(frozen=True)
class Suggestion:
    """The suggested meeting type and format, each with its reasons."""

    type_id: str
    reasons: tuple[str, ...]
    format: Format
    format_reasons: tuple[str, ...]
    warnings: tuple[str, ...]
    also_consider: tuple[str, ...]


@dataclass(frozen=True)
class _Facts:
    """The facts of adult.yaml the choice rests on; None means not recorded."""

    concerns: tuple[str, ...]
    offender_risk: bool
    risk: str | None
    engagement: str | None
    tests: tuple[bool | None, ...]
    lacks_capacity: tuple[str, ...]
    children_unreferred: bool

    @property
    def has_needs(self) -> bool | None:
        return self.tests[0]

    @property
    def tests_met(self) -> bool:
        return all(test is True for test in self.tests)


def _choice(value: Any, choices: tuple[str, ...]) -> str | None:
    return value if isinstance(value, str) and value in choices else None


def _facts(adult: Mapping[str, Any]) -> _Facts:
    concerns = records(adult.get("concerns"))
    care = mapping(adult.get("care_and_support"))
    others = mapping(adult.get("others_at_risk"))
    return _Facts(
        concerns=tuple(str(c["type"]) for c in concerns if isinstance(c.get("type"), str)),
        offender_risk=any(c.get("offender_risk") is True for c in concerns),
        risk=_choice(adult.get("risk_level"), RISK_LEVELS),
        engagement=_choice(adult.get("engagement"), ENGAGEMENT),
        tests=tuple(
            care.get(key) if isinstance(care.get(key), bool) else None for key, _ in _TESTS
        ),
        lacks_capacity=tuple(
            str(entry.get("decision") or "a decision not named")
            for entry in records(adult.get("capacity"))
            if entry.get("outcome") == "lacks"
        ),
        children_unreferred=others.get("children") is True and not others.get("referral_made"),
    )


def suggest_meeting(
    adult: Mapping[str, Any],
    agencies: Sequence[Mapping[str, Any]],
    *,
    jurisdiction: str,
    policy: Policy,
) -> Suggestion:
    """Suggest a meeting type and format for a case, explaining why."""
    if jurisdiction not in JURISDICTIONS:
        raise InvalidInput(
            f"unknown jurisdiction '{jurisdiction}'; known: {', '.join(JURISDICTIONS)}"
        )
    facts = _facts(mapping(adult))
    matches = [
        match
        for match in (
            _strategy(facts, jurisdiction),
            _self_neglect(facts),
            _best_interests(facts),
            _marac(facts),
            _mappa(facts),
        )
        if match is not None
    ]
    if matches:
        type_id, reasons = matches[0]
    else:
        type_id = "professionals"
        reasons = ["none of the statutory routes fits the facts recorded"]
    chosen = policy.get(type_id)  # refuse a policy that lacks the type rather than suggest it
    count = len(records(list(agencies) if isinstance(agencies, Sequence) else []))
    if len(chosen.formats) > 1:
        fmt, format_reasons = _format(facts.risk, count)
    else:
        fmt = "discussion" if chosen.formats == ("discussion",) else "meeting"
        format_reasons = (f"{a_or_an(chosen.name)} is held as a {fmt}",)
    also = [t for t, _ in matches[1:] if t in policy.types]
    if type_id in _STRATEGY.values() and "self-neglect" in facts.concerns:
        also = ["self-neglect", *(t for t in also if t != "self-neglect")]
    return Suggestion(
        type_id=type_id,
        reasons=tuple(reasons + _gaps(facts, jurisdiction)),
        format=fmt,
        format_reasons=format_reasons,
        warnings=tuple(_warnings(facts, type_id, jurisdiction, policy)),
        also_consider=tuple(t for t in also if t in policy.types),
    )


Match = tuple[str, list[str]]


def _self_neglect(facts: _Facts) -> Match | None:
    if "self-neglect" not in facts.concerns or facts.risk != "high":
        return None
    if facts.engagement == "not-engaging":
        engagement = "the adult is not engaging with services"
    elif facts.engagement == "partial":
        engagement = "the adult engages only in part, and that is not bringing the risk down"
    else:
        return None
    return "self-neglect", [
        "self-neglect is raised as a concern",
        "the risk is high: there is a risk of serious harm",
        engagement,
    ]


def _strategy(facts: _Facts, jurisdiction: str) -> Match | None:
    if not facts.tests_met or not facts.concerns:
        return None
    others = list(facts.concerns)
    return _STRATEGY[jurisdiction], [
        (
            "the adult has needs for care and support, is experiencing or at risk of abuse or "
            "neglect, and cannot protect themselves because of those needs: the three tests of "
            f"the {_LAW[jurisdiction]} are met"
        ),
        f"concerns raised: {', '.join(dict.fromkeys(others))}",
    ]


def _best_interests(facts: _Facts) -> Match | None:
    if not facts.lacks_capacity:
        return None
    decisions = "; ".join(facts.lacks_capacity)
    return "best-interests", [
        (
            f"the adult was assessed as lacking capacity for: {decisions}; "
            "a best interests decision is needed (Mental Capacity Act 2005)"
        )
    ]


def _marac(facts: _Facts) -> Match | None:
    if "domestic" not in facts.concerns or facts.risk != "high" or facts.has_needs is True:
        return None
    needs = (
        "the adult has no care and support needs recorded"
        if facts.has_needs is False
        else "care and support needs not recorded: if the adult has them, use safeguarding"
    )
    return "marac", ["domestic abuse is raised and the risk is high", needs]


def _mappa(facts: _Facts) -> Match | None:
    if not facts.offender_risk:
        return None
    return "mappa", [
        "the risk comes from a violent or sexual offender: refer through police or probation"
    ]


def _gaps(facts: _Facts, jurisdiction: str) -> list[str]:
    """Why the other routes did not fit, and which facts are missing."""
    notes: list[str] = []
    if not facts.concerns:
        notes.append("no concerns recorded")
    if facts.risk is None:
        notes.append("risk level not recorded: treated as not high")
    if all(test is None for test in facts.tests):
        notes.append(
            f"care and support needs not recorded: the {_LAW[jurisdiction]} tests are "
            "treated as not met"
        )
    elif not facts.tests_met:
        unmet = [label for (_, label), test in zip(_TESTS, facts.tests) if test is False]
        unknown = [label for (_, label), test in zip(_TESTS, facts.tests) if test is None]
        parts = [f"not met: {', '.join(unmet)}"] if unmet else []
        parts += [f"not recorded, so treated as not met: {', '.join(unknown)}"] if unknown else []
        notes.append(f"the {_LAW[jurisdiction]} tests are not all met ({'; '.join(parts)})")
    if "self-neglect" in facts.concerns and _self_neglect(facts) is None:
        engagement = facts.engagement or "not recorded"
        notes.append(
            "self-neglect is raised, but a self-neglect meeting is for a high risk of serious "
            f"harm with little or no engagement (risk: {facts.risk or 'not recorded'}; "
            f"engagement: {engagement})"
        )
    if "domestic" in facts.concerns and facts.has_needs is not True and facts.risk != "high":
        notes.append("domestic abuse is raised but the risk is not high: MARAC is for high risk")
    return notes


def _warnings(facts: _Facts, type_id: str, jurisdiction: str, policy: Policy) -> list[str]:
    warnings: list[str] = []
    if "domestic" in facts.concerns and facts.has_needs is True:
        warnings.append(
            "adults with care and support needs go through safeguarding, not MARAC: treat the "
            f"domestic abuse as a safeguarding concern under the {_LAW[jurisdiction]}"
        )
    if facts.children_unreferred:
        warnings.append(
            "children are at risk and no referral to children's social care is recorded"
        )
    if type_id == "professionals":
        warnings.append(
            policy.get(type_id).notes or "a professionals meeting does not replace a statutory one"
        )
    return warnings


def _agencies(count: int) -> str:
    return f"{count} agency is" if count == 1 else f"{count} agencies are"


def _format(risk: str | None, count: int) -> tuple[Format, tuple[str, ...]]:
    """Discussion or meeting, after the strategy guidance's test of delay and scale."""
    if risk == "high":
        return "discussion", (
            (
                "the risk is high: a discussion now (telephone or virtual) avoids the delay of "
                "gathering everyone, which would leave the adult at greater risk"
            ),
            "a meeting can follow once immediate safety is agreed",
        )
    if risk == "low" and count <= _FEW_AGENCIES:
        return "discussion", (
            f"the risk is low and only {_agencies(count)} involved: a discussion is enough",
        )
    if risk is None:
        why = "the risk level is not recorded"
    elif risk == "low":
        why = f"the risk is low but {_agencies(count)} involved"
    else:
        why = f"the risk is {risk} and {_agencies(count)} involved"
    return "meeting", (f"{why}: a meeting lets everyone share what they know and agree one plan",)
