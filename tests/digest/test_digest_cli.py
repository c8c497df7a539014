"""`safecli overdue` end to end: formats, redaction, cron behaviour, filters, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import safecli_in, snapshot
from digest_book import SECRETS, action, adult, make_book, meeting, write_case
from typer.testing import CliRunner

from safecli.cli.main import app

AS_OF = ["--as-of", "2026-12-01"]
SAFECLI = Path(sys.executable).with_name("safecli")

Run = Callable[..., object]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A book with one case of each kind of item, and a quiet case."""
    root = make_book(tmp_path / "book")
    write_case(
        root,
        "SG-2026-0001",
        meetings=[meeting("M1", review="2026-11-20", shared=("police",))],
        actions=[action("A1", "2026-11-30", lead="police"), action("A2", "2026-12-03", lead="asc")],
    )
    write_case(
        root, "SG-2026-0002", adult_text=adult("SG-2026-0002", opened="2026-11-01", risk="medium")
    )
    write_case(
        root,
        "SG-2026-0003",
        meetings=[meeting("M1", review="2027-01-01")],
        actions=[action("A1", "2027-01-01")],
    )
    return root


def run(root: Path, *args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, ["--book", str(root), "overdue", *args], env=env)


def test_table(root: Path) -> None:
    result = run(root, *AS_OF)
    assert result.exit_code == 0, result.output
    rule = "-" * 79
    assert (
        result.output
        == f"""\
safecli overdue as of 2026-12-01: 1 action-overdue, 1 action-due-soon, 1 review-passed, \
1 minutes-not-shared, 1 no-meeting

when      due         kind                case          risk    meeting  type          \
action  lead                 note
--------  ----------  ------------------  ------------  ------  -------  ------------  \
------  -------------------  {rule}
20d late  2026-11-11  no-meeting          SG-2026-0002  medium                                 \
asc:Sam Patel        no meeting called 30 days after the concern was raised; risk medium
16d late  2026-11-15  minutes-not-shared  SG-2026-0001  high    M1       s42-strategy          \
asc:Sam Patel        the minutes of M1 are not recorded as shared with gp, 21 days after it was held
11d late  2026-11-20  review-passed       SG-2026-0001  high    M1       s42-strategy          \
asc:Sam Patel        the review set at M1 was due 11 days ago and no meeting has been held since
1d late   2026-11-30  action-overdue      SG-2026-0001  high    M1       s42-strategy  A1      \
police:DC Lee Jones  action A1 was due 1 day ago and is still open
in 2d     2026-12-03  action-due-soon     SG-2026-0001  high    M1       s42-strategy  A2      \
asc:Sam Patel        action A2 is due in 2 days
"""
    )


def test_json_shape(root: Path) -> None:
    result = run(
        root, *AS_OF, "--format", "json", "--kind", "action-overdue", "--kind", "minutes-not-shared"
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "schema": 1,
        "as_of": "2026-12-01",
        "due_soon_until": "2026-12-08",
        "by": None,
        "items": [
            {
                "kind": "minutes-not-shared",
                "case": "SG-2026-0001",
                "risk": "high",
                "meeting": "M1",
                "meeting_type": "s42-strategy",
                "action": None,
                "agency": "asc",
                "lead": "Sam Patel",
                "due": "2026-11-15",
                "days_overdue": 16,
                "missing": ["gp"],
                "detail": "the minutes of M1 are not recorded as shared with gp, "
                "21 days after it was held",
            },
            {
                "kind": "action-overdue",
                "case": "SG-2026-0001",
                "risk": "high",
                "meeting": "M1",
                "meeting_type": "s42-strategy",
                "action": "A1",
                "agency": "police",
                "lead": "DC Lee Jones",
                "due": "2026-11-30",
                "days_overdue": 1,
                "missing": None,
                "detail": "action A1 was due 1 day ago and is still open",
            },
        ],
        "counts": {
            "unreadable": 0,
            "action-overdue": 1,
            "action-due-soon": 0,
            "review-passed": 0,
            "minutes-not-recorded": 0,
            "minutes-not-shared": 1,
            "feedback-not-given": 0,
            "no-meeting": 0,
            "meeting-called": 0,
            "repeated-episodes": 0,
            "enquiry-overdue": 0,
            "plan-review-overdue": 0,
            "total": 2,
        },
    }


def test_csv_and_markdown(root: Path) -> None:
    result = run(root, *AS_OF, "-f", "csv", "--kind", "action-overdue")
    assert result.output == (
        "kind,case,risk,meeting,meeting_type,action,agency,lead,due,days_overdue,missing,detail\n"
        "action-overdue,SG-2026-0001,high,M1,s42-strategy,A1,police,DC Lee Jones,2026-11-30,1,,"
        "action A1 was due 1 day ago and is still open\n"
    )
    result = run(root, *AS_OF, "-f", "markdown", "--kind", "action-overdue", "--by", "agency")
    assert (
        result.output
        == """\
safecli overdue as of 2026-12-01: 1 action-overdue

## agency: police (1)

| when | due | kind | case | risk | meeting | type | action | lead | note |
|---|---|---|---|---|---|---|---|---|---|
| 1d late | 2026-11-30 | action-overdue | SG-2026-0001 | high | M1 | s42-strategy | A1 | \
police:DC Lee Jones | action A1 was due 1 day ago and is still open |
"""
    )


