"""The digest's nudges that a meeting is due: none called (by risk level), called and not
held, held with no minutes, feedback owed to the adult, repeated episodes; and their notes."""

from __future__ import annotations

import json
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from digest_book import SECRETS, adult, make_book, meeting, write_case
from typer.testing import CliRunner

from safecli.cli.main import app
from safecli.digest.cache import collect
from safecli.digest.items import Item, compute, owing_feedback
from safecli.errors import FileFormatError
from safecli.policy.pack import load_policy
from safecli.store.book import find_book
from safecli.store.config import DigestSettings, RiskDays, read_config


def items_of(root: Path, today: date, settings: DigestSettings | None = None) -> list[Item]:
    book = find_book(root)
    reads = collect(book, now_ns=time.time_ns(), use_cache=False)
    return compute(reads, today, today + timedelta(days=7), settings or book.config.digest)


def brief(items: list[Item]) -> list[tuple[str, str, str | None, int | None]]:
    return [(i.kind, i.case, i.meeting, i.days_overdue) for i in items]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_book(tmp_path / "book")


BY_RISK = DigestSettings(first_meeting_days=RiskDays(high=2, medium=5, low=10))


# no meeting called: the threshold is the risk level's


def test_the_no_meeting_threshold_is_set_per_risk_level(root: Path) -> None:
    for case, risk in (("C1", "high"), ("C2", "medium"), ("C3", "low")):
        write_case(root, case, adult_text=adult(case, risk=risk, raised="2026-11-20"))
    found = items_of(root, date(2026, 11, 26), BY_RISK)
    assert brief(found) == [("no-meeting", "C1", None, 4), ("no-meeting", "C2", None, 1)]
    assert found[0].detail == "no meeting called 6 days after the concern was raised; risk high"
    assert found[0].due == date(2026, 11, 22)


def test_a_case_with_no_risk_level_waits_as_medium(root: Path) -> None:
    text = adult("C1", raised="2026-11-20").replace("risk_level: high", "risk_level: null")
    write_case(root, "C1", adult_text=text)
    [item] = items_of(root, date(2026, 11, 26), BY_RISK)
    assert item.detail == (
        "no meeting called 6 days after the concern was raised; risk level not recorded"
    )


def test_a_meeting_called_and_not_yet_held_is_shown_as_such(root: Path) -> None:
    write_case(
        root,
        "C1",
        adult_text=adult("C1", raised="2026-11-01"),
        meetings=[meeting("M1", status="planned", when="2026-12-10T10:00")],
    )
    [item] = items_of(root, date(2026, 11, 20))
    assert (item.kind, item.meeting, item.days_overdue) == ("meeting-called", "M1", 9)
    assert item.detail == (
        "M1 is called for 2026-12-10 10:00 and not yet held, 19 days after the concern "
        "was raised; risk high"
    )


def test_a_cancelled_meeting_is_no_meeting(root: Path) -> None:
    write_case(
        root,
        "C1",
        meetings=[meeting("M1", status="cancelled", when="2026-12-10T10:00")],
    )
    assert brief(items_of(root, date(2026, 11, 20))) == [("no-meeting", "C1", None, 9)]


# a planned meeting whose time passed with no minutes


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 20), []),  # the day of the meeting
        (date(2026, 11, 21), []),  # minutes_record_days: 1
        (date(2026, 11, 22), [("minutes-not-recorded", "C1", "M1", 1)]),
    ],
)
def test_a_meeting_past_its_time_with_no_minutes(
    root: Path, today: date, expected: list[tuple[str, str, str, int]]
) -> None:
    # The concern is recent: no "no meeting" item; then no "called" item beside this one.
    write_case(
        root,
        "C1",
        adult_text=adult("C1", raised="2026-11-19"),
        meetings=[meeting("M1", status="planned", when="2026-11-20T10:00", chair="police")],
    )
    found = items_of(root, today)
    assert brief(found) == expected
    if found:
        assert (found[0].agency, found[0].lead) == ("police", "DC Lee Jones")
        assert found[0].detail == (
            "M1 was planned for 2026-11-20 10:00 and no minutes are recorded, 2 days on"
        )


