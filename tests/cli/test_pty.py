"""`safecli meeting new` in a real pseudo-terminal: the installed command, real prompts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from meeting_book import CASE, make_book, meeting
from terminal import SAFECLI, Terminal


@pytest.mark.skipif(not SAFECLI.exists(), reason="the safecli console script is not installed")
def test_meeting_new_at_a_real_terminal(tmp_path: Path) -> None:
    book = make_book(tmp_path)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SAFECLI_") and key not in ("EDITOR", "VISUAL")
    }
    env.update({"TERM": "dumb", "COLUMNS": "100"})
    term = Terminal(
        [str(SAFECLI), "--book", str(book), "meeting", "new", CASE, "--as-of", "2026-11-02"], env
    )
    term.expect("Suggested meeting: s42-strategy")
    term.expect("Discussion or meeting: discussion")
    term.answer("Meeting type [s42-strategy]:", "")
    term.answer("Discussion or meeting [discussion]:", "")
    term.answer("Mode (in-person, telephone, virtual):", "teleconference")
    term.expect("invalid mode 'teleconference'")
    term.answer("Mode (in-person, telephone, virtual):", "telephone")
    term.answer("When (e.g. 2026-12-01 10:00, fri 14:00):", "fri 10:00")
    term.answer("Purpose of this meeting:", "Agree immediate protection")
    term.answer("Chair (agency:Name) [asc:Sam Patel]:", "")
    term.answer("Invite asc:Helen Forsyth (Officer)? [Y/n]:", "n")
    term.answer("Invite police:DC Lee Jones (Officer)? [Y/n]:", "y")
    term.answer("Why invite DC Lee Jones:", "Investigating the theft")
    term.answer("Invite gp:Dr Amara Okafor (Officer)? [Y/n]:", "n")
    term.answer("Invite gp:Kim Lo (Officer)? [Y/n]:", "n")
    term.answer("Invite health:Dr Ravi Menon (Officer)? [Y/n]:", "n")
    term.answer("Invite someone else (agency:Name; empty when done) (optional):", "")
    term.answer("Invite the adult? [Y/n]:", "y")
    term.expect(
        "new meeting M1 (s42-strategy) in SG-2026-0001: discussion, telephone, 2026-11-06 10:00"
    )
    assert term.finish() == 0, term.text()
    assert "wrote cases/SG-2026-0001/meetings.yaml" in term.text()
    stored = meeting(book, "M1")
    assert (stored["type"], stored["format"], stored["mode"], stored["when"]) == (
        "s42-strategy",
        "discussion",
        "telephone",
        "2026-11-06T10:00",
    )
    assert stored["chair"] == {"agency": "asc", "name": "Sam Patel"}
    assert [(i["person"]["name"], i["reason"]) for i in stored["invitees"]] == [
        ("DC Lee Jones", "Investigating the theft")
    ]
    assert stored["adult"] == {"invited": True, "not_invited_reason": None}
