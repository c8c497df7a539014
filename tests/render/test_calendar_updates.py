"""Calendar entries that update and cancel: one UID per meeting across versions and books,
SEQUENCE kept on the meeting, METHOD:CANCEL for a cancelled meeting and for an invitee
taken off it. Each calendar is read by two parsers: icalendar and vobject."""

from __future__ import annotations

import email
import sys
import uuid
from email import policy
from pathlib import Path
from typing import Any

import pytest
import vobject
from icalendar import Calendar
from test_render import make_book, run
from typer.testing import CliRunner

from safecli.cli.main import app
from safecli.store import roundtrip

CASE = "SG-2026-0100"
BOOK = uuid.uuid5(uuid.NAMESPACE_URL, "urn:safecli:book:Test Council")
UID_M3 = str(uuid.uuid5(BOOK, f"{CASE}/M3"))


@pytest.fixture
def rbook(tmp_path: Path) -> Path:
    return make_book(tmp_path / "book")


def ics(book: Path, *extra: str) -> str:
    result = run(
        book, "render", "invitation", CASE, "M3", "--format", "ics", "--as-of", "2026-12-02", *extra
    )
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def both(text: str) -> tuple[Any, Any]:
    """The event as icalendar and as vobject read it, after checking they agree."""
    cal = Calendar.from_ical(text)
    [event] = cal.walk("VEVENT")
    other = vobject.readOne(text)
    assert str(cal["METHOD"]) == other.method.value
    assert str(event["UID"]) == other.vevent.uid.value
    assert int(event.decoded("SEQUENCE")) == int(other.vevent.sequence.value)
    assert event.decoded("DTSTART") == other.vevent.dtstart.value
    assert str(event["STATUS"]) == other.vevent.status.value
    return cal, event


def ok(result: Any) -> str:
    assert result.exit_code == 0, result.output
    return str(result.output)


def meeting(book: Path) -> Any:
    data, _ = roundtrip.read(book / "cases" / CASE / "meetings.yaml", list)
    return next(m for m in data if m["id"] == "M3")


def test_an_update_keeps_the_uid_and_raises_the_sequence(rbook: Path) -> None:
    cal, event = both(ics(rbook))
    assert (str(cal["METHOD"]), str(event["UID"]), event.decoded("SEQUENCE")) == (
        "REQUEST",
        UID_M3,
        0,
    )
    out = ok(run(rbook, "meeting", "reschedule", CASE, "M3", "--when", "2026-12-16 14:00"))
    assert "calendar sequence 1; send the update: safecli render invitation" in out
    assert meeting(rbook)["sequence"] == 1
    assert list(meeting(rbook)).index("sequence") == list(meeting(rbook)).index("invited_on") + 1
    cal, event = both(ics(rbook))
    assert (str(event["UID"]), event.decoded("SEQUENCE")) == (UID_M3, 1)
    assert event.decoded("DTSTART").isoformat() == "2026-12-16T14:00:00+00:00"
    ok(run(rbook, "meeting", "reschedule", CASE, "M3", "--where", "Town Hall, room 2"))
    _, event = both(ics(rbook))
    assert (event.decoded("SEQUENCE"), str(event["LOCATION"])) == (2, "Town Hall, room 2")
    # the same values again change nothing, so the sequence stays
    same = ok(run(rbook, "meeting", "reschedule", CASE, "M3", "--where", "Town Hall, room 2"))
    assert "nothing changed" in same
    assert meeting(rbook)["sequence"] == 2


def test_a_meeting_not_sent_yet_keeps_its_sequence(rbook: Path) -> None:
    meetings = rbook / "cases" / CASE / "meetings.yaml"
    meetings.write_text(
        meetings.read_text().replace("  invited_on: 2026-12-01\n", "  invited_on: null\n")
    )
    out = ok(run(rbook, "meeting", "reschedule", CASE, "M3", "--when", "2026-12-16 14:00"))
    assert "sequence" not in out
    assert "sequence" not in meeting(rbook)


def test_a_cancelled_meeting_renders_a_cancel_with_the_same_uid(rbook: Path) -> None:
    ok(run(rbook, "meeting", "cancel", CASE, "M3", "--reason", "Replaced by a conference"))
    cal, event = both(ics(rbook))
    assert str(cal["METHOD"]) == "CANCEL"
    assert (str(event["UID"]), event.decoded("SEQUENCE")) == (UID_M3, 1)
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]).startswith("Cancelled: ")
    attendees = {str(a) for a in event["ATTENDEE"]}
    assert attendees == {"mailto:ann.chair@example.org", "mailto:lee.jones@example.org"}
    assert all("RSVP" not in a.params for a in event["ATTENDEE"])
    result = run(rbook, "render", "invitation", CASE, "M3", "--format", "eml")
    message = email.message_from_string(ok(result), policy=policy.default)
    assert message["Subject"].startswith("OFFICIAL-SENSITIVE: Cancelled: ")
    [part] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "CANCEL"
    assert str(Calendar.from_ical(part.get_content()).walk("VEVENT")[0]["UID"]) == UID_M3
    body = message.get_body(("plain",))
    assert body is not None and "This meeting is cancelled." in body.get_content()


