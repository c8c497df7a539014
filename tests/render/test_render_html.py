"""Every HTML document is valid HTML5 and prints with page numbers and a footer at the page foot.

html5lib in strict mode raises on any parse error; the content model the W3C
checker (vnu) also checks, such as a table's parts in order, is asserted here
on the parsed tree.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pytest
from test_render import HOSTILE, make_book, run

from safecli.render.escape import css_string

GOLDEN = Path(__file__).resolve().parent / "golden"
HTML_GOLDENS = sorted(GOLDEN.rglob("*.html"))
NS = "{http://www.w3.org/1999/xhtml}"
TABLE_ORDER = ("caption", "colgroup", "thead", "tbody", "tr", "tfoot")


def parse(text: str) -> Element:
    tree: Element = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(text)
    return tree


def table_problems(root: Element) -> list[str]:
    problems = []
    for table in root.iter(f"{NS}table"):
        parts = [child.tag.removeprefix(NS) for child in table]
        ranks = [TABLE_ORDER.index(p) if p in TABLE_ORDER else -1 for p in parts]
        if -1 in ranks or ranks != sorted(ranks) or parts.count("tfoot") > 1:
            problems.append(" ".join(parts))
    return problems


@pytest.mark.parametrize(
    "path", HTML_GOLDENS, ids=[str(p.relative_to(GOLDEN)) for p in HTML_GOLDENS]
)
def test_every_html_golden_is_strictly_valid(path: Path) -> None:
    root = parse(path.read_text(encoding="utf-8"))
    assert table_problems(root) == []
    assert root.find(f"{NS}body/{NS}main") is not None


def test_the_checker_finds_a_footer_before_the_body_of_a_table() -> None:
    root = parse(
        "<!DOCTYPE html><html lang=en><title>t</title><table><thead><tr><td>h</td></tr></thead>"
        "<tfoot><tr><td>f</td></tr></tfoot><tbody><tr><td>b</td></tr></tbody></table>"
    )
    assert table_problems(root) == ["thead tfoot tbody"]


def test_strict_parsing_refuses_a_broken_document() -> None:
    with pytest.raises(html5lib.html5parser.ParseError):
        parse("<!DOCTYPE html><html><title>t</title><p><b>unclosed</i></p>")


@pytest.mark.parametrize(
    "path", HTML_GOLDENS, ids=[str(p.relative_to(GOLDEN)) for p in HTML_GOLDENS]
)
def test_print_has_page_numbers_and_the_footer_in_the_page_margin(path: Path) -> None:
    style = path.read_text(encoding="utf-8").split("<style>", 1)[1].split("</style>", 1)[0]
    page = re.search(r"@page \{(.*?)\n\}", style, re.DOTALL)
    assert page is not None
    assert "size: A4" in page.group(1)
    assert re.search(
        r"@bottom-right \{ content: .*counter\(page\).*counter\(pages\)", page.group(1)
    )
    assert "@bottom-left { content: " in page.group(1)
    # The in-page header and footer are for the screen; in print the margins carry them.
    screen_only = re.search(r"@media print \{(.*?)\n\}", style, re.DOTALL)
    assert screen_only is not None
    assert "header.page, footer.page { display: none; }" in screen_only.group(1)


def test_text_typed_by_users_cannot_leave_the_css_string(tmp_path: Path) -> None:
    book = make_book(tmp_path / "book", organisation=HOSTILE + ' </style><script>x</script> "\\')
    result = run(book, "render", "plan", "SG-2026-0100", "--format", "html")
    assert result.exit_code == 0, result.output
    parse(result.stdout)
    style = result.stdout.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "<script>" not in style
    assert style.count("@bottom-left { content: ") == 1


def test_css_string_escapes_what_could_end_it() -> None:
    assert (
        css_string('a"b\\c</style>&\nz') == '"a\\000022b\\00005cc\\00003c/style\\00003e\\000026 z"'
    )
    assert css_string("Cyngor Sir · ŵ") == '"Cyngor Sir · ŵ"'
