"""Shell completion of values: case ids, meeting and action ids, agencies, people, meeting
types, formats, rule codes and the other fixed lists.

Completers are attached by parameter name when a command is built (`attach`), so every
command that takes a case id completes case ids, and a new command gets them too.
They read the book the command would use (--book, SAFECLI_BOOK or found upwards) with
the fast read-only loader, and say nothing (an empty list) when anything is wrong:
completion must never print an error into the shell.

    eval "$(_SAFECLI_COMPLETE=source_bash safecli)"    # bash; zsh and fish alike
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from safecli import model, raw

_PARTS = re.compile(r"(\d+)")
Completer = Callable[[Any, Any, str], list[str]]
GROUPINGS = ("agency", "case", "lead")
HOSTS = ("gitlab", "github", "forgejo")


def _book(ctx: Any) -> Any:
    from safecli.store.book import find_book

    given = ctx.find_root().params.get("book")
    return find_book(Path(given)) if given else find_book()


def _records(ctx: Any, kind: str) -> list[Any]:
    """The records of one file of the case the command line names (none if it names none)."""
    from safecli.store import fastload

    case_id = ctx.params.get("case_id")
    if not isinstance(case_id, str):
        return []
    data = fastload.load(_book(ctx).case_dir(case_id) / f"{kind}.yaml", model.FILES[kind])
    return [r for r in data or [] if isinstance(r, Mapping)]


def _matching(values: Iterable[str], incomplete: str) -> list[str]:
    """The values that start with what was typed, A2 before A10."""
    found = (v for v in dict.fromkeys(values) if v.startswith(incomplete))
    return sorted(found, key=lambda v: [(int(p) if p.isdigit() else 0, p) for p in _PARTS.split(v)])


def _quietly(find: Callable[[Any], Iterable[str]], *, ordered: bool = False) -> Completer:
    """A completer from find(ctx); `ordered`: in find's order, else sorted."""

    def complete(ctx: Any, _param: Any, incomplete: str) -> list[str]:
        try:
            if ordered:
                return [v for v in find(ctx) if v.startswith(incomplete)]
            return _matching(find(ctx), incomplete)
        except Exception:  # noqa: BLE001 - completion must never fail in the shell
            return []

    return complete


def _fixed(values: Iterable[str]) -> Completer:
    """A fixed list, offered in its own order."""
    chosen = tuple(values)
    return lambda _ctx, _param, incomplete: [v for v in chosen if v.startswith(incomplete)]


def _case_ids(ctx: Any) -> list[str]:
    return list(_book(ctx).case_ids())


def _ids(kind: str) -> Callable[[Any], list[str]]:
    return lambda ctx: [str(r.get("id")) for r in _records(ctx, kind) if r.get("id")]


def _handles(ctx: Any) -> list[str]:
    """The agencies of the case named, or of every case when none is."""
    from safecli.store import fastload

    if isinstance(ctx.params.get("case_id"), str):
        agencies = _records(ctx, "agencies")
    else:
        book = _book(ctx)
        agencies = []
        for case_id in book.case_ids():
            try:
                agencies += fastload.load(book.case_dir(case_id) / "agencies.yaml", list) or []
            except Exception:  # noqa: BLE001, S112 - an unreadable case adds no names
                continue
    return [str(a.get("handle")) for a in agencies if isinstance(a, Mapping) and a.get("handle")]


def _people(ctx: Any) -> list[str]:
    return [
        f"{agency.get('handle')}:{person.get('name')}"
        for agency in _records(ctx, "agencies")
        for person in raw.items(agency.get("people"))
        if isinstance(person, Mapping) and person.get("name")
    ]


def _agencies_or_people(ctx: Any) -> list[str]:
    return _handles(ctx) + _people(ctx)


def _meeting_types(ctx: Any) -> list[str]:
    from safecli.policy.pack import book_policy

    return list(book_policy(_book(ctx)).types)


def _rule_codes(_ctx: Any) -> list[str]:
    from safecli.validation.rules import RULES

    return list(RULES)


def _formats(ctx: Any) -> list[str]:
    """The formats of the command being completed (its --format help lists them)."""
    path = ctx.command_path.split()[1:]
    if path[:1] == ["validate"]:
        from safecli.validation.output import OUTPUTS

        return list(OUTPUTS)
    if path[:2] == ["render", "invitation"]:
        from safecli.render import INVITATION_FORMATS

        return list(INVITATION_FORMATS)
    if path[:1] == ["render"]:
        from safecli.render import FORMATS

        return list(FORMATS)
    from safecli.cli.common import FORMATS as LISTING

    return list(LISTING)


def _kinds(ctx: Any) -> list[str]:
    """The kinds --kind takes in the command being completed."""
    path = ctx.command_path.split()[1:]
    if path[:1] == ["overdue"]:
        from safecli.digest.items import KINDS

        return list(KINDS)
    if path[:2] == ["agency", "add"]:
        return list(model.AGENCY_KINDS)
    if path[:2] == ["case", "enquiry"]:
        return list(model.ENQUIRY_KINDS)
    if path[:1] == ["schema"]:
        return [*model.FILES, "settings"]
    return []


# Parameter name -> completer; `attach` gives each parameter of that name its completer.
BY_NAME: dict[str, Completer] = {
    "case_id": _quietly(_case_ids),
    "case_ids": _quietly(_case_ids),
    "case": _quietly(_case_ids),
    "targets": _quietly(_case_ids),
    "paths": _quietly(_case_ids),
    "meeting_id": _quietly(_ids("meetings")),
    "meeting": _quietly(_ids("meetings")),
    "action_id": _quietly(_ids("actions")),
    "agency": _quietly(_handles),
    "with_": _quietly(_handles),
    "lead_agency": _quietly(_handles),
    "engage_lead": _quietly(_handles),
    "to": _quietly(_agencies_or_people),
    "person": _quietly(_people),
    "lead": _quietly(_people),
    "chair": _quietly(_people),
    "decision_maker": _quietly(_people),
    "attendee": _quietly(_people),
    "apology": _quietly(_people),
    "written_update": _quietly(_people),
    "feedback_by": _quietly(_people),
    "type_id": _quietly(_meeting_types),
    "type_": _quietly(_meeting_types),
    "fmt": _quietly(_formats),
    "code": _quietly(_rule_codes),
    "select": _quietly(_rule_codes),
    "ignore": _quietly(_rule_codes),
    "host": _fixed(HOSTS),
    "ci": _fixed(HOSTS),
    "risk": _fixed(model.RISK_LEVELS),
    "mode": _fixed(model.MEETING_MODES),
    "jurisdiction": _fixed(model.JURISDICTIONS),
    "response": _fixed(model.RESPONSES),
    "file": _fixed(model.FILES),
    "by": _fixed(GROUPINGS),
    "kind": _quietly(_kinds, ordered=True),
    "lead_agency_kind": _fixed(model.AGENCY_KINDS),
    "concern_type": _fixed(model.ABUSE_TYPES),
    "status": _fixed(("open", "closed", "all")),
}


def attach(command: Any) -> Any:
    """Give every parameter of command (and of its subcommands) named in BY_NAME its
    completer; returns command."""
    for param in getattr(command, "params", []):
        completer = BY_NAME.get(param.name or "")
        if completer is not None and getattr(param, "_custom_shell_complete", None) is None:
            param._custom_shell_complete = completer
    for sub in getattr(command, "commands", {}).values():
        attach(sub)
    return command
