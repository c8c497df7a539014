"""yamllint (the linter teams' editors run) on what safecli writes and on the bundled cases."""

from __future__ import annotations

from pathlib import Path
from shlex import split

from conftest import NEW_CASE, REPO
from meeting_book import STRATEGY, record_args
from typer.testing import CliRunner
from yamllint import linter
from yamllint.config import YamlLintConfig

from safecli.cli.main import app
from safecli.store.config import YAMLLINT

DEFAULTS = YamlLintConfig("extends: default")
SHIPPED = YamlLintConfig(YAMLLINT)


def problems(path: Path, config: YamlLintConfig) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [f"{path.name}:{p.line}:{p.column}: {p.message}" for p in linter.run(text, config)]


def yaml_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.yaml") if ".safecli" not in p.parts) + [
        root / ".yamllint"
    ]


def test_init_writes_settings_that_pass_yamllint_defaults(tmp_path: Path) -> None:
    root = tmp_path / "book"
    result = CliRunner().invoke(
        app, ["init", str(root), "--organisation", "A Council", "--jurisdiction", "wales"]
    )
    assert result.exit_code == 0, result.output
    assert f"wrote {root / '.yamllint'}" in result.output
    assert problems(root / "safecli.yaml", DEFAULTS) == []
    assert problems(root / ".yamllint", DEFAULTS) == []
    assert (root / ".yamllint").read_text(encoding="utf-8") == YAMLLINT


def test_the_repositorys_own_yamllint_settings_are_the_ones_init_writes() -> None:
    assert (REPO / ".yamllint").read_text(encoding="utf-8") == YAMLLINT


def test_bundled_cases_pass_with_the_shipped_settings() -> None:
    found = [
        p for path in sorted((REPO / "cases").rglob("*.yaml")) for p in problems(path, SHIPPED)
    ]
    assert found == []
    assert problems(REPO / "safecli.yaml", DEFAULTS) == []


def test_the_shipped_settings_only_relax_two_rules() -> None:
    relaxed = {name for name, conf in SHIPPED.rules.items() if conf != DEFAULTS.rules[name]}
    assert relaxed == {"line-length", "document-start"}
    # and the bundled cases do need both relaxed: the settings are not idle
    found = {
        p.rule
        for path in (REPO / "cases").rglob("*.yaml")
        for p in linter.run(path.read_text(encoding="utf-8"), DEFAULTS)
    }
    assert found == {"line-length", "document-start"}


def test_what_the_commands_write_passes_with_the_shipped_settings(cli, book: Path) -> None:  # type: ignore[no-untyped-def]
    steps = [
        [*NEW_CASE[:-1], "2026-10-20"],  # opened before the meeting it holds
        split(
            "agency add SG-2026-0001 police --name Police --kind police "
            "--person 'DC Lee Jones;Investigating officer;lee.jones@police.example'"
        ),
        split("agency add SG-2026-0001 gp --name Surgery --kind gp --person 'Dr Amara Okafor'"),
        split("agency add SG-2026-0001 asc --person 'Helen Forsyth'"),
        list(STRATEGY),
        list(record_args()),
        split(
            "action add SG-2026-0001 --meeting M1 --lead 'police:DC Lee Jones' --due 2026-11-10 "
            "--as-of 2026-11-03 'Ring the bank'"
        ),
        split("meeting share SG-2026-0001 M1 --with police --as-of 2026-11-04"),
    ]
    for step in steps:
        result = cli(*step)
        assert result.exit_code in (0, 1), (step, result.output)
    files = yaml_files(book)
    assert len([p for p in files if p.parent.name == "SG-2026-0001"]) == 4
    assert [p for path in files for p in problems(path, SHIPPED)] == []