def test_an_invitee_taken_off_gets_a_cancellation_and_the_rest_an_update(rbook: Path) -> None:
    out = ok(
        run(rbook, "meeting", "uninvite", CASE, "M3", "police:DC Lee Jones", "--reason", "Closed")
    )
    assert (
        'send them the cancellation: safecli render invitation SG-2026-0100 M3 --to "police:DC Lee Jones"'
        in out
    )
    stored = meeting(rbook)
    assert [dict(u["person"]) for u in stored["uninvited"]] == [
        {"agency": "police", "name": "DC Lee Jones"}
    ]
    assert stored["sequence"] == 1
    cal, event = both(ics(rbook, "--to", "police"))
    assert str(cal["METHOD"]) == "CANCEL"
    assert (str(event["UID"]), event.decoded("SEQUENCE")) == (UID_M3, 1)
    attendees = {str(a) for a in event["ATTENDEE"]}
    assert attendees == {"mailto:ann.chair@example.org", "mailto:lee.jones@example.org"}
    # everyone else gets the update: a REQUEST without them
    cal, event = both(ics(rbook))
    assert str(cal["METHOD"]) == "REQUEST"
    attendees = event.get("ATTENDEE")
    attendees = (
        [attendees] if attendees is not None and not isinstance(attendees, list) else attendees
    )
    assert {str(a) for a in attendees or []} == {"mailto:ann.chair@example.org"}
    refused = run(rbook, "render", "invitation", CASE, "M3", "--to", "police", "--format", "md")
    assert refused.exit_code == 3
    assert "was cancelled for police" in refused.stderr


def test_uids_differ_between_books_and_survive_an_upgrade(tmp_path: Path) -> None:
    one = make_book(tmp_path / "one")
    other = make_book(tmp_path / "other", organisation="Another Council")
    first = str(both(ics(one))[1]["UID"])
    assert first == UID_M3
    assert str(both(ics(other))[1]["UID"]) != first
    out = ok(run(one, "init", str(one), "--upgrade"))
    assert f"wrote {one / 'safecli.yaml'}" in out
    config = (one / "safecli.yaml").read_text()
    assert f"book_id: {BOOK}\n" in config
    assert str(both(ics(one))[1]["UID"]) == first
    # renaming the organisation now keeps the UIDs: the identity is written down
    (one / "safecli.yaml").write_text(config.replace("Test Council", "Test Borough Council"))
    assert str(both(ics(one))[1]["UID"]) == first
    assert "wrote" not in ok(run(one, "init", str(one), "--upgrade"))


def test_a_new_book_has_its_own_identity(tmp_path: Path) -> None:
    ids = set()
    for name in ("a", "b"):
        result = run(
            tmp_path,
            "init",
            str(tmp_path / name),
            "--organisation",
            "Same Council",
            "--jurisdiction",
            "england",
        )
        ok(result)
        text = (tmp_path / name / "safecli.yaml").read_text()
        [line] = [x for x in text.splitlines() if x.startswith("book_id: ")]
        ids.add(str(uuid.UUID(line.removeprefix("book_id: "))))
    assert len(ids) == 2


def test_an_edit_that_moves_a_sent_meeting_raises_its_sequence(rbook: Path, tmp_path: Path) -> None:
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('2026-12-15T10:00', '2026-12-17T09:30'))\n"
    )
    runner = CliRunner(env={"EDITOR": f"{sys.executable} {script}", "SAFECLI_INTERACTIVE": "0"})
    result = runner.invoke(app, ["--book", str(rbook), "edit", CASE, "meetings"])
    out = ok(result)
    assert "M3 was sent: its calendar sequence is now 1" in out
    assert meeting(rbook)["sequence"] == 1
    _, event = both(ics(rbook))
    assert event.decoded("SEQUENCE") == 1
    assert event.decoded("DTSTART").isoformat() == "2026-12-17T09:30:00+00:00"


def test_a_bad_book_id_is_refused_with_its_line(rbook: Path) -> None:
    config = rbook / "safecli.yaml"
    config.write_text(config.read_text() + "book_id: not-a-uuid\n")
    result = run(rbook, "render", "invitation", CASE, "M3", "--format", "ics")
    assert result.exit_code == 3
    assert "safecli.yaml:5:1: book_id must be a UUID" in result.stderr
