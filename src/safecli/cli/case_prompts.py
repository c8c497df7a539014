"""What `case update`, `case wishes` and `case others-at-risk` ask at a terminal when no
flag was given: each fact in turn, marked optional, its current value shown; empty keeps it.

The questions go through the prompt helpers every command uses (`cli.common.ask`):
dates as ISO or DD/MM/YYYY, choices in any case with "did you mean", and Ctrl-C
exits 130 before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from safecli.cli.common import DATE_FORMAT, ask, choice, text, yes_no
from safecli.model import ENGAGEMENT, JURISDICTIONS, RISK_LEVELS, Person
from safecli.raw import mapping

T = TypeVar("T")


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        who = Person.from_raw(value)
        return str(who) if who is not None else "set"
    return " ".join(str(value).split())


def _ask(flag: str, question: str, current: Any, parse: Callable[[str], T]) -> T | None:
    now = f"now {_shown(current)}" if current not in (None, "", []) else "not recorded"
    return ask(None, flag, f"{question} [{now}; empty keeps it]", parse, optional=True)


@dataclass(frozen=True)
class UpdateAnswers:
    """The facts `case update` asked for; None: keep what is recorded."""

    risk: str | None
    engagement: str | None
    care_needs: bool | None
    at_risk: bool | None
    unable_to_protect: bool | None
    lead_agency: str | None
    coordinator: str | None
    interpreter: str | None
    needs_advocate: bool | None
    communication_notes: str | None
    jurisdiction: str | None
    date_of_birth: date | None


def ask_update(adult: Mapping[str, Any], parse_day: Callable[[str], date]) -> UpdateAnswers:
    """Each fact `case update` sets, asked in turn."""
    tests = mapping(adult.get("care_and_support"))
    comm = mapping(adult.get("communication"))
    risk = _ask(
        "--risk",
        "Risk level (low, medium, high)",
        adult.get("risk_level"),
        choice(RISK_LEVELS, "risk level"),
    )
    engagement = _ask(
        "--engagement",
        f"Engagement ({', '.join(ENGAGEMENT)})",
        adult.get("engagement"),
        choice(ENGAGEMENT, "engagement"),
    )
    care_needs = _ask(
        "--care-needs", "Has care and support needs? (yes, no)", tests.get("has_needs"), yes_no
    )
    at_risk = _ask(
        "--at-risk",
        "Is experiencing or at risk of abuse or neglect? (yes, no)",
        tests.get("at_risk"),
        yes_no,
    )
    unable = _ask(
        "--unable-to-protect",
        "Because of those needs, cannot protect themselves? (yes, no)",
        tests.get("unable_to_protect"),
        yes_no,
    )
    lead_agency = _ask("--lead-agency", "Lead agency handle", adult.get("lead_agency"), text)
    coordinator = _ask(
        "--coordinator", "Lead coordinator (agency:Name)", adult.get("coordinator"), Person.parse
    )
    interpreter = _ask(
        "--interpreter", "Language an interpreter is needed for", comm.get("interpreter"), text
    )
    advocate = _ask(
        "--needs-advocate", "An advocate is needed? (yes, no)", comm.get("needs_advocate"), yes_no
    )
    notes = _ask("--communication-notes", "Other communication needs", comm.get("notes"), text)
    jurisdiction = _ask(
        "--jurisdiction",
        "Jurisdiction (england, wales)",
        adult.get("jurisdiction"),
        choice(JURISDICTIONS, "jurisdiction"),
    )
    born = _ask("--dob", f"Date of birth ({DATE_FORMAT})", adult.get("date_of_birth"), parse_day)
    return UpdateAnswers(
        risk,
        engagement,
        care_needs,
        at_risk,
        unable,
        lead_agency,
        str(coordinator) if coordinator is not None else None,
        interpreter,
        advocate,
        notes,
        jurisdiction,
        born,
    )


@dataclass(frozen=True)
class WishesAnswers:
    """What `case wishes` asked for."""

    asked_on: date | None
    outcomes: tuple[str, ...]
    not_asked_reason: str | None


def ask_wishes(parse_day: Callable[[str], date]) -> WishesAnswers:
    """Whether the adult was asked; then when and the outcomes, or why not."""
    asked = ask(
        None, "--asked-on", "Was the adult asked what they want to happen? (yes, no)", yes_no
    )
    if not asked:
        reason = ask(None, "--not-asked-reason", "Why could they not be asked", text)
        return WishesAnswers(None, (), reason)
    on = ask(None, "--asked-on", f"Asked on ({DATE_FORMAT})", parse_day)
    outcomes: list[str] = []
    while True:
        outcome = ask(
            None,
            "--outcome",
            "A desired outcome, in the adult's words (empty when done)",
            text,
            optional=True,
        )
        if outcome is None:
            return WishesAnswers(on, tuple(outcomes), None)
        outcomes.append(outcome)


@dataclass(frozen=True)
class OthersAnswers:
    """What `case others-at-risk` asked for."""

    children: bool | None
    adults: bool | None
    notes: str | None
    referral_made: date | None


def ask_others(adult: Mapping[str, Any], parse_day: Callable[[str], date]) -> OthersAnswers:
    """Children and other adults at risk, who, and when a referral was made."""
    others = mapping(adult.get("others_at_risk"))
    return OthersAnswers(
        children=_ask(
            "--children", "Children at risk too? (yes, no)", others.get("children"), yes_no
        ),
        adults=_ask(
            "--adults", "Other adults at risk too? (yes, no)", others.get("adults"), yes_no
        ),
        notes=_ask("--notes", "Who else is at risk, and how", others.get("notes"), text),
        referral_made=_ask(
            "--referral-made",
            f"Referral made on ({DATE_FORMAT})",
            others.get("referral_made"),
            parse_day,
        ),
    )
