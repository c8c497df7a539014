from __future__ import annotations

import dataclasses
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml
from ruamel.yaml import YAML

from safecli.errors import FileFormatError, InvalidInput
from safecli.model import AGENCY_KINDS
from safecli.policy.pack import (
    ANY,
    Invite,
    MeetingType,
    load_policy,
)

TYPE_IDS = [
    "s42-strategy", "s42-conference", "s42-review", "s126-strategy", "self-neglect",
    "cuckooing", "professionals", "best-interests", "mdt", "cpa", "marac", "mappa", "jag",
]  # fmt: skip
FIELDS = {f.name for f in dataclasses.fields(MeetingType)} - {"id"}
INVITE_FIELDS = {f.name for f in dataclasses.fields(Invite)}
S42_CHAIR = (
    "S42 strategy meetings and conferences are always chaired by the local authority "
    "(Care Act 2014 s42; multi-agency strategy guidance)"
)


def test_pack_has_the_thirteen_types_in_order() -> None:
    assert list(load_policy().types) == TYPE_IDS


def test_pack_spells_out_every_field_of_every_type() -> None:
    raw = yaml.safe_load(
        (files("safecli.policy") / "meeting_types.yaml").read_text(encoding="utf-8")
    )
    for type_id, fields in raw.items():
        assert set(fields) == FIELDS, type_id
        assert set(fields["invite"]) == INVITE_FIELDS, type_id
    for mt in load_policy().types.values():
        assert mt.name and mt.framework and mt.purpose, mt.id
        assert mt.expectations and mt.outputs and mt.invite.notes, mt.id


def test_every_kind_named_is_a_known_agency_kind() -> None:
    policy = load_policy()
    for mt in policy.types.values():
        named = {*mt.convened_by, *mt.chaired_by, *(mt.joint_chair or ()), *mt.invite.kinds}
        assert named <= {*AGENCY_KINDS, ANY}, mt.id
        assert mt.counterpart is None or mt.counterpart in policy.types


def test_pack_carries_the_rules_of_the_guidance() -> None:
    types = load_policy().types
    assert types["s42-strategy"].chaired_by == ("local-authority",)
    assert types["s42-strategy"].seniority is not None
    assert types["s42-strategy"].follow_up == "optional"
    assert types["s126-strategy"].jurisdiction == "wales"
    assert {"feedback", "others_at_risk"} <= set(types["s126-strategy"].must_record)
    assert types["self-neglect"].follow_up == "required"
    assert "engage_lead" in types["self-neglect"].must_record
    assert types["self-neglect"].invite.adult == "wherever-possible"
    assert types["cuckooing"].follow_up == "required"
    assert {"engage_lead", "disagreements"} <= set(types["cuckooing"].must_record)
    assert types["best-interests"].needs_decision_maker is True
    assert types["best-interests"].chair_not_decision_maker is True
    assert "capacity" in types["best-interests"].must_record
    assert types["marac"].follow_up == "not-used"
    assert "safeguarding" in (types["marac"].notes or "")
    assert types["professionals"].replaces_statutory is False
    assert types["jag"].joint_chair == ("local-authority", "police")


def test_get_unknown_type_lists_the_known_ones() -> None:
    with pytest.raises(InvalidInput) as caught:
        load_policy().get("s43-strategy")
    assert (
        caught.value.message == f"unknown meeting type 's43-strategy'; known: {', '.join(TYPE_IDS)}"
    )


def test_for_jurisdiction_keeps_types_of_that_country_and_any() -> None:
    policy = load_policy()
    wales = [mt.id for mt in policy.for_jurisdiction("wales")]
    england = [mt.id for mt in policy.for_jurisdiction("england")]
    assert wales == [t for t in TYPE_IDS if not t.startswith("s42-")]
    assert england == [t for t in TYPE_IDS if t != "s126-strategy"]
    with pytest.raises(InvalidInput):
        policy.for_jurisdiction("scotland")


def test_override_changes_only_the_given_fields() -> None:
    base = load_policy().get("self-neglect")
    changed = load_policy(
        {"self-neglect": {"follow_up": "optional", "invite": {"adult": "required"}}}
    )
    assert changed.get("self-neglect") == dataclasses.replace(
        base, follow_up="optional", invite=dataclasses.replace(base.invite, adult="required")
    )
    assert changed.get("marac") == load_policy().get("marac")