def test_grouped_by_lead(root: Path) -> None:
    result = run(
        root, *AS_OF, "--by", "lead", "--kind", "action-overdue", "--kind", "action-due-soon"
    )
    assert result.exit_code == 0
    assert [line for line in result.output.splitlines() if line.startswith("[")] == [
        "[lead: asc:Sam Patel (1)]",
        "[lead: police:DC Lee Jones (1)]",
    ]


@pytest.mark.parametrize("fmt", ["table", "markdown", "json", "csv"])
@pytest.mark.parametrize("by", [[], ["--by", "case"], ["--by", "agency"]])
def test_no_name_address_or_free_text_by_default(root: Path, fmt: str, by: list[str]) -> None:
    result = run(root, *AS_OF, "--format", fmt, *by)
    assert result.exit_code == 0
    assert "SG-2026-0001" in result.output
    for secret in SECRETS:
        assert secret not in result.output, secret


def test_names_and_descriptions_only_when_asked(root: Path) -> None:
    result = run(
        root,
        *AS_OF,
        "-f",
        "json",
        "--show-names",
        "--show-descriptions",
        "--case",
        "SG-2026-0001",
        "--kind",
        "action-overdue",
    )
    [item] = json.loads(result.output)["items"]
    assert item["name"] == "Margaret Ellison"
    assert item["description"] == "Ask the bank to flag the account; stop the bank card."
    result = run(
        root, *AS_OF, "--show-descriptions", "--kind", "no-meeting", "--kind", "review-passed"
    )
    assert "financial: Son has been withdrawing cash from her account." in result.output
    assert "Agree immediate protection and who joins the enquiry." in result.output
    assert "Margaret" not in result.output


def test_the_books_show_names_setting_and_hide_names(tmp_path: Path) -> None:
    root = make_book(tmp_path / "book", show_names=True)
    write_case(
        root,
        "C1",
        meetings=[meeting("M1", review="2027-01-01")],
        actions=[action("A1", "2026-11-30")],
    )
    assert "Margaret Ellison" in run(root, *AS_OF).output
    assert "Margaret Ellison" not in run(root, *AS_OF, "--hide-names").output


def test_quiet_if_empty_prints_nothing(root: Path) -> None:
    result = run(root, *AS_OF, "--case", "SG-2026-0003", "--quiet-if-empty")
    assert (result.exit_code, result.output) == (0, "")
    result = run(root, *AS_OF, "--case", "SG-2026-0003")
    assert (result.exit_code, result.output) == (
        0,
        "safecli overdue as of 2026-12-01: nothing due\n",
    )
    result = run(root, *AS_OF, "--quiet-if-empty", "--fail-if-any")
    assert result.exit_code == 1
    assert result.output.startswith("safecli overdue as of 2026-12-01: 1 action-overdue")


def test_fail_if_any_exit_codes(root: Path) -> None:
    assert run(root, *AS_OF, "--fail-if-any").exit_code == 1
    assert run(root, *AS_OF, "--fail-if-any", "SG-2026-0003").exit_code == 0
    assert run(root, *AS_OF).exit_code == 0


def test_an_unreadable_file_is_listed_and_exits_3(root: Path) -> None:
    (root / "cases" / "SG-2026-0003" / "meetings.yaml").write_text("- id: M1\n  id: M2\n")
    before = snapshot(root)
    result = run(root, *AS_OF, "--fail-if-any", "--agency", "gp")
    assert result.exit_code == 3
    assert "unreadable          SG-2026-0003" in result.stdout
    assert "cases/SG-2026-0003/meetings.yaml:2:3: duplicate key 'id'" in result.stdout
    assert result.stderr == (
        "safecli: error: 1 case file(s) could not be read; the digest "
        "lists them as unreadable (see: safecli validate)\n"
    )
    assert snapshot(root) == before


