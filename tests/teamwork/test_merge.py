"""The three-way merge of case files, on the merge function directly."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedSeq

from safecli.errors import FileFormatError
from safecli.store import roundtrip
from safecli.teamwork.merge import MergeResult, Versions, kind_of, merge_file
from safecli.teamwork.mergetree import plain

ACTIONS = Path("cases/SG-2026-0001/actions.yaml")
MEETINGS = Path("cases/SG-2026-0001/meetings.yaml")
AGENCIES = Path("cases/SG-2026-0001/agencies.yaml")
ADULT = Path("cases/SG-2026-0001/adult.yaml")


def action(
    aid: str,
    due: str = "2026-12-03",
    lead: str = "asc",
    meeting: str = "M1",
    description: str = "Ring the bank",
) -> str:
    return (
        f"- id: {aid}\n  meeting: {meeting}\n  description: {description}\n"
        f"  lead: {{agency: {lead}, name: Sam Patel}}\n  due: {due}\n  status: open\n"
        "  done_on: null\n  moves: []\n"
    )


BASE = "# Actions agreed for this case.\n" + action("A1") + "\n" + action("A2", due="2026-12-04")


def merge(
    path: Path,
    base: str | None,
    ours: str | None,
    theirs: str | None,
    sibling: Versions | None = None,
) -> MergeResult:
    return merge_file(path, Versions(base, ours, theirs), sibling)


def data(text: str, expect: type = list) -> Any:
    return plain(roundtrip.parse(ACTIONS, text, expect))


def test_kind_of_names_the_four_files() -> None:
    assert kind_of("cases/X/actions.yaml") == "actions"
    assert kind_of("cases/X/adult.yaml") == "adult"
    assert kind_of("cases/X/notes.yaml") is None
    assert kind_of("cases/X/actions.yml") is None


def test_both_sides_adding_different_items_keeps_both_in_a_stable_order() -> None:
    ours = BASE + "\n" + action("A3", lead="police")
    theirs = BASE + "\n" + action("A4", lead="gp")
    result = merge(ACTIONS, BASE, ours, theirs)
    assert result.clean
    assert [a["id"] for a in data(result.text)] == ["A1", "A2", "A3", "A4"]
    assert result.text == BASE + "\n" + action("A3", lead="police") + "\n" + action("A4", lead="gp")


def test_different_fields_of_one_item_are_merged() -> None:
    ours = BASE.replace("due: 2026-12-03", "due: 2026-12-10")
    theirs = BASE.replace(
        "lead: {agency: asc, name: Sam Patel}\n  due: 2026-12-03",
        "lead: {agency: gp, name: Sam Patel}\n  due: 2026-12-03",
    )
    result = merge(ACTIONS, BASE, ours, theirs)
    assert result.clean
    first = data(result.text)[0]
    assert (str(first["due"]), first["lead"]["agency"]) == ("2026-12-10", "gp")


def test_same_change_on_both_sides_is_not_a_conflict() -> None:
    ours = theirs = BASE.replace("status: open", "status: done", 1)
    result = merge(ACTIONS, BASE, ours, theirs)
    assert result.clean and result.text == ours


def test_same_field_changed_differently_is_a_conflict_the_store_refuses() -> None:
    ours = BASE.replace("due: 2026-12-03", "due: 2026-12-10")
    theirs = BASE.replace("due: 2026-12-03", "due: 2026-12-17")
    result = merge(ACTIONS, BASE, ours, theirs)
    assert not result.clean
    [(line, conflict)] = result.conflicts
    assert conflict.label == "action A1: due"
    lines = result.text.split("\n")
    assert lines[line - 1 : line + 6] == [
        "<<<<<<< ours",
        "  # safecli: action A1: due: both sides changed it; ours is kept below",
        "  # ours: 2026-12-10",
        "=======",
        "  # theirs: 2026-12-17",
        ">>>>>>> theirs",
        "  due: 2026-12-10",
    ]
    with pytest.raises(FileFormatError) as refused:
        roundtrip.parse(ACTIONS, result.text, list)
    assert refused.value.line == line
    assert "conflict marker" in refused.value.message


def test_a_resolved_conflict_block_leaves_a_valid_file() -> None:
    ours = BASE.replace("due: 2026-12-03", "due: 2026-12-10")
    theirs = BASE.replace("due: 2026-12-03", "due: 2026-12-17")
    text = merge(ACTIONS, BASE, ours, theirs).text
    resolved = "\n".join(
        line for line in text.split("\n") if not line.startswith(("<<<<<<<", "=======", ">>>>>>>"))
    )
    assert data(resolved) == data(ours)


def test_removed_on_one_side_and_changed_on_the_other_is_a_conflict() -> None:
    ours = "# Actions agreed for this case.\n" + action("A2", due="2026-12-04")
    theirs = BASE.replace("due: 2026-12-03", "due: 2026-12-10")
    result = merge(ACTIONS, BASE, ours, theirs)
    [(_, conflict)] = result.conflicts
    assert conflict.label == "action A1"
    assert conflict.kept == "theirs" and "ours removed it" in conflict.note
    assert "# ours: (removed)" in result.text


def test_removed_on_one_side_and_untouched_on_the_other_is_removed() -> None:
    ours = "# Actions agreed for this case.\n" + action("A2", due="2026-12-04")
    result = merge(ACTIONS, BASE, ours, BASE)
    assert result.clean and [a["id"] for a in data(result.text)] == ["A2"]


def test_comments_and_layout_of_untouched_items_survive() -> None:
    base = (
        "# Actions for the case.\n"
        "- id: A1  # agreed at the strategy discussion\n"
        "  meeting: M1\n"
        "  description: |\n"
        "    Ring the bank and\n"
        "    ask for a marker.\n"
        "  lead: {agency: asc, name: Sam Patel}\n"
        "  due: 2026-12-03          # the bank closes early on Fridays\n"
        "  status: open\n"
        "  moves: []\n"
    )
    ours = base + "\n" + action("A2", lead="police")
    theirs = base + "\n# Added by the GP practice.\n" + action("A3", lead="gp")
    result = merge(ACTIONS, base, ours, theirs)
    assert result.clean
    assert result.text == ours + "\n# Added by the GP practice.\n" + action("A3", lead="gp")


def test_new_keys_from_theirs_go_where_theirs_put_them() -> None:
    base = "- id: A1\n  meeting: M1\n  due: 2026-12-03\n  status: open\n"
    theirs = "- id: A1\n  meeting: M1\n  description: New\n  due: 2026-12-03\n  status: open\n"
    ours = base.replace("open", "done")
    result = merge(ACTIONS, base, ours, theirs)
    assert result.text == theirs.replace("open", "done")


def test_an_empty_flow_list_becomes_a_block_list() -> None:
    result = merge(ACTIONS, "[]\n", "[]\n", action("A1"))
    assert result.clean and result.text == action("A1")


def test_file_added_on_both_sides_merges_against_an_empty_base() -> None:
    result = merge(ACTIONS, None, action("A1"), action("A1"))
    assert result.clean and result.text == action("A1")


def test_identical_new_ids_with_different_content_are_renumbered() -> None:
    ours = BASE + "\n" + action("A3", lead="police")
    theirs = BASE + "\n" + action("A3", lead="gp")
    sibling = Versions("[]\n", "[]\n", "[]\n")
    result = merge(ACTIONS, BASE, ours, theirs, sibling)
    assert result.clean
    assert [(a["id"], a["lead"]["agency"]) for a in data(result.text)][2:] == [
        ("A3", "police"),
        ("A4", "gp"),
    ]
    [renumbering] = result.renumbered
    assert (renumbering.side, renumbering.old, renumbering.new) == ("theirs", "A3", "A4")
    assert renumbering.describe() == (
        "theirs' action A3 is now A4 (ours also added a different A3)"
    )


def test_next_free_id_skips_every_id_any_side_used() -> None:
    base = BASE + "\n" + action("A7")
    ours = base + "\n" + action("A8", lead="police")
    theirs = base + "\n" + action("A8", lead="gp") + "\n" + action("A9", lead="fire")
    result = merge(ACTIONS, base, ours, theirs, Versions(None, None, None))
    # theirs' new items keep theirs' order: the renumbered A8 (now A10), then A9
    assert [(a["id"], a["lead"]["agency"]) for a in data(result.text)][3:] == [
        ("A8", "police"),
        ("A10", "gp"),
        ("A9", "fire"),
    ]


def test_renumbering_without_the_sibling_asks_for_the_references_to_be_checked() -> None:
    ours = BASE + "\n" + action("A3", lead="police")
    theirs = BASE + "\n" + action("A3", lead="gp")
    result = merge(ACTIONS, BASE, ours, theirs)
    [(line, conflict)] = result.conflicts
    assert conflict.label == "action A4"
    assert "could not be checked" in conflict.note
    lines = result.text.split("\n")
    end = lines.index(">>>>>>> theirs")
    assert lines[line - 1] == "<<<<<<< ours" and lines[end + 1] == "- id: A4"


MEETING_BASE = (
    "- id: M1\n  type: s42-strategy\n  status: held\n  invitees: []\n  minutes:\n"
    "    held_on: 2026-11-10\n    risks:\n      - risk: Money taken\n        actions: [A1]\n"
    "    shared: []\n"
)


def test_references_in_the_sibling_follow_a_renumbering() -> None:
    actions_base = action("A1")
    actions_ours = actions_base + action("A2", lead="police")
    actions_theirs = actions_base + action("A2", lead="gp")
    meetings_ours = MEETING_BASE.replace("[A1]", "[A1, A2]").replace(
        "held_on: 2026-11-10", "held_on: 2026-11-11"
    )
    meetings_theirs = MEETING_BASE.replace("[A1]", "[A1, A2]")
    actions = Versions(actions_base, actions_ours, actions_theirs)
    meetings = Versions(MEETING_BASE, meetings_ours, meetings_theirs)
    merged_actions = merge_file(ACTIONS, actions, meetings)
    merged_meetings = merge_file(MEETINGS, meetings, actions)
    assert merged_actions.clean and merged_meetings.clean
    assert [a["lead"]["agency"] for a in data(merged_actions.text)] == ["asc", "police", "gp"]
    risk = data(merged_meetings.text)[0]["minutes"]["risks"][0]
    assert risk["actions"] == ["A1", "A2", "A3"]
    assert "actions: [A1, A2, A3]" in merged_meetings.text


def test_ours_is_renumbered_when_git_will_take_theirs_sibling_unmerged() -> None:
    actions_base = action("A1")
    actions = Versions(
        actions_base,
        actions_base + action("A2", lead="police"),
        actions_base + action("A2", lead="gp"),
    )
    meetings = Versions(MEETING_BASE, MEETING_BASE, MEETING_BASE.replace("[A1]", "[A1, A2]"))
    result = merge_file(ACTIONS, actions, meetings)
    assert result.clean
    assert [(a["id"], a["lead"]["agency"]) for a in data(result.text)] == [
        ("A1", "asc"),
        ("A3", "police"),
        ("A2", "gp"),
    ]
    assert result.renumbered[0].describe() == (
        "ours' action A2 is now A3 (theirs also added a different A2)"
    )


def test_meeting_ids_renumbered_move_theirs_actions_with_them() -> None:
    meeting = "- id: M1\n  type: s42-strategy\n  status: planned\n"
    meetings = Versions("[]\n", meeting, meeting.replace("s42-strategy", "professionals"))
    actions = Versions(
        "[]\n", action("A1", lead="police"), action("A1", lead="gp") + action("A2", lead="fire")
    )
    merged_meetings = merge_file(MEETINGS, meetings, actions)
    merged_actions = merge_file(ACTIONS, actions, meetings)
    assert [(m["id"], m["type"]) for m in data(merged_meetings.text)] == [
        ("M1", "s42-strategy"),
        ("M2", "professionals"),
    ]
    assert [(a["id"], a["meeting"], a["lead"]["agency"]) for a in data(merged_actions.text)] == [
        ("A1", "M1", "police"),
        ("A3", "M2", "gp"),
        ("A2", "M2", "fire"),
    ]


AGENCY = (
    "- handle: asc\n  name: Adult Social Care\n  kind: local-authority\n  people:\n"
    "    - name: Sam Patel\n      role: Social worker\n      email: null\n"
    '      phone: "01632 960100"\n'
)


def test_agencies_merge_by_handle_and_people_by_name() -> None:
    ours = AGENCY.replace("role: Social worker", "role: Team manager") + (
        "- handle: police\n  name: Police\n  kind: police\n  people: []\n"
    )
    theirs = AGENCY + (
        "    - name: Kim Lee\n      role: Nurse\n      email: null\n"
        "      phone: null\n- handle: gp\n  name: GP\n  kind: gp\n  people: []\n"
    )
    result = merge(AGENCIES, AGENCY, ours, theirs)
    assert result.clean
    merged = data(result.text)
    assert [a["handle"] for a in merged] == ["asc", "police", "gp"]
    assert [(p["name"], p["role"]) for p in merged[0]["people"]] == [
        ("Sam Patel", "Team manager"),
        ("Kim Lee", "Nurse"),
    ]


def test_same_new_agency_handle_with_different_details_is_a_conflict() -> None:
    ours = AGENCY + "- handle: police\n  name: Exampleshire Police\n  kind: police\n"
    theirs = AGENCY + "- handle: police\n  name: Police Scotland\n  kind: police\n"
    result = merge(AGENCIES, AGENCY, ours, theirs)
    [(_, conflict)] = result.conflicts
    assert conflict.label == "agency police: name"


def test_invitees_by_person_and_minutes_shared_by_agency() -> None:
    base = (
        "- id: M1\n  type: s42-strategy\n  invitees:\n"
        "    - person: {agency: police, name: DC Jones}\n      response: invited\n"
        "  minutes:\n    attendees: [{agency: asc, name: Sam Patel}]\n"
        "    shared:\n      - {agency: police, shared_on: 2026-11-11}\n"
    )
    ours = base.replace("response: invited", "response: accepted") + (
        "      - {agency: gp, shared_on: 2026-11-12}\n"
    )
    theirs = base.replace(
        "      response: invited\n",
        "      response: invited\n    - person: {agency: gp, name: Dr Okafor}\n"
        "      response: invited\n",
    ).replace(
        "attendees: [{agency: asc, name: Sam Patel}]",
        "attendees: [{agency: asc, name: Sam Patel}, {agency: police, name: DC Jones}]",
    ) + ("      - {agency: housing, shared_on: 2026-11-13}\n")
    result = merge(MEETINGS, base, ours, theirs)
    assert result.clean
    meeting = data(result.text)[0]
    assert [(i["person"]["agency"], i["response"]) for i in meeting["invitees"]] == [
        ("police", "accepted"),
        ("gp", "invited"),
    ]
    assert [s["agency"] for s in meeting["minutes"]["shared"]] == ["police", "gp", "housing"]
    assert len(meeting["minutes"]["attendees"]) == 2


def test_a_person_reference_is_one_value() -> None:
    ours = BASE.replace(
        "lead: {agency: asc, name: Sam Patel}\n  due: 2026-12-03",
        "lead: {agency: police, name: Sam Patel}\n  due: 2026-12-03",
    )
    theirs = BASE.replace(
        "lead: {agency: asc, name: Sam Patel}\n  due: 2026-12-03",
        "lead: {agency: asc, name: Kim Lee}\n  due: 2026-12-03",
    )
    result = merge(ACTIONS, BASE, ours, theirs)
    [(_, conflict)] = result.conflicts
    assert conflict.label == "action A1: lead"
    assert "  # ours: {agency: police, name: Sam Patel}" in result.text


ADULT_TEXT = """\
case: SG-2026-0001
status: open
name: Ann Example
phone: "01632 960123"
communication:
  interpreter: null       # none needed
  easy_read: false
