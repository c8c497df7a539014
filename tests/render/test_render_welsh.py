"""The professionals' documents in Welsh: Welsh first in Wales, or each person's language."""

from __future__ import annotations

from pathlib import Path

import html5lib
from test_render import run

from safecli import shape
from safecli.render import words

AS_OF = ("--as-of", "2026-12-01")


def add_person(book: Path, case: str, meeting: str, who: str, *needs: str) -> None:
    """A police officer with recorded needs (--language, --large-print), invited."""
    added = run(book, "agency", "add", case, "police", "--person", f"{who};Officer", *needs)
    assert added.exit_code == 0, added.output
    invited = run(
        book, "meeting", "invite", case, meeting, f"police:{who}", "--reason", "Police view"
    )
    assert invited.exit_code == 0, invited.output


def test_an_invitee_gets_their_recorded_language(example_book: Path) -> None:
    # SG-2026-0002 is a case in Wales: both languages unless the person's is recorded.
    add_person(example_book, "SG-2026-0002", "M2", "DC Sian Evans", "--language", "en")
    english = run(
        example_book,
        "render",
        "invitation",
        "SG-2026-0002",
        "M2",
        "--to",
        "police:DC Sian Evans",
        *AS_OF,
    )
    assert english.exit_code == 0, english.output
    assert "Dear DC Sian Evans," in english.stdout and "Annwyl" not in english.stdout
    both = run(
        example_book,
        "render",
        "invitation",
        "SG-2026-0002",
        "M2",
        "--to",
        "police:DS Huw Jenkins",
        *AS_OF,
    )
    assert both.stdout.index("Annwyl DS Huw Jenkins,") < both.stdout.index("Dear DS Huw Jenkins,")
    # In England, a Welsh speaker's invitation is in Welsh only; --lang overrides.
    add_person(example_book, "SG-2026-0001", "M3", "PC Dafydd Rees", "--language", "cy")
    welsh = run(
        example_book,
        "render",
        "invitation",
        "SG-2026-0001",
        "M3",
        "--to",
        "police:PC Dafydd Rees",
        *AS_OF,
    )
    assert "Annwyl PC Dafydd Rees," in welsh.stdout and "Dear " not in welsh.stdout
    assert "Fe'ch gwahoddir i'r cyfarfod hwn ar ran" in welsh.stdout
    asked = run(
        example_book,
        "render",
        "invitation",
        "SG-2026-0001",
        "M3",
        "--to",
        "police:PC Dafydd Rees",
        "--lang",
        "en",
        *AS_OF,
    )
    assert "Dear PC Dafydd Rees," in asked.stdout and "Annwyl" not in asked.stdout
    general = run(example_book, "render", "invitation", "SG-2026-0001", "M3", *AS_OF)
    assert "Dear colleague," in general.stdout and "Annwyl" not in general.stdout


def test_the_calendar_and_email_are_bilingual_in_wales(example_book: Path) -> None:
    ics = run(example_book, "render", "invitation", "SG-2026-0002", "M2", "-f", "ics", *AS_OF)
    assert ics.exit_code == 0, ics.output
    text = ics.stdout.replace("\r\n", "\n").replace("\n ", "")
    assert (
        "SUMMARY:Cyfarfod strategaeth (Cymru) — SG-2026-0002 / Strategy meeting (Wales) — SG-2026-0002"
        in text
    )
    assert text.index("SWYDDOGOL-SENSITIF") < text.index("OFFICIAL-SENSITIVE")
    eml = run(example_book, "render", "invitation", "SG-2026-0002", "M2", "-f", "eml", *AS_OF)
    assert eml.exit_code == 0, eml.output
    assert "Subject: SWYDDOGOL-SENSITIF: Gwahoddiad: Cyfarfod strategaeth (Cymru)," in eml.stdout
    assert eml.stdout.index("Annwyl gydweithiwr,") < eml.stdout.index("Dear colleague,")


def test_a_bilingual_page_is_valid_html_with_welsh_first(example_book: Path) -> None:
    page = run(
        example_book, "render", "invitation", "SG-2026-0002", "M2", "-f", "html", *AS_OF
    ).stdout
    html5lib.HTMLParser(strict=True).parse(page)
    assert page.startswith('<!DOCTYPE html>\n<html lang="cy">')
    assert page.index('<article lang="cy">') < page.index('<article lang="en-GB">')
    assert "SWYDDOGOL-SENSITIF / OFFICIAL-SENSITIVE" in page
    assert '"Tudalen / Page " counter(page)' in page


