"""The CI pipelines `init --ci` and `ci setup` write: they parse, pass yamllint, and every
safecli command they run exists with the options they give; `validate --format gitlab`."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import typer
import yaml
from typer._click.exceptions import UsageError
from typer.testing import CliRunner
from yamllint import linter
from yamllint.config import YamlLintConfig

from safecli.cli.main import app
from safecli.teamwork.pipelines import HOSTS

FILES = {
    "gitlab": ".gitlab-ci.yml",
    "github": ".github/workflows/safecli.yml",
    "forgejo": ".forgejo/workflows/safecli.yml",
}
ROOT = typer.main.get_command(app)
# GitLab's Code Quality report, as its documentation describes the fields it reads.
CODE_QUALITY = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string"},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


def init(tmp_path: Path, host: str) -> Path:
    root = tmp_path / host
    result = CliRunner().invoke(
        app,
        [
            "init",
            str(root),
            "--organisation",
            "A Council",
            "--jurisdiction",
            "england",
            "--ci",
            host,
        ],
    )
    assert result.exit_code == 0, result.output
    assert f"wrote {root / FILES[host]}" in result.output
    return root


def shell_lines(host: str, doc: dict[str, Any]) -> list[str]:
    """Every shell line the pipeline runs."""
    if host == "gitlab":
        jobs = [job for job in doc.values() if isinstance(job, dict)]
        return [
            line
            for job in jobs
            for key in ("before_script", "script")
            for line in job.get(key) or []
        ]
    return [step["run"] for job in doc["jobs"].values() for step in job["steps"] if "run" in step]


def safecli_commands(lines: list[str]) -> list[list[str]]:
    """The argument lists of every `safecli ...` in the shell lines."""
    found = []
    for line in lines:
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        tokens = list(lexer)
        for n, token in enumerate(tokens):
            if token == "safecli" or token.endswith("/bin/safecli"):
                args = []
                for arg in tokens[n + 1 :]:
                    if arg and set(arg) <= set("|&;<>()"):
                        break
                    args.append(arg)
                found.append(args)
    return found


def resolve(args: list[str]) -> str:
    """The command path args name, parsed as the CLI parses them (UsageError if not)."""
    cmd, name, ctx, rest = ROOT, "safecli", None, list(args)
    while True:
        ctx = cmd.make_context(name, rest, parent=ctx)
        if not hasattr(cmd, "resolve_command"):
            return str(ctx.command_path)
        rest = [*ctx._protected_args, *ctx.args]
        name, cmd, rest = cmd.resolve_command(ctx, rest)


def test_the_resolver_refuses_what_the_cli_would() -> None:
    assert resolve(["overdue", "--mail-dir", "o", "--from", "a@b.example"]) == "safecli overdue"
    for bad in (["overdue", "--mail-dri", "o"], ["ci", "stup"], ["validate", "--format"]):
        with pytest.raises(UsageError):
            resolve(bad)


@pytest.mark.parametrize("host", HOSTS)
def test_the_pipeline_parses_and_runs_only_real_commands(tmp_path: Path, host: str) -> None:
    root = init(tmp_path, host)
    text = (root / FILES[host]).read_text(encoding="utf-8")
    doc = yaml.safe_load(text)
    assert [p.message for p in linter.run(text, YamlLintConfig("extends: default"))] == []
    commands = safecli_commands(shell_lines(host, doc))
    paths = sorted(resolve(args) for args in commands)
    assert paths == ["safecli overdue", "safecli validate"] or paths == [
        "safecli overdue",
        "safecli validate",
        "safecli validate",
    ]
    [digest] = [args for args in commands if args[0] == "overdue"]
    assert digest[:2] == ["overdue", "--mail-dir"]
    formats = {args[args.index("--format") + 1] for args in commands if "--format" in args}
    assert formats == {"gitlab": {"gitlab"}, "github": {"github"}, "forgejo": {"text"}}[host]


def test_gitlab_runs_validate_on_changes_and_the_digest_on_schedule(tmp_path: Path) -> None:
    doc = yaml.safe_load((init(tmp_path, "gitlab") / ".gitlab-ci.yml").read_text())
    sources = [rule["if"] for rule in doc["validate"]["rules"]]
    assert sources == [
        '$CI_PIPELINE_SOURCE == "merge_request_event"',
        '$CI_PIPELINE_SOURCE == "push"',
    ]
    assert doc["digest"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    report = doc["validate"]["artifacts"]["reports"]["codequality"]
    assert f"safecli validate --format gitlab > {report} || failed=1" in doc["validate"]["script"]
    assert doc["validate"]["artifacts"]["when"] == "always"


@pytest.mark.parametrize("host", ["github", "forgejo"])
def test_actions_run_validate_on_changes_and_the_digest_on_schedule(
    tmp_path: Path, host: str
) -> None:
    doc = yaml.safe_load((init(tmp_path, host) / FILES[host]).read_text())
    assert set(doc["on"]) == {"push", "pull_request", "schedule"}
    assert doc["jobs"]["validate"]["if"] == "github.event_name != 'schedule'"
    assert doc["jobs"]["digest"]["if"] == "github.event_name == 'schedule'"
    assert doc["permissions"] == {"contents": "read"}


def test_ci_setup_adds_one_to_a_book_and_never_overwrites(book: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["--book", str(book), "ci", "setup", "--host", "github"])
    assert first.exit_code == 0, first.output
    assert "wrote .github/workflows/safecli.yml" in first.output
    before = (book / ".github/workflows/safecli.yml").read_bytes()
    again = runner.invoke(app, ["--book", str(book), "ci", "setup", "--host", "github"])
    assert again.exit_code == 3
    assert "a pipeline is already there; not overwriting it" in again.stderr
    assert (book / ".github/workflows/safecli.yml").read_bytes() == before
    unknown = runner.invoke(app, ["--book", str(book), "ci", "setup", "--host", "bitbucket"])
    assert unknown.exit_code == 3
    assert "unknown git host 'bitbucket'; choose one of: gitlab, github, forgejo" in unknown.stderr
    shown = runner.invoke(app, ["ci", "show", "--host", "github"])
    assert shown.stdout == "# .github/workflows/safecli.yml\n" + before.decode()


def test_init_with_a_pipeline_already_there_writes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / ".gitlab-ci.yml").write_text("stages: [test]\n")
    result = CliRunner().invoke(
        app,
        ["init", str(root), "--organisation", "X", "--jurisdiction", "england", "--ci", "gitlab"],
    )
    assert result.exit_code == 3
    assert sorted(p.name for p in root.iterdir()) == [".gitlab-ci.yml"]


def test_validate_gitlab_is_a_code_quality_report(example_book: Path) -> None:
    meetings = example_book / "cases" / "SG-2026-0001" / "meetings.yaml"
    meetings.write_text(meetings.read_text().replace("  status: planned", "  status: plannd"))
    args = ["--book", str(example_book), "validate", "--format", "gitlab", "--as-of", "2026-12-01"]
    result = CliRunner().invoke(app, [*args, "--no-cache"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    jsonschema.validate(report, CODE_QUALITY)
    [issue] = [i for i in report if i["check_name"] == "INT004"]
    assert issue["severity"] == "major"
    assert issue["location"]["path"] == "cases/SG-2026-0001/meetings.yaml"
    assert "status is not one of" in issue["description"]
    assert "plannd" not in issue["description"]
    assert len({i["fingerprint"] for i in report}) == len(report)
    # stable from run to run, and when lines above the finding move
    meetings.write_text("# a comment\n" + meetings.read_text())
    moved = json.loads(CliRunner().invoke(app, args).stdout)
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in report]
    assert moved[0]["location"]["lines"]["begin"] != report[0]["location"]["lines"]["begin"]


@pytest.mark.parametrize(
    ("host", "schema"),
    [
        ("gitlab", "vendor.gitlab-ci"),
        ("github", "vendor.github-workflows"),
        ("forgejo", "vendor.github-workflows"),  # Forgejo Actions reads GitHub's syntax
    ],
)
def test_the_hosts_own_schema_accepts_the_pipeline(tmp_path: Path, host: str, schema: str) -> None:
    """check-jsonschema's copy of each host's published schema (no network)."""
    path = init(tmp_path, host) / FILES[host]
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
