"""`safecli meeting …` end to end through the CLI: every type, the rules, prompts, lifecycle."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from meeting_book import (
    CASE,
    STRATEGY,
    WELSH,
    action,
    add_case,
    load,
    make_book,
    meeting,
    record_args,
    run,
    snapshot,
)

from safecli import shape
from safecli.policy.pack import load_policy

# type id -> (case, chair and any other flags the type needs)
TYPES = {
    "s42-strategy": (CASE, ("--chair", "asc:Helen Forsyth")),
    "s42-conference": (CASE, ("--chair", "asc:Helen Forsyth")),
    "s42-review": (CASE, ("--chair", "asc:Sam Patel")),
    "s126-strategy": (WELSH, ("--chair", "asc:Sam Patel")),
    "self-neglect": (CASE, ("--chair", "housing:Priya Shah")),
    "cuckooing": (CASE, ("--chair", "police:DC Lee Jones")),
    "professionals": (CASE, ("--chair", "gp:Dr Amara Okafor")),
    "best-interests": (
        CASE,
        ("--chair", "asc:Helen Forsyth", "--decision-maker", "health:Dr Ravi Menon"),
    ),
    "mdt": (CASE, ("--chair", "health:Dr Ravi Menon")),
    "cpa": (CASE, ("--chair", "cmht:Jo Carter")),
    "marac": (CASE, ("--chair", "police:DC Lee Jones")),
    "mappa": (CASE, ("--chair", "probation:Tom Reed")),
    "jag": (CASE, ("--chair", "police:DC Lee Jones")),
}


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return make_book(tmp_path)


def test_the_table_covers_every_built_in_type() -> None:
    assert set(TYPES) == set(load_policy().types)
    assert len(TYPES) == 13


@pytest.mark.parametrize("type_id", sorted(TYPES))
def test_every_meeting_type_is_created_with_flags(book: Path, type_id: str) -> None:
    case, flags = TYPES[type_id]
    result = run(
        book,
        "meeting",
        "new",
        case,
        "--type",
        type_id,
        "--format",
        "meeting",
        "--mode",
        "in-person",
        "--where",
        "Room 1, Town Hall",
        "--when",
        "2026-11-10 10:00",
        "--purpose",
        "Agree a plan",
        *flags,
        "--invite",
        "advocacy:Bea Rowe:Supports the adult",
        "--adult-invited",
        "--as-of",
        "2026-11-02",
    )
    assert result.exit_code == 0, result.output
    assert f"new meeting M1 ({type_id}) in {case}" in result.stdout
    assert f"wrote cases/{case}/meetings.yaml" in result.stdout
    stored = meeting(book, "M1", case)
    written_later = ("cancel_reason", "sequence", "uninvited", "convened_in")
    assert tuple(stored) == tuple(k for k in shape.MEETING.keys if k not in written_later)
    assert stored["type"] == type_id
    assert stored["status"] == "planned"
    assert stored["minutes"] is None
    assert stored["when"] == "2026-11-10T10:00"
    assert stored["chair"] == {"agency": flags[1].split(":")[0], "name": flags[1].split(":")[1]}
    assert stored["invitees"][0]["response"] == "invited"
    assert stored["adult"] == {"invited": True, "not_invited_reason": None}
    if type_id == "best-interests":
        assert stored["decision_maker"] == {"agency": "health", "name": "Dr Ravi Menon"}


def test_meeting_file_is_written_in_the_documented_layout(book: Path) -> None:
    assert run(book, *STRATEGY).exit_code == 0
    text = (book / "cases" / CASE / "meetings.yaml").read_text()
    assert (
        text
        == """\
- id: M1
  type: s42-strategy
  format: discussion
  mode: virtual
  when: 2026-11-03T10:00
  where: null
  link: null
  purpose: Agree protection
  chair: {agency: asc, name: Helen Forsyth}
  decision_maker: null
  status: planned
  invited_on: 2026-11-02
  adult:
    invited: false
    not_invited_reason: Seen alone the day before
  subjects: []
  agenda: []
  invitees:
    - person: {agency: police, name: DC Lee Jones}
      reason: Investigating
      response: invited
      deputy: null
      responded_on: null
    - person: {agency: gp, name: Dr Amara Okafor}
      reason: Raised the concern
      response: invited
      deputy: null
      responded_on: null
  minutes: null
