"""The merge driver with real git: branches that change the same case."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from gitbook import (
    CASE,
    NEW_CASE,
    action,
    append,
    case_file,
    cli,
    commit_all,
    git,
    isolate,
    make_repo,
    meeting,
    ok,
    write,
)

from safecli.store import roundtrip
from safecli.teamwork.mergetree import plain

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(monkeypatch)


def data(book: Path, kind: str) -> list[dict[str, object]]:
    loaded, _ = roundtrip.read(case_file(book, kind), list)
    return plain(loaded)  # type: ignore[no-any-return]


def book_with_case(tmp_path: Path, *, setup: bool = True) -> Path:
    """A book with one case, a held meeting M1 and an action A1, committed."""
    book = make_repo(tmp_path / "book", setup=setup)
    ok(book, *NEW_CASE, "--commit")
    write(case_file(book, "meetings"), meeting("M1", risk_actions="A1"))
    write(case_file(book, "actions"), action("A1"))
    commit_all(book, "M1 and A1")
    return book


def branch_adds(
    book: Path, *, agency: str, meeting_id: str, action_id: str, lead: str, kind: str
) -> None:
    """One practitioner's work: an agency, a meeting and an action agreed at it."""
    ok(
        book,
        "agency",
        "add",
        CASE,
        agency,
        "--name",
        f"{agency.title()} team",
        "--kind",
        agency if agency in ("police", "gp", "housing") else "other",
        "--person",
        f"{lead};Officer",
        "--commit",
    )
    append(case_file(book, "meetings"), meeting(meeting_id, kind=kind, when="2026-11-20T10:00"))
    append(
        case_file(book, "actions"),
        action(action_id, meeting=meeting_id, lead=f"{agency}:{lead}", due="2026-12-10"),
    )
    commit_all(book, f"{meeting_id} and {action_id} by {agency}")


def two_branches(book: Path) -> None:
    git(book, "checkout", "-q", "-b", "bob")
    branch_adds(
        book,
        agency="police",
        meeting_id="M2",
        action_id="A2",
        lead="DC Lee Jones",
        kind="professionals",
    )
    git(book, "checkout", "-q", "main")
    branch_adds(
        book, agency="gp", meeting_id="M2", action_id="A2", lead="Dr Amara Okafor", kind="mdt"
    )


def test_branches_adding_to_one_case_merge_cleanly_with_the_driver(tmp_path: Path) -> None:
    book = book_with_case(tmp_path)
    two_branches(book)
    merged = git(book, "merge", "-q", "--no-edit", "bob", check=False)
    assert merged.returncode == 0, merged.stderr
    assert "theirs' meeting M2 is now M3 (ours also added a different M2)" in merged.stderr
    assert "theirs' action A2 is now A3 (ours also added a different A2)" in merged.stderr
    assert [a["handle"] for a in data(book, "agencies")] == ["asc", "gp", "police"]
    assert [(m["id"], m["type"]) for m in data(book, "meetings")] == [
        ("M1", "professionals"),
        ("M2", "mdt"),
        ("M3", "professionals"),
    ]
    assert [(a["id"], a["meeting"], a["lead"]["agency"]) for a in data(book, "actions")] == [
        ("A1", "M1", "asc"),
        ("A2", "M2", "gp"),
        ("A3", "M3", "police"),
    ]
    assert git(book, "status", "--porcelain").stdout == ""
    ok(book, "case", "show", CASE)


def test_the_same_branches_conflict_without_the_driver(tmp_path: Path) -> None:
    book = book_with_case(tmp_path, setup=False)
    two_branches(book)
    merged = git(book, "merge", "-q", "--no-edit", "bob", check=False)
    assert merged.returncode == 1
    assert "CONFLICT (content)" in merged.stdout
    assert "<<<<<<< HEAD" in case_file(book, "actions").read_text(encoding="utf-8")


@pytest.mark.parametrize("ann_meetings", ["untouched", "linked and reworded", "linked alike"])
def test_same_new_action_id_is_renumbered_and_references_follow(
    tmp_path: Path, ann_meetings: str
) -> None:
    book = book_with_case(tmp_path)
    meetings_base = case_file(book, "meetings").read_text(encoding="utf-8")
    linked = meetings_base.replace("[A1]", "[A1, A2]")
    git(book, "checkout", "-q", "-b", "bob")
    append(case_file(book, "actions"), action("A2", lead="asc:Bob Okoro", due="2026-12-11"))
    write(case_file(book, "meetings"), linked)
    commit_all(book, "bob: A2 for the money risk")
    git(book, "checkout", "-q", "main")
    append(case_file(book, "actions"), action("A2", lead="asc:Ann Tester", due="2026-12-12"))
    if ann_meetings == "linked and reworded":
        write(
            case_file(book, "meetings"),
            linked.replace(
                "        actions: [A1, A2]",
                "        in_place: Bank told\n        actions: [A1, A2]",
            ),
        )
    elif ann_meetings == "linked alike":
        write(case_file(book, "meetings"), linked)
    commit_all(book, "ann: A2")
    merged = git(book, "merge", "-q", "--no-edit", "bob", check=False)
    actions = (
        {a["id"]: a["lead"]["name"] for a in data(book, "actions")}
        if merged.returncode == 0
        else None
    )
    if ann_meetings == "untouched":
        # git takes bob's meetings.yaml as it is: bob keeps A2, ann's becomes A3
        assert merged.returncode == 0, merged.stderr
        assert "ours' action A2 is now A3" in merged.stderr
        assert actions == {"A1": "Sam Patel", "A3": "Ann Tester", "A2": "Bob Okoro"}
        assert data(book, "meetings")[0]["minutes"]["risks"][0]["actions"] == ["A1", "A2"]
    elif ann_meetings == "linked and reworded":
        # the driver merges both files: bob's A2 becomes A3 in both
        assert merged.returncode == 0, merged.stderr
        assert "theirs' action A2 is now A3" in merged.stderr
        assert actions == {"A1": "Sam Patel", "A2": "Ann Tester", "A3": "Bob Okoro"}
        assert data(book, "meetings")[0]["minutes"]["risks"] == [
            {"risk": "Money taken", "in_place": "Bank told", "actions": ["A1", "A2", "A3"]}
        ]
    else:
        # meetings.yaml is the same on both sides: whose A2 it means is unclear
        assert merged.returncode == 1
        assert "theirs' action A2 is now A3" in merged.stderr
        assert re.search(
            r"actions\.yaml:\d+: conflict: action A3: both sides added action A2", merged.stderr
        ), merged.stderr
        refused = cli(book, "action", "list", CASE)
        assert refused.exit_code == 3 and "git conflict marker" in refused.output


