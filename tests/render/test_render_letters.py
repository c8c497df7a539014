"""Letters to the adult: easy read stays easy, Welsh comes first, the catalogue is complete."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import html5lib
import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po
from test_render import HOSTILE, make_book, run

from safecli.render.i18n import catalogue_path

GOLDEN = Path(__file__).resolve().parent / "golden"
REPO = Path(__file__).resolve().parents[2]
EASY_TXT = sorted(GOLDEN.rglob("letter-*-easy.txt")) + sorted(GOLDEN.rglob("*-M1-en.txt"))
# The Wales Safeguarding Procedures' terms, used the same way every time.
GLOSSARY = {
    "adult at risk": "oedolyn sy'n wynebu risg",
    "strategy meeting": "cyfarfod strategaeth",
    "strategy discussion": "trafodaeth strategaeth",
    "lead coordinator": "cydlynydd arweiniol",
    "care, support and protection plan": "cynllun gofal, cymorth a diogelu",
    "mental capacity": "galluedd meddyliol",
    "best interests": "budd pennaf",
}
USED = ("strategy meeting", "strategy discussion", "lead coordinator", "best interests")
USED_TOO = "care, support and protection plan"
EXTRACTOR = "safecli.render.catalogue.extract_pack"
SENTENCE_END = re.compile(r"[.!?:]\s+\S")


def welsh() -> dict[str, tuple[str, set[str], list[str]]]:
    """Each Welsh entry: its text, flags and translator comments (kept by pybabel update)."""
    with open(catalogue_path("cy"), "rb") as po:
        catalog = read_po(po)
    return {m.id: (m.string, set(m.flags), m.user_comments) for m in catalog if m.id}


def extracted() -> Catalog:
    """What `pybabel extract -F babel.cfg -k N_ --sort-output` finds (docs/templates.md)."""
    with open(REPO / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options = parse_mapping_cfg(cfg)
    assert ("src/safecli/policy/meeting_types.yaml", EXTRACTOR) in method_map
    keywords = {"_": None, "gettext": None, "N_": None}
    found = Catalog()
    for _file, _line, message, comments, context in extract_from_dir(
        str(REPO), method_map, options, keywords
    ):
        found.add(message, None, auto_comments=comments, context=context)
    sorted_po = BytesIO()
    write_po(sorted_po, found, sort_output=True, omit_header=True)
    sorted_po.seek(0)
    return read_po(sorted_po)


def easy_lines(text: str) -> list[str]:
    """The sentences of an easy-read letter: not headings, rules, quotations or the footer."""
    lines = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("    ") or set(line) <= {"="}:
            continue
        if line == line.upper() or line.startswith(("SG-", "Exampleshire", "Test Council")):
            continue
        lines.append(line.strip().removeprefix("- "))
    return lines


@pytest.mark.parametrize("path", EASY_TXT, ids=[str(p.relative_to(GOLDEN)) for p in EASY_TXT])
def test_easy_read_has_one_short_sentence_per_line(path: Path) -> None:
    lines = easy_lines(path.read_text(encoding="utf-8"))
    assert len(lines) > 20
    for line in lines:
        assert len(line.split()) <= 15, line
        assert not SENTENCE_END.search(line), f"more than one sentence: {line}"


def test_the_easy_read_check_finds_a_long_line() -> None:
    long = "We " + "really " * 14 + "want to help."
    assert len(easy_lines(f"WHEN\n{long}\n")[0].split()) > 15
    assert SENTENCE_END.search("It is late. Come soon.")


def test_the_welsh_catalogue_covers_every_phrase_and_awaits_review() -> None:
    # The mapping pybabel extract uses: templates, render/ and the policy pack's words.
    phrases = {m.id for m in extracted() if m.id}
    assert "Strategy meeting (Wales)" in phrases and "Protection plan" in phrases
    catalogue = welsh()
    assert phrases - set(catalogue) == set(), "run pybabel extract/update (docs/templates.md)"
    with open(REPO / "src/safecli/locale/safecli.pot", "rb") as pot:
        template = {m.id for m in read_po(pot) if m.id}
    assert template == phrases == set(catalogue), "the .pot and .po follow the templates"
    for msgid, (msgstr, flags, comments) in catalogue.items():
        assert msgstr and msgstr != msgid, msgid
        assert "fuzzy" in flags, f"{msgid!r} is not flagged for the translators' review"
        assert any("review" in c for c in comments), msgid
        assert re.findall(r"%\(\w+\)s", msgstr) == re.findall(r"%\(\w+\)s", msgid), msgid


def test_the_welsh_catalogue_is_what_pybabel_update_writes() -> None:
    # Entries written by hand in place of `pybabel update` come out different here,
    # and a review note written as an extracted comment (#.) would be lost by it.
    with open(catalogue_path("cy"), "rb") as po:
        written = po.read()
    catalog = read_po(BytesIO(written), locale="cy", domain="safecli")
    catalog.update(extracted(), no_fuzzy_matching=True, update_creation_date=False)
    updated = BytesIO()
    write_po(updated, catalog)
    assert updated.getvalue().decode() == written.decode(), "run pybabel extract/update"


def test_the_glossary_terms_are_used_consistently() -> None:
    catalogue = welsh()
    for english, cymraeg in GLOSSARY.items():
        for msgid, (msgstr, _flags, _comments) in catalogue.items():
            if english in msgid.lower():
                assert cymraeg in msgstr.lower(), (english, msgid, msgstr)
    used = {term for term in GLOSSARY for msgid in catalogue if term in msgid.lower()}
    assert used >= {*USED, USED_TOO}


def test_a_welsh_book_writes_welsh_first() -> None:
    page = (GOLDEN / "wales/SG-2026-0001/letter-invitation-M3.html").read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="cy">')
    assert page.index('<article lang="cy">') < page.index('<article lang="en-GB">')
    assert "Mae croeso i chi ddefnyddio'r Gymraeg yn y cyfarfod." in page
    assert "You are welcome to use Welsh at the meeting." in page
    assert "PREIFAT A CHYFRINACHOL / PRIVATE AND CONFIDENTIAL" in page
    assert '"Tudalen / Page " counter(page)' in page
    text = (GOLDEN / "wales/SG-2026-0001/letter-invitation-M3.txt").read_text(encoding="utf-8")
    assert text.index("GWAHODDIAD I GYFARFOD") < text.index("INVITATION TO A MEETING")


def test_the_recorded_language_chooses_one_language() -> None:
    welsh_only = (GOLDEN / "SG-2026-0002/letter-feedback-M1.txt").read_text(encoding="utf-8")
    assert "Annwyl" in welsh_only and "Dear " not in welsh_only
    english = (GOLDEN / "SG-2026-0002/letter-feedback-M1-en.txt").read_text(encoding="utf-8")
    assert "Dear " in english and "Annwyl" not in english
    # An English book offers no Welsh unless asked.
    england = (GOLDEN / "SG-2026-0001/letter-invitation-M3.txt").read_text(encoding="utf-8")
    assert "Welsh" not in england


def test_large_print_is_the_recorded_size_and_easy_read_has_pictures() -> None:
    large = (GOLDEN / "SG-2026-0001/letter-invitation-M3.html").read_text(encoding="utf-8")
    assert "body { font-size: 18pt;" in large and "<svg" not in large
    easy = (GOLDEN / "SG-2026-0001/letter-invitation-M3-easy.html").read_text(encoding="utf-8")
    pictures = re.findall(r'<svg class="pictogram" role="img" aria-label="([^"]+)"', easy)
    assert len(pictures) == easy.count('<section class="idea">') >= 7
    for path in (large, easy):
        html5lib.HTMLParser(strict=True).parse(path)


@pytest.fixture
def rbook(tmp_path: Path) -> Path:
    return make_book(tmp_path / "book", police=HOSTILE)


def test_letters_escape_what_people_typed(rbook: Path) -> None:
    result = run(rbook, "render", "invitation", "SG-2026-0100", "M3", "--to", "adult", "-f", "html")
    assert result.exit_code == 0, result.output
    assert "<script>" not in result.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;x&#34;" in result.stdout
    html5lib.HTMLParser(strict=True).parse(result.stdout)
    md = run(rbook, "render", "invitation", "SG-2026-0100", "M3", "--to", "adult", "-f", "md")
    assert "\\<script\\>" in md.stdout


def test_letters_refuse_what_they_cannot_write(rbook: Path) -> None:
    not_invited = run(rbook, "render", "invitation", "SG-2026-0100", "M1", "--to", "adult")
    assert not_invited.exit_code == 3
    assert "the adult is not recorded as invited to M1" in not_invited.stderr
    planned = run(rbook, "render", "feedback", "SG-2026-0100", "M3")
    assert planned.exit_code == 3
    assert "has not been held" in planned.stderr
    unknown = run(rbook, "render", "feedback", "SG-2026-0100", "M1", "--lang", "fr")
    assert unknown.exit_code == 3
    assert "unknown --lang 'fr'; choose one of: cy, en, both" in unknown.stderr
    calendar = run(
        rbook, "render", "invitation", "SG-2026-0100", "M3", "--to", "adult", "-f", "ics"
    )
    assert calendar.exit_code == 2