"""
    )


def test_ids_count_up(book: Path) -> None:
    assert run(book, *STRATEGY).exit_code == 0
    result = run(book, *STRATEGY)
    assert "new meeting M2 (s42-strategy)" in result.stdout
    assert [m["id"] for m in load(book, "meetings")] == ["M1", "M2"]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2026-12-01 10:00", "2026-12-01T10:00"),
        ("2026-12-01T10:00", "2026-12-01T10:00"),
        ("today 16:30", "2026-11-02T16:30"),
        ("tomorrow 09:30", "2026-11-03T09:30"),
        ("fri 14:00", "2026-11-06T14:00"),
        ("+1w 10:00", "2026-11-09T10:00"),
        ("+1m 8:05", "2026-12-02T08:05"),
    ],
)
def test_when_accepts_every_date_time_form(book: Path, typed: str, stored: str) -> None:
    args = list(STRATEGY)
    args[args.index("--when") + 1] = typed
    assert run(book, *args).exit_code == 0
    assert meeting(book, "M1")["when"] == stored


def test_a_bad_time_is_refused(book: Path) -> None:
    args = list(STRATEGY)
    args[args.index("--when") + 1] = "2026-03-29 01:30"  # the clocks go forward
    before = snapshot(book)
    result = run(book, *args)
    assert result.exit_code == 3
    assert "does not exist" in result.stderr
    assert snapshot(book) == before


# --- the rulebook: a meeting that breaks a rule is refused, nothing written ------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--type", "s42-strategy", "--chair", "police:DC Lee Jones"),
            (
                "error ACC001 chair: M1 (s42-strategy) must be chaired by local-authority; "
                "the chair is from police (kind police)"
            ),
        ),
        (
            ("--type", "s42-conference", "--chair", "gp:Dr Amara Okafor"),
            "error ACC001 chair: M1 (s42-conference) must be chaired by local-authority",
        ),
        (
            ("--type", "s126-strategy", "--chair", "asc:Sam Patel"),
            "'s126-strategy' is not used in England: it is a Social Services and Well-being",
        ),
        (
            ("--type", "best-interests", "--chair", "asc:Sam Patel"),
            "error PRT003 M1: name the decision maker (decision_maker)",
        ),
        (
            ("--type", "mappa", "--chair", "asc:Sam Patel"),
            "error ACC001 chair: M1 (mappa) must be chaired by police or probation",
        ),
    ],
)
def test_type_rules_are_refused_with_the_guidance(
    book: Path, args: tuple[str, ...], message: str
) -> None:
    before = snapshot(book)
    result = run(
        book,
        "meeting",
        "new",
        CASE,
        *args,
        "--format",
        "meeting",
        "--mode",
        "telephone",
        "--when",
        "2026-11-10 10:00",
        "--purpose",
        "Plan",
        "--adult-invited",
        "--as-of",
        "2026-11-02",
    )
    assert result.exit_code == 3
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(book) == before


def test_an_english_type_is_refused_for_a_welsh_case(book: Path) -> None:
    before = snapshot(book)
    result = run(
        book,
        "meeting",
        "new",
        WELSH,
        "--type",
        "s42-strategy",
        "--format",
        "discussion",
        "--mode",
        "telephone",
        "--when",
        "2026-11-10 10:00",
        "--purpose",
        "Plan",
        "--chair",
        "asc:Sam Patel",
        "--adult-invited",
        "--as-of",
        "2026-11-02",
    )
    assert result.exit_code == 3
    assert "'s42-strategy' is not used in Wales: it is a Care Act 2014 s42" in result.stderr
    assert "use s126-strategy" in result.stderr
    assert snapshot(book) == before


def test_a_chair_who_is_the_decision_maker_is_a_warning_not_a_refusal(book: Path) -> None:
    result = run(
        book,
        "meeting",
        "new",
        CASE,
        "--type",
        "best-interests",
        "--format",
        "meeting",
        "--mode",
        "telephone",
        "--when",
        "2026-11-10 10:00",
        "--purpose",
        "Where to live",
        "--chair",
        "health:Dr Ravi Menon",
        "--decision-maker",
        "health:Dr Ravi Menon",
        "--adult-invited",
        "--as-of",
        "2026-11-02",
    )
    assert result.exit_code == 0
    assert (
        "cases/SG-2026-0001/meetings.yaml:9:3: warning ACC008 M1 (best-interests): the chair "
        "is also the decision maker" in result.stderr
    )


# --- bad references ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        (
            "--chair",
            "polce:DC Lee Jones",
            (
                "no agency 'polce' in SG-2026-0001 (agencies: asc, police, gp, health, cmht, housing, "
                "probation, advocacy); to add it: safecli agency add SG-2026-0001 polce"
            ),
        ),
        (
            "--chair",
            "asc:Sam Pattel",
            (
                "no person 'Sam Pattel' in agency 'asc' of SG-2026-0001 (people: Sam Patel, Helen "
                'Forsyth); to add them: safecli agency add SG-2026-0001 asc --person "Sam Pattel;role"'
            ),
        ),
        (
            "--invite",
            "police:DC Nobody:Investigating",
            "no person 'DC Nobody' in agency 'police' of SG-2026-0001 (people: DC Lee Jones)",
        ),
        (
            "--invite",
            "police:DC Lee Jones",
            "invalid invitee 'police:DC Lee Jones': write agency:Name:reason",
        ),
        ("--type", "s43-strategy", "unknown meeting type 's43-strategy'; known: s42-strategy"),
        ("--subject", "SG-2026-0099", "no case 'SG-2026-0099' in this book"),
    ],
)
def test_bad_references_are_refused_clearly(
    book: Path, flag: str, value: str, message: str
) -> None:
    args = list(STRATEGY)
    if flag in args and flag != "--invite":
        args[args.index(flag) + 1] = value
    else:
        args += [flag, value]
    before = snapshot(book)
    result = run(book, *args)
    assert result.exit_code == 3, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(book) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("meeting", "respond", CASE, "M9", "police:DC Lee Jones", "accepted"),
            "no meeting 'M9' in SG-2026-0001 (meetings: M1)",
        ),
        (("meeting", "show", CASE, "M2"), "no meeting 'M2'"),
        (
            ("meeting", "respond", CASE, "M1", "housing:Priya Shah", "accepted"),
            (
                "housing:Priya Shah is not invited to M1 (invitees: police:DC Lee Jones, "
                "gp:Dr Amara Okafor); invite them first: safecli meeting invite"
            ),
        ),
        (
            ("meeting", "respond", CASE, "M1", "police:DC Lee Jones", "maybe"),
            "invalid response 'maybe'",
        ),
        (
            ("meeting", "invite", CASE, "M1", "fire:Crew Manager", "--reason", "Fire risk"),
            "no agency 'fire'",
        ),
        (("meeting", "share", CASE, "M1", "--with", "police"), "M1 has no minutes yet"),
        (("action", "done", CASE, "A9"), "no action 'A9' in SG-2026-0001 (actions: none yet)"),
        (
            (
                "action",
                "add",
                CASE,
                "--meeting",
                "M7",
                "--lead",
                "asc:Sam Patel",
                "--due",
                "+1w",
                "Visit",
            ),
            "no meeting 'M7'",
        ),
        (("meeting", "new", "SG-2026-0404", "--type", "mdt"), "no case 'SG-2026-0404'"),
    ],
)
def test_unknown_things_are_refused_with_exit_3(
    book: Path, args: tuple[str, ...], message: str
) -> None:
    assert run(book, *STRATEGY).exit_code == 0
    before = snapshot(book)
    result = run(book, *args)
    assert result.exit_code == 3, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(book) == before


# --- no terminal: a missing value names its flag --------------------------------------


@pytest.mark.parametrize(
    ("dropped", "message"),
    [
        ("--type", "missing --type"),
        ("--when", "missing --when"),
        ("--chair", "missing --chair"),
        ("--purpose", "missing --purpose"),
        ("--adult-not-invited-reason", "missing --adult-invited or --adult-not-invited-reason"),
    ],
)
def test_no_terminal_missing_value_names_the_flag(book: Path, dropped: str, message: str) -> None:
    args = list(STRATEGY)
    at = args.index(dropped)
    del args[at : at + 2]
    before = snapshot(book)
    result = run(book, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert snapshot(book) == before


def test_in_person_needs_a_place(book: Path) -> None:
    args = list(STRATEGY)
    args[args.index("--mode") + 1] = "in-person"
    result = run(book, *args)
    assert result.exit_code == 2
    assert "missing --where" in result.stderr


# --- prompts (SAFECLI_INTERACTIVE=1) ------------------------------------------------------


def test_new_meeting_by_answering_prompts(tmp_path: Path) -> None:
    book = make_book(tmp_path, interpreter="Polish", needs_advocate=True)
    answers = [
        "",  # type: the suggestion, s42-strategy
        "",  # format: the suggestion, discussion
        "virtual",
        "fri 10:00",
        "https://meet.example.org/x",
        "Agree immediate protection",
        "",  # chair: the coordinator, asc:Sam Patel
        "n",  # asc:Helen Forsyth
        "y",
        "Investigating the theft",  # police:DC Lee Jones
        "y",
        "Raised the concern",  # gp:Dr Amara Okafor
        "n",  # gp:Kim Lo
        "n",  # health:Dr Ravi Menon
        "housing:Priya Shah",
        "Landlord; can change the locks",
        "",  # nobody else
        "y",  # the Polish interpreter is arranged
        "y",  # invite advocacy:Bea Rowe as the advocate
        "n",
        "Too unwell this week; the advocate brings her views",
    ]
    result = run(
        book,
        "meeting",
        "new",
        CASE,
        "--as-of",
        "2026-11-02",
        interactive=True,
        input="\n".join(answers) + "\n",
    )
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "Suggested meeting: s42-strategy (Safeguarding adult strategy discussion/meeting)" in out
    assert "the three tests of the Care Act 2014 s42 are met" in out
    assert "Discussion or meeting: discussion" in out
    assert "the risk is high: a discussion now" in out
    assert "Who to invite: Invite the adult and/or their representative" in out
    assert "The adult: the guidance expects the adult" in out
    stored = meeting(book, "M1")
    assert stored["type"] == "s42-strategy"
    assert stored["format"] == "discussion"
    assert stored["when"] == "2026-11-06T10:00"
    assert stored["link"] == "https://meet.example.org/x"
    assert stored["chair"] == {"agency": "asc", "name": "Sam Patel"}
    assert [
        (i["person"]["agency"], i["person"]["name"], i["reason"]) for i in stored["invitees"]
    ] == [
        ("police", "DC Lee Jones", "Investigating the theft"),
        ("gp", "Dr Amara Okafor", "Raised the concern"),
        ("housing", "Priya Shah", "Landlord; can change the locks"),
        (
            "advocacy",
            "Bea Rowe",
            "The adult's advocate: supports them to take part and to be heard",
        ),
    ]
    assert stored["agenda"] == []
    assert stored["adult"]["interpreter_arranged"] is True
    assert stored["adult"]["invited"] is False
    assert stored["adult"]["not_invited_reason"].startswith("Too unwell")


def test_prompts_ask_again_for_a_type_of_the_other_jurisdiction(book: Path) -> None:
    answers = [
        "s126-strategy",
        "best-interests",
        "meeting",
        "telephone",
        "2026-11-10 10:00",
        "Decide where to live",
        "",
        "health:Dr Ravi Menon",
        "",
        "y",
    ]
    result = run(
        book,
        "meeting",
        "new",
        CASE,
        "--as-of",
        "2026-11-02",
        interactive=True,
        input="\n".join(answers) + "\n",
    )
    assert result.exit_code == 0, result.output
    assert "'s126-strategy' is not used in England: it is a" in result.output
    stored = meeting(book, "M1")
    assert stored["type"] == "best-interests"
    assert stored["decision_maker"] == {"agency": "health", "name": "Dr Ravi Menon"}
    assert stored["adult"]["invited"] is True


def test_communication_needs_without_a_terminal_use_flags(tmp_path: Path) -> None:
    book = make_book(tmp_path, interpreter="Urdu", needs_advocate=True)
    result = run(book, *STRATEGY, "--interpreter-not-arranged", "--advocate-arranged")
    assert result.exit_code == 0
    assert meeting(book, "M1")["agenda"] == ["Advocate arranged for the adult"]
    assert meeting(book, "M1")["adult"]["interpreter_arranged"] is False
    result = run(book, *STRATEGY)
    assert "note: the adult needs an Urdu interpreter; say whether one is arranged" in result.stderr
    assert "note: the adult needs an advocate" in result.stderr


def test_the_interpreter_is_a_recorded_fact_set_by_new_and_update(tmp_path: Path) -> None:
    book = make_book(tmp_path, interpreter="Urdu")
    invited = [*STRATEGY[:-4], "--adult-invited", "--as-of", "2026-11-02"]
    result = run(book, *invited, "--interpreter-not-arranged")
    assert result.exit_code == 0, result.output
    assert (
        "warning EMP004 M1: the adult needs an interpreter, but the meeting records that "
        "none is arranged (adult.interpreter_arranged;" in " ".join(result.output.split())
    )
    updated = run(book, "meeting", "update", CASE, "M1", "--interpreter-arranged")
    assert updated.exit_code == 0, updated.output
    assert "updated M1: interpreter_arranged" in updated.output
    assert meeting(book, "M1")["adult"]["interpreter_arranged"] is True
    shown = run(book, "validate", "--no-cache", "--as-of", "2026-11-02")
    assert "EMP004" not in shown.output


# --- types and suggest -------------------------------------------------------------------


def test_types_as_table_and_json(book: Path) -> None:
    table = run(book, "meeting", "types")
    assert table.exit_code == 0
    for type_id in TYPES:
        assert type_id in table.stdout
    data = json.loads(run(book, "meeting", "types", "--format", "json").stdout)
    assert [t["id"] for t in data] == list(load_policy().types)
    strategy = next(t for t in data if t["id"] == "s42-strategy")
    assert strategy["chaired_by"] == ["local-authority"]
    assert strategy["invite"]["adult"] == "required"


def test_suggest_explains_and_warns(tmp_path: Path) -> None:
    book = make_book(tmp_path, concern="domestic")
    result = run(book, "meeting", "suggest", CASE)
    assert result.exit_code == 0
    assert "Suggested meeting: s42-strategy" in result.stdout
    assert "Discussion or meeting: discussion" in result.stdout
    assert (
        "! adults with care and support needs go through safeguarding, not MARAC" in result.stdout
    )
    data = json.loads(run(book, "meeting", "suggest", CASE, "--format", "json").stdout)
    assert data["type_id"] == "s42-strategy"
    assert data["format"] == "discussion"


def test_suggest_for_a_welsh_case(book: Path) -> None:
    result = run(book, "meeting", "suggest", WELSH)
    assert "Suggested meeting: s126-strategy" in result.stdout


# --- lifecycle: invite, respond, record, share, show, list, cancel --------------------


def test_invite_and_respond(book: Path) -> None:
    assert run(book, *STRATEGY).exit_code == 0
    result = run(
        book, "meeting", "invite", CASE, "M1", "housing:Priya Shah", "--reason", "Landlord"
    )
    assert result.exit_code == 0
    assert "invited housing:Priya Shah to M1" in result.stdout
    again = run(book, "meeting", "invite", CASE, "M1", "housing:Priya Shah", "--reason", "x")
    assert again.exit_code == 3
    assert "housing:Priya Shah is already invited to M1" in again.stderr
    assert (
        run(
            book,
            "meeting",
            "respond",
            CASE,
            "M1",
            "gp:Dr Amara Okafor",
            "deputy:Kim Lo",
            "--as-of",
            "2026-11-02",
        ).exit_code
        == 0
    )
    assert (
        run(
            book,
            "meeting",
            "respond",
            CASE,
            "M1",
            "housing:Priya Shah",
            "written-update",
            "--on",
            "yesterday",
            "--as-of",
            "2026-11-03",
        ).exit_code
        == 0
    )
    invitees = meeting(book, "M1")["invitees"]
    assert [(i["response"], i["deputy"], str(i["responded_on"])) for i in invitees] == [
        ("invited", None, "None"),
        ("deputy", "Kim Lo", "2026-11-02"),
        ("written-update", None, "2026-11-02"),
    ]
    no_name = run(book, "meeting", "respond", CASE, "M1", "gp:Dr Amara Okafor", "deputy")
    assert no_name.exit_code == 3
    assert "deputy:Name" in no_name.stderr


def test_record_with_flags(book: Path) -> None:
    assert run(book, *STRATEGY).exit_code == 0
    result = run(
        book,
        *record_args(
            "M1",
            "--apology",
            "gp:Dr Amara Okafor",
            "--written-update",
            "gp:Dr Amara Okafor",
            "--adults",
            "None identified",
            "--children",
            "No children in the house",
            "--wishes-obtained-by",
            "Home visit",
            "--disagreement",
            "police:DC Lee Jones|When to interview the son|Wait for the bank|no",
            "--feedback-how",
            "Home visit",
            "--feedback-by",
            "asc:Sam Patel",
            "--feedback-due",
            "+2d",
            "--engage-lead",
            "asc",
        ),
    )
    assert result.exit_code == 0, result.output
    assert "recorded meeting M1 of SG-2026-0001 as held on 2026-11-03" in result.stdout
    assert "Carried forward: no open actions from earlier meetings" in result.stdout
    stored = meeting(book, "M1")
    assert stored["status"] == "held"
    m = stored["minutes"]
    assert str(m["held_on"]) == "2026-11-03"
    assert m["attendees"] == [
        {"agency": "asc", "name": "Helen Forsyth"},
        {"agency": "police", "name": "DC Lee Jones"},
    ]
    assert m["risks"] == [
        {
            "risk": "More cash taken",
            "in_place": "Bank told",
            "barriers": "Son has her card",
            "actions": [],
        }
    ]
    assert m["others_at_risk"]["reviewed"] is True
    assert m["disagreements"][0]["escalated"] is False
    assert str(m["feedback"]["due"]) == "2026-11-05"
    assert m["engage_lead"] == "asc"
    assert m["shared"] == []
    again = run(book, *record_args())
    assert again.exit_code == 3
    assert "M1 is held; only a planned meeting can be recorded" in again.stderr


def test_record_warns_about_what_the_type_expects(book: Path) -> None:
    assert run(book, *STRATEGY).exit_code == 0
    result = run(
        book,
        "meeting",
        "record",
        CASE,
        "M1",
        "--held-on",
        "2026-11-03",
        "--attendee",
        "asc:Sam Patel",
        "--as-of",
        "2026-11-03",
    )
    assert result.exit_code == 0
    assert "warning PRT001 M1: the minutes record no risk assessment" in result.stderr
    assert "warning EMP001 the minutes of M1 (s42-strategy) do not record" in result.stderr


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--attendee", "police:DC Nobody"), "no person 'DC Nobody' in agency 'police'"),
        (("--risk", "Harm|x|y|A4"), "names unknown actions A4 (actions: none yet)"),
        (("--engage-lead", "bank"), "no agency 'bank'"),
        (
            ("--review-not-required", "Closing"),
            ("give a review date or why no review is needed, not both"),
        ),
        (("--disagreement", "police:DC Lee Jones|Timing|Agreed|perhaps"), "escalated is yes or no"),
        (("--capacity-outcome", "maybe"), "invalid capacity outcome 'maybe'"),
    ],
)
def test_record_refuses_bad_minutes(book: Path, extra: tuple[str, ...], message: str) -> None:
    assert run(book, *STRATEGY).exit_code == 0
    before = snapshot(book)
    result = run(book, *record_args("M1", *extra))
    assert result.exit_code == 3, result.output
    assert message in result.stderr
    assert snapshot(book) == before


def test_record_in_the_future_is_refused(book: Path) -> None:
    assert run(book, *STRATEGY).exit_code == 0
    result = run(book, *record_args("M1", "--as-of", "2026-11-01"))
    assert result.exit_code == 3
    assert "held on 2026-11-03 is in the future" in result.stderr


def test_record_prompts_at_a_terminal(book: Path) -> None:
    assert run(book, *STRATEGY).exit_code == 0
    assert (
        run(book, "meeting", "respond", CASE, "M1", "police:DC Lee Jones", "accepted").exit_code
        == 0
    )
    result = run(
        book,
        "meeting",
        "record",
        CASE,
        "M1",
        "--as-of",
        "2026-11-04",
        interactive=True,
        input="\n\n\nOnly one meeting was needed\n",
    )
    assert result.exit_code == 0, result.output
    m = meeting(book, "M1")["minutes"]
    assert str(m["held_on"]) == "2026-11-03"
    assert m["attendees"] == [
        {"agency": "asc", "name": "Helen Forsyth"},
        {"agency": "police", "name": "DC Lee Jones"},
    ]
    assert m["review"] == {"date": None, "not_required": "Only one meeting was needed"}


def test_share_show_list_and_cancel(book: Path) -> None:
    assert run(book, *STRATEGY).exit_code == 0
    assert run(book, *record_args()).exit_code == 0
    result = run(
        book,
        "meeting",
        "share",
        CASE,
        "M1",
        "--with",
        "police",
        "--with",
        "gp",
        "--on",
        "2026-11-04",
    )
    assert result.exit_code == 0
    assert run(
        book, "meeting", "share", CASE, "M1", "--with", "police", "--on", "2026-11-04"
    ).stdout.startswith("minutes of M1")
    shared = meeting(book, "M1")["minutes"]["shared"]
    assert [(s["agency"], str(s["shared_on"])) for s in shared] == [
        ("police", "2026-11-04"),
        ("gp", "2026-11-04"),
    ]
    show = run(book, "meeting", "show", CASE, "M1")
    assert show.exit_code == 0
    for text in (
        "Meeting M1 of SG-2026-0001: s42-strategy",
        "Status: held",
        "police:DC Lee Jones: invited; why: Investigating",
        "Minutes (held on 2026-11-03):",
        "Risk 1: More cash taken",
        "Minutes shared: police on 2026-11-04, gp on 2026-11-04",
    ):
        assert text in show.stdout
    assert run(book, *STRATEGY).exit_code == 0
    cancel = run(book, "meeting", "cancel", CASE, "M2", "--reason", "Held as one with M1")
    assert cancel.exit_code == 0
    stored = meeting(book, "M2")
    assert stored["status"] == "cancelled"
    assert list(stored).index("cancel_reason") == list(stored).index("status") + 1
    assert run(book, *record_args("M2")).exit_code == 3
    rows = json.loads(run(book, "meeting", "list", CASE, "--format", "json").stdout)
    assert [(r["id"], r["status"], r["shared_with"]) for r in rows] == [
        ("M1", "held", 2),
        ("M2", "cancelled", 0),
    ]
    csv = run(book, "meeting", "list", CASE, "--format", "csv").stdout
    assert csv.splitlines()[0] == (
        "id,type,format,mode,when,status,chair,invitees,accepted,held_on,shared_with,part_of"
    )
    assert "| M1 " in run(book, "meeting", "list", CASE, "--format", "markdown").stdout


def test_show_lists_actions_carried_forward(book: Path) -> None:
    assert run(book, *STRATEGY).exit_code == 0
    assert run(book, *record_args()).exit_code == 0
    assert (
        run(
            book,
            "action",
            "add",
            CASE,
            "--meeting",
            "M1",
            "--lead",
            "police:DC Lee Jones",
            "--due",
            "2026-11-17",
            "Interview the son",
        ).exit_code
        == 0
    )
    assert (
        run(
            book,
            "action",
            "add",
            CASE,
            "--meeting",
            "M1",
            "--lead",
            "asc:Sam Patel",
            "--due",
            "2026-11-10",
            "Ask the bank",
        ).exit_code
        == 0
    )
    assert run(book, "action", "done", CASE, "A2", "--on", "2026-11-09").exit_code == 0
    args = list(STRATEGY)
    args[args.index("s42-strategy")] = "s42-review"
    args[args.index("--when") + 1] = "2026-12-01 10:00"
    assert run(book, *args).exit_code == 0
    show = run(book, "meeting", "show", CASE, "M2").stdout
    assert (
        "Carried forward (actions from earlier meetings still open, to review):\n"
        "  A1 (M1) open, due 2026-11-17, lead police:DC Lee Jones: Interview the son\n"
    ) in show
    assert "A2" not in show.split("Carried forward")[1]
    data = json.loads(run(book, "meeting", "show", CASE, "M2", "--format", "json").stdout)
    assert data["carried_forward"] == ["A1"]
    recorded = run(
        book,
        "meeting",
        "record",
        CASE,
        "M2",
        "--held-on",
        "2026-12-01",
        "--attendee",
        "asc:Sam Patel",
        "--as-of",
        "2026-12-01",
    )
    assert "  A1 (M1) open, due 2026-11-17" in recorded.stdout


def test_commit_summary_is_built_from_ids(book: Path) -> None:
    import subprocess

    subprocess.run(["git", "init", "-q", str(book)], check=True)
    subprocess.run(
        [
            "git",
            "-C",
            str(book),
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@e",
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            "start",
        ],
        check=True,
    )
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@e",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@e",
    }
    assert run(book, *STRATEGY, "--commit", env=env).exit_code == 0
    assert run(book, *record_args("M1", "--commit"), env=env).exit_code == 0
    assert (
        run(
            book,
            "action",
            "add",
            CASE,
            "--meeting",
            "M1",
            "--lead",
            "police:DC Lee Jones",
            "--due",
            "+1w",
            "Interview the son",
            "--commit",
            env=env,
        ).exit_code
        == 0
    )
    log = subprocess.run(
        ["git", "-C", str(book), "log", "--format=%s"], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    assert log[:3] == [
        "SG-2026-0001: add action A1 (lead: police)",
        "SG-2026-0001: record meeting M1",
        "SG-2026-0001: new meeting M1 (s42-strategy)",
    ]


# --- the minutes form in $EDITOR ------------------------------------------------------


def _editor(tmp_path: Path, body: str) -> dict[str, str]:
    """An $EDITOR that copies the form it was given aside, then rewrites it with body."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import shutil, sys\n"
        f"shutil.copy(sys.argv[1], {str(tmp_path / 'seen.yaml')!r})\n"
        "text = open(sys.argv[1]).read()\n" + body
    )
    return {"EDITOR": f"{sys.executable} {script}", "VISUAL": ""}


