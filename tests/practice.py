"""A practitioner at the command line: run safecli commands on a fresh book, one by one,
and read what `validate --strict` says at the end."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from conftest import snapshot
from typer.testing import CliRunner

from safecli.cli.main import app

FINDING = re.compile(
    r"cases/(?P<case>[^/]+)/(?P<file>\w+)\.yaml:(?P<line>\d+):(?P<col>\d+): "
    r"(?:error|warning) (?P<code>[A-Z]+\d+) ",
    re.MULTILINE,
)

Found = tuple[str, str, int, int]


@dataclass
class Practice:
    """One case book and the commands a practitioner types into it."""

    root: Path
    runner: CliRunner = field(default_factory=CliRunner)

    def run(self, *args: str, on: str | None = None, input: str | None = None) -> tuple[int, str]:
        dated = [*args, "--as-of", on] if on else list(args)
        result = self.runner.invoke(app, ["--book", str(self.root), *dated], input=input)
        assert "Traceback" not in result.output, result.output
        return result.exit_code, result.output

    def do(self, *args: str, on: str | None = None) -> str:
        """Run a command that must succeed; its output."""
        code, output = self.run(*args, on=on)
        assert code == 0, f"{' '.join(args)}:\n{output}"
        return output

    def refused(self, *args: str, on: str | None = None) -> str:
        """Run a command the rulebook must refuse (exit 3, nothing written); its output."""
        before = snapshot(self.root)
        code, output = self.run(*args, on=on)
        assert code == 3, f"{' '.join(args)}:\n{output}"
        assert snapshot(self.root) == before
        return output

    def findings(self, on: str) -> list[Found]:
        """What `validate --strict` finds: (code, file, line, column), in its order."""
        code, output = self.run("validate", "--strict", "--no-cache", on=on)
        found = found_in(output)
        assert (code == 0) == (not found), output
        if not found:
            assert "no problems" in output, output
        return found


def found_in(output: str) -> list[Found]:
    """The findings a command printed: (code, file, line, column), in its order."""
    return [(m["code"], m["file"], int(m["line"]), int(m["col"])) for m in FINDING.finditer(output)]


def open_book(tmp_path: Path, jurisdiction: str = "england") -> Practice:
    root = tmp_path / "book"
    code = (
        CliRunner()
        .invoke(
            app,
            ["init", str(root), "--organisation", "Test Council", "--jurisdiction", jurisdiction],
        )
        .exit_code
    )
    assert code == 0
    return Practice(root)
