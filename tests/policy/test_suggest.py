from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from safecli.errors import InvalidInput
from safecli.policy.pack import Policy, load_policy
from safecli.policy.suggest import Suggestion, suggest_meeting

POLICY = load_policy()
TESTS_MET = {"has_needs": True, "at_risk": True, "unable_to_protect": True}
NO_NEEDS = {"has_needs": False, "at_risk": True, "unable_to_protect": False}
MARAC_WARNING = (
    "adults with care and support needs go through safeguarding, not MARAC: treat the domestic "
    "abuse as a safeguarding concern under the Care Act 2014 s42"
)


def _adult(*concerns: str, offender: bool = False, **fields: Any) -> dict[str, Any]:
    adult: dict[str, Any] = {
        "case": "SG-2026-0001",
        "care_and_support": dict(TESTS_MET),
        "engagement": "engaging",
        "risk_level": "medium",
        "concerns": [
            {
                "type": kind,
                "summary": "x",
                "raised_on": date(2026, 11, 1),
                "offender_risk": offender,
            }
            for kind in concerns
        ],
        "capacity": [],
    }
    adult.update(fields)
    return adult


def _agencies(count: int) -> list[dict[str, Any]]:
    return [{"handle": f"a{n}", "name": f"Agency {n}", "kind": "other"} for n in range(count)]


def _suggest(adult: dict[str, Any], jurisdiction: str = "england", agencies: int = 3) -> Suggestion:
    return suggest_meeting(adult, _agencies(agencies), jurisdiction=jurisdiction, policy=POLICY)


@pytest.mark.parametrize("engagement", ["not-engaging", "partial", "engaging"])
def test_self_neglect_with_the_three_tests_met_gives_the_strategy_first(engagement: str) -> None:
    got = _suggest(_adult("self-neglect", risk_level="high", engagement=engagement))
    assert got.type_id == "s42-strategy"
    assert got.reasons[1] == "concerns raised: self-neglect"
    assert got.also_consider == ("self-neglect",)


@pytest.mark.parametrize("engagement", ["not-engaging", "partial"])
def test_self_neglect_with_high_risk_and_no_engagement(engagement: str) -> None:
    tests = {"has_needs": True, "at_risk": True, "unable_to_protect": False}
    got = _suggest(
        _adult("self-neglect", risk_level="high", engagement=engagement, care_and_support=tests)
    )
    assert got.type_id == "self-neglect"
    assert got.reasons[:2] == (
        "self-neglect is raised as a concern",
        "the risk is high: there is a risk of serious harm",
    )
    assert got.also_consider == ()
    assert got.format_reasons == ("a Self-neglect and hoarding meeting is held as a meeting",)


def test_self_neglect_while_engaging_falls_back_and_says_why() -> None:
    tests = {"has_needs": True, "at_risk": True, "unable_to_protect": False}
    got = _suggest(
        _adult("self-neglect", risk_level="high", engagement="engaging", care_and_support=tests)
    )
    assert got.type_id == "professionals"
    assert (
        "self-neglect is raised, but a self-neglect meeting is for a high risk of serious harm "
        "with little or no engagement (risk: high; engagement: engaging)"
    ) in got.reasons


def test_s42_criteria_in_england_give_an_s42_strategy() -> None:
    got = _suggest(_adult("financial", "physical"))
    assert got.type_id == "s42-strategy"
    assert got.reasons == (
        (
            "the adult has needs for care and support, is experiencing or at risk of abuse or "
            "neglect, and cannot protect themselves because of those needs: the three tests of the "
            "Care Act 2014 s42 are met"
        ),
        "concerns raised: financial, physical",
    )
    assert got.warnings == ()


def test_the_same_case_in_wales_gives_an_s126_strategy() -> None:
    got = _suggest(_adult("financial"), jurisdiction="wales")
    assert got.type_id == "s126-strategy"
    assert "Social Services and Well-being (Wales) Act 2014 s126" in got.reasons[0]


def test_s42_with_lack_of_capacity_also_considers_best_interests() -> None:
    capacity = [{"decision": "where to live", "outcome": "lacks"}]
    got = _suggest(_adult("neglect", capacity=capacity))
    assert (got.type_id, got.also_consider) == ("s42-strategy", ("best-interests",))


def test_lack_of_capacity_without_s42_criteria_gives_best_interests() -> None:
    capacity = [
        {"decision": "managing money", "outcome": "has"},
        {"decision": "where to live", "outcome": "lacks"},
    ]
    got = _suggest(_adult(care_and_support=NO_NEEDS, capacity=capacity))
    assert got.type_id == "best-interests"
    assert got.reasons[0] == (
        "the adult was assessed as lacking capacity for: where to live; "
        "a best interests decision is needed (Mental Capacity Act 2005)"
    )


def test_high_risk_domestic_abuse_without_care_needs_gives_marac() -> None:
    got = _suggest(_adult("domestic", care_and_support=NO_NEEDS, risk_level="high"))
    assert got.type_id == "marac"
    assert got.reasons[:2] == (
        "domestic abuse is raised and the risk is high",
        "the adult has no care and support needs recorded",
    )
    assert MARAC_WARNING not in got.warnings