FILL = (
    "text = text.replace('  - risk: null', '  - risk: Son returns')\n"
    "text = text.replace('  reviewed: false', '  reviewed: true')\n"
    "text = text.replace('decisions: []', 'decisions: [Keep the enquiry open]')\n"
    "text = text.replace('  views: null', '  views: Wants her money back')\n"
    "open(sys.argv[1], 'w').write(text)\n"
)


def test_record_in_the_editor(tmp_path: Path) -> None:
    book = make_book(tmp_path)
    assert run(book, *STRATEGY).exit_code == 0
    assert run(book, *record_args()).exit_code == 0
    assert (
        run(
            book,
            "action",
            "add",
            CASE,
            "--meeting",
            "M1",
            "--lead",
            "police:DC Lee Jones",
            "--due",
            "2026-11-17",
            "Interview the son",
        ).exit_code
        == 0
    )
    args = list(STRATEGY)
    args[args.index("s42-strategy")] = "s42-review"
    args[args.index("--when") + 1] = "2026-12-01 10:00"
    assert run(book, *args).exit_code == 0
    assert (
        run(book, "meeting", "respond", CASE, "M2", "police:DC Lee Jones", "accepted").exit_code
        == 0
    )
    assert (
        run(
            book, "meeting", "respond", CASE, "M2", "gp:Dr Amara Okafor", "written-update"
        ).exit_code
        == 0
    )
    result = run(
        book,
        "meeting",
        "record",
        CASE,
        "M2",
        "--edit",
        "--as-of",
        "2026-12-01",
        env=_editor(tmp_path, FILL),
    )
    assert result.exit_code == 0, result.output
    form = (tmp_path / "seen.yaml").read_text()
    assert (
        "# Actions still open from earlier meetings (review each one):\n"
        "#   A1 (M1), due 2026-11-17, lead police:DC Lee Jones: Interview the son\n" in form
    )
    assert "held_on: 2026-12-01\n" in form
    assert (
        "attendees:\n  - {agency: asc, name: Helen Forsyth}\n"
        "  - {agency: police, name: DC Lee Jones}\n" in form
    )
    assert "apologies:\n  - {agency: gp, name: Dr Amara Okafor}\n" in form
    assert "  A1 (M1) open, due 2026-11-17" in result.stdout
    m = meeting(book, "M2")["minutes"]
    assert m["decisions"] == ["Keep the enquiry open"]
    assert m["risks"][0]["risk"] == "Son returns"
    assert m["wishes"] == {"views": "Wants her money back", "obtained_by": None}
    assert m["written_updates"] == [{"agency": "gp", "name": "Dr Amara Okafor"}]
    assert list(book.glob("cases/*/.minutes-*")) == []


