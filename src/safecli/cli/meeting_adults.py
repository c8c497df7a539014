"""`meeting record` for a meeting about several adults: each other adult's part, from
flags, or asked adult by adult at a terminal."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from safecli import raw
from safecli.cli.common import ask, text
from safecli.errors import InvalidInput
from safecli.model import Person

if TYPE_CHECKING:
    from safecli.casework.minutes import AdultMinutes
    from safecli.casework.minutes_parts import Feedback, Risk
    from safecli.store.book import Book

Opt = typer.Option
EngageLeadOf = Annotated[
    list[str] | None,
    Opt(
        "--engage-lead-of",
        help='The one agency best placed to engage another adult: "CASE=HANDLE" (repeat; '
        "an agency of her case).",
    ),
]
ViewsOf = Annotated[
    list[str] | None,
    Opt("--views-of", help='Another adult\'s views: "CASE=what she said" (repeat).'),
]
RiskOf = Annotated[
    list[str] | None,
    Opt(
        "--risk-of",
        help='A risk to another adult: "CASE=risk|in place|barriers|A1,A2" (repeat; '
        "her case's action ids).",
    ),
]
OthersOf = Annotated[
    list[str] | None,
    Opt(
        "--others-of",
        help='Others at risk reviewed for another adult: "CASE=adults|children" (repeat).',
    ),
]
FeedbackOf = Annotated[
    list[str] | None,
    Opt(
        "--feedback-of",
        help='How another adult hears what was agreed: "CASE=how|agency:Name|due" (repeat).',
    ),
]
FLAGS = ("engage_lead_of", "views_of", "risk_of", "others_of", "feedback_of")


def adult_minutes(
    engage_lead_of: list[str] | None,
    views_of: list[str] | None,
    risk_of: list[str] | None,
    others_of: list[str] | None,
    feedback_of: list[str] | None,
    parse_day: Callable[[str], date],
    risk: Callable[[str], Risk],
) -> tuple[AdultMinutes, ...]:
    """What the flags record for each other adult, in the order her case is first named."""
    from safecli.casework.minutes import AdultMinutes
    from safecli.casework.minutes_parts import OthersAtRisk, Wishes

    found: dict[str, dict[str, object]] = {}
    for flag, values in (
        ("--engage-lead-of", engage_lead_of),
        ("--views-of", views_of),
        ("--risk-of", risk_of),
        ("--others-of", others_of),
        ("--feedback-of", feedback_of),
    ):
        for value in values or []:
            case_id, text = _split(flag, value)
            fields = found.setdefault(case_id, {"risks": ()})
            if flag == "--engage-lead-of":
                fields["engage_lead"] = text
            elif flag == "--views-of":
                fields["wishes"] = Wishes(text)
            elif flag == "--risk-of":
                fields["risks"] = (*fields["risks"], risk(text))  # type: ignore[misc]
            elif flag == "--others-of":
                adults, _, children = (part.strip() for part in text.partition("|"))
                fields["others_at_risk"] = OthersAtRisk(
                    reviewed=True, adults=adults or None, children=children or None
                )
            else:
                fields["feedback"] = _feedback(text, parse_day)
    return tuple(AdultMinutes(case_id, **fields) for case_id, fields in found.items())  # type: ignore[arg-type]


def _split(flag: str, value: str) -> tuple[str, str]:
    case_id, sep, text = value.partition("=")
    if not sep or not case_id.strip() or not text.strip():
        raise InvalidInput(
            f"invalid {flag} value: write CASE=TEXT, e.g. {flag} SG-2026-0002=..., naming "
            "one of the meeting's other adults' cases"
        )
    return case_id.strip(), text.strip()


def _feedback(text: str, parse_day: Callable[[str], date]) -> Feedback[Person]:
    from safecli.casework.minutes_parts import Feedback

    parts = [part.strip() for part in text.split("|")]
    if len(parts) > 3 or not parts[0]:
        raise InvalidInput(
            'invalid --feedback-of value: write "CASE=how|agency:Name|due" (the last two '
            "may be left out)"
        )
    parts += [""] * (3 - len(parts))
    return Feedback(
        parts[0],
        Person.parse(parts[1]) if parts[1] else None,
        parse_day(parts[2]) if parts[2] else None,
    )


def labels(book: Book, case_id: str, meeting: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(case, how her adult is named) for each other adult of a meeting: initials, or the
    name when the book shows names."""
    from safecli.casework.shared import other_cases
    from safecli.render.context import initials
    from safecli.store.book import read_case

    found = []
    for other in other_cases(book, meeting, case_id):
        name = raw.text(raw.mapping(read_case(book, other).adult).get("name"))
        shown = name if book.config.show_names and name else initials(name) or "the adult"
        found.append((other, shown))
    return found


def ask_adults(
    adults: list[tuple[str, str]],
    engage: bool,
    parse_day: Callable[[str], date],
    risk: Callable[[str], Risk],
) -> tuple[AdultMinutes, ...]:
    """At a terminal, what was recorded for each other adult, asked adult by adult (every
    question optional; the answers are as the --*-of flags take them, without CASE=)."""
    from safecli.casework.minutes import AdultMinutes
    from safecli.casework.minutes_parts import OthersAtRisk, Wishes

    found = []
    for case_id, label in adults:
        who = f"{label} ({case_id})"
        typer.echo(f"The other adult {who}:", err=True)
        lead = None
        if engage:
            question = f"{who}: the agency best placed to engage them"
            lead = ask(None, "--engage-lead-of", question, text, optional=True)
        views = ask(None, "--views-of", f"{who}: their views", text, optional=True)
        risks = []
        question = f"{who}: a risk, as risk|in place|barriers (empty when done)"
        while (one := ask(None, "--risk-of", question, risk, optional=True)) is not None:
            risks.append(one)
        question = f"{who}: others at risk reviewed, as adults|children (empty: not reviewed)"
        others = ask(None, "--others-of", question, text, optional=True)
        seen, _, children = (others or "").partition("|")
        question = f"{who}: how they hear what was agreed, as how|agency:Name|due"
        feedback = ask(
            None, "--feedback-of", question, lambda v: _feedback(v, parse_day), optional=True
        )
        reviewed = OthersAtRisk(
            reviewed=True, adults=seen.strip() or None, children=children.strip() or None
        )
        found.append(
            AdultMinutes(
                case_id,
                engage_lead=lead,
                wishes=Wishes(views) if views else None,
                risks=tuple(risks),
                others_at_risk=reviewed if others else OthersAtRisk(),
                feedback=feedback,
            )
        )
    return tuple(found)