def test_domestic_abuse_with_care_needs_goes_to_safeguarding_not_marac() -> None:
    got = _suggest(_adult("domestic", risk_level="high"))
    assert got.type_id == "s42-strategy"
    assert "marac" not in got.also_consider
    assert got.warnings == (MARAC_WARNING,)


def test_care_needs_without_all_tests_still_blocks_marac() -> None:
    care = {"has_needs": True, "at_risk": True, "unable_to_protect": False}
    got = _suggest(_adult("domestic", care_and_support=care, risk_level="high"))
    assert got.type_id == "professionals"
    assert MARAC_WARNING in got.warnings


def test_domestic_abuse_below_high_risk_is_not_marac() -> None:
    got = _suggest(_adult("domestic", care_and_support=NO_NEEDS, risk_level="medium"))
    assert got.type_id == "professionals"
    assert (
        "domestic abuse is raised but the risk is not high: MARAC is for high risk" in got.reasons
    )


def test_offender_risk_gives_mappa() -> None:
    got = _suggest(_adult("sexual", offender=True, care_and_support=NO_NEEDS))
    assert got.type_id == "mappa"
    assert got.also_consider == ()


def test_offender_risk_with_s42_criteria_is_also_considered() -> None:
    got = _suggest(_adult("sexual", offender=True))
    assert (got.type_id, got.also_consider) == ("s42-strategy", ("mappa",))


def test_otherwise_a_professionals_meeting_that_replaces_nothing_statutory() -> None:
    got = _suggest(_adult("financial", care_and_support=NO_NEEDS))
    assert got.type_id == "professionals"
    assert got.reasons[0] == "none of the statutory routes fits the facts recorded"
    assert (
        "the Care Act 2014 s42 tests are not all met (not met: has needs for care and support, "
        "cannot protect themselves because of those needs)"
    ) in got.reasons
    assert got.warnings == (POLICY.get("professionals").notes,)
    assert "does not replace a statutory meeting" in got.warnings[0]


def test_missing_data_does_not_crash_and_is_named() -> None:
    got = _suggest({}, agencies=0)
    assert got.type_id == "professionals"
    assert got.reasons == (
        "none of the statutory routes fits the facts recorded",
        "no concerns recorded",
        "risk level not recorded: treated as not high",
        "care and support needs not recorded: the Care Act 2014 s42 tests are treated as not met",
    )
    assert (got.format, got.format_reasons) == (
        "meeting",
        (("the risk level is not recorded: a meeting lets everyone share what they know and "
         "agree one plan"),),
    )  # fmt: skip


def test_malformed_data_is_treated_as_not_recorded() -> None:
    adult = {
        "concerns": ["financial", {"type": None}],
        "care_and_support": {"has_needs": "yes", "at_risk": True, "unable_to_protect": True},
        "capacity": "lacks",
        "risk_level": "HIGH",
        "others_at_risk": None,
    }
    got = _suggest(adult)
    assert got.type_id == "professionals"
    assert (
        "the Care Act 2014 s42 tests are not all met (not recorded, so treated as not met: "
        "has needs for care and support)"
    ) in got.reasons


def test_children_at_risk_without_a_referral_is_a_warning() -> None:
    got = _suggest(_adult("neglect", others_at_risk={"children": True, "referral_made": None}))
    assert got.warnings == (
        "children are at risk and no referral to children's social care is recorded",
    )


def test_high_risk_suggests_a_discussion_now() -> None:
    got = _suggest(_adult("physical", risk_level="high"), agencies=6)
    assert got.format == "discussion"
    assert got.format_reasons[0].startswith(
        "the risk is high: a discussion now (telephone or virtual) avoids the delay"
    )


@pytest.mark.parametrize(
    ("risk", "agencies", "expected"),
    [
        ("low", 2, ("discussion", ("the risk is low and only 2 agencies are involved: "
                    "a discussion is enough"))),
        ("low", 1, ("discussion", ("the risk is low and only 1 agency is involved: "
                    "a discussion is enough"))),
        ("low", 3, ("meeting", ("the risk is low but 3 agencies are involved: a meeting lets "
                    "everyone share what they know and agree one plan"))),
        ("medium", 2, ("meeting", ("the risk is medium and 2 agencies are involved: a meeting "
                       "lets everyone share what they know and agree one plan"))),
    ],
)  # fmt: skip
def test_format_follows_risk_and_number_of_agencies(
    risk: str, agencies: int, expected: tuple[str, str]
) -> None:
    got = _suggest(_adult("financial", risk_level=risk), agencies=agencies)
    assert (got.format, got.format_reasons) == (expected[0], (expected[1],))


def test_unknown_jurisdiction_is_refused() -> None:
    with pytest.raises(InvalidInput):
        _suggest(_adult("financial"), jurisdiction="scotland")


def test_a_policy_without_the_type_is_refused() -> None:
    partial = Policy(types={k: v for k, v in POLICY.types.items() if k != "professionals"})
    with pytest.raises(InvalidInput):
        suggest_meeting({}, [], jurisdiction="england", policy=partial)