def test_a_broken_form_is_kept_aside_and_nothing_changes(book: Path, tmp_path: Path) -> None:
    assert run(book, *STRATEGY).exit_code == 0
    before = snapshot(book)
    broken = FILL + "open(sys.argv[1], 'a').write('mood: fine\\n')\n"
    result = run(
        book,
        "meeting",
        "record",
        CASE,
        "M1",
        "--edit",
        "--as-of",
        "2026-11-03",
        env=_editor(tmp_path, broken),
    )
    assert result.exit_code == 3
    assert "unknown field 'mood'" in result.stderr
    assert "minutes not recorded; your form is kept at .safecli/rejected/" in result.stderr
    kept = list((book / ".safecli" / "rejected").iterdir())
    assert len(kept) == 1
    assert "mood: fine" in kept[0].read_text()
    assert snapshot(book) == before


def test_an_unchanged_form_records_nothing(book: Path, tmp_path: Path) -> None:
    assert run(book, *STRATEGY).exit_code == 0
    before = snapshot(book)
    result = run(
        book,
        "meeting",
        "record",
        CASE,
        "M1",
        "--edit",
        "--as-of",
        "2026-11-03",
        env=_editor(tmp_path, ""),
    )
    assert result.exit_code == 3
    assert "the form was saved unchanged; nothing recorded" in result.stderr
    assert snapshot(book) == before