# feedback to the adult


def test_feedback_due_and_not_given(root: Path) -> None:
    write_case(
        root,
        "C1",
        meetings=[
            meeting("M1", review="2027-01-01", feedback="due: 2026-11-12"),
            meeting("M2", review="2027-01-01", feedback="due: 2026-11-12\ngiven_on: 2026-11-12"),
            meeting("M3", review="2027-01-01", feedback="due: 2026-12-05"),
        ],
    )
    [item] = items_of(root, date(2026, 11, 20))
    assert (item.kind, item.meeting, item.due, item.agency, item.lead) == (
        "feedback-not-given",
        "M1",
        date(2026, 11, 12),
        "asc",
        "Sam Patel",
    )
    assert item.detail == (
        "feedback to the adult after M1 was due on 2026-11-12 and is not recorded as given"
    )


def test_feedback_with_no_due_date_is_owed_after_feedback_days(root: Path) -> None:
    write_case(root, "C1", meetings=[meeting("M1", review="2027-01-01", feedback=None)])
    assert items_of(root, date(2026, 11, 15)) == []  # held 2026-11-10; 5 days
    [item] = items_of(root, date(2026, 11, 16))
    assert (item.kind, item.days_overdue, item.agency) == ("feedback-not-given", 1, "asc")
    assert item.detail == (
        "feedback to the adult after M1 is not recorded as given, 6 days after the meeting"
    )


def test_the_digest_and_emp003_agree_on_which_meetings_owe_feedback(root: Path) -> None:
    """For every built-in type: EMP003 reports a held meeting with no feedback recorded
    exactly when the digest nudges that feedback is owed."""
    policy = load_policy()
    for n, type_id in enumerate(policy.types, 1):
        write_case(
            root,
            f"C{n}",
            meetings=[meeting("M1", mtype=type_id, review="2027-01-01", feedback=None)],
        )
    runner = CliRunner()
    found = runner.invoke(
        app,
        ["--book", str(root), "validate", "--select", "EMP003", "--format", "json"],
    )
    flagged = {f["path"].split("/")[1] for f in json.loads(found.stdout)["findings"]}
    nudged = {i.case for i in items_of(root, date(2026, 12, 1)) if i.kind == "feedback-not-given"}
    owing = owing_feedback(policy)
    assert flagged == nudged
    assert nudged == {f"C{n}" for n, t in enumerate(policy.types, 1) if t in owing}
    assert "professionals" not in owing and "s126-strategy" in owing


# repeated episodes


def events(*days: str, kind: str = "hospital-admission") -> str:
    return "events:\n" + "".join(
        f"  - happened_on: {day}\n    kind: {kind}\n    agency: gp\n" for day in days
    )


def held_before() -> list[str]:
    return [meeting("M1", when="2026-06-01T10:00", held_on="2026-06-01", review="2027-01-01")]


def test_three_admissions_in_ninety_days_with_no_meeting_since(root: Path) -> None:
    write_case(
        root,
        "C1",
        adult_text=adult("C1", events=events("2026-09-01", "2026-10-15", "2026-11-20")),
        meetings=held_before(),
    )
    assert items_of(root, date(2026, 11, 20)) == []  # the third came today
    [item] = items_of(root, date(2026, 11, 21))
    assert (item.kind, item.due, item.days_overdue, item.agency, item.lead) == (
        "repeated-episodes",
        date(2026, 11, 20),
        1,
        "asc",
        "Sam Patel",
    )
    assert item.detail == (
        "3 hospital admissions between 2026-09-01 and 2026-11-20 and no meeting called since"
    )


