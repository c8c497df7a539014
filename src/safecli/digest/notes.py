"""The digest's note on each item: one sentence, made of ids, kinds, dates and day counts.

Every format shows the same sentence (the table's `note` column, JSON's and CSV's
`detail`), so a mailed digest reads the same whatever the format. A note never
carries a name or anything a person wrote: it is safe to email by default.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

# Event kind -> (one, several), as a sentence says them.
EPISODE_WORDS = {
    "hospital-admission": ("hospital admission", "hospital admissions"),
    "hospital-discharge": ("hospital discharge", "hospital discharges"),
    "a-and-e-attendance": ("A&E attendance", "A&E attendances"),
    "police-call-out": ("police call-out", "police call-outs"),
    "ambulance-call-out": ("ambulance call-out", "ambulance call-outs"),
    "missed-visit": ("missed visit", "missed visits"),
    "home-visit": ("home visit", "home visits"),
    "contact": ("contact", "contacts"),
    "other": ("other episode", "other episodes"),
}


def days(count: int) -> str:
    """'1 day', '19 days'."""
    return f"{count} day" if count == 1 else f"{count} days"


def _risk(risk: str | None) -> str:
    return f"risk {risk}" if risk else "risk level not recorded"


def _time(when: str | None) -> str:
    return when.replace("T", " ") if when else "a time not recorded"


def note(
    kind: str,
    *,
    late: int,
    since: int,
    risk: str | None = None,
    meeting: str | None = None,
    action: str | None = None,
    missing: Sequence[str] | None = None,
    due: date | None = None,
    extra: str | None = None,
) -> str:
    """The sentence for an item of `kind`, `late` days after it was due and `since` days
    after the day it is measured from (a concern raised, a meeting held)."""
    if kind == "action-overdue":
        return f"action {action} was due {days(late)} ago and is still open"
    if kind == "action-due-soon":
        return f"action {action} is due " + ("today" if late == 0 else f"in {days(-late)}")
    if kind == "review-passed":
        return (
            f"the review set at {meeting} was due {days(late)} ago and no meeting "
            "has been held since"
        )
    if kind == "minutes-not-shared":
        who = ", ".join(missing or ()) or "anyone"
        return (
            f"the minutes of {meeting} are not recorded as shared with {who}, "
            f"{days(since)} after it was held"
        )
    if kind == "minutes-not-recorded":
        return (
            f"{meeting} was planned for {_time(extra)} and no minutes are recorded, "
            f"{days(since)} on"
        )
    if kind == "feedback-not-given":
        if extra == "due" and due is not None:
            return (
                f"feedback to the adult after {meeting} was due on {due.isoformat()} "
                "and is not recorded as given"
            )
        return (
            f"feedback to the adult after {meeting} is not recorded as given, "
            f"{days(since)} after the meeting"
        )
    if kind == "no-meeting":
        return f"no meeting called {days(since)} after the concern was raised; {_risk(risk)}"
    if kind == "meeting-called":
        return (
            f"{meeting} is called for {_time(extra)} and not yet held, {days(since)} after "
            f"the concern was raised; {_risk(risk)}"
        )
    if kind == "enquiry-overdue":
        return f"the {extra or ''} enquiry is not concluded, {days(late)} after its timescale"
    if kind == "plan-review-overdue":
        return (
            f"the protection plan has not been reviewed at a meeting since {meeting}, "
            f"{days(late)} after its review was due"
        )
    raise ValueError(kind)


def episodes_note(kinds: Sequence[str], first: date, last: date) -> str:
    """The sentence for repeated episodes with no meeting called since."""
    counted = Counter(kinds)
    parts = [
        f"{n} {EPISODE_WORDS.get(kind, (kind, kind))[0 if n == 1 else 1]}"
        for kind, n in sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    between = (
        f"on {first.isoformat()}"
        if first == last
        else f"between {first.isoformat()} and {last.isoformat()}"
    )
    return f"{', '.join(parts)} {between} and no meeting called since"