def test_a_broken_form_is_offered_again_at_a_terminal(book: Path, tmp_path: Path) -> None:
    assert run(book, *STRATEGY).exit_code == 0
    assert (
        run(book, "meeting", "respond", CASE, "M1", "police:DC Lee Jones", "accepted").exit_code
        == 0
    )
    # First pass breaks a person; the second pass (the file now holds the broken
    # text) mends it.
    body = (
        "if 'DC Nobody' in text:\n"
        "    text = text.replace('DC Nobody', 'DC Lee Jones')\n"
        "else:\n"
        "    text = text.replace('name: DC Lee Jones', 'name: DC Nobody')\n" + FILL
    )
    result = run(
        book,
        "meeting",
        "record",
        CASE,
        "M1",
        "--edit",
        "--as-of",
        "2026-11-03",
        env=_editor(tmp_path, body),
        interactive=True,
        input="y\n",
    )
    assert result.exit_code == 0, result.output
    assert "no person 'DC Nobody' in agency 'police'" in result.output
    assert "Edit them again?" in result.output
    assert meeting(book, "M1")["status"] == "held"


def test_edit_cannot_be_combined_with_minutes_flags(book: Path) -> None:
    assert run(book, *STRATEGY).exit_code == 0
    result = run(book, "meeting", "record", CASE, "M1", "--edit", "--decision", "x")
    assert result.exit_code == 2
    assert "leave out --decision" in result.stderr
    result = run(book, "meeting", "record", CASE, "M1", "--edit", "--no-children-at-risk")
    assert result.exit_code == 2
    assert "leave out --children-at-risk" in result.stderr


