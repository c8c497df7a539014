"""A small book for the report tests: every kind of digest item, a closed case, meetings ahead."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
from digest_book import action, adult, make_book, meeting, write_case

AS_OF = "2026-12-01"
CLOSURE = """\
closed: 2026-11-28
closure:
  reason: |
    Risk reduced; Margaret is happy with the plan.
  outcomes_asked: true
  outcomes_expressed: true
  outcomes_achieved: partially
"""


def closed_adult(case_id: str) -> str:
    text = adult(case_id, status="closed", risk="low", opened="2026-10-01")
    return text.replace("closed: null\nclosure: null\n", CLOSURE)


def build(root: Path) -> Path:
    """Five cases: overdue and due-soon actions, a passed review, unshared minutes,
    no meeting, a closed case, and a planned meeting in the next 14 days."""
    make_book(root)
    write_case(
        root,
        "SG-2026-0001",
        meetings=[
            meeting("M1", review="2026-11-20", shared=("police",)),
            meeting("M2", when="2026-12-08T10:00", status="planned", mtype="s42-review"),
        ],
        actions=[
            action("A1", "2026-11-30", lead="police"),
            action("A2", "2026-12-03", lead="asc"),
            action("A3", "2026-11-01", lead="gp", status="done"),
        ],
    )
    write_case(
        root, "SG-2026-0002", adult_text=adult("SG-2026-0002", opened="2026-11-01", risk="medium")
    )
    write_case(
        root,
        "SG-2026-0003",
        meetings=[meeting("M1", review="2027-01-01", when="2026-11-20T10:00", held_on=None)],
        actions=[action("A1", "2027-01-01"), action("A2", "2026-11-15", lead="gp")],
    )
    write_case(
        root,
        "SG-2026-0004",
        adult_text=closed_adult("SG-2026-0004"),
        meetings=[meeting("M1", when="2026-10-05T10:00", held_on="2026-10-05")],
        actions=[action("A1", "2026-11-25", lead="asc")],
    )
    return root


def parse(path: Path) -> Element:
    """A page parsed as strict HTML5 (any parse error fails); elements without namespace."""
    parser = html5lib.HTMLParser(
        strict=True, tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False
    )
    root: Element = parser.parse(path.read_bytes(), transport_encoding="utf-8")
    return root


def text(element: Element) -> str:
    return "".join(element.itertext()).strip()


def link_count(page: Element, href: str) -> int:
    """The number shown by the link to a list page (0 when the count has no link)."""
    found = [a for a in page.iter("a") if a.get("href") == href]
    return int(text(found[0])) if found else 0


def table_rows(page: Element) -> list[list[str]]:
    """The text of every cell of every body row of the page's tables."""
    return [
        [text(cell) for cell in row if cell.tag in ("td", "th")]
        for body in page.iter("tbody")
        for row in body.iter("tr")
    ]
