"""INT003 references: every reference resolves.

- a person `{agency: HANDLE, name: NAME}` names an agency of agencies.yaml and one
  of that agency's people (chairs, invitees, attendees, action leads, …);
- `lead_agency`, `engage_lead` and `shared[].agency` name agencies of the case;
- an action's `meeting` names a meeting of meetings.yaml;
- `minutes.risks[].actions` name actions of actions.yaml;
- `subjects` and agenda parts name cases of the book (other than this one, for
  subjects).

References into a file that cannot be read are not checked (INT001 says why).

Why: integrity. A reference that does not resolve is a task with no owner, an
invitation to nobody, or minutes nobody can trace.

Passes:

    # agencies.yaml
    - handle: police
      name: Exampleshire Police
      kind: police
      people:
        - name: DC Lee Jones
    # actions.yaml
    - id: A1
      lead: {agency: police, name: DC Lee Jones}
      status: open

Fails:

    # actions.yaml
    - id: A1
      lead: {agency: polise, name: DC Lee Jones}   # no agency 'polise'
      status: open
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from safecli.model import CASE_ID
from safecli.raw import items
from safecli.store.refusals import named
from safecli.validation.rules.base import ERROR, KINDS, CaseView, Finding, Rule
from safecli.validation.rules.shapecheck import Reference, field_name, suggestion


def check(view: CaseView) -> Iterator[Finding]:
    agencies = _agencies(view)
    meetings = _ids(view, "meetings")
    actions = _ids(view, "actions")
    for kind in KINDS:
        walk = view.walks.get(kind)
        for ref in walk.references if walk else ():
            target = ref.target
            if target == "person" and agencies is not None:
                names = agencies.get(ref.value["agency"])
                if names is None or ref.value["name"] not in names:
                    yield from _agency_ref(view, kind, ref, agencies)
            elif target == "agency" and agencies is not None:
                if ref.value not in agencies:
                    yield from _agency_ref(view, kind, ref, agencies)
            elif target == "meeting" and meetings is not None:
                if ref.value not in meetings:
                    yield from _id_ref(view, kind, ref, meetings, "meeting", "meetings.yaml")
            elif target == "action" and actions is not None:
                if ref.value not in actions:
                    yield from _id_ref(view, kind, ref, actions, "action", "actions.yaml")
            elif target == "case":
                yield from _case_ref(view, kind, ref)


def _agencies(view: CaseView) -> dict[str, list[str]] | None:
    """Handle → names of its people; None when agencies.yaml could not be read."""
    if not isinstance(view.data.get("agencies"), list):
        return None
    found: dict[str, list[str]] = {}
    for _, agency in view.items("agencies"):
        handle = agency.get("handle")
        if isinstance(handle, str):
            found.setdefault(handle, []).extend(
                str(p["name"])
                for p in items(agency.get("people"))
                if isinstance(p, dict) and p.get("name")
            )
    return found


def _ids(view: CaseView, kind: str) -> set[str] | None:
    if not isinstance(view.data.get(kind), list):
        return None
    return {str(item.get("id")) for _, item in view.items(kind)}


def _agency_ref(
    view: CaseView, kind: str, ref: Reference, agencies: dict[str, list[str]]
) -> Iterator[Finding]:
    value: Any = ref.value
    handle = value["agency"] if ref.target == "person" else value
    keys = (*ref.keys, "agency") if ref.target == "person" else ref.keys
    if handle not in agencies:
        known = ", ".join(h for h in agencies if named(h)) or "none"
        yield view.finding(
            RULE,
            kind,
            keys,
            f"{field_name(keys)}: no agency {named(handle)}in agencies.yaml"
            f"{suggestion(handle, [h for h in agencies if named(h)])} (agencies: {known})",
            at_value=True,
        )
        return
    if ref.target == "person" and value["name"] not in agencies[handle]:
        yield view.finding(
            RULE,
            kind,
            (*ref.keys, "name"),
            f"{field_name(ref.keys)}: no person of this name in agency {named(handle)}"
            "(add them to agencies.yaml first)",
            at_value=True,
        )


def _id_ref(
    view: CaseView, kind: str, ref: Reference, known: set[str], what: str, where: str
) -> Iterator[Finding]:
    if ref.value not in known:
        yield view.finding(
            RULE,
            kind,
            ref.keys,
            f"{field_name(ref.keys)}: no {what} {named(ref.value)}in {where}"
            f"{suggestion(ref.value, [k for k in known if named(k)])}",
            at_value=True,
        )


def _case_ref(view: CaseView, kind: str, ref: Reference) -> Iterator[Finding]:
    is_subject = "subjects" in ref.keys
    if is_subject and ref.value == view.case_id:
        yield view.finding(
            RULE,
            kind,
            ref.keys,
            "a case is not its own subject: list the other adults' cases",
            at_value=True,
        )
    elif not CASE_ID.match(ref.value) or ".." in ref.value:
        yield view.finding(
            RULE, kind, ref.keys, f"{field_name(ref.keys)} is not a case id", at_value=True
        )
    elif ref.value != view.case_id and not view.case_exists(ref.value):
        yield view.finding(
            RULE, kind, ref.keys, f"no case {ref.value!r} in this book", at_value=True
        )


RULE = Rule(
    code="INT003",
    severity=ERROR,
    principle="integrity",
    summary="every reference (agency, person, meeting, action, case) resolves",
    check=check,
    doc=__doc__ or "",
)
