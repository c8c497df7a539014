"""The installed `safecli` on a real pseudo-terminal, driven prompt by prompt."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
from pathlib import Path

SAFECLI = Path(sys.executable).parent / "safecli"
# Only guards against a hung child: no assertion is made about how long anything takes.
HANG_GUARD_SECONDS = 60


def terminal_env() -> dict[str, str]:
    """The environment of a person at a terminal: no test switches, no editor."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SAFECLI_") and key not in ("EDITOR", "VISUAL")
    }
    env.update({"TERM": "dumb", "COLUMNS": "100", "LANG": "C.UTF-8"})
    return env


def _as_at_a_terminal() -> None:
    """Ctrl-C interrupts the child, as for a command a shell runs at a terminal, even
    where the tests were started with SIGINT ignored (a job started in the background
    by a shell without job control): a child inherits an ignored signal, and Python
    keeps it ignored, but a caught one is the default again in the child."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


class Terminal:
    """A child process on a pseudo-terminal."""

    def __init__(self, argv: list[str], env: dict[str, str] | None = None) -> None:
        _as_at_a_terminal()
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env or terminal_env(),
            close_fds=True,
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
