"""docs/cli.md is every command's --help: regenerate it when a command changes."""

from __future__ import annotations

from conftest import REPO

from safecli.cli.reference import command_paths, reference


def test_the_command_reference_is_up_to_date() -> None:
    current = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == reference(), (
        "docs/cli.md is stale: run `python -m safecli.cli.reference > docs/cli.md`"
    )


def test_every_command_and_subcommand_has_a_section() -> None:
    paths = [" ".join(path) for path in command_paths()]
    assert "" in paths and "case new" in paths and "render plan" in paths
    text = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    for path in paths:
        title = f"safecli {path}".rstrip()
        assert f"## {title}\n" in text