def test_lang_chooses_for_minutes_and_plan(example_book: Path) -> None:
    welsh = run(example_book, "render", "minutes", "SG-2026-0001", "M2", "--lang", "cy", *AS_OF)
    assert welsh.exit_code == 0, welsh.output
    assert (
        welsh.stdout.startswith("**SWYDDOGOL-SENSITIF**")
        and "OFFICIAL-SENSITIVE" not in welsh.stdout
    )
    plan = run(example_book, "render", "plan", "SG-2026-0002", "--lang", "en", *AS_OF)
    assert plan.stdout.startswith("**OFFICIAL-SENSITIVE**") and "SWYDDOGOL" not in plan.stdout
    both = run(example_book, "render", "plan", "SG-2026-0002", *AS_OF)
    assert both.stdout.index("# Cynllun amddiffyn") < both.stdout.index("# Protection plan")
    unknown = run(example_book, "render", "minutes", "SG-2026-0001", "M2", "--lang", "fr")
    assert unknown.exit_code == 3
    assert "unknown --lang 'fr'" in unknown.stderr


def test_an_invitee_gets_their_recorded_large_print(example_book: Path) -> None:
    add_person(example_book, "SG-2026-0002", "M2", "PC Tom Reed", "--large-print", "20")
    agencies = (example_book / "cases" / "SG-2026-0002" / "agencies.yaml").read_text()
    assert "    large_print: 20\n" in agencies
    to = ("--to", "police:PC Tom Reed", "-f", "html", *AS_OF)
    page = run(example_book, "render", "invitation", "SG-2026-0002", "M2", *to).stdout
    html5lib.HTMLParser(strict=True).parse(page)
    assert "body, table.data, .org { font-size: 20pt; }" in page  # on the bilingual page too
    english = run(example_book, "render", "invitation", "SG-2026-0002", "M2", *to, "--lang", "en")
    assert "font-size: 20pt" in english.stdout
    others = run(example_book, "render", "invitation", "SG-2026-0002", "M2", "-f", "html", *AS_OF)
    assert "font-size: 20pt" not in others.stdout
    lone = run(example_book, "agency", "add", "SG-2026-0002", "police", "--large-print", "20")
    assert lone.exit_code == 2 and "give --person too" in lone.stderr


def test_a_cancellation_in_wales_is_bilingual(example_book: Path) -> None:
    cancelled = run(example_book, "meeting", "cancel", "SG-2026-0002", "M2", "--reason", "Moved")
    assert cancelled.exit_code == 0, cancelled.output
    eml = run(example_book, "render", "invitation", "SG-2026-0002", "M2", "-f", "eml", *AS_OF)
    assert eml.exit_code == 0, eml.output
    body = eml.stdout.replace("=\n", "")
    assert "Subject: SWYDDOGOL-SENSITIF: Wedi'i ganslo:" in eml.stdout
    assert body.index("Mae'r cyfarfod hwn wedi'i ganslo.") < body.index(
        "This meeting is cancelled."
    )


def test_an_override_without_a_content_block_cannot_be_bilingual(example_book: Path) -> None:
    own = example_book / "templates"
    own.mkdir()
    (own / "minutes.html.j2").write_text("<p>{{ doc.title }}</p>\n")
    both = run(example_book, "render", "minutes", "SG-2026-0002", "M1", "-f", "html", *AS_OF)
    assert both.exit_code == 3
    assert "template minutes.html.j2 has no content block" in both.stderr
    one = run(example_book, "render", "minutes", "SG-2026-0002", "M1", "-f", "html", "--lang", "cy")
    assert one.exit_code == 0 and one.stdout == "<p>Cofnodion: Cyfarfod strategaeth (Cymru)</p>\n"


def test_an_invalid_value_is_marked_in_the_documents_language(example_book: Path) -> None:
    adult = example_book / "cases" / "SG-2026-0001" / "adult.yaml"
    text = adult.read_text(encoding="utf-8")
    adult.write_text(
        text.replace("  - type: psychological\n", "  - type: shouting at 12 Acacia Road\n", 1)
    )
    welsh = run(example_book, "render", "plan", "SG-2026-0001", "--lang", "cy", *AS_OF)
    assert welsh.exit_code == 0, welsh.output
    assert "| annilys |" in welsh.stdout and "invalid" not in welsh.stdout
    assert "Acacia" not in welsh.stdout
    english = run(example_book, "render", "plan", "SG-2026-0001", "--lang", "en", *AS_OF)
    assert "| invalid |" in english.stdout
    assert words.INVALID == shape.INVALID  # the catalogue's phrase is what shape.shown gives
