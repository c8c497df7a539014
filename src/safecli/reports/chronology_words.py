"""A chronology's fixed words: catalogue phrases with their values, shown in any language.

A chronology entry's event and action are `Said` values, not text: the phrase
(a catalogue entry, marked `N_` so `pybabel extract` finds it) and the ids,
dates and counts it names. The output shows them in each language the
chronology is written in, so one chronology can be Welsh first and English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from safecli.render.i18n import N_, translations

# Dated contacts and episodes in the adult's life (adult.yaml's events): the recorded
# code is the catalogue's phrase (English shows it as recorded).
EVENT_KINDS: dict[str, str] = {
    kind: kind
    for kind in (
        N_("hospital-admission"),
        N_("hospital-discharge"),
        N_("a-and-e-attendance"),
        N_("police-call-out"),
        N_("ambulance-call-out"),
        N_("missed-visit"),
        N_("home-visit"),
        N_("contact"),
        N_("other"),
    )
}
CAPACITY_OUTCOMES = {"has": N_("outcome: has capacity"), "lacks": N_("outcome: lacks capacity")}
ACHIEVED = {
    "fully": N_("outcomes achieved: fully"),
    "partially": N_("outcomes achieved: partially"),
    "not": N_("outcomes achieved: not"),
}


@dataclass(frozen=True)
class Said:
    """A catalogue phrase and the values its `%(name)s` placeholders stand for."""

    phrase: str
    values: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str) -> str:
        """The phrase in a language (cy, en), its values put in (a `Said` value in it too)."""
        shown = translations(lang).gettext(self.phrase)
        if not self.values:
            return shown
        return shown % {key: _value(value, lang) for key, value in self.values}


def say(phrase: str, **values: Any) -> Said:
    """`Said` with keyword values: `say(N_("%(id)s done"), id="A1")`."""
    return Said(phrase, tuple(values.items()))


def label(value: str, labels: Mapping[str, str]) -> Said:
    """A recorded code as its catalogue label; an unknown code as recorded."""
    return Said(labels.get(value, value))


def _value(value: Any, lang: str) -> str:
    if isinstance(value, Said):
        return value.text(lang)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


NONE = say(N_("none recorded"))


def lead_agency(lead: str) -> Said:
    """The lead agency named, or none recorded."""
    return say(N_("lead agency %(agency)s"), agency=lead) if lead else NONE


def capacity_outcome(outcome: str | None) -> Said:
    """A capacity assessment's recorded outcome."""
    if not outcome:
        return NONE
    if outcome in CAPACITY_OUTCOMES:
        return label(outcome, CAPACITY_OUTCOMES)
    return say(N_("outcome: %(outcome)s capacity"), outcome=label(outcome, {}))


def achieved(achieved: str | None) -> Said:
    """Whether a closed case achieved the adult's outcomes, as recorded."""
    if not achieved:
        return NONE
    if achieved in ACHIEVED:
        return label(achieved, ACHIEVED)
    return say(N_("outcomes achieved: %(how)s"), how=label(achieved, {}))


def event_kind(kind: str | None) -> Said:
    """An event of the adult's life, by its recorded kind."""
    if not kind:
        return say(N_("event: kind not recorded"))
    return say(N_("event: %(kind)s"), kind=label(kind, EVENT_KINDS))
