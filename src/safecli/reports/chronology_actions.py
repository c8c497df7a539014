"""The chronology entries of one action: agreed at a meeting, due dates moved,
cancelled, done."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from safecli import raw
from safecli.model import Person
from safecli.render.i18n import N_
from safecli.reports.chronology_facts import REASON, Fact, fact, shown, who
from safecli.reports.chronology_words import NONE, say
from safecli.shape import ACTION

BOTH = "%(told)s; %(risk)s"  # two phrases, each translated: not a phrase of its own


def action_events(action: Mapping[str, Any], held: Mapping[str, Any]) -> Iterator[Fact]:
    """An action's entries; `held` gives each held meeting's day by its id."""
    aid, meeting = str(shown(action, ACTION, "id")), shown(action, ACTION, "meeting")
    where, lead = who(action.get("lead"), "")
    due = raw.day(action.get("due"))
    agreed = held.get(meeting or "")
    cancelled = action.get("status") == "cancelled"
    if agreed:
        yield fact(
            agreed,
            where,
            say(
                N_("%(action)s agreed at %(meeting)s, since cancelled")
                if cancelled
                else N_("%(action)s agreed at %(meeting)s"),
                action=aid,
                meeting=meeting,
            ),
            say(N_("due %(day)s"), day=due) if due else say(N_("no due date")),
            lead,
            raw.text(action.get("description")),
        )
    yield from _moves(action, aid, where, lead)
    cancelled_on = raw.day(action.get("cancelled_on"))
    if cancelled and cancelled_on:
        reason = raw.text(action.get("cancel_reason"))
        yield fact(
            cancelled_on,
            where,
            say(N_("%(action)s cancelled"), action=aid),
            REASON if reason else NONE,
            lead,
            reason,
        )
    done = raw.day(action.get("done_on"))
    if done:
        yield fact(
            done,
            where,
            say(N_("%(action)s done"), action=aid),
            say(N_("action completed")),
            lead,
            raw.text(action.get("note")),
        )


def _moves(action: Mapping[str, Any], aid: str, where: str, lead: Person | None) -> Iterator[Fact]:
    for move in raw.records(action.get("moves")):
        moved = raw.day(move.get("moved_on"))
        if moved:
            told = (
                N_("lead told")
                if move.get("lead_informed") is True
                else N_("lead not recorded as told")
            )
            risk = (
                N_("risk re-assessed")
                if move.get("risk_reassessed") is True
                else N_("risk not recorded as re-assessed")
            )
            yield fact(
                moved,
                where,
                say(
                    N_("%(action)s due date moved from %(old)s to %(new)s"),
                    action=aid,
                    old=raw.day(move.get("from")),
                    new=raw.day(move.get("to")),
                ),
                say(BOTH, told=say(told), risk=say(risk)),
                lead,
                raw.text(move.get("reason")),
            )
