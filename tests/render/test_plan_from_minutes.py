"""The plan says what the minutes say: others at risk, capacity and the adult's views."""

from __future__ import annotations

from pathlib import Path

from meeting_book import CASE, STRATEGY, make_book, record_args, run

BEST_INTERESTS = (
    *("meeting", "new", CASE, "--type", "best-interests", "--format", "meeting"),
    *("--mode", "virtual", "--when", "2026-11-05 10:00", "--purpose", "Where she lives"),
    *("--chair", "asc:Helen Forsyth", "--decision-maker", "health:Dr Ravi Menon"),
    *("--invite", "police:DC Lee Jones:Knows the son", "--adult-invited"),
    *("--as-of", "2026-11-03"),
)


def plan(book: Path, day: str) -> str:
    result = run(book, "render", "plan", CASE, "--format", "md", "--as-of", day)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_plan_reads_others_at_risk_and_views_from_the_minutes(tmp_path: Path) -> None:
    book = make_book(tmp_path)
    assert run(book, *STRATEGY).exit_code == 0
    before = plan(book, "2026-11-02")
    assert "- **Children:** none known" in before
    assert "Their wishes have not been recorded yet." in before
    done = run(book, *record_args("M1", "--children", "Grandson aged 8 stays at weekends"))
    assert done.exit_code == 0, done.output
    after = plan(book, "2026-11-04")
    assert "- **Children:** as recorded at M1: Grandson aged 8 stays at weekends" in after
    assert "none known" not in after.split("**Children:**")[1].split("\n")[0]
    assert "Their wishes have not been recorded yet." not in after
    assert "**Their views at M1 (3 Nov 2026):** Wants to stay at home" in after


def test_the_plan_shows_a_capacity_assessment_recorded_at_a_meeting(tmp_path: Path) -> None:
    book = make_book(tmp_path)
    assert run(book, *BEST_INTERESTS).exit_code == 0
    done = run(
        book,
        *("meeting", "record", CASE, "M1", "--held-on", "2026-11-05"),
        *("--attendee", "asc:Helen Forsyth", "--attendee", "health:Dr Ravi Menon"),
        *("--capacity-decision", "Where to live", "--capacity-outcome", "lacks"),
        *("--capacity-assessed-on", "2026-11-04", "--capacity-assessed-by", "health:Dr Ravi Menon"),
        *("--best-interests-decision", "A short stay at a care home", "--review", "2026-12-01"),
        *("--as-of", "2026-11-05"),
    )
    assert done.exit_code == 0, done.output
    text = plan(book, "2026-11-06")
    assert "presumed to have capacity" not in text
    assert "| Where to live | lacks | 4 Nov 2026 | Dr Ravi Menon" in text
    assert "presumed to have capacity" in plan(book, "2026-11-04")