# --- a whole S42 strategy discussion at the shell, no YAML opened ---------------------


def test_end_to_end_s42_strategy_discussion(tmp_path: Path) -> None:
    root = tmp_path / "book"
    root.mkdir()
    (root / "safecli.yaml").write_text("jurisdiction: england\n")
    steps = [
        (
            "case",
            "new",
            "--name",
            "Ann Example",
            "--risk",
            "high",
            "--lead-agency",
            "asc",
            "--lead-agency-name",
            "Adult Social Care",
            "--coordinator",
            "Sam Patel",
            "--concern-type",
            "financial",
            "--concern-summary",
            "Son takes her pension",
            "--care-needs",
            "--at-risk",
            "--unable-to-protect",
            "--as-of",
            "2026-11-02",
        ),
        ("agency", "add", CASE, "asc", "--person", "Helen Forsyth;Team manager"),
        (
            "agency",
            "add",
            CASE,
            "police",
            "--name",
            "Police",
            "--kind",
            "police",
            "--person",
            "DC Lee Jones;Detective",
        ),
        (
            "agency",
            "add",
            CASE,
            "gp",
            "--name",
            "Surgery",
            "--kind",
            "gp",
            "--person",
            "Dr Amara Okafor;GP",
        ),
        (
            "meeting",
            "new",
            CASE,
            "--type",
            "s42-strategy",
            "--format",
            "discussion",
            "--mode",
            "telephone",
            "--when",
            "tomorrow 10:00",
            "--purpose",
            "Agree immediate protection",
            "--chair",
            "asc:Helen Forsyth",
            "--invite",
            "asc:Sam Patel:Allocated social worker",
            "--invite",
            "police:DC Lee Jones:Possible theft",
            "--invite",
            "gp:Dr Amara Okafor:Raised it",
            "--adult-not-invited-reason",
            "Son lives with her; seen alone today",
            "--as-of",
            "2026-11-02",
        ),
        (
            "meeting",
            "respond",
            CASE,
            "M1",
            "police:DC Lee Jones",
            "accepted",
            "--as-of",
            "2026-11-02",
        ),
        (
            "meeting",
            "respond",
            CASE,
            "M1",
            "gp:Dr Amara Okafor",
            "written-update",
            "--as-of",
            "2026-11-02",
        ),
        (
            "meeting",
            "record",
            CASE,
            "M1",
            "--held-on",
            "2026-11-03",
            "--attendee",
            "asc:Helen Forsyth",
            "--attendee",
            "asc:Sam Patel",
            "--attendee",
            "police:DC Lee Jones",
            "--apology",
            "gp:Dr Amara Okafor",
            "--written-update",
            "gp:Dr Amara Okafor",
            "--risk",
            "More of her pension taken|Nothing yet|Son holds the card",
            "--others-reviewed",
            "--children",
            "None in the household",
            "--wishes",
            "Wants her money back; no prosecution",
            "--wishes-obtained-by",
            "Visit on 2026-11-02",
            "--decision",
            "Proceed to an s42 enquiry",
            "--review",
            "+4w",
            "--feedback-how",
            "Home visit",
            "--feedback-by",
            "asc:Sam Patel",
            "--feedback-due",
            "+2d",
            "--as-of",
            "2026-11-03",
        ),
        (
            "action",
            "add",
            CASE,
            "--meeting",
            "M1",
            "--lead",
            "asc:Sam Patel",
            "--due",
            "fri",
            "--risk",
            "1",
            "Ask the bank to protect the account",
            "--as-of",
            "2026-11-03",
        ),
        (
            "action",
            "add",
            CASE,
            "--meeting",
            "M1",
            "--lead",
            "police:DC Lee Jones",
            "--due",
            "+2w",
            "Record the withdrawals as a crime",
            "--as-of",
            "2026-11-03",
        ),
        (
            "meeting",
            "share",
            CASE,
            "M1",
            "--with",
            "asc",
            "--with",
            "police",
            "--with",
            "gp",
            "--on",
            "2026-11-04",
        ),
        (
            "action",
            "move",
            CASE,
            "A2",
            "--to",
            "2026-11-24",
            "--reason",
            "Waiting for bank statements",
            "--lead-informed",
            "--risk-reassessed",
            "--as-of",
            "2026-11-10",
        ),
        ("action", "done", CASE, "A1", "--on", "2026-11-05", "--note", "Account flagged"),
    ]
    for step in steps:
        result = run(root, *step)
        assert result.exit_code == 0, (step, result.output)
    show = run(root, "meeting", "show", CASE, "M1")
    assert show.exit_code == 0
    shown = " ".join(show.stdout.split())
    for text in (
        "Meeting M1 of SG-2026-0001: s42-strategy",
        "Discussion, telephone, 2026-11-03T10:00",
        "Chair: asc:Helen Forsyth",
        "police:DC Lee Jones: accepted on 2026-11-02; why: Possible theft",
        "gp:Dr Amara Okafor: written-update on 2026-11-02",
        (
            "Risk 1: More of her pension taken; in place: Nothing yet; barriers: Son holds the "
            "card; actions: A1"
        ),
        "Review: 2026-12-01",
        "Feedback to the adult: Home visit by asc:Sam Patel, due 2026-11-05",
        "Minutes shared: asc on 2026-11-04, police on 2026-11-04, gp on 2026-11-04",
        "A1 (M1) done, due 2026-11-06, lead asc:Sam Patel: Ask the bank",
        "A2 (M1) open, due 2026-11-24 (moved 1x), lead police:DC Lee Jones",
    ):
        assert text in shown, text
    moves = action(root, "A2")["moves"]
    assert [str(moves[0][k]) for k in ("from", "to", "moved_on")] == [
        "2026-11-17",
        "2026-11-24",
        "2026-11-10",
    ]
    add_case(root, "SG-2026-0002")
    listing = json.loads(run(root, "action", "list", "--open", "--format", "json").stdout)
    assert [(r["case"], r["id"]) for r in listing] == [(CASE, "A2")]


def test_a_refused_type_given_as_a_flag_stops_before_any_prompt(book: Path) -> None:
    before = snapshot(book)
    result = run(
        book, "meeting", "new", CASE, "--type", "s126-strategy", interactive=True, input=""
    )
    assert result.exit_code == 3
    assert "'s126-strategy' is not used in England: it is a" in result.stderr
    assert "use s42-strategy" in result.stderr
    assert "Discussion or meeting [" not in result.output
    assert snapshot(book) == before
