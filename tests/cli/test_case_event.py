"""`case event add`: a dated contact or episode in adult.yaml's `events`; a future day
(INT005) or an agency or person not of the case (INT003) is refused, nothing written;
`action cancel` keeps the day; both are rows of the chronology."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from conftest import NEW_CASE, snapshot

CASE = "SG-2026-0001"
AS_OF = ("--as-of", "2026-11-20")


def _adult(book: Path) -> dict[str, Any]:
    data = yaml.safe_load((book / "cases" / CASE / "adult.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _add(cli: Callable[..., Any], *args: str) -> Any:
    return cli("case", "event", "add", CASE, *args, *AS_OF)


def test_events_are_recorded_in_order_with_only_what_was_given(
    cli: Callable[..., Any], book: Path
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    first = _add(
        cli, "--on", "2026-11-12", "--kind", "hospital-admission", "--by", "asc:Sam Patel",
        "--summary", "Admitted after a fall at home",
    )  # fmt: skip
    assert first.exit_code == 0, first.output
    assert "added a hospital-admission event on 2026-11-12 to SG-2026-0001" in first.output
    second = _add(cli, "--on", "yesterday", "--kind", "missed-visit", "--by", "asc")
    assert second.exit_code == 0, second.output
    events = _adult(book)["events"]
    assert [(str(e["happened_on"]), e["kind"], e["agency"]) for e in events] == [
        ("2026-11-12", "hospital-admission", "asc"),
        ("2026-11-19", "missed-visit", "asc"),
    ]
    assert events[0]["by"] == {"agency": "asc", "name": "Sam Patel"}
    assert events[0]["summary"] == "Admitted after a fall at home"
    assert set(events[1]) == {"happened_on", "kind", "agency"}
    text = (book / "cases" / CASE / "adult.yaml").read_text(encoding="utf-8")
    assert text.index("capacity:") < text.index("events:") < text.index("wishes:")
    assert cli("validate", CASE, *AS_OF).exit_code == 0
    shown = cli("case", "show", CASE).output
    assert "  Event: 2026-11-12 hospital-admission (asc): Admitted after a fall at home\n" in shown
    assert "  Event: 2026-11-19 missed-visit (asc)\n" in shown


def test_a_future_day_is_refused_by_int005_and_nothing_is_written(
    cli: Callable[..., Any], book: Path
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    before = snapshot(book)
    result = _add(cli, "--on", "2026-11-21", "--kind", "contact", "--by", "asc")
    assert result.exit_code == 3
    assert "INT005" in result.output
    assert "happened_on 2026-11-21 is in the future" in result.output
    assert "adult.yaml:" in result.output
    assert snapshot(book) == before


def test_an_unknown_agency_or_person_is_refused_by_int003_and_nothing_is_written(
    cli: Callable[..., Any], book: Path
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    before = snapshot(book)
    agency = _add(cli, "--on", "2026-11-19", "--kind", "police-call-out", "--by", "police")
    assert agency.exit_code == 3
    assert "INT003" in agency.output and "no agency 'police'" in agency.output
    person = _add(cli, "--on", "2026-11-19", "--kind", "contact", "--by", "asc:Nobody")
    assert person.exit_code == 3
    assert "INT003" in person.output and "no person of this name" in person.output
    assert "Nobody" not in person.output
    assert snapshot(book) == before


def test_an_unknown_kind_is_refused_naming_the_kinds(cli: Callable[..., Any], book: Path) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    before = snapshot(book)
    result = _add(cli, "--on", "2026-11-19", "--kind", "picnic", "--by", "asc")
    assert result.exit_code == 3
    assert "picnic" in result.output and "hospital-admission" in result.output
    assert snapshot(book) == before


def test_without_a_terminal_the_missing_flag_is_named(cli: Callable[..., Any], book: Path) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    result = _add(cli, "--kind", "contact", "--by", "asc")
    assert result.exit_code == 2
    assert "--on" in result.output


def test_at_a_terminal_the_event_is_asked_for(cli: Callable[..., Any], book: Path) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    result = cli(
        "case", "event", "add", CASE, *AS_OF,
        input="2026-11-18\nhome-visit\nasc:Sam Patel\n\n", env={"SAFECLI_INTERACTIVE": "1"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (event,) = _adult(book)["events"]
    assert (str(event["happened_on"]), event["kind"]) == ("2026-11-18", "home-visit")
    assert event["by"] == {"agency": "asc", "name": "Sam Patel"}


def test_a_hand_written_future_event_is_reported_by_validate(
    cli: Callable[..., Any], book: Path
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    path = book / "cases" / CASE / "adult.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "events:\n  - happened_on: 2026-12-25\n    kind: contact\n    agency: asc\n",
        encoding="utf-8",
    )
    result = cli("validate", CASE, "--select", "INT005", *AS_OF)
    assert result.exit_code != 0
    assert "INT005" in result.output and "happened_on 2026-12-25 is in the future" in result.output


def test_events_and_a_cancelled_action_are_rows_of_the_chronology(
    cli: Callable[..., Any], book: Path
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    assert _add(
        cli, "--on", "2026-11-12", "--kind", "a-and-e-attendance", "--by", "asc:Sam Patel",
        "--summary", "Seen for a cut hand",
    ).exit_code == 0  # fmt: skip
    hidden = cli("chronology", CASE, "--format", "csv").stdout
    assert "2026-11-12,asc,event: a-and-e-attendance,none recorded" in hidden
    assert "cut hand" not in hidden and "Sam Patel" not in hidden
    shown = cli("chronology", CASE, "--format", "csv", "--show-text", "--show-names").stdout
    assert "Seen for a cut hand" in shown and "Sam Patel" in shown


def test_action_cancel_keeps_the_day_and_the_chronology_shows_it(example_book: Path) -> None:
    from typer.testing import CliRunner

    from safecli.cli.main import app

    def run(*args: str) -> Any:
        return CliRunner().invoke(app, ["--book", str(example_book), *args])

    result = run("action", "cancel", CASE, "A10", "--reason", "No longer needed",
                 "--as-of", "2026-11-21")  # fmt: skip
    assert result.exit_code == 0, result.output
    actions = yaml.safe_load(
        (example_book / "cases" / CASE / "actions.yaml").read_text(encoding="utf-8")
    )
    (cancelled,) = [a for a in actions if a["id"] == "A10"]
    assert (cancelled["status"], str(cancelled["cancelled_on"])) == ("cancelled", "2026-11-21")
    assert list(cancelled).index("cancelled_on") == list(cancelled).index("cancel_reason") + 1
    rows = run("chronology", CASE, "--format", "csv").stdout.splitlines()
    assert any(row.startswith("2026-11-21,") and ",A10 cancelled,reason recorded" in row
               for row in rows)  # fmt: skip
    assert "No longer needed" not in "\n".join(rows)
    shown = run("chronology", CASE, "--format", "csv", "--show-text").stdout
    assert "No longer needed" in shown


def test_a_hand_edited_event_is_checked_by_the_shape_rules(
    cli: Callable[..., Any], book: Path
) -> None:
    assert cli(*NEW_CASE).exit_code == 0
    path = book / "cases" / CASE / "adult.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "events:\n"
        + "  - happened_on: 2026-11-02\n    kind: picnic\n    agency: asc\n    where: park\n"
        + "  - happened_on: soon\n    kind: contact\n    agency: [asc]\n",
        encoding="utf-8",
    )
    result = cli("validate", CASE, "--select", "INT004,INT006,INT008", *AS_OF)
    assert result.exit_code != 0
    for code in ("INT004", "INT006", "INT008"):
        assert code in result.output, (code, result.output)
    assert "events[1].kind is not one of" in result.output and "where" in result.output
    assert "picnic" not in result.output
