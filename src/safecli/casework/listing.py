"""The case list: one row per case, read with the fast loader, filtered by status.

A case whose files cannot be read is listed as `unreadable` under every status, with
the refusal (file:line:col) in its `problem`, as the digest does: the rest of the
book is still listed. A status, date, risk level or lead agency that is not a valid
value is listed as `invalid` (validate reports it), never as the text found.
"""

from __future__ import annotations

from typing import Any

from safecli.errors import SafecliError
from safecli.shape import ADULT, shown
from safecli.store import fastload
from safecli.store.book import Book, check_case_folder, check_no_journal

STATUSES = ("open", "closed", "all")
UNREADABLE = "unreadable"


def case_rows(book: Book, status: str = "open") -> list[dict[str, Any]]:
    """The rows of `case list` for cases of `status` (open, closed or all), by case id."""
    rows = []
    for case_id in book.case_ids():
        try:
            rows.append(case_summary(book, case_id))
        except SafecliError as exc:
            blank = dict.fromkeys(("opened", "risk", "lead_agency", "open_actions", "name"))
            rows.append({"case": case_id, "status": UNREADABLE, **blank, "problem": str(exc)})
    return [row for row in rows if status in ("all", row["status"]) or row["status"] == UNREADABLE]


def case_summary(book: Book, case_id: str) -> dict[str, Any]:
    """One row of `case list` (read-only: the fast loader, two files)."""
    folder = book.case_dir(case_id)
    check_no_journal(folder)
    adult = fastload.load(folder / "adult.yaml", dict)
    actions = fastload.load(folder / "actions.yaml", list)
    check_case_folder(folder, case_id, adult)
    return {
        "case": case_id,
        "status": shown(adult.get("status"), ADULT, "status"),
        "opened": shown(adult.get("opened"), ADULT, "opened"),
        "risk": shown(adult.get("risk_level"), ADULT, "risk_level"),
        "lead_agency": shown(adult.get("lead_agency"), ADULT, "lead_agency"),
        "open_actions": sum(
            1 for a in actions if isinstance(a, dict) and a.get("status") == "open"
        ),
        "name": adult.get("name"),
    }
