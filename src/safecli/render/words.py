"""A document's words in one language: dates, times and the labels of recorded values.

English keeps the forms the documents always had (`8 Oct 2026`, `Tuesday 1
December 2026, 10:00 GMT (Europe/London)`); Welsh spells them the Welsh way
(`1 Rhag 2026`, `Dydd Mawrth 1 Rhagfyr 2026, 10:00 GMT (Europe/London)`).
Labels are catalogue entries, translated where they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from babel.dates import format_date

from safecli.render.i18n import N_, Phrase, translations
from safecli.render.views import ActionRow, format_day, format_long_day, format_when

# Action statuses as documents show them.
STATUS = {"open": N_("open"), "done": N_("done"), "cancelled": N_("cancelled")}
FORMATS = {"discussion": N_("discussion"), "meeting": N_("meeting")}
# Risk levels and case statuses, shown as recorded (`| tr` in the templates).
LEVELS = (N_("low"), N_("medium"), N_("high"), N_("closed"))
# What a document shows for an enumerated value that is not valid (shape.shown).
INVALID = N_("invalid")
# Types of abuse as recorded (adult.yaml's concerns), England's and Wales's.
ABUSE = (
    N_("physical"),
    N_("domestic"),
    N_("sexual"),
    N_("psychological"),
    N_("financial"),
    N_("modern-slavery"),
    N_("discriminatory"),
    N_("organisational"),
    N_("neglect"),
    N_("self-neglect"),
    N_("sexual-exploitation"),
    N_("fgm"),
    N_("trafficking"),
    N_("position-of-trust"),
    N_("professional"),
)


@dataclass(frozen=True)
class Words:
    """How one language writes a document's dates, times and labels."""

    lang: str

    def gettext(self, message: object) -> str:
        """The catalogue's translation of a phrase (the phrase itself when it has none)."""
        return translations(self.lang).gettext(str(message)) if message else ""

    def shown(self, value: Any) -> Any:
        """A catalogue phrase (`N_`) in this language; any other value as it is."""
        return self.gettext(value) if isinstance(value, Phrase) else value

    def day(self, value: date | None) -> str:
        """A date in short: `8 Oct 2026`, `8 Hyd 2026`; empty when not recorded."""
        if value is None or self.lang == "en":
            return format_day(value)
        return format_date(value, "d MMM y", locale="cy")

    def long_day(self, value: date | None) -> str:
        """A date in full: `Thursday 8 October 2026`, `Dydd Iau 8 Hydref 2026`."""
        if value is None or self.lang == "en":
            return format_long_day(value)
        return format_date(value, "EEEE d MMMM y", locale="cy")

    def when(self, value: datetime | None) -> str:
        """A meeting time with its zone, in full."""
        if value is None:
            return self.gettext(N_("time not recorded"))
        if self.lang == "en":
            return format_when(value)
        zone = getattr(value.tzinfo, "key", None)
        suffix = f" ({zone})" if zone else ""
        return f"{self.long_day(value.date())}, {value:%H:%M} {value.tzname()}{suffix}"

    def status(self, action: ActionRow) -> str:
        """An action's status: open, open (OVERDUE), done on a day, cancelled."""
        if action.status == "open" and action.overdue:
            return self.gettext(N_("open (OVERDUE)"))
        if action.status == "done" and action.done_on is not None:
            return self.gettext(N_("done %(day)s")) % {"day": self.day(action.done_on)}
        return self.gettext(STATUS.get(action.status, action.status))
