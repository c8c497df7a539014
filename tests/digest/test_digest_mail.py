"""`overdue --mail-dir`: one email per agency with only its items, to its people."""

from __future__ import annotations

import email
import json
import stat
from email import policy
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from safecli.cli.main import app
from safecli.store import roundtrip

AS_OF = "2026-12-20"


def run(book: Path, *args: str) -> Any:
    return CliRunner().invoke(app, ["--book", str(book), *args])


def messages(folder: Path) -> dict[str, email.message.EmailMessage]:
    found = {}
    for path in sorted(folder.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(message, email.message.EmailMessage)
        found[path.name] = message
    return found


def emails_of(book: Path, handle: str, cases: set[str]) -> set[str]:
    """The addresses of the agency's people in these cases."""
    found = set()
    for path in (book / "cases" / c / "agencies.yaml" for c in cases):
        data, _ = roundtrip.read(path, list)
        for agency in data:
            if agency["handle"] == handle:
                found |= {p["email"] for p in agency.get("people") or [] if p.get("email")}
    return found


def test_each_agency_gets_only_its_own_items(example_book: Path, tmp_path: Path) -> None:
    out = tmp_path / "outbox"
    result = run(
        example_book,
        "overdue",
        "--as-of",
        AS_OF,
        "--mail-dir",
        str(out),
        "--from",
        "hub@example.org",
    )
    assert result.exit_code == 0, result.output
    found = messages(out)
    assert "digest-2026-12-20-police.eml" in found
    assert f"wrote {out / 'digest-2026-12-20-police.eml'}" in result.stdout
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    for name, message in found.items():
        handle = name.removeprefix("digest-2026-12-20-").removesuffix(".eml")
        assert stat.S_IMODE((out / name).stat().st_mode) == 0o600
        listed = run(example_book, "overdue", "--as-of", AS_OF, "--agency", handle, "-f", "json")
        expected = json.loads(listed.stdout)["items"]
        body = message.get_content()
        assert f"{len(expected)} item" in message["Subject"]
        for item in expected:
            assert item["case"] in body
        to = {a.addr_spec for a in message["To"].addresses}
        assert to == emails_of(example_book, handle, {i["case"] for i in expected}), handle
        assert message["From"] == "hub@example.org"
        assert message["Message-ID"].strip().endswith("@example.org>")
        assert message["Subject"].startswith("OFFICIAL-SENSITIVE: digest for ")
    # an agency that is not concerned by an item has no line about it in its mail
    police = found["digest-2026-12-20-police.eml"].get_content()
    everything = json.loads(run(example_book, "overdue", "--as-of", AS_OF, "-f", "json").stdout)
    others = [
        i for i in everything["items"] if i["kind"].startswith("action") and i["agency"] != "police"
    ]
    assert others and all(f"  {i['action']}  {i['agency']}:" not in police for i in others)


def test_safe_by_default_no_adult_names(example_book: Path, tmp_path: Path) -> None:
    out = tmp_path / "outbox"
    run(
        example_book, "overdue", "--as-of", AS_OF, "--mail-dir", str(out), "--from", "h@example.org"
    )
    names = set()
    for path in (example_book / "cases").glob("*/adult.yaml"):
        data, _ = roundtrip.read(path, dict)
        names |= {str(data.get(k)) for k in ("name", "preferred_name") if data.get(k)}
    raw = "\n".join(m.get_content() for m in messages(out).values())
    assert names and not any(name in raw for name in names)


def test_a_maildir_gets_messages_in_new(example_book: Path, tmp_path: Path) -> None:
    maildir = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    result = run(
        example_book,
        "overdue",
        "--as-of",
        AS_OF,
        "--mail-dir",
        str(maildir),
        "--from",
        "h@example.org",
        "--agency",
        "police",
    )
    assert result.exit_code == 0, result.output
    assert list((maildir / "tmp").iterdir()) == []
    [delivered] = list((maildir / "new").iterdir())
    assert delivered.name.endswith(".safecli-police")
    message = email.message_from_bytes(delivered.read_bytes(), policy=policy.default)
    assert "digest for police" in str(message["Subject"])


def test_mail_dir_needs_a_sender(example_book: Path, tmp_path: Path) -> None:
    result = run(example_book, "overdue", "--mail-dir", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert "--mail-dir needs --from ADDRESS" in result.stderr
    assert not (tmp_path / "o").exists()


def test_an_agency_with_no_addresses_is_named(example_book: Path, tmp_path: Path) -> None:
    for path in (example_book / "cases").glob("*/agencies.yaml"):
        kept = [x for x in path.read_text().splitlines() if not x.strip().startswith("email:")]
        path.write_text("\n".join(kept) + "\n")
    out = tmp_path / "outbox"
    result = run(
        example_book, "overdue", "--as-of", AS_OF, "--mail-dir", str(out), "--from", "h@example.org"
    )
    assert result.exit_code == 0, result.output
    assert "no email address is recorded for anyone at police; its 10 item(s)" in result.stderr
    assert list(out.iterdir()) == []
