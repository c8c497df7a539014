"""`safecli case enquiry`, `case allegation add` and `case demographics`: facts for the return."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from safecli.cli import case as case_cli
from safecli.cli.common import (
    AsOfOption,
    CommitOption,
    ask,
    book_of,
    choice,
    date_parser,
    is_interactive,
    report,
)
from safecli.model import (
    ALLEGATION_ACTIONS,
    ALLEGATION_LOCATIONS,
    ALLEGATION_SOURCES,
    ALLEGATION_TYPES,
    ENQUIRY_CAPACITY,
    ENQUIRY_KINDS,
    ETHNICITIES,
    GENDERS,
    RISK_OUTCOMES,
    SUPPORT_REASONS,
)
from safecli.output.article import a_or_an

Opt = typer.Option
CaseArg = Annotated[str, typer.Argument(metavar="CASE")]

allegation_app = typer.Typer(help="Allegations of a case's enquiry.", no_args_is_help=True)


def _pick(values: tuple[str, ...], what: str) -> Any:
    return Opt(help=f"{what}: {', '.join(values)}.")


def enquiry_cmd(
    ctx: typer.Context,
    case_id: CaseArg,
    kind: Annotated[str | None, _pick(ENQUIRY_KINDS, "Kind of enquiry")] = None,
    decided_on: Annotated[str | None, Opt(help="When the concern was decided on.")] = None,
    started_on: Annotated[str | None, Opt(help="When the enquiry started.")] = None,
    concluded_on: Annotated[str | None, Opt(help="When the enquiry concluded.")] = None,
    council: Annotated[str | None, Opt(help="The council where the abuse happened.")] = None,
    large_scale: Annotated[
        str | None, Opt(help="Reference shared by the cases of one large-scale enquiry.")
    ] = None,
    capacity: Annotated[
        str | None,
        _pick(ENQUIRY_CAPACITY, "Capacity for decisions about the enquiry"),
    ] = None,
    capacity_support: Annotated[
        bool | None,
        Opt(
            "--supported/--not-supported",
            help="Lacking capacity, was the adult supported by an advocate, family or friend?",
        ),
    ] = None,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Record the case's enquiry (s42, s126, other or none), its dates and capacity.

    Flags given are set and the rest kept; a case with no enquiry yet needs --kind
    (asked at a terminal).

    Example: safecli case enquiry SG-2026-0001 --kind s42 --decided-on 2026-10-07
    --started-on 2026-10-07 --council "Exampletown Council"
    """
    from safecli.casework import enquiry
    from safecli.store.book import load_case

    book = book_of(ctx)
    parse_day = date_parser(book, as_of)
    current = load_case(book, case_id).adult.get("enquiry")
    if kind is None and not isinstance(current, dict):
        kind = ask(None, "--kind", _question("Kind of enquiry", ENQUIRY_KINDS), _one(ENQUIRY_KINDS))
    change = enquiry.EnquiryChange(
        kind=kind,
        decided_on=parse_day(decided_on) if decided_on else None,
        started_on=parse_day(started_on) if started_on else None,
        concluded_on=parse_day(concluded_on) if concluded_on else None,
        council=council,
        large_scale=large_scale,
        capacity=capacity,
        capacity_support=capacity_support,
    )
    case = enquiry.set_enquiry(book, case_id, change)
    typer.echo(f"recorded the enquiry of {case_id}")
    report(book, case.written, f"{case_id}: enquiry", commit)


