"""`safecli meeting new` in a real pseudo-terminal: the installed command, real prompts."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest
from meeting_book import CASE, make_book, meeting

SAFECLI = Path(sys.executable).parent / "safecli"
# Only guards against a hung child: no assertion is made about how long anything takes.
HANG_GUARD_SECONDS = 60


class Terminal:
    """A child process on a pseudo-terminal, driven prompt by prompt."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True
        )
        os.close(slave)
        self.seen = b""
        self.pos = 0

    def _read(self) -> bytes:
        ready, _, _ = select.select([self.master], [], [], HANG_GUARD_SECONDS)
        if not ready:
            raise AssertionError(f"no output from safecli; so far:\n{self.text()}")
        try:
            return os.read(self.master, 4096)
        except OSError:  # Linux reports the end of a pty's output as EIO
            return b""

    def expect(self, prompt: str) -> None:
        """Read until prompt appears (after what was already matched)."""
        wanted = prompt.encode()
        while wanted not in self.seen[self.pos :]:
            chunk = self._read()
            if not chunk:
                raise AssertionError(f"safecli ended before {prompt!r}:\n{self.text()}")
            self.seen += chunk
        self.pos = self.seen.index(wanted, self.pos) + len(wanted)

    def answer(self, prompt: str, reply: str) -> None:
        self.expect(prompt)
        os.write(self.master, reply.encode() + b"\r")

    def finish(self) -> int:
        while chunk := self._read():
            self.seen += chunk
        os.close(self.master)
        return self.proc.wait(timeout=HANG_GUARD_SECONDS)

    def text(self) -> str:
        return self.seen.decode("utf-8", "replace").replace("\r\n", "\n")


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