risk_level: high
concerns:
  - type: financial
    summary: Son takes cash.
    raised_on: 2026-11-01
capacity: []
wishes:
  outcomes:
    - I want to stay at home.
"""


def test_adult_merges_key_by_key_and_concerns_by_identity() -> None:
    ours = ADULT_TEXT.replace("easy_read: false", "easy_read: true").replace(
        "capacity: []",
        "capacity:\n  - decision: finances\n    outcome: has\n    assessed_on: 2026-11-05",
    )
    theirs = (
        ADULT_TEXT.replace("risk_level: high", "risk_level: medium")
        .replace("capacity: []", "capacity: []\n")
        .replace(
            "    raised_on: 2026-11-01\n",
            "    raised_on: 2026-11-01\n  - type: neglect\n"
            "    summary: No food.\n    raised_on: 2026-11-03\n",
        )
    )
    result = merge(ADULT, ADULT_TEXT, ours, theirs)
    assert result.clean
    adult = data(result.text, dict)
    assert (adult["communication"]["easy_read"], adult["risk_level"]) == (True, "medium")
    assert [c["type"] for c in adult["concerns"]] == ["financial", "neglect"]
    assert adult["capacity"][0]["outcome"] == "has"
    assert "interpreter: null       # none needed" in result.text
    assert 'phone: "01632 960123"' in result.text


def test_adult_lists_without_identity_merge_as_one_value() -> None:
    ours = ADULT_TEXT.replace("I want to stay at home.", "I want to stay at home!")
    theirs = ADULT_TEXT.replace(
        "    - I want to stay at home.\n",
        "    - I want to stay at home.\n    - I want my money back.\n",
    )
    result = merge(ADULT, ADULT_TEXT, ours, theirs)
    [(_, conflict)] = result.conflicts
    assert conflict.label == "adult: wishes.outcomes"


def test_a_version_that_cannot_be_read_is_refused() -> None:
    with pytest.raises(FileFormatError):
        merge(ACTIONS, BASE, "<<<<<<< HEAD\n" + BASE, BASE)


# --- property: edits to different items or fields merge to both edits ---------------

FIELDS = ("due", "status", "description", "meeting")
VALUES = {
    "due": ["2026-12-20", "2027-01-05"],
    "status": ["done", "cancelled"],
    "description": ["Visit weekly", "Phone the bank"],
    "meeting": ["M2", "M3"],
}


def base_actions(count: int) -> list[dict[str, Any]]:
    return [
        {
            "id": f"A{n}",
            "meeting": "M1",
            "description": f"Task {n}",
            "lead": {"agency": "asc", "name": "Sam Patel"},
            "due": "2026-12-01",
            "status": "open",
            "moves": [],
        }
        for n in range(1, count + 1)
    ]


@st.composite
def edit_pairs(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[Any], list[Any]]:
    count = draw(st.integers(min_value=1, max_value=4))
    spots = [(n, f) for n in range(count) for f in FIELDS]
    chosen = draw(st.lists(st.sampled_from(spots), unique=True, max_size=len(spots)))
    split = draw(st.integers(min_value=0, max_value=len(chosen)))
    edits: list[list[Any]] = [[], []]
    for side, part in ((0, chosen[:split]), (1, chosen[split:])):
        for index, field in part:
            edits[side].append(
                ("set", f"A{index + 1}", field, draw(st.sampled_from(VALUES[field])))
            )
    removable = [n for n in range(count) if all(n != i for i, _ in chosen)]
    if removable and draw(st.booleans()):
        gone = draw(st.sampled_from(removable))
        edits[draw(st.integers(0, 1))].append(("remove", f"A{gone + 1}"))
    for side, first in ((0, count + 1), (1, count + 3)):
        for number in range(draw(st.integers(min_value=0, max_value=2))):
            edits[side].append(("add", f"A{first + number}"))
    return base_actions(count), edits[0], edits[1]


def apply(items: list[dict[str, Any]], edits: list[Any]) -> list[dict[str, Any]]:
    """Apply edits (each naming an action by id) to a copy of items."""
    result = copy.deepcopy(items)
    for edit in edits:
        found = [item for item in result if item["id"] == edit[1]]
        if edit[0] == "set":
            found[0][edit[2]] = edit[3]
        elif edit[0] == "remove":
            result.remove(found[0])
        else:
            result.append({**base_actions(1)[0], "id": edit[1], "description": edit[1]})
    return result


def as_text(items: list[dict[str, Any]]) -> str:
    return roundtrip.dump(CommentedSeq(roundtrip.scalar(item) for item in items))


def by_id(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {item["id"]: {k: str(v) if k == "due" else v for k, v in item.items()} for item in items}


@settings(max_examples=40, deadline=None)
@given(edit_pairs())
def test_edits_to_different_items_or_fields_merge_to_both_edits(
    case: tuple[list[dict[str, Any]], list[Any], list[Any]],
) -> None:
    base, ours_edits, theirs_edits = case
    expected = apply(apply(base, ours_edits), theirs_edits)
    texts = as_text(base), as_text(apply(base, ours_edits)), as_text(apply(base, theirs_edits))
    for ours, theirs in ((texts[1], texts[2]), (texts[2], texts[1])):
        result = merge(ACTIONS, texts[0], ours, theirs, Versions(None, None, None))
        assert result.clean and not result.renumbered
        assert by_id(data(result.text)) == by_id(expected)


# --- the merge-file command (git's %O %A %B %P) ----------------------------------------


def run_driver(
    tmp_path: Path,
    base: str,
    ours: str,
    theirs: str,
    path: str = "cases/SG-2026-0001/agencies.yaml",
) -> tuple[int, str, str]:
    from typer.testing import CliRunner

    from safecli.cli.main import app

    files = []
    for name, text in (("base", base), ("ours", ours), ("theirs", theirs)):
        files.append(tmp_path / f".merge_file_{name}")
        files[-1].write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["merge-file", *map(str, files), path])
    return result.exit_code, files[1].read_text(encoding="utf-8"), result.output


def test_merge_file_writes_a_clean_merge_into_ours(tmp_path: Path) -> None:
    ours = AGENCY + "- handle: police\n  name: Police\n  kind: police\n"
    theirs = AGENCY + "- handle: gp\n  name: GP\n  kind: gp\n"
    code, written, output = run_driver(tmp_path, AGENCY, ours, theirs)
    assert (code, output) == (0, "")
    assert written == ours + "- handle: gp\n  name: GP\n  kind: gp\n"


def test_merge_file_exits_1_and_names_the_line_of_a_conflict(tmp_path: Path) -> None:
    ours = AGENCY.replace("Social worker", "Team manager")
    theirs = AGENCY.replace("Social worker", "Duty worker")
    code, written, output = run_driver(tmp_path, AGENCY, ours, theirs)
    assert code == 1
    assert output == (
        "safecli: cases/SG-2026-0001/agencies.yaml:6: conflict: agency asc: "
        "people[1].role: both sides changed it\n"
    )
    assert written.split("\n")[5] == "<<<<<<< ours"


def test_merge_file_leaves_an_unreadable_side_as_a_whole_file_conflict(tmp_path: Path) -> None:
    broken = AGENCY + "- handle: [unclosed\n"
    code, written, output = run_driver(tmp_path, AGENCY, broken, AGENCY)
    assert code == 1
    assert "agencies.yaml: not merged, ours: cannot be read (line 10: " in output
    assert written.startswith("<<<<<<< ours\n# safecli: not merged: ours: cannot be read")
    assert broken in written and "=======\n" + AGENCY + ">>>>>>> theirs\n" in written


# --- property: nested lists (invitees by person, minutes.shared by agency) -----------

HANDLES = ("police", "gp", "housing", "fire", "cmht", "probation")


def base_meeting() -> dict[str, Any]:
    return {
        "id": "M1",
        "type": "s42-strategy",
        "purpose": "Plan",
        "status": "held",
        "invitees": [
            {
                "person": {"agency": h, "name": f"{h} officer"},
                "reason": "Knows her",
                "response": "invited",
            }
            for h in HANDLES[:2]
        ],
        "minutes": {
            "held_on": "2026-11-10",
            "decisions": ["Enquiry"],
            "shared": [{"agency": "police", "shared_on": "2026-11-11"}],
        },
    }


@st.composite
def meeting_edits(draw: st.DrawFn) -> tuple[list[Any], list[Any]]:
    spots = ["purpose", "decisions", "response:police", "response:gp", "shared_on:police"]
    chosen = draw(st.permutations(spots))
    split = draw(st.integers(min_value=0, max_value=len(spots)))
    taken = draw(st.lists(st.sampled_from(HANDLES[2:]), unique=True, max_size=4))
    cut = draw(st.integers(min_value=0, max_value=len(taken)))
    sides: tuple[list[Any], list[Any]] = ([], [])
    for side, spots_here, new in (
        (0, chosen[:split], taken[:cut]),
        (1, chosen[split:], taken[cut:]),
    ):
        sides[side].extend(("edit", spot) for spot in spots_here if draw(st.booleans()))
        sides[side].extend(("invite" if draw(st.booleans()) else "share", h) for h in new)
    return sides


def edit_meeting(meeting: dict[str, Any], edits: list[Any]) -> dict[str, Any]:
    result = copy.deepcopy(meeting)
    invitees = {i["person"]["agency"]: i for i in result["invitees"]}
    shared = {s["agency"]: s for s in result["minutes"]["shared"]}
    for kind, what in edits:
        if kind == "invite":
            result["invitees"].append(
                {
                    "person": {"agency": what, "name": f"{what} officer"},
                    "reason": "Can help",
                    "response": "invited",
                }
            )
        elif kind == "share":
            result["minutes"]["shared"].append({"agency": what, "shared_on": "2026-11-12"})
        elif what == "purpose":
            result["purpose"] = "Plan and review"
        elif what == "decisions":
            result["minutes"]["decisions"] = ["Enquiry", "Review in a month"]
        elif what.startswith("response:"):
            invitees[what[9:]]["response"] = "accepted"
        else:
            shared[what[10:]]["shared_on"] = "2026-11-13"
    return result


def unordered(meeting: dict[str, Any]) -> dict[str, Any]:
    return {
        **meeting,
        "invitees": sorted(meeting["invitees"], key=lambda i: i["person"]["agency"]),
        "minutes": {
            **meeting["minutes"],
            "held_on": str(meeting["minutes"]["held_on"]),
            "shared": sorted(
                ({**s, "shared_on": str(s["shared_on"])} for s in meeting["minutes"]["shared"]),
                key=lambda s: s["agency"],
            ),
        },
    }


@settings(max_examples=25, deadline=None)
@given(meeting_edits())
def test_edits_to_nested_lists_merge_to_both_edits(edits: tuple[list[Any], list[Any]]) -> None:
    base = base_meeting()
    ours, theirs = edit_meeting(base, edits[0]), edit_meeting(base, edits[1])
    expected = unordered(edit_meeting(ours, edits[1]))
    texts = [as_text([m]) for m in (base, ours, theirs)]
    for first, second in ((texts[1], texts[2]), (texts[2], texts[1])):
        result = merge(MEETINGS, texts[0], first, second)
        assert result.clean
        assert unordered(data(result.text)[0]) == expected


def test_items_ours_wrote_together_stay_together() -> None:
    base = action("A1") + "# next one\n" + action("A2") + "\n" + action("A3")
    ours = base.replace("status: open", "status: done", 1)
    theirs = base + "\n" + action("A4", lead="gp")
    result = merge(ACTIONS, base, ours, theirs, Versions(None, None, None))
    assert result.text == ours + "\n" + action("A4", lead="gp")


def test_a_comment_only_theirs_changed_is_kept() -> None:
    base = BASE.replace("due: 2026-12-04", "due: 2026-12-04  # agreed with the bank")
    ours = base.replace("status: open", "status: done", 1)
    theirs = base.replace("# agreed with the bank", "# agreed with the bank manager")
    expected = ours.replace("# agreed with the bank", "# agreed with the bank manager")
    for first, second in ((ours, theirs), (theirs, ours)):
        result = merge(ACTIONS, base, first, second)
        assert result.clean and result.text == expected


def test_a_leading_document_start_is_read_and_kept() -> None:
    base = "---\n" + action("A1")
    ours = base + "\n" + action("A2")
    theirs = base + "\n" + action("A3", due="2026-12-09")
    result = merge(ACTIONS, base, ours, theirs)
    assert result.text.startswith("---\n- id: A1\n")
    assert [a["id"] for a in data(result.text)] == ["A1", "A2", "A3"]
    adult = "---\ncase: SG-2026-0001\nname: Ann Example\n"
    merged = merge(ADULT, adult, adult.replace("Ann", "Anne"), adult + "risk: high\n")
    assert merged.text == "---\ncase: SG-2026-0001\nname: Anne Example\nrisk: high\n"