def test_paths_as_case_ids_and_folders(root: Path) -> None:
    def cases(*args: str) -> set[str]:
        result = run(root, *AS_OF, "-f", "json", *args)
        assert result.exit_code == 0, result.output
        return {item["case"] for item in json.loads(result.output)["items"]}

    assert cases("SG-2026-0002") == {"SG-2026-0002"}
    assert cases(str(root / "cases" / "SG-2026-0001")) == {"SG-2026-0001"}
    assert cases(str(root)) == {"SG-2026-0001", "SG-2026-0002"}
    here = safecli_in(root / "cases" / "SG-2026-0002", "overdue", *AS_OF, "-f", "json", ".")
    assert here.exit_code == 0, here.output
    assert {item["case"] for item in json.loads(here.stdout)["items"]} == {"SG-2026-0002"}
    assert cases("--case", "SG-2026-0001", "--risk", "high") == {"SG-2026-0001"}


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["SG-2026-9999"], 3, "no case 'SG-2026-9999' in this book"),
        (["--case", "SG-2026-9999"], 3, "no case 'SG-2026-9999' in this book"),
        (["nowhere/SG-1"], 3, "no case folder nowhere/SG-1"),
        (
            ["--format", "yaml"],
            2,
            "invalid --format 'yaml'; choose one of: table, markdown, json, csv",
        ),
        (["--by", "team"], 2, "invalid --by 'team'; choose one of: agency, case, lead"),
        (["--risk", "severe"], 2, "invalid --risk 'severe'; choose one of: low, medium, high"),
        (["--kind", "late"], 2, "invalid --kind 'late'"),
        (["--within", "soon"], 3, "not a period: 'soon'"),
        (["--lead", "Sam"], 3, "invalid person 'Sam'"),
    ],
)
def test_bad_input(root: Path, args: list[str], code: int, message: str) -> None:
    before = snapshot(root)
    result = run(root, *AS_OF, *args)
    assert result.exit_code == code
    assert message in result.stderr
    assert result.stdout == ""
    assert snapshot(root) == before


def test_a_path_outside_the_book_is_refused(root: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    result = run(root, *AS_OF, str(tmp_path / "elsewhere"))
    assert result.exit_code == 3
    assert "is not in this book's cases folder" in result.stderr


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(app, ["overdue", "--help"])
    assert result.exit_code == 0
    assert "safecli overdue --as-of 2026-12-01" in result.output


# the bundled example book


def test_example_book_on_1_december_2026(example_book: Path) -> None:
    result = run(example_book, *AS_OF, "-f", "json")
    assert result.exit_code == 0, result.output
    digest = json.loads(result.output)
    brief = [
        (i["kind"], i["case"], i["action"] or i["meeting"], i["days_overdue"])
        for i in digest["items"]
    ]
    assert ("action-overdue", "SG-2026-0001", "A6", 11) in brief
    assert ("action-overdue", "SG-2026-0001", "A8", 4) in brief
    assert ("action-due-soon", "SG-2026-0001", "A7", -3) in brief
    assert ("action-due-soon", "SG-2026-0001", "A9", -6) in brief
    assert not [b for b in brief if b[1] == "SG-2026-0001" and b[2] == "A10"]  # due 15 Dec
    assert digest["counts"]["unreadable"] == 0
    assert [b[3] for b in brief] == sorted((b[3] for b in brief), reverse=True)
    table = run(example_book, *AS_OF).output
    for secret in ("Edith", "Marlow", "Hawthorn", "grandson", "bank card"):
        assert secret not in table


# cron: the installed command, no terminal, no HOME, C locale


def cron(root: Path, *args: str, lang: str | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {"PATH": "/usr/bin:/bin"}
    if lang:
        env["LANG"] = lang
    return subprocess.run(
        [str(SAFECLI), "--book", str(root), "overdue", *args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
        timeout=60,
        cwd="/",
    )


def test_installed_command_in_crons_environment(root: Path) -> None:
    assert SAFECLI.exists()
    done = cron(root, *AS_OF, "--fail-if-any")
    assert (done.returncode, done.stderr) == (1, b"")
    assert done.stdout.decode("ascii").startswith(
        "safecli overdue as of 2026-12-01: 1 action-overdue, 1 action-due-soon"
    )
    quiet = cron(root, *AS_OF, "--quiet-if-empty", "SG-2026-0003")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, b"", b"")


def test_c_locale_with_a_non_ascii_name_does_not_crash(root: Path) -> None:
    folder = root / "cases" / "SG-2026-0001"
    for name in ("agencies.yaml", "actions.yaml", "meetings.yaml"):
        path = folder / name
        path.write_text(path.read_text().replace("DC Lee Jones", "DC Siân Llŷr"))
    for lang in ("C", "POSIX", None):
        done = cron(root, *AS_OF, lang=lang)
        assert (done.returncode, done.stderr) == (0, b"")
        # Python reads the C locale as UTF-8 (PEP 538/540); whatever the encoding,
        # the name arrives as UTF-8 or with '?' for what the encoding lacks.
        assert (
            "police:DC Siân Llŷr".encode() in done.stdout or b"police:DC Si?n Ll?r" in done.stdout
        ), done.stdout


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_default_as_of_is_today_in_the_books_timezone(tmp_path: Path, zone: str) -> None:
    # UTC+14 and UTC-11: at any moment one of them is on a different date from UTC.
    from zoneinfo import ZoneInfo

    from safecli.dates import today_in

    root = make_book(tmp_path / "book", tz=zone)
    local_today = today_in(ZoneInfo(zone)).isoformat()
    write_case(
        root,
        "C1",
        meetings=[meeting("M1", review="2999-01-01")],
        actions=[action("A1", local_today)],
    )
    digest = json.loads(run(root, "-f", "json").stdout)
    assert digest["as_of"] == local_today
    assert [(i["kind"], i["days_overdue"]) for i in digest["items"]] == [("action-due-soon", 0)]
