"""Which of a case's candidates are due as of a day, as digest items with their notes."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from safecli.digest.clocks import SETTINGS, Clocks
from safecli.digest.item import CaseRead, Item
from safecli.digest.notes import episodes_note, note
from safecli.store.digest_settings import DigestSettings

if TYPE_CHECKING:
    from safecli.policy.pack import Policy


class Due:
    """Which candidates are due as of a day, under a book's settings: what a digest works
    out once per run (the days each kind waits, per risk level), not once per case."""

    def __init__(
        self, now: int, soon: int, settings: DigestSettings, clocks: Clocks, owes: frozenset[str]
    ) -> None:
        self.now, self.soon, self.settings, self.clocks, self.owes = (
            now,
            soon,
            settings,
            clocks,
            owes,
        )
        self._shifts: dict[str | None, dict[str, int]] = {}
        self._days: dict[int, date] = {}

    def shift(self, risk: str | None) -> dict[str, int]:
        """The days after its date that each kind of candidate is due, for a risk level."""
        found = self._shifts.get(risk)
        if found is None:
            settings = self.settings
            first = settings.first_meeting_days.of(risk)
            found = self._shifts[risk] = {
                "action": 0,
                "review": 0,
                "minutes": settings.minutes_share_days,
                "no-meeting": first,
                "called": first,
                "unrecorded": settings.minutes_record_days,
                "feedback": 0,
                "feedback-held": settings.feedback_days,
            }
        return found

    def day(self, ordinal: int) -> date:
        """The date of a day number (each worked out once a run: many items share one)."""
        found = self._days.get(ordinal)
        if found is None:
            found = self._days[ordinal] = date.fromordinal(ordinal)
        return found

    def items(self, read: CaseRead) -> list[Item]:
        """The items of one case."""
        assert read.facts is not None
        risk, involved, candidates, jurisdiction = read.facts
        now, soon, case_id = self.now, self.soon, read.case_id
        shift = self.shift(risk)
        found: list[Item] = []
        episodes: list[tuple[int, str, str | None, str | None]] = []
        unrecorded: set[str | None] = set()  # meetings past their time with no minutes
        for kind, start, meeting, meeting_type, action, agency, lead, missing, extra in candidates:
            if kind == "action":  # most candidates: an open action not yet due leaves first
                due = start
                if due >= now:
                    if due > soon:
                        continue
                    name = "action-due-soon"
                else:
                    name = "action-overdue"
            else:
                if kind == "episode":
                    if extra in self.settings.episode_kinds and start <= now:
                        episodes.append((start, str(extra), agency, lead))
                    continue
                if kind in SETTINGS:
                    clock = self.clocks.due(kind, start, jurisdiction)
                    if clock is None:
                        continue
                    due = clock
                elif kind == "feedback-held" and meeting_type not in self.owes:
                    continue
                else:
                    due = start + shift[kind]
                if due >= now:
                    continue
                name = _KIND_NAMES[kind]
                if kind == "unrecorded":
                    unrecorded.add(meeting)
            day = self.day(due)
            detail = note(
                name,
                late=now - due,
                since=now - start,
                risk=risk,
                meeting=meeting,
                action=action,
                missing=missing,
                due=day,
                extra=meeting_type if kind == "enquiry" else "due" if kind == "feedback" else extra,
            )
            found.append(
                Item(
                    name,
                    case_id,
                    risk,
                    meeting,
                    meeting_type,
                    action,
                    agency,
                    lead,
                    day,
                    now - due,
                    missing,
                    detail,
                    involved,
                )
            )
        if unrecorded:  # a called meeting past its time is told as unrecorded, not as called
            found = [
                i for i in found if not (i.kind == "meeting-called" and i.meeting in unrecorded)
            ]
        if episodes:
            repeated = _repeated(read, risk, involved, episodes, now, self.settings)
            if repeated is not None:
                found.append(repeated)
        return found


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