def allegation_add(
    ctx: typer.Context,
    case_id: CaseArg,
    type_: Annotated[str | None, Opt("--type", help="Type of risk (see below).")] = None,
    location: Annotated[str | None, Opt(help="Location of the risk (see below).")] = None,
    source: Annotated[str | None, _pick(ALLEGATION_SOURCES, "Source of the risk")] = None,
    action: Annotated[str | None, Opt(help="Action and result (see below).")] = None,
    risk_outcome: Annotated[str | None, _pick(RISK_OUTCOMES, "Risk outcome")] = None,
    commit: CommitOption = None,
) -> None:
    """Add an allegation to the case's enquiry: type, location, source, action and result,
    risk outcome (the last two once the enquiry is concluded).

    Types: physical, sexual, psychological, financial, discriminatory, organisational,
    neglect, domestic, sexual-exploitation, modern-slavery, self-neglect. Locations:
    own-home, community, community-service, care-home-nursing, care-home-residential,
    hospital-acute, hospital-mental-health, hospital-community, other. Action and
    result: risk-action-taken, risk-no-action, inconclusive-action-taken,
    inconclusive-no-action, no-risk-action-taken, no-risk-no-action, ceased-at-request.

    Example: safecli case allegation add SG-2026-0001 --type financial --location
    own-home --source known --action risk-action-taken --risk-outcome reduced
    """
    from safecli.casework import adult_parts, enquiry

    book = book_of(ctx)
    allegation = adult_parts.Allegation(
        type=ask(type_, "--type", _question("Type", ALLEGATION_TYPES), _one(ALLEGATION_TYPES)),
        location=ask(
            location,
            "--location",
            _question("Location", ALLEGATION_LOCATIONS),
            _one(ALLEGATION_LOCATIONS),
        ),
        source=ask(
            source, "--source", _question("Source", ALLEGATION_SOURCES), _one(ALLEGATION_SOURCES)
        ),
        action=ask(
            action,
            "--action",
            _question("Action and result (empty if not concluded)", ALLEGATION_ACTIONS),
            _one(ALLEGATION_ACTIONS),
            optional=True,
        ),
        risk_outcome=ask(
            risk_outcome,
            "--risk-outcome",
            _question("Risk outcome (empty if none)", RISK_OUTCOMES),
            _one(RISK_OUTCOMES),
            optional=True,
        ),
    )
    case = enquiry.add_allegation(book, case_id, allegation)
    typer.echo(f"added {a_or_an(allegation.type or '')} allegation to the enquiry of {case_id}")
    report(book, case.written, f"{case_id}: allegation", commit)


def demographics(
    ctx: typer.Context,
    case_id: CaseArg,
    gender: Annotated[str | None, _pick(GENDERS, "Gender")] = None,
    ethnicity: Annotated[str | None, _pick(ETHNICITIES, "Ethnicity group")] = None,
    support_reason: Annotated[str | None, _pick(SUPPORT_REASONS, "Primary support reason")] = None,
    autism: Annotated[
        bool | None,
        Opt("--autism/--no-autism", help="Autism (not Asperger syndrome or high-functioning)."),
    ] = None,
    asperger: Annotated[
        bool | None,
        Opt("--asperger/--no-asperger", help="Asperger syndrome or high-functioning autism."),
    ] = None,
    died_on: Annotated[str | None, Opt(help="Date of death, if the adult has died.")] = None,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Record the adult's gender, ethnicity group, primary support reason and autism flags.

    All optional; what is not known is counted as not known in the return.

    Example: safecli case demographics SG-2026-0001 --gender female --ethnicity white
    --support-reason memory-cognition --no-autism --no-asperger
    """
    from safecli.casework import adult_parts, enquiry

    book = book_of(ctx)
    parse_day = date_parser(book, as_of)
    asking = is_interactive() and all(
        value is None for value in (gender, ethnicity, support_reason, autism, asperger, died_on)
    )
    if asking:
        gender = ask(None, "--gender", _question("Gender", GENDERS), _one(GENDERS), optional=True)
        ethnicity = ask(
            None,
            "--ethnicity",
            _question("Ethnicity", ETHNICITIES),
            _one(ETHNICITIES),
            optional=True,
        )
        support_reason = ask(
            None,
            "--support-reason",
            _question("Primary support reason", SUPPORT_REASONS),
            _one(SUPPORT_REASONS),
            optional=True,
        )
    change = adult_parts.Demographics(
        gender=gender,
        ethnicity=ethnicity,
        support_reason=support_reason,
        autism=autism,
        asperger=asperger,
        died_on=parse_day(died_on) if died_on else None,
    )
    case = enquiry.set_demographics(book, case_id, change)
    typer.echo(f"recorded the demographics of {case_id}")
    report(book, case.written, f"{case_id}: demographics", commit)


def _question(what: str, values: tuple[str, ...]) -> str:
    return f"{what} ({', '.join(values)})"


def _one(values: tuple[str, ...]) -> Callable[[str], str]:
    return choice(values, "value")


# Importing this module adds its commands to the `case` group (SOURCES in cli/case.py).
case_cli.app.command("enquiry")(enquiry_cmd)
case_cli.app.command("demographics")(demographics)
allegation_app.command("add")(allegation_add)
case_cli.app.add_typer(allegation_app, name="allegation")
