"""`safecli doctor`'s check of meetings about several adults: each adult's part in step.

The check is the rulebook's (INT010), run on every case; what doctor adds is the
way out: each meeting whose parts a hand edit or a merge left missing or out of
step, named where it was called, for `safecli meeting update CASE MEETING --resync`.
"""

from __future__ import annotations

from datetime import date

from safecli.store.book import Book
from safecli.teamwork.doctor import Check
from safecli.validation.load import load_view
from safecli.validation.rules import int010_shared_meetings as int010
from safecli.validation.run import context_of


def out_of_step(book: Book, today: date) -> tuple[list[tuple[str, str]], int]:
    """(case, meeting) of each meeting a resync would mend, sorted; and how many INT010
    findings it cannot mend (a part that is itself wrong: validate says how)."""
    context = context_of(book)
    mends: set[tuple[str, str]] = set()
    others = 0
    for case_id in book.case_ids():
        for _, mend in int010.with_mends(load_view(context, case_id, today)):
            if mend is None:
                others += 1
            else:
                mends.add(mend)
    return sorted(mends), others


def parts_check(book: Book, today: date) -> Check:
    """doctor's check: ok, or fail naming each meeting to resync and the command."""
    mends, others = out_of_step(book, today)
    name = "meetings about several adults"
    if not mends and not others:
        return Check(name, "ok", "each adult's part is in step with its meeting")
    shown = [f"{case} {meeting}" for case, meeting in mends]
    hint = "; ".join(f"safecli meeting update {m} --resync" for m in shown)
    if others:
        shown.append(f"{others} part(s) naming their meeting wrongly (safecli validate says how)")
    return Check(name, "fail", "out of step: " + ", ".join(shown), hint)
