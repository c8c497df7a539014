"""validate given the book's own files, as the pre-commit hook passes them: safecli.yaml
checks every case, templates are compiled; the hook's `files` pattern selects them."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from conftest import REPO, Ran, safecli_in


def validate(book: Path, *paths: str) -> Ran:
    """validate run inside the book, given paths as the hook gives them."""
    return safecli_in(book, "validate", "--as-of", "2026-12-01", "--no-cache", *paths)


def test_the_hook_runs_on_settings_templates_and_cases() -> None:
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    pattern = re.compile(hook["files"])
    for path in ("safecli.yaml", "templates/invitation.html.j2", "cases/SG-2026-0001/adult.yaml"):
        assert pattern.search(path), path
    for path in ("README.md", "docs/teamwork.md", "src/safecli/model.py"):
        assert not pattern.search(path), path


def test_a_setting_that_breaks_every_case_is_caught(example_book: Path) -> None:
    assert validate(example_book, "safecli.yaml").exit_code == 0
    config = example_book / "safecli.yaml"
    config.write_text(config.read_text().replace("jurisdiction: england", "jurisdiction: wales"))
    result = validate(example_book, "safecli.yaml")
    assert result.exit_code == 1, result.output
    assert "(5 checked" in result.stdout  # not only the files staged: every case


def test_templates_are_compiled_and_name_the_line(example_book: Path) -> None:
    own = example_book / "templates"
    own.mkdir()
    good = own / "invitation.md.j2"
    good.write_text((REPO / "templates" / "invitation.md.j2").read_text())
    result = validate(example_book, "templates/invitation.md.j2")
    assert result.exit_code == 0, result.output
    assert "0 cases checked" in result.stdout
    good.write_text("# {{ doc.title }}\n\n{% if meeting %}\nno end\n")
    broken = validate(example_book, "templates/invitation.md.j2")
    assert broken.exit_code == 3
    message = "templates/invitation.md.j2:4:1: syntax error in template invitation.md.j2"
    assert message in broken.stderr
