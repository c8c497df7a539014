"""PAR001 notice: invitations go out in time for the case's risk level.

The book's `lead_times` (safecli.yaml; default high 1, medium 3, low 5) give the
days of notice an invitation needs at each risk level (adult.yaml `risk_level`).

- a planned or held meeting whose invitations went out (`invited_on`) fewer days
  before its date (`when`) than the lead time is reported;
- a held meeting with no `invited_on` is reported (when did they go out?);
- a planned meeting with no `invited_on` is reported once there are fewer days
  left before it than the lead time (this depends on today: use `--as-of`).

Cases with no valid risk level are not checked (INT004 reports a bad one).

Why: Partnership (multi-agency S42 strategy guidance: invitations are as timely
as possible, with timescales set by the level of risk).

Passes:

    # adult.yaml: risk_level: medium (lead time 3 days)
    # meetings.yaml
    - id: M1
      when: 2026-11-10T10:00
      invited_on: 2026-11-06
      status: planned

Fails:

    # adult.yaml: risk_level: medium (lead time 3 days)
    # meetings.yaml
    - id: M1
      when: 2026-11-10T10:00
      invited_on: 2026-11-09      # one day's notice
      status: planned
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from safecli.raw import day
from safecli.validation.rules.base import WARNING, CaseView, Finding, Rule, record_id
from safecli.validation.rules.records import convened, meeting_day


def check(view: CaseView) -> Iterator[Finding]:
    level = view.mapping("adult").get("risk_level")
    lead = view.context.config.lead_times.get(level) if isinstance(level, str) else None
    if lead is None:
        return
    need = f"{level}-risk cases need {_days(lead)} notice (lead_times.{level})"
    for index, meeting in convened(view):
        when, invited = meeting_day(meeting), day(meeting.get("invited_on"))
        name = record_id(meeting)
        if when is None:
            continue
        if invited is not None:
            notice = (when - invited).days
            if 0 <= notice < lead:  # invitations after the meeting are INT005's
                plural = "" if notice == 1 else "s"
                yield view.finding(
                    RULE,
                    "meetings",
                    (index, "invited_on"),
                    f"invited_on: {name}'s invitations went out {notice} day{plural} before the "
                    f"meeting; {need}",
                    at_value=True,
                )
        elif meeting.get("status") == "held":
            yield view.finding(
                RULE,
                "meetings",
                (index, "invited_on"),
                f"{name}: record when the invitations went out (invited_on)",
            )
        elif view.reached(when - timedelta(days=lead - 1)):
            yield view.finding(
                RULE,
                "meetings",
                (index, "invited_on"),
                f"{name} is on {when} and no invitations have gone out (invited_on); {need}",
            )


def _days(count: int) -> str:
    return "1 day's" if count == 1 else f"{count} days'"


RULE = Rule(
    code="PAR001",
    severity=WARNING,
    principle="partnership",
    summary="invitations go out in time for the risk level (lead_times)",
    check=check,
    doc=__doc__ or "",
)
