"""INT002 ids: every id is well formed, unique, and the case id matches its folder.

- the case folder is named by a valid case id (letters, digits, `.`, `_`, `-`)
  that follows the book's case id format (`case_id_format` in safecli.yaml,
  by default `SG-{year}-{number:04d}`: SG-2026-0001, …, SG-2026-10000), and
  adult.yaml `case` is that name;
- meetings are `M1`, `M2`, … and actions `A1`, `A2`, …, each used once;
- agency handles are lower-case letters, digits and `-`, each used once;
- within an agency, each person's name is used once (people are found by name).

Why: integrity. Actions, invitations and minutes point at these ids; a duplicate
or a malformed one makes those references ambiguous or unresolvable.

Passes:

    # meetings.yaml
    - id: M1
      type: s42-strategy
      status: planned
    - id: M2
      type: s42-review
      status: planned

Fails:

    # meetings.yaml
    - id: M1
      type: s42-strategy
      status: planned
    - id: M1                      # used twice
      type: s42-review
      status: planned
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from safecli.model import CASE_ID
from safecli.raw import items
from safecli.shape import ACTION_ID, HANDLE, MEETING_ID
from safecli.store.refusals import named
from safecli.validation.rules.base import ERROR, CaseView, Finding, Rule

_FORMS = {
    "meetings": ("id", re.compile(MEETING_ID), "a meeting id is M and a number: M1, M2, …"),
    "actions": ("id", re.compile(ACTION_ID), "an action id is A and a number: A1, A2, …"),
    "agencies": (
        "handle",
        re.compile(HANDLE),
        "a handle is lower-case letters, digits and '-', e.g. asc, police, gp",
    ),
}


def check(view: CaseView) -> Iterator[Finding]:
    if not CASE_ID.match(view.case_id) or ".." in view.case_id:
        yield view.file_finding(
            RULE,
            "adult",
            f"the folder name {view.case_id!r} is not a case "
            "id: use letters, digits, '.', '_' or '-' (never a name)",
        )
    elif not view.context.config.case_ids.matches(view.case_id):
        ids = view.context.config.case_ids
        yield view.file_finding(
            RULE,
            "adult",
            f"the case id (the folder name) does not follow this book's case ids, {ids.shape} "
            "(case_id_format in safecli.yaml); case new gives the next free one",
        )
    adult = view.data.get("adult")
    if isinstance(adult, dict):
        case = adult.get("case")
        if case is None:
            yield view.finding(RULE, "adult", ("case",), f"no case id: write case: {view.case_id}")
        elif case != view.case_id:
            yield view.finding(
                RULE,
                "adult",
                ("case",),
                f"case {named(case)}does not match the folder name {view.case_id!r}",
                at_value=True,
            )
    for kind in _FORMS:
        yield from _unique_ids(view, kind)
    for index, agency in view.items("agencies"):
        yield from _unique_names(view, index, agency)


def _unique_ids(view: CaseView, kind: str) -> Iterator[Finding]:
    key, form, hint = _FORMS[kind]
    seen: dict[Any, int] = {}
    for index, item in view.items(kind):
        value = item.get(key)
        if value is None:
            yield view.finding(RULE, kind, (index,), f"no {key}: {hint}")
            continue
        if not isinstance(value, str) or not form.match(value):
            yield view.finding(
                RULE,
                kind,
                (index, key),
                f"{key} is not well formed: {hint}",
                at_value=True,
            )
        hashable = value if isinstance(value, (str, int, float, bool)) else repr(value)
        if hashable in seen:
            first = view.finding(RULE, kind, (seen[hashable], key), "").line
            yield view.finding(
                RULE,
                kind,
                (index, key),
                f"{key} {named(value)}is used twice (first at line {first}); ids are never reused",
                at_value=True,
            )
        else:
            seen[hashable] = index


def _unique_names(view: CaseView, index: int, agency: dict[str, Any]) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for number, entry in enumerate(items(agency.get("people"))):
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(name, str):
            continue
        if name in seen:
            yield view.finding(
                RULE,
                "agencies",
                (index, "people", number, "name"),
                f"a person of this name is listed twice in agency {named(agency.get('handle'))}"
                f"(first at person {seen[name] + 1})",
                at_value=True,
            )
        seen.setdefault(name, number)


RULE = Rule(
    code="INT002",
    severity=ERROR,
    principle="integrity",
    summary="ids well formed and unique; the case id follows the book's format and matches its folder",
    check=check,
    doc=__doc__ or "",
)