def test_a_book_can_add_a_type_with_sensible_defaults() -> None:
    policy = load_policy(
        {"hospital-discharge": {"name": "Discharge planning", "framework": "Local"}}
    )
    added = policy.get("hospital-discharge")
    assert list(policy.types)[-1] == "hospital-discharge"
    assert (added.name, added.framework, added.jurisdiction) == (
        "Discharge planning",
        "Local",
        None,
    )
    assert added.chaired_by == (ANY,) and added.convened_by == (ANY,)
    assert added.follow_up == "optional" and added.must_record == ()
    assert added.invite == Invite((), "as-appropriate", False, False, None)


BROKEN: list[tuple[Any, str]] = [
    ({"self-neglect": {"follow_up": "soon"}},
     "meeting_types.self-neglect.follow_up: must be one of required, optional, not-used"),
    ({"self-neglect": {"colour": "red"}},
     "meeting_types.self-neglect.colour: unknown field; known fields: " + ", ".join(
         f.name for f in dataclasses.fields(MeetingType)[1:])),
    ({"mdt": {"name": 3}}, "meeting_types.mdt.name: must be non-empty text"),
    ({"mdt": {"jurisdiction": "scotland"}},
     "meeting_types.mdt.jurisdiction: must be one of england, wales or null"),
    ({"mdt": {"needs_decision_maker": "yes"}},
     "meeting_types.mdt.needs_decision_maker: must be true or false"),
    ({"jag": {"chaired_by": ["police", "council"]}},
     "meeting_types.jag.chaired_by: unknown agency kind 'council'; known: "
     + ", ".join(AGENCY_KINDS)),
    ({"jag": {"chaired_by": "police"}},
     "meeting_types.jag.chaired_by: must be a list of agency kinds or [any]"),
    ({"jag": {"convened_by": ["any", "police"]}},
     "meeting_types.jag.convened_by: [any] cannot be combined with other kinds"),
    ({"cpa": {"invite": {"adult": "always"}}},
     ("meeting_types.cpa.invite.adult: must be one of required, wherever-possible, "
     "as-appropriate, not-usual")),
    ({"cpa": {"invite": {"kinds": ["any"]}}},
     "meeting_types.cpa.invite.kinds: unknown agency kind 'any'; known: " + ", ".join(AGENCY_KINDS)),
    ({"cpa": {"must_record": ["minutes"]}},
     ("meeting_types.cpa.must_record: unknown record item 'minutes'; known: risks, "
     "others_at_risk, wishes, engage_lead, capacity, review, feedback, disagreements, decisions")),
    ({"cpa": "off"}, "meeting_types.cpa: must be a mapping of fields"),
    ({"new-type": {"name": "New"}}, "meeting_types.new-type.framework: required field is missing"),
    ({"New Type": {"name": "New", "framework": "Local"}},
     "meeting_types.New Type: a meeting type id is lowercase letters, digits and hyphens"),
    ({"mdt": {"counterpart": "s99-strategy"}},
     "meeting_types.mdt.counterpart: unknown meeting type 's99-strategy'"),
]  # fmt: skip


@pytest.mark.parametrize(("overrides", "message"), BROKEN)
def test_broken_override_names_the_key_path(overrides: Any, message: str) -> None:
    with pytest.raises(FileFormatError) as caught:
        load_policy(overrides, source=Path("book/safecli.yaml"))
    assert caught.value.message == message
    assert caught.value.path == Path("book/safecli.yaml")


def test_meeting_types_must_be_a_mapping() -> None:
    with pytest.raises(FileFormatError) as caught:
        load_policy(["mdt"])  # type: ignore[arg-type]
    assert caught.value.message == "meeting_types: must be a mapping of meeting type id to fields"


def test_error_points_at_the_line_when_loaded_by_ruamel() -> None:
    text = "jurisdiction: england\nmeeting_types:\n  mdt:\n    purpose: x\n    follow_up: later\n"
    book = YAML().load(text)
    with pytest.raises(FileFormatError) as caught:
        load_policy(book["meeting_types"], source=Path("safecli.yaml"))
    assert str(caught.value) == (
        "safecli.yaml:5:5: meeting_types.mdt.follow_up: must be one of required, optional, not-used"
    )


def test_the_fast_reader_reads_the_built_in_pack_as_pyyaml_does() -> None:
    from safecli.policy.pack import _builtin

    text = (files("safecli.policy") / "meeting_types.yaml").read_text(encoding="utf-8")
    base, _ = _builtin()
    assert base == yaml.load(text, Loader=yaml.CSafeLoader)
