"""JSON Schema of the case files: valid schemas, every bundled file passes, faults fail."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from jsonschema import Draft202012Validator, FormatChecker
from rules_table import CLEAN
from typer.testing import CliRunner

from safecli.cli.main import app
from safecli.model import FILES
from safecli.policy.pack import load_policy
from safecli.store import scan
from safecli.validation.schema import schema

TYPES = tuple(load_policy().types)
EXAMPLES = sorted((REPO / "cases").glob("*/*.yaml"))


def as_json(value: Any) -> Any:
    """YAML data as JSON would carry it: dates as ISO text."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value


def errors(kind: str, data: Any) -> list[str]:
    validator = Draft202012Validator(schema(kind, TYPES), format_checker=FormatChecker())
    return sorted(
        f"{'/'.join(map(str, e.absolute_path))}: {e.validator}"
        for e in validator.iter_errors(as_json(data))
    )


@pytest.mark.parametrize("kind", FILES)
def test_schemas_are_valid_2020_12(kind: str) -> None:
    Draft202012Validator.check_schema(schema(kind, TYPES))
    assert schema(kind, TYPES)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_there_are_bundled_examples() -> None:
    assert len(EXAMPLES) >= 20


@pytest.mark.parametrize("path", EXAMPLES, ids=[f"{p.parent.name}/{p.name}" for p in EXAMPLES])
def test_every_bundled_file_passes_its_schema(path: Path) -> None:
    kind = path.stem
    assert errors(kind, scan.load(path, FILES[kind])) == []


def test_faults_fail_the_schema() -> None:
    actions = scan.load_text(Path("actions.yaml"), CLEAN["actions"], list)
    assert errors("actions", actions) == []
    actions[0]["status"] = "finished"
    actions[0]["lead"] = {"agency": "asc"}
    actions[0]["due"] = "2026-13-01"
    actions[0]["dew"] = None
    assert errors("actions", actions) == [
        "0/due: format",
        "0/lead: anyOf",
        "0/status: enum",
        "0: additionalProperties",
    ]


def test_events_and_the_cancellation_day_are_in_the_schema() -> None:
    adult = scan.load_text(Path("adult.yaml"), CLEAN["adult"], dict)
    adult["events"] = [{"happened_on": "2026-11-02", "kind": "police-call-out", "agency": "asc"}]
    assert errors("adult", adult) == []
    adult["events"] = [
        {"happened_on": "2026-11-32", "kind": "picnic", "agency": "asc", "where": "x"},
        {"kind": "contact", "agency": "asc"},
    ]
    assert errors("adult", adult) == [
        "events/0/happened_on: format",
        "events/0/kind: enum",
        "events/0: additionalProperties",
        "events/1: required",
    ]
    actions = scan.load_text(Path("actions.yaml"), CLEAN["actions"], list)
    actions[0]["cancelled_on"] = "2026-11-02"
    assert errors("actions", actions) == []
    actions[0]["cancelled_on"] = "soon"
    assert errors("actions", actions) == ["0/cancelled_on: format"]


def test_meeting_times_and_types() -> None:
    meetings = scan.load_text(Path("meetings.yaml"), CLEAN["meetings"], list)
    assert errors("meetings", meetings) == []
    meetings[0]["when"] = "2026-11-10 10:00"
    meetings[0]["type"] = "tea-party"
    assert errors("meetings", meetings) == ["0/type: enum", "0/when: pattern"]


def test_schema_command(tmp_path: Path) -> None:
    runner = CliRunner()
    one = runner.invoke(app, ["schema", "meetings"])
    assert one.exit_code == 0
    assert json.loads(one.stdout) == schema("meetings", TYPES)
    # a map of schemas would pass any file through check-jsonschema: no argument is usage
    every = runner.invoke(app, ["schema"])
    assert (every.exit_code, every.stdout) == (2, "")
    assert "name the file whose schema to print; choose one of: adult, agencies" in every.stderr
    bad = runner.invoke(app, ["schema", "people"])
    assert bad.exit_code == 2
    assert "unknown file 'people'" in bad.stderr


def test_schema_uses_the_books_meeting_types(tmp_path: Path) -> None:
    (tmp_path / "safecli.yaml").write_text(
        "jurisdiction: england\nmeeting_types:\n  tea:\n    name: Tea\n    framework: none\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["--book", str(tmp_path), "schema", "meetings"])
    enum = json.loads(result.stdout)["items"]["properties"]["type"]["enum"]
    assert enum == [*TYPES, "tea"]


def test_settings_schema_checks_safecli_yaml(tmp_path: Path) -> None:
    import jsonschema
    import yaml

    from safecli.store.config import CONFIG_KEYS
    from safecli.validation.settings_schema import settings_schema

    result = CliRunner().invoke(app, ["schema", "settings"])
    assert result.exit_code == 0
    checker = jsonschema.Draft202012Validator(json.loads(result.stdout))
    assert list(checker.schema["properties"]) == list(CONFIG_KEYS)
    assert checker.schema == settings_schema()
    init = CliRunner().invoke(
        app, ["init", str(tmp_path / "b"), "--organisation", "X", "--jurisdiction", "wales"]
    )
    assert init.exit_code == 0
    for path in (REPO / "safecli.yaml", tmp_path / "b" / "safecli.yaml"):
        settings = yaml.safe_load(path.read_text())
        settings["closure_days"] = [str(d) for d in settings.get("closure_days") or []]
        assert list(checker.iter_errors(settings)) == [], path
    wrong = {"jurisdiction": "scotland", "show_name": True, "lead_times": {"high": -1}}
    found = sorted(e.message for e in checker.iter_errors(wrong))
    assert len(found) == 3, found
