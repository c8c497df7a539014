"""The bundled example book meets every standard, or says why not (waivers with reasons)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from safecli.cli.main import app


def test_the_examples_pass_strict_validation(example_book: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "--book",
            str(example_book),
            "validate",
            "--strict",
            "--as-of",
            "2026-12-01",
            "--show-waived",
            "--no-cache",
        ],
    )
    assert result.exit_code == 0, result.output
    waived = result.stdout.splitlines()[:-1]
    assert [line.split()[2] for line in waived] == ["EMP004", "ACC005"]
    assert all("recorded by" in line for line in waived)
    assert result.stdout.splitlines()[-1] == "no problems (5 cases checked, 2 waived)"
