"""A book with a meeting about two adults, built through the CLI (tests of parts)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from meeting_book import CASE, add_case, make_book, run

OTHER = "SG-2026-0003"
NEW = (
    "meeting",
    "new",
    CASE,
    "--type",
    "cuckooing",
    "--format",
    "meeting",
    "--mode",
    "virtual",
    "--when",
    "2026-11-03 10:00",
    "--purpose",
    "A plan for both adults",
    "--chair",
    "police:DC Lee Jones",
    "--invite",
    "asc:Sam Patel:Social worker for both",
    "--adult-invited",
    "--subject",
    OTHER,
    "--agenda",
    f"{CASE}: risks at home",
    "--agenda",
    f"{OTHER}: risks at home",
    "--as-of",
    "2026-11-01",
)
RECORD = (
    "meeting",
    "record",
    CASE,
    "M1",
    "--held-on",
    "2026-11-03",
    "--attendee",
    "police:DC Lee Jones",
    "--attendee",
    "asc:Sam Patel",
    "--engage-lead",
    "asc",
    "--wishes",
    "He wants the visitors gone",
    "--risk",
    "Visitors at night|Police visits|He lets them in",
    "--others-reviewed",
    "--adults",
    "none",
    "--children",
    "none",
    "--review",
    "2026-12-01",
    "--feedback-how",
    "A visit",
    "--feedback-by",
    "asc:Sam Patel",
    "--views-of",
    f"{OTHER}=She wants to stay in her flat",
    "--risk-of",
    f"{OTHER}=Pressure to hold drugs|Neighbour checks in|Fear of him",
    "--others-of",
    f"{OTHER}=none|none",
    "--feedback-of",
    f"{OTHER}=A phone call|asc:Sam Patel|2026-11-05",
    "--as-of",
    "2026-11-04",
)


def shared_book(
    tmp_path: Path, *, held: bool = False, new: tuple[str, ...] = NEW, **other: Any
) -> Path:
    """Two English cases (and the Welsh one) with M1 of CASE about both adults; `other`:
    add_case's settings for the other adult's case."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    book = make_book(tmp_path)
    add_case(book, OTHER, **other)
    done = run(book, *new)
    assert done.exit_code == 0, done.output
    if held:
        done = run(book, *RECORD)
        assert done.exit_code == 0, done.output
    return book


def text(book: Path, case: str, kind: str = "meetings") -> str:
    return (book / "cases" / case / f"{kind}.yaml").read_text(encoding="utf-8")


def edit(book: Path, case: str, old: str, new: str, kind: str = "meetings") -> None:
    path = book / "cases" / case / f"{kind}.yaml"
    before = path.read_text(encoding="utf-8")
    assert old in before, before
    path.write_text(before.replace(old, new, 1), encoding="utf-8")


def codes(result: Any, code: str) -> list[str]:
    """The lines of validate's output that carry this code (file:line:col first)."""
    return [line.split(": ")[0] for line in result.stdout.splitlines() if f" {code} " in line]
