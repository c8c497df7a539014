"""The audit trail words a hand-edited id, status, type, date or risk level as `invalid`:
`safecli history` repeats no free text typed where an enumerated value belongs."""

from __future__ import annotations

import datetime as dt

from safecli.teamwork.changes import describe

MARKER = "Acacia"


def test_adult_changes_do_not_repeat_a_hand_edited_risk_level() -> None:
    old = {"status": "open", "risk_level": "high", "lead_agency": "asc"}
    new = {**old, "risk_level": "high - lives at 12 Acacia Road"}
    assert describe("adult", old, new) == ["risk level changed high → invalid"]
    assert describe("adult", None, new) == ["case opened (risk: invalid, lead agency: asc)"]


def test_meeting_and_action_changes_do_not_repeat_hand_edits() -> None:
    meeting = {"id": "M1", "type": "mdt", "when": "2026-11-10T10:00", "status": "planned"}
    edited = {**meeting, "type": "mdt at Acacia Road", "when": "2026-11-11T10:00 Acacia"}
    added = describe("meetings", [], [edited, {**meeting, "id": "M2 Acacia"}])
    assert added[0] == "meeting M1 added (invalid, invalid)"
    assert added[1].startswith("meeting invalid added (mdt, 2026-11-10T10:00)")
    moved = describe("meetings", [meeting], [{**meeting, "when": "soon, Acacia Road"}])
    assert moved == ["meeting M1 moved 2026-11-10T10:00 → invalid"]
    action = {"id": "A1", "meeting": "M1", "due": dt.date(2026, 12, 3), "status": "open"}
    changed = describe(
        "actions",
        [action],
        [{**action, "status": "open - key at Acacia Road", "meeting": "M1 Acacia"}],
    )
    assert changed == [
        "action A1 status changed open → invalid",
        "action A1 meeting changed M1 → invalid",
    ]
    for lines in (added, moved, changed):
        assert not [line for line in lines if MARKER in line]
