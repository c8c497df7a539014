"""`safecli history`: a case's audit trail, built from git."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import pytest
from gitbook import (
    CASE,
    NEW_CASE,
    PERSONAL,
    action,
    append,
    case_file,
    cli,
    commit_all,
    git,
    isolate,
    make_repo,
    ok,
    write,
)
from typer.testing import CliRunner

from safecli.cli.main import app
from safecli.teamwork.changes import describe

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(monkeypatch)


def at(monkeypatch: pytest.MonkeyPatch, when: str) -> None:
    """Make the next commits happen at `when` (git's date format)."""
    monkeypatch.setenv("GIT_AUTHOR_DATE", when)
    monkeypatch.setenv("GIT_COMMITTER_DATE", when)


def scripted_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A case worked on through the CLI, every step committed with --commit."""
    at(monkeypatch, "2026-11-01T09:00:00+00:00")
    book = make_repo(tmp_path / "book")
    steps = [
        ("2026-11-02T09:00:00+00:00", [*NEW_CASE, "--commit"]),
        (
            "2026-11-02T09:05:00+00:00",
            [
                "agency",
                "add",
                CASE,
                "police",
                "--name",
                "Police",
                "--kind",
                "police",
                "--person",
                "DC Lee Jones;Investigating officer",
                "--commit",
            ],
        ),
        (
            "2026-11-05T14:00:00+00:00",
            [
                "meeting",
                "new",
                CASE,
                "--type",
                "s42-strategy",
                "--format",
                "discussion",
                "--mode",
                "virtual",
                "--when",
                "2026-11-10 10:00",
                "--link",
                "https://meet.example.org/m1",
                "--purpose",
                "Agree protection",
                "--chair",
                "asc:Sam Patel",
                "--invite",
                "police:DC Lee Jones:investigating the withdrawals",
                "--adult-not-invited-reason",
                "Grandson still at home",
                "--as-of",
                "2026-11-05",
                "--commit",
            ],
        ),
        (
            "2026-11-10T11:00:00+00:00",
            [
                "action",
                "add",
                CASE,
                "--meeting",
                "M1",
                "--lead",
                "police:DC Lee Jones",
                "--due",
                "2026-12-03",
                "Speak to the grandson about the withdrawals",
                "--as-of",
                "2026-11-10",
                "--commit",
            ],
        ),
        (
            "2026-11-10T11:30:00+00:00",
            [
                "meeting",
                "record",
                CASE,
                "M1",
                "--held-on",
                "2026-11-10",
                "--attendee",
                "asc:Sam Patel",
                "--attendee",
                "police:DC Lee Jones",
                "--risk",
                "Money taken|Bank told|He holds her card|A1",
                "--others-reviewed",
                "--adults",
                "none",
                "--children",
                "none",
                "--decision",
                "Open an s42 enquiry",
                "--review",
                "2026-12-15",
                "--feedback-how",
                "Home visit",
                "--feedback-by",
                "asc:Sam Patel",
                "--feedback-due",
                "2026-11-12",
                "--as-of",
                "2026-11-10",
                "--commit",
            ],
        ),
        (
            "2026-11-11T08:00:00+00:00",
            [
                "meeting",
                "share",
                CASE,
                "M1",
                "--with",
                "police",
                "--on",
                "2026-11-11",
                "--as-of",
                "2026-11-11",
                "--commit",
            ],
        ),
        (
            "2026-11-28T16:00:00+00:00",
            [
                "action",
                "move",
                CASE,
                "A1",
                "--to",
                "2026-12-10",
                "--reason",
                "Officer on leave until December",
                "--lead-informed",
                "--risk-reassessed",
                "--as-of",
                "2026-11-28",
                "--commit",
            ],
        ),
    ]
    for when, args in steps:
        at(monkeypatch, when)
        ok(book, *args)
    git(book, "config", "user.name", "Bob Okoro")
    at(monkeypatch, "2026-12-05T10:00:00+00:00")
    ok(
        book,
        "action",
        "done",
        CASE,
        "A1",
        "--on",
        "2026-12-05",
        "--note",
        "Spoke to him with his father present",
        "--as-of",
        "2026-12-05",
        "--commit",
    )
    at(monkeypatch, "2026-12-20T12:00:00+00:00")
    ok(
        book,
        "case",
        "close",
        CASE,
        "--reason",
        "Risk reduced",
        "--outcomes-asked",
        "--outcomes-expressed",
        "--achieved",
        "partially",
        "--as-of",
        "2026-12-20",
        "--commit",
    )
    return book


EXPECTED = """\
2026-12-20 12:00  {}  Bob Okoro
  case closed on 2026-12-20
2026-12-05 10:00  {}  Bob Okoro
  action A1 done on 2026-12-05
2026-11-28 16:00  {}  Ann Tester
  action A1 due date moved 2026-12-03 → 2026-12-10; reason recorded
2026-11-11 08:00  {}  Ann Tester
  meeting M1: minutes shared with police
2026-11-10 11:30  {}  Ann Tester
  meeting M1 held; minutes recorded
2026-11-10 11:00  {}  Ann Tester
  action A1 added (lead: police, due 2026-12-03)
2026-11-05 14:00  {}  Ann Tester
  meeting M1 added (s42-strategy, 2026-11-10T10:00)
  meeting M1: invitations sent on 2026-11-05
  meeting M1: invited police
2026-11-02 09:05  {}  Ann Tester
  agency police added
2026-11-02 09:00  {}  Ann Tester
  case opened (risk: high, lead agency: asc)
  agency asc added
"""


def shas(book: Path) -> list[str]:
    return git(book, "log", "--format=%h", "--abbrev=10", "--", "cases/").stdout.split()


def test_history_of_a_scripted_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = scripted_case(tmp_path, monkeypatch)
    result = ok(book, "history", CASE)
    assert result.output == EXPECTED.format(*shas(book))
    assert not any(value in result.output for value in PERSONAL)
    assert "withdrawals" not in result.output and "leave" not in result.output

    entries = json.loads(ok(book, "history", CASE, "--format", "json").output)
    assert entries[0] == {
        "commit": git(book, "rev-parse", "HEAD").stdout.strip(),
        "date": "2026-12-20T12:00:00+00:00",
        "author": "Bob Okoro",
        "changes": ["case closed on 2026-12-20"],
    }
    assert [len(e["changes"]) for e in entries] == [1, 1, 1, 1, 1, 1, 3, 1, 2]

    since = ok(book, "history", CASE, "--since", "2026-11-28").output
    assert since == "".join(EXPECTED.format(*shas(book)).splitlines(True)[:6])


def test_a_merge_lists_only_what_the_merge_itself_did(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, "2026-11-01T09:00:00+00:00")
    book = make_repo(tmp_path / "book")
    ok(book, *NEW_CASE, "--commit")
    git(book, "checkout", "-q", "-b", "bob")
    at(monkeypatch, "2026-11-03T09:00:00+00:00")
    write(case_file(book, "actions"), action("A1", lead="asc:Bob Okoro", due="2026-12-01"))
    commit_all(book, "bob")
    git(book, "checkout", "-q", "main")
    at(monkeypatch, "2026-11-04T09:00:00+00:00")
    write(case_file(book, "actions"), action("A1", lead="asc:Ann Tester", due="2026-12-02"))
    commit_all(book, "ann")
    at(monkeypatch, "2026-11-05T09:00:00+00:00")
    git(book, "merge", "-q", "--no-edit", "bob")
    lines = [
        line for line in ok(book, "history", CASE).output.splitlines() if line.startswith("  ")
    ]
    assert lines == [
        "  action A2 added (lead: asc, due 2026-12-01)",  # the merge: bob's A1, renumbered
        "  action A1 added (lead: asc, due 2026-12-02)",  # ann
        "  action A1 added (lead: asc, due 2026-12-01)",  # bob, on his branch
        "  case opened (risk: high, lead agency: asc)",
        "  agency asc added",
    ]


def test_a_branch_whose_changes_a_merge_dropped_stays_in_the_trail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, "2026-11-01T09:00:00+00:00")
    book = make_repo(tmp_path / "book")
    ok(book, *NEW_CASE, "--commit")
    git(book, "checkout", "-q", "-b", "carol")
    ok(book, "agency", "add", CASE, "police", "--name", "Police", "--kind", "police", "--commit")
    git(book, "checkout", "-q", "main")
    git(book, "merge", "-q", "--no-edit", "-s", "ours", "carol")
    changes = [e["changes"] for e in json.loads(ok(book, "history", CASE, "-f", "json").output)]
    assert changes == [
        ["agency police added"],
        ["case opened (risk: high, lead agency: asc)", "agency asc added"],
    ]


def test_other_cases_and_unreadable_versions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, "2026-11-01T09:00:00+00:00")
    book = make_repo(tmp_path / "book")
    ok(book, *NEW_CASE, "--commit")
    ok(book, *NEW_CASE, "--commit")  # SG-2026-0002: not part of SG-2026-0001's history
    append(case_file(book, "actions"), action("A1"))
    commit_all(book, "A1")
    text = case_file(book, "actions").read_text(encoding="utf-8")
    write(case_file(book, "actions"), "<<<<<<< HEAD\n" + text)
    commit_all(book, "oops: committed a conflict")
    write(case_file(book, "actions"), text.replace("status: open", "status: cancelled"))
    commit_all(book, "fixed")
    changes = [e["changes"] for e in json.loads(ok(book, "history", CASE, "-f", "json").output)]
    assert changes == [
        ["actions.yaml readable again"],
        [
            (
                "actions.yaml could not be read (line 1: git conflict marker: this file was not "
                "merged; resolve the conflict first)"
            )
        ],
        ["action A1 added (lead: asc, due 2026-12-03)"],
        ["case opened (risk: high, lead agency: asc)", "agency asc added"],
    ]


def test_history_in_a_large_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at(monkeypatch, "2026-11-01T09:00:00+00:00")
    book = make_repo(tmp_path / "book")
    ok(book, *NEW_CASE, "--commit")
    ok(book, *NEW_CASE, "--commit")
    other = "cases/SG-2026-0002/actions.yaml"
    stream = []
    for number in range(1, 1501):
        body = action(f"A{number}").encode()
        stream.append(
            b"commit refs/heads/main\n"
            b"committer Ann Tester <ann@example.org> 1793000000 +0000\n"
            b"data 4\nbusy\n"
            + (b"from refs/heads/main^0\n" if number == 1 else b"")
            + f"M 100644 inline {other}\ndata {len(body)}\n".encode()
            + body
            + b"\n"
        )
    subprocess.run(["git", "fast-import", "--quiet"], cwd=book, input=b"".join(stream), check=True)
    git(book, "reset", "-q", "--hard", "main")
    append(case_file(book, "actions"), action("A1"))
    commit_all(book, "A1")
    entries = json.loads(ok(book, "history", CASE, "-f", "json").output)
    assert [e["changes"][0] for e in entries] == [
        "action A1 added (lead: asc, due 2026-12-03)",
        "case opened (risk: high, lead agency: asc)",
    ]


def test_history_needs_git_and_a_known_case(tmp_path: Path) -> None:
    book = tmp_path / "plain"
    created = CliRunner().invoke(
        app, ["init", str(book), "--organisation", "T", "--jurisdiction", "england"]
    )
    assert created.exit_code == 0, created.output
    refused = cli(book, "history", CASE)
    assert refused.exit_code == 3
    assert "history needs the case book to be in a git repository" in refused.output
    repo = make_repo(tmp_path / "repo")
    unknown = cli(repo, "history", "SG-2026-0099")
    assert unknown.exit_code == 3 and "no case 'SG-2026-0099'" in unknown.output


def test_descriptions_never_carry_free_text_or_the_adults_details() -> None:
    old = {
        "case": CASE,
        "status": "open",
        "name": "Edith Marlow",
        "address": "4 Hawthorn Close",
        "risk_level": "high",
        "wishes": {"outcomes": ["Stay home"]},
        "concerns": [{"type": "financial", "summary": "Cash", "raised_on": date(2026, 11, 1)}],
    }
    new = {
        **old,
        "name": "Edie Marlow",
        "address": "5 Hawthorn Close",
        "risk_level": "medium",
        "wishes": {"outcomes": ["Move to my daughter's"]},
        "concerns": [
            {"type": "financial", "summary": "Cash and cards", "raised_on": date(2026, 11, 1)}
        ],
    }
    assert describe("adult", old, new) == [
        "risk level changed high → medium",
        "concern changed (financial, raised 2026-11-01)",
        "adult's wishes updated",
        "adult's details changed: name, address",
    ]


def test_an_event_is_described_by_its_kind_day_and_agency_not_its_summary() -> None:
    event = {"happened_on": date(2026, 11, 2), "kind": "police-call-out", "agency": "police"}
    old = {"case": CASE, "status": "open"}
    new = {**old, "events": [{**event, "summary": "Shouting heard by Mrs Jones"}]}
    assert describe("adult", old, new) == ["event added (police-call-out on 2026-11-02, police)"]
    edited = {**old, "events": [{**event, "summary": "Shouting heard"}]}
    assert describe("adult", new, edited) == [
        "event changed (police-call-out on 2026-11-02, police)"
    ]
    assert describe("adult", new, old) == ["event removed (police-call-out on 2026-11-02, police)"]


def test_meeting_and_action_descriptions() -> None:
    meeting = {
        "id": "M2",
        "type": "s42-review",
        "when": "2026-12-01T10:00",
        "status": "planned",
        "purpose": "Review",
        "invitees": [],
        "minutes": None,
    }
    cancelled = {**meeting, "status": "cancelled", "cancel_reason": "Adult in hospital"}
    moved = {**meeting, "when": "2026-12-02T10:00", "purpose": "Review the plan"}
    assert describe("meetings", [meeting], [cancelled]) == ["meeting M2 cancelled; reason recorded"]
    assert describe("meetings", [meeting], [moved]) == [
        "meeting M2 moved 2026-12-01T10:00 → 2026-12-02T10:00",
        "meeting M2 changed: purpose",
    ]
    assert describe("meetings", [meeting], []) == ["meeting M2 removed"]
    task = {
        "id": "A3",
        "lead": {"agency": "police", "name": "DC Lee Jones"},
        "due": "2026-12-03",
        "status": "open",
        "description": "Visit",
        "moves": [],
    }
    assert describe(
        "actions",
        [task],
        [{**task, "lead": {"agency": "gp", "name": "Dr O"}, "description": "Visit her at home"}],
    ) == ["action A3 lead changed police → gp", "action A3 changed: description"]
    assert describe(
        "actions", [task], [{**task, "status": "cancelled", "cancel_reason": "Moved away"}]
    ) == ["action A3 cancelled; reason recorded"]
    assert describe(
        "agencies",
        [{"handle": "gp", "people": [{"name": "Dr O"}]}],
        [
            {
                "handle": "gp",
                "people": [{"name": "Dr O", "phone": "1"}, {"name": "Kim"}, {"name": "Jo"}],
            }
        ],
    ) == ["agency gp: 2 people added", "agency gp: details of 1 person changed"]


def test_an_escape_sequence_in_an_author_name_is_shown_not_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate(monkeypatch)
    book = make_repo(tmp_path / "book", author="Eve\x1b[2J\x1b]0;pwn\x07")
    ok(book, *NEW_CASE, "--commit")
    result = ok(book, "history", CASE)
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "Eve^[]0;pwn" in result.output