@pytest.mark.parametrize(
    ("days", "meetings"),
    [
        (("2026-09-01", "2026-11-20"), held_before()),  # only two
        (("2026-08-01", "2026-10-15", "2026-11-20"), held_before()),  # 111 days apart
        (
            ("2026-09-01", "2026-10-15", "2026-11-20"),
            [meeting("M1", when="2026-11-20T10:00", held_on="2026-11-20", review="2027-01-01")],
        ),
        (
            ("2026-09-01", "2026-10-15", "2026-11-20"),
            [*held_before(), meeting("M2", status="planned", when="2026-12-03T10:00")],
        ),
    ],
    ids=["two", "spread out", "meeting held since", "meeting called since"],
)
def test_no_nudge_for_episodes(root: Path, days: tuple[str, ...], meetings: list[str]) -> None:
    write_case(root, "C1", adult_text=adult("C1", events=events(*days)), meetings=meetings)
    assert [i.kind for i in items_of(root, date(2026, 12, 1))] == []


def test_kinds_are_counted_together_and_others_are_not_episodes(root: Path) -> None:
    text = adult(
        "C1",
        events=events("2026-11-01", "2026-11-02")
        + events("2026-11-03", kind="police-call-out").removeprefix("events:\n")
        + events("2026-11-04", kind="home-visit").removeprefix("events:\n"),
    )
    write_case(root, "C1", adult_text=text, meetings=held_before())
    [item] = items_of(root, date(2026, 12, 1))
    assert item.detail == (
        "2 hospital admissions, 1 police call-out between 2026-11-01 and 2026-11-03 "
        "and no meeting called since"
    )


# the settings


def config(root: Path, digest: str) -> DigestSettings:
    path = root / "safecli.yaml"
    path.write_text(f"jurisdiction: england\ndigest:\n{digest}", encoding="utf-8")
    return read_config(path).digest


def test_settings_take_one_number_or_one_per_risk_level(root: Path) -> None:
    assert config(root, "  first_meeting_days: 7\n").first_meeting_days == RiskDays(7, 7, 7)
    partial = config(root, "  first_meeting_days: {high: 1}\n")
    assert partial.first_meeting_days == RiskDays(1, 5, 10)
    assert config(root, "  episode_kinds: [missed-visit]\n").episode_kinds == ("missed-visit",)
    assert config(root, "  episodes: 4\n  episode_days: 30\n").episodes == 4


@pytest.mark.parametrize(
    ("digest", "message", "line"),
    [
        ("  first_meeting_days: {urgent: 1}\n", "digest.first_meeting_days.urgent", 3),
        ("  first_meeting_days: soon\n", "digest.first_meeting_days must be", 3),
        ("  feedback_days: -1\n", "digest.feedback_days: expected a whole number", 3),
        ("  episode_kinds: [fall]\n", "digest.episode_kinds: expected a list of event", 3),
        ("  episodes: 0\n", "digest.episodes: at least 1", 3),
        ("  minutes_share_days: 5\n  nudge: 2\n", "digest.nudge: expected one of", 4),
    ],
)
def test_bad_settings_are_named_with_their_line(
    root: Path, digest: str, message: str, line: int
) -> None:
    with pytest.raises(FileFormatError) as caught:
        config(root, digest)
    assert message in str(caught.value)
    assert caught.value.line == line


# the same notes in every format, ids only


def test_every_format_carries_the_same_sentences_and_no_names(root: Path) -> None:
    write_case(
        root,
        "SG-2026-0001",
        adult_text=adult("SG-2026-0001", events=events("2026-11-01", "2026-11-02", "2026-11-03")),
        meetings=[
            meeting("M1", when="2026-10-01T10:00", held_on="2026-10-01", review="2027-01-01"),
            meeting("M2", status="planned", when="2026-10-20T10:00"),
        ],
    )
    run = CliRunner().invoke
    args = ["--book", str(root), "overdue", "--as-of", "2026-12-01"]
    data = json.loads(run(app, [*args, "-f", "json"]).stdout)
    notes = [item["detail"] for item in data["items"]]
    assert notes == [
        "M2 was planned for 2026-10-20 10:00 and no minutes are recorded, 42 days on",
        "3 hospital admissions between 2026-11-01 and 2026-11-03 and no meeting called since",
    ]
    for fmt in ("table", "markdown", "csv"):
        out = run(app, [*args, "-f", fmt]).stdout
        for note in notes:
            assert note in out, (fmt, note)
        for secret in SECRETS:
            assert secret not in out, secret