def test_a_rebase_renumbers_the_replayed_commits_ids(tmp_path: Path) -> None:
    book = book_with_case(tmp_path)
    meetings_base = case_file(book, "meetings").read_text(encoding="utf-8")
    git(book, "checkout", "-q", "-b", "bob")
    append(case_file(book, "actions"), action("A2", lead="asc:Bob Okoro"))
    write(case_file(book, "meetings"), meetings_base.replace("[A1]", "[A1, A2]"))
    commit_all(book, "bob: A2")
    git(book, "checkout", "-q", "main")
    append(case_file(book, "actions"), action("A2", lead="asc:Ann Tester"))
    write(
        case_file(book, "meetings"),
        meetings_base.replace("held_on: 2026-11-10", "held_on: 2026-11-11"),
    )
    commit_all(book, "ann: A2")
    git(book, "checkout", "-q", "bob")
    rebased = git(book, "rebase", "main", check=False)
    assert rebased.returncode == 0, rebased.stderr
    assert [(a["id"], a["lead"]["name"]) for a in data(book, "actions")] == [
        ("A1", "Sam Patel"),
        ("A2", "Ann Tester"),
        ("A3", "Bob Okoro"),
    ]
    minutes = data(book, "meetings")[0]["minutes"]
    assert (str(minutes["held_on"]), minutes["risks"][0]["actions"]) == ("2026-11-11", ["A1", "A3"])


def test_same_field_changed_on_both_branches_is_a_conflict_safecli_refuses(tmp_path: Path) -> None:
    book = book_with_case(tmp_path)
    git(book, "checkout", "-q", "-b", "bob")
    ok(book, "agency", "add", CASE, "police", "--name", "Police", "--kind", "police", "--commit")
    write(case_file(book, "actions"), action("A1", due="2026-12-17"))
    commit_all(book, "bob: A1 later")
    git(book, "checkout", "-q", "main")
    write(case_file(book, "actions"), action("A1", due="2026-12-10"))
    commit_all(book, "ann: A1 later")
    merged = git(book, "merge", "-q", "--no-edit", "bob", check=False)
    assert merged.returncode != 0
    assert re.search(
        r"actions\.yaml:5: conflict: action A1: due: both sides changed it", merged.stderr
    ), merged.stderr
    text = case_file(book, "actions").read_text(encoding="utf-8")
    assert text.split("\n")[4:11] == [
        "<<<<<<< ours",
        "  # safecli: action A1: due: both sides changed it; ours is kept below",
        "  # ours: 2026-12-10",
        "=======",
        "  # theirs: 2026-12-17",
        ">>>>>>> theirs",
        "  due: 2026-12-10",
    ]
    assert [a["handle"] for a in data(book, "agencies")] == ["asc", "police"]
    where = f"cases/{CASE}/actions.yaml:5:1: git conflict marker"
    for command in (["case", "show", CASE], ["action", "list", CASE]):
        refused = cli(book, *command)
        assert refused.exit_code == 3, refused.output
        assert where in refused.output
    validate = cli(book, "validate", CASE)
    if "No such command" not in validate.output:
        assert validate.exit_code != 0
        assert "actions.yaml:5" in validate.output


def test_comments_of_untouched_items_survive_a_merge(tmp_path: Path) -> None:
    book = book_with_case(tmp_path)
    commented = (
        "# Actions for this case. Cancel an action rather than deleting it.\n"
        + action("A1").replace("due: 2026-12-03", "due: 2026-12-03   # bank shuts early Fri")
        + "\n# The GP's actions.\n"
        + action("A2", lead="asc:Sam Patel", description="Review weight")
    )
    write(case_file(book, "actions"), commented)
    commit_all(book, "comments")
    git(book, "checkout", "-q", "-b", "bob")
    append(case_file(book, "actions"), action("A3", lead="asc:Bob Okoro"))
    commit_all(book, "bob: A3")
    git(book, "checkout", "-q", "main")
    write(
        case_file(book, "actions"),
        case_file(book, "actions")
        .read_text(encoding="utf-8")
        .replace("description: Review weight", "description: Review weight and diet"),
    )
    commit_all(book, "ann: A2 wording")
    merged = git(book, "merge", "-q", "--no-edit", "bob", check=False)
    assert merged.returncode == 0, merged.stderr
    assert case_file(book, "actions").read_text(encoding="utf-8") == (
        commented.replace("description: Review weight", "description: Review weight and diet")
        + "\n"
        + action("A3", lead="asc:Bob Okoro")
    )
