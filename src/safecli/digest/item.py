"""One line of the digest, and one case as the digest read it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the facts (and the record shapes) load only when a case is read afresh
    from safecli.digest.facts import CaseFacts

# The fields of an item, in output order; a stable contract (docs/digest.md).
FIELDS = (
    "kind",
    "case",
    "risk",
    "meeting",
    "meeting_type",
    "action",
    "agency",
    "lead",
    "due",
    "days_overdue",
    "missing",
    "detail",
)


@dataclass(frozen=True)
class CaseRead:
    """One case as the digest read it: its facts, or the problems that stopped it."""

    case_id: str
    facts: CaseFacts | None
    problems: tuple[str, ...] = ()


@dataclass(frozen=True, init=False)
class Item:
    """One line of the digest.

    Its `__init__` is written out (a test holds it equal to the fields): a big book's
    digest makes tens of thousands of items, and the frozen dataclass's own sets each
    field through `object.__setattr__`, two and a half times the cost.
    """

    kind: str
    case: str
    risk: str | None = None
    meeting: str | None = None
    meeting_type: str | None = None
    action: str | None = None
    agency: str | None = None
    lead: str | None = None
    due: date | None = None
    days_overdue: int | None = None
    missing: tuple[str, ...] | None = None
    detail: str | None = None
    involved: tuple[str, ...] = field(default=(), compare=False)
    name: str | None = None
    description: str | None = None

    def __init__(
        self,
        kind: str,
        case: str,
        risk: str | None = None,
        meeting: str | None = None,
        meeting_type: str | None = None,
        action: str | None = None,
        agency: str | None = None,
        lead: str | None = None,
        due: date | None = None,
        days_overdue: int | None = None,
        missing: tuple[str, ...] | None = None,
        detail: str | None = None,
        involved: tuple[str, ...] = (),
        name: str | None = None,
        description: str | None = None,
    ) -> None:
        self.__dict__.update(
            kind=kind,
            case=case,
            risk=risk,
            meeting=meeting,
            meeting_type=meeting_type,
            action=action,
            agency=agency,
            lead=lead,
            due=due,
            days_overdue=days_overdue,
            missing=missing,
            detail=detail,
            involved=involved,
            name=name,
            description=description,
        )

    def as_dict(self, *, names: bool = False, descriptions: bool = False) -> dict[str, Any]:
        """The item as JSON-ready data: FIELDS, plus name/description when asked for."""
        data: dict[str, Any] = {
            "kind": self.kind,
            "case": self.case,
            "risk": self.risk,
            "meeting": self.meeting,
            "meeting_type": self.meeting_type,
            "action": self.action,
            "agency": self.agency,
            "lead": self.lead,
            "due": self.due.isoformat() if self.due else None,
            "days_overdue": self.days_overdue,
            "missing": list(self.missing) if self.missing is not None else None,
            "detail": self.detail,
        }
        if names:
            data["name"] = self.name
        if descriptions:
            data["description"] = self.description
        return data


def with_extras(item: Item, *, name: str | None = None, description: str | None = None) -> Item:
    """The item carrying the adult's name and/or a description (opt-in output only)."""
    return replace(item, name=name, description=description)
