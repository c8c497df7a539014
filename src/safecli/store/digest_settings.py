"""The digest's settings (safecli.yaml `digest:`) and their defaults, in one place.

`config` reads them from safecli.yaml; they live here, apart from its readers, so
that a warm digest, which keeps them in its cache, builds them without importing
the YAML readers (`safecli.store.config` re-exports them).
"""

from __future__ import annotations

from dataclasses import dataclass

from safecli.model import RISK_LEVELS

__all__ = ["EPISODE_KINDS", "DigestSettings", "RiskDays"]


@dataclass(frozen=True)
class RiskDays:
    """Days by risk level; a case whose risk level is not recorded counts as medium."""

    high: int = 2
    medium: int = 5
    low: int = 10

    def of(self, risk: str | None) -> int:
        """The days for a risk level (medium when it is not one)."""
        return int(getattr(self, risk)) if risk in RISK_LEVELS else self.medium


# The episodes that count towards "repeated episodes, no meeting called" by default.
EPISODE_KINDS = (
    "hospital-admission",
    "a-and-e-attendance",
    "police-call-out",
    "ambulance-call-out",
)


@dataclass(frozen=True)
class DigestSettings:
    """The book's digest settings (safecli.yaml `digest:`), in days; the defaults are here."""

    minutes_share_days: int = 5
    first_meeting_days: RiskDays = RiskDays()
    minutes_record_days: int = 1
    feedback_days: int = 5
    episodes: int = 3
    episode_days: int = 90
    episode_kinds: tuple[str, ...] = EPISODE_KINDS
