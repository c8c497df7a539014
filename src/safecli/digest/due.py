"""Which of a case's candidates are due as of a day, as digest items with their notes."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from safecli.digest.clocks import SETTINGS, Clocks
from safecli.digest.item import CaseRead, Item
from safecli.digest.notes import episodes_note, note
from safecli.store.config import DigestSettings

if TYPE_CHECKING:
    from safecli.policy.pack import Policy


def case_items(
    read: CaseRead,
    now: int,
    soon: int,
    settings: DigestSettings,
    clocks: Clocks,
    owes: frozenset[str],
) -> list[Item]:
    assert read.facts is not None
    risk, involved, candidates, jurisdiction = read.facts
    shift = {
        "action": 0,
        "review": 0,
        "minutes": settings.minutes_share_days,
        "no-meeting": settings.first_meeting_days.of(risk),
        "called": settings.first_meeting_days.of(risk),
        "unrecorded": settings.minutes_record_days,
        "feedback": 0,
        "feedback-held": settings.feedback_days,
    }
    found: list[Item] = []
    episodes: list[tuple[int, str, str | None, str | None]] = []
    for kind, start, meeting, meeting_type, action, agency, lead, missing, extra in candidates:
        if kind == "episode":
            if extra in settings.episode_kinds and start <= now:
                episodes.append((start, str(extra), agency, lead))
            continue
        if kind == "feedback-held" and meeting_type not in owes:
            continue
        if kind in SETTINGS:
            clock = clocks.due(kind, start, jurisdiction)
            if clock is None:
                continue
            due = clock
        else:
            due = start + shift[kind]
        if due >= now and (kind != "action" or due > soon):
            continue
        name = _KIND_NAMES[kind] if due < now else "action-due-soon"
        detail = note(
            name,
            late=now - due,
            since=now - start,
            risk=risk,
            meeting=meeting,
            action=action,
            missing=missing,
            due=date.fromordinal(due),
            extra=meeting_type if kind == "enquiry" else "due" if kind == "feedback" else extra,
        )
        found.append(
            Item(
                name,
                read.case_id,
                risk,
                meeting,
                meeting_type,
                action,
                agency,
                lead,
                date.fromordinal(due),
                now - due,
                missing,
                detail,
                involved,
            )
        )
    unrecorded = {i.meeting for i in found if i.kind == "minutes-not-recorded"}
    found = [i for i in found if not (i.kind == "meeting-called" and i.meeting in unrecorded)]
    repeated = _repeated(read, risk, involved, episodes, now, settings)
    return found + ([repeated] if repeated is not None else [])


def _repeated(
    read: CaseRead,
    risk: str | None,
    involved: tuple[str, ...],
    episodes: list[tuple[int, str, str | None, str | None]],
    now: int,
    settings: DigestSettings,
) -> Item | None:
    """Repeated episodes with no meeting called since: the first time `episodes` of them
    came within `episode_days` days (the day it is due), counted up to today."""
    episodes.sort()
    count = settings.episodes
    for last in range(count - 1, len(episodes)):
        first = last - count + 1
        if episodes[last][0] - episodes[first][0] > settings.episode_days:
            continue
        due = episodes[last][0]
        if due >= now:
            return None
        shown = episodes[first:]
        _, _, agency, lead = episodes[last]
        return Item(
            "repeated-episodes",
            read.case_id,
            risk,
            agency=agency,
            lead=lead,
            due=date.fromordinal(due),
            days_overdue=now - due,
            detail=episodes_note(
                [kind for _, kind, _, _ in shown],
                date.fromordinal(shown[0][0]),
                date.fromordinal(shown[-1][0]),
            ),
            involved=involved,
        )
    return None


@lru_cache(maxsize=1)
def owing_by_default() -> frozenset[str]:
    from safecli.policy.pack import load_policy

    return owing_feedback(load_policy())


def owing_feedback(policy: Policy) -> frozenset[str]:
    """The meeting types of a policy whose held meetings owe the adult feedback (EMP003's)."""
    return frozenset(mt.id for mt in policy.types.values() if mt.owes_feedback)


_KIND_NAMES = {
    "action": "action-overdue",
    "review": "review-passed",
    "minutes": "minutes-not-shared",
    "no-meeting": "no-meeting",
    "called": "meeting-called",
    "unrecorded": "minutes-not-recorded",
    "feedback": "feedback-not-given",
    "feedback-held": "feedback-not-given",
    "enquiry": "enquiry-overdue",
    "plan": "plan-review-overdue",
}
