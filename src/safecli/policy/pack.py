"""The policy pack: the meeting types a book can use and the rules each carries."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from safecli.errors import FileFormatError, InvalidInput
from safecli.model import AGENCY_KINDS, JURISDICTIONS, MEETING_FORMATS
from safecli.store import fastload
from safecli.store.book import Book
from safecli.store.config import CONFIG_NAME
from safecli.store.keyplace import key_position
from safecli.store.refusals import named

ANY = "any"
ADULT_INVITE = ("required", "wherever-possible", "as-appropriate", "not-usual")
RECORD_ITEMS = (
    "risks", "others_at_risk", "wishes", "engage_lead", "capacity", "review", "feedback",
    "disagreements", "decisions",
)  # fmt: skip
FOLLOW_UP = ("required", "optional", "not-used")

_TYPE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


@dataclass(frozen=True)
class Invite:
    """Whom a meeting of a type usually invites."""

    kinds: tuple[str, ...]
    adult: str
    representative: bool
    advocate_or_interpreter: bool
    notes: str | None


@dataclass(frozen=True)
class MeetingType:
    """One meeting type of the policy pack."""

    id: str
    name: str
    framework: str
    formats: tuple[str, ...]
    jurisdiction: str | None
    counterpart: str | None
    purpose: str
    convened_by: tuple[str, ...]
    chaired_by: tuple[str, ...]
    chair_guidance: str | None
    joint_chair: tuple[str, ...] | None
    chair_not_decision_maker: bool
    needs_decision_maker: bool
    invite: Invite
    must_record: tuple[str, ...]
    follow_up: str
    follow_up_notes: str | None
    expectations: str
    seniority: str | None
    outputs: str
    replaces_statutory: bool
    notes: str | None

    def is_chaired_by(self, kind: str) -> bool:
        """True when an agency of this kind may chair a meeting of this type."""
        return ANY in self.chaired_by or kind in self.chaired_by

    @property
    def owes_feedback(self) -> bool:
        """Whether a held meeting of this type owes the adult feedback: the type records it
        (`must_record`) or would invite the adult. EMP003 checks that the way is recorded;
        the digest nudges when it is due and not given."""
        return "feedback" in self.must_record or self.invite.adult != "not-usual"

    def applies_in(self, jurisdiction: str) -> bool:
        """True when this type can be used for a case in this jurisdiction."""
        return self.jurisdiction is None or self.jurisdiction == jurisdiction


@dataclass(frozen=True)
class Policy:
    """The meeting types of a book, in pack order."""

    types: dict[str, MeetingType]

    def get(self, type_id: str) -> MeetingType:
        """The meeting type with this id."""
        try:
            return self.types[type_id]
        except KeyError:
            known = ", ".join(self.types)
            what = named(type_id).strip() or "(not a type id)"
            raise InvalidInput(f"unknown meeting type {what}; known: {known}") from None

    def for_jurisdiction(self, jurisdiction: str) -> tuple[MeetingType, ...]:
        """The meeting types usable in a case of this jurisdiction."""
        _check_jurisdiction(jurisdiction)
        return tuple(mt for mt in self.types.values() if mt.applies_in(jurisdiction))


class _Bad(Exception):
    """A field failed its check; `keys` is the path below the field."""

    def __init__(self, message: str, keys: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.keys = keys


Check = Callable[[Any], Any]


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad("must be non-empty text")
    return str(value).strip()


def _any_text(value: Any) -> str:
    if not isinstance(value, str):
        raise _Bad("must be text")
    return str(value).strip()


def _optional(check: Check) -> Check:
    return lambda value: None if value is None else check(value)


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Bad("must be true or false")
    return value


def _one_of(choices: tuple[str, ...], *, nullable: bool = False) -> Check:
    wanted = ", ".join(choices) + (" or null" if nullable else "")

    def check(value: Any) -> str | None:
        if value is None and nullable:
            return None
        if not isinstance(value, str) or value not in choices:
            raise _Bad(f"must be one of {wanted}")
        return str(value)

    return check


def _list_of(choices: tuple[str, ...], what: str, *, allow_any: bool = False) -> Check:
    def check(value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise _Bad(f"must be a list of {what}" + (" or [any]" if allow_any else ""))
        if allow_any and ANY in value:
            if value != [ANY]:
                raise _Bad("[any] cannot be combined with other kinds")
            return (ANY,)
        for item in value:
            if item not in choices:
                raise _Bad(f"unknown {what[:-1]} '{item}'; known: {', '.join(choices)}")
        return tuple(str(item) for item in value)

    return check


_REQUIRED = object()
Spec = Mapping[str, tuple[Check, Any]]


def _fields(raw: Any, spec: Spec) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        raise _Bad("must be a mapping of fields")
    for key in raw:
        if key not in spec:
            raise _Bad(f"unknown field; known fields: {', '.join(spec)}", (str(key),))
    checked: dict[str, Any] = {}
    for key, (check, _) in spec.items():
        if key not in raw:
            raise _Bad("required field is missing", (key,))
        try:
            checked[key] = check(raw[key])
        except _Bad as exc:
            raise _Bad(exc.message, (key, *exc.keys)) from None
    return checked


def _defaults(spec: Spec) -> dict[str, Any]:
    return {key: default for key, (_, default) in spec.items() if default is not _REQUIRED}


def _invite(value: Any) -> Invite:
    return Invite(**_fields(value, _INVITE_FIELDS))


_KINDS = _list_of(AGENCY_KINDS, "agency kinds", allow_any=True)

# Each field: its check, and the default a type added by a book gets when it leaves
# the field out.
_INVITE_FIELDS: Spec = {
    "kinds": (_list_of(AGENCY_KINDS, "agency kinds"), []),
    "adult": (_one_of(ADULT_INVITE), "as-appropriate"),
    "representative": (_flag, False),
    "advocate_or_interpreter": (_flag, False),
    "notes": (_optional(_text), None),
}

_TYPE_FIELDS: Spec = {
    "name": (_text, _REQUIRED),
    "framework": (_text, _REQUIRED),
    "formats": (_list_of(MEETING_FORMATS, "meeting formats"), ["meeting"]),
    "jurisdiction": (_one_of(JURISDICTIONS, nullable=True), None),
    "counterpart": (_optional(_text), None),
    "purpose": (_any_text, ""),
    "convened_by": (_KINDS, [ANY]),
    "chaired_by": (_KINDS, [ANY]),
    "chair_guidance": (_optional(_text), None),
    "joint_chair": (_optional(_list_of(AGENCY_KINDS, "agency kinds")), None),
    "chair_not_decision_maker": (_flag, False),
    "needs_decision_maker": (_flag, False),
    "invite": (_invite, _defaults(_INVITE_FIELDS)),
    "must_record": (_list_of(RECORD_ITEMS, "record items"), []),
    "follow_up": (_one_of(FOLLOW_UP), "optional"),
    "follow_up_notes": (_optional(_text), None),
    "expectations": (_any_text, ""),
    "seniority": (_optional(_text), None),
    "outputs": (_any_text, ""),
    "replaces_statutory": (_flag, False),
    "notes": (_optional(_text), None),
}


@lru_cache(maxsize=1)
def _builtin() -> tuple[Mapping[str, Any], Mapping[str, MeetingType]]:
    """The built-in pack, parsed once per process (trusted package data) by the fast
    reader, which every command has loaded already (tests/policy: the same data as
    PyYAML's)."""
    # Beside this module in the installed package (as importlib.resources would find
    # it, without importing it, tempfile and zipfile for every command that checks).
    where = Path(__file__).with_name("meeting_types.yaml")
    base = fastload.load_text(where, where.read_text(encoding="utf-8"), dict)
    return base, _build(base, None, where=where, prefix="")


def load_policy(overrides: Mapping[str, Any] | None = None, source: Path | None = None) -> Policy:
    """The built-in pack with a book's `meeting_types:` overrides applied."""
    base, builtin = _builtin()
    types = dict(builtin)
    if overrides is None:
        overrides = {}
    if not isinstance(overrides, Mapping):
        raise FileFormatError(
            "meeting_types: must be a mapping of meeting type id to fields", path=source
        )
    types.update(_build(overrides, base, where=source, prefix="meeting_types."))
    for mt in types.values():
        if mt.counterpart is not None and mt.counterpart not in types:
            message = f"unknown meeting type '{mt.counterpart}'"
            raise _error(message, (mt.id, "counterpart"), overrides, source, "meeting_types.")
    return Policy(types=types)


def _build(
    raw_types: Mapping[str, Any],
    base: Mapping[str, Any] | None,
    *,
    where: Path | None,
    prefix: str,
) -> dict[str, MeetingType]:
    """Meeting types from a mapping of id to fields, laid over `base` when given."""
    types: dict[str, MeetingType] = {}
    for type_id, given in raw_types.items():
        try:
            if not isinstance(type_id, str) or not _TYPE_ID.match(type_id):
                raise _Bad("a meeting type id is lowercase letters, digits and hyphens")
            fields = given
            if base is not None:
                fields = _merge(base.get(type_id) or _defaults(_TYPE_FIELDS), given)
            types[type_id] = MeetingType(id=type_id, **_fields(fields, _TYPE_FIELDS))
        except _Bad as exc:
            raise _error(exc.message, (str(type_id), *exc.keys), raw_types, where, prefix) from None
    return types


def _merge(base: Mapping[str, Any], given: Any) -> Any:
    """The base fields with the given ones on top; invite is merged field by field."""
    if not isinstance(given, Mapping):
        return given
    merged = {**base, **given}
    if isinstance(base.get("invite"), Mapping) and isinstance(given.get("invite"), Mapping):
        merged["invite"] = {**base["invite"], **given["invite"]}
    return merged


def _error(
    message: str, keys: tuple[str, ...], root: Any, where: Path | None, prefix: str
) -> FileFormatError:
    """The error for the field at `keys`, placed at its line when ruamel loaded it."""
    return FileFormatError(
        f"{prefix}{'.'.join(keys)}: {message}", path=where, **key_position(root, *keys)
    )


def _check_jurisdiction(jurisdiction: str) -> None:
    if jurisdiction not in JURISDICTIONS:
        raise InvalidInput(
            f"unknown jurisdiction '{jurisdiction}'; known: {', '.join(JURISDICTIONS)}"
        )


ADULT_INVITE_GUIDANCE = {
    "required": "the guidance expects the adult (and/or their representative) to be invited",
    "wherever-possible": "invite the adult wherever possible, with an advocate or interpreter "
    "if needed",
    "as-appropriate": "invite the adult (or family) as appropriate",
    "not-usual": "the adult is not usually invited to this kind of meeting",
}


def adult_guidance(mt: MeetingType) -> str:
    """What the type's guidance says about inviting the adult, as a sentence part."""
    return ADULT_INVITE_GUIDANCE.get(mt.invite.adult, mt.invite.adult)


def book_policy(book: Book) -> Policy:
    """The book's meeting types: the built-in pack with safecli.yaml's changes."""
    return load_policy(book.config.meeting_types, book.root / CONFIG_NAME)
