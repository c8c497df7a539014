"""The digest's writers: the same text as one written a row and a cell at a time.

The writers in `digest/output.py` work a column at a time (a big book's digest has
tens of thousands of rows); `reference` below is the plain row-by-row way, and
Hypothesis holds the two equal on items whose texts have every kind of white
space, Markdown's special characters, pipes and empty values.
"""

from __future__ import annotations

import csv
import dataclasses
import inspect
import io
import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from safecli.digest import output
from safecli.digest.item import FIELDS, Item
from safecli.digest.items import KINDS, grouped
from safecli.output.markdown import md_text

AS_OF = date(2026, 12, 1)
UNTIL = date(2026, 12, 8)
TEXT = st.text(st.sampled_from(list("ab1-#|*_[]! \t\n\r\x0b\u00a0\u2028\x1b=+")), max_size=12)
MAYBE = st.none() | TEXT


def late(days: int | None) -> str:
    if days is None:
        return ""
    if days > 0:
        return f"{days}d late"
    return "today" if days == 0 else f"in {-days}d"


def reference_row(item: Item, view: output.View) -> list[str]:
    row = [
        late(item.days_overdue),
        item.due.isoformat() if item.due else "",
        item.kind,
        item.case,
        item.risk or "",
        item.meeting or "",
        item.meeting_type or "",
        item.action or "",
        f"{item.agency}:{item.lead}" if item.lead else item.agency or "",
        item.detail or "",
    ]
    if view.names:
        row.append(item.name or "")
    if view.descriptions:
        row.append(item.description or "")
    return [" ".join(cell.split()) for cell in row]


def reference(items: list[Item], view: output.View) -> str:
    """The table or Markdown as a row-by-row writer makes it."""
    lines = [output.summary(items, view.as_of)]
    if not items:
        return lines[0] + "\n"
    headings = (
        output.HEADINGS
        + (["name"] if view.names else [])
        + (["description"] if view.descriptions else [])
    )
    for key, group in grouped(items, view.by):
        rows = [reference_row(item, view) for item in group]
        keep = [
            i
            for i, heading in enumerate(headings)
            if heading in ("when", "due", "kind", "case") or any(row[i] for row in rows)
        ]
        table = [[headings[i] for i in keep], *([row[i] for i in keep] for row in rows)]
        lines.append("")
        if key is not None:
            title = f"{view.by}: {key} ({len(group)})"
            lines.extend([f"## {md_text(title)}", ""] if view.fmt == "markdown" else [f"[{title}]"])
        if view.fmt == "markdown":
            head, *body = table
            lines.append("| " + " | ".join(md_text(c) for c in head) + " |")
            lines.append("|" + "|".join("---" for _ in head) + "|")
            lines.extend("| " + " | ".join(md_text(c) for c in row) + " |" for row in body)
        else:
            widths = [max(len(row[i]) for row in table) for i in range(len(keep))]
            underline = ["-" * w for w in widths]
            for row in [table[0], underline, *table[1:]]:
                lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
    return "\n".join(lines) + "\n"


items_strategy = st.lists(
    st.builds(
        Item,
        kind=st.sampled_from(KINDS),
        case=st.sampled_from(["SG-1", "SG-2", "SG-10"]),
        risk=st.sampled_from([None, "low", "high", "invalid"]),
        meeting=st.sampled_from([None, "M1", "M10"]),
        meeting_type=st.none() | st.sampled_from(["s42-strategy", "professionals"]),
        action=st.sampled_from([None, "A1", "A2"]),
        agency=st.sampled_from([None, "asc", "police"]),
        lead=MAYBE,
        due=st.none() | st.dates(date(2026, 1, 1), date(2027, 1, 1)),
        days_overdue=st.none() | st.integers(-30, 400),
        missing=st.none() | st.tuples(st.sampled_from(["gp", "police"])),
        detail=MAYBE,
        name=MAYBE,
        description=MAYBE,
    ),
    max_size=8,
)
views = st.builds(
    output.View,
    fmt=st.sampled_from(["table", "markdown"]),
    as_of=st.just(AS_OF),
    until=st.just(UNTIL),
    by=st.sampled_from([None, "agency", "case", "lead"]),
    names=st.booleans(),
    descriptions=st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(items_strategy, views)
def test_the_table_and_markdown_are_the_row_by_row_ones(
    items: list[Item], view: output.View
) -> None:
    assert output.render(items, view) == reference(items, view)


@settings(max_examples=200, deadline=None)
@given(items_strategy, st.booleans(), st.booleans(), st.booleans())
def test_csv_and_json_carry_each_items_as_dict(
    items: list[Item], names: bool, descriptions: bool, excel: bool
) -> None:
    view = output.View("csv", AS_OF, UNTIL, names=names, descriptions=descriptions, excel=excel)
    text = output.render(items, view)
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    dicts = [item.as_dict(names=names, descriptions=descriptions) for item in items]
    assert rows[0] == list(dicts[0] if dicts else rows[0])
    for row, data in zip(rows[1:], dicts, strict=True):
        expected = [
            "" if v is None else " ".join(v) if isinstance(v, list) else str(v)
            for v in data.values()
        ]
        assert [cell.removeprefix("'") for cell in row] == [
            cell.replace("\r\n", "\n").replace("\r", "\n") for cell in expected
        ]
    shown = json.loads(output.render(items, dataclasses.replace(view, fmt="json")))
    assert shown["items"] == dicts


def test_item_init_takes_the_fields_in_order_with_their_defaults() -> None:
    parameters = list(inspect.signature(Item).parameters.values())
    fields = dataclasses.fields(Item)
    assert [p.name for p in parameters] == [f.name for f in fields]
    assert [p.default for p in parameters] == [
        inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default for f in fields
    ]
    item = Item(*(f.name for f in fields))
    assert [getattr(item, f.name) for f in fields] == [f.name for f in fields]


def test_as_dict_has_the_fields_in_order() -> None:
    item = Item("no-meeting", "C1", due=date(2026, 1, 2), missing=("gp",))
    assert tuple(item.as_dict()) == FIELDS
    assert item.as_dict()["due"] == "2026-01-02"
    assert item.as_dict()["missing"] == ["gp"]
    assert tuple(item.as_dict(names=True, descriptions=True))[-2:] == ("name", "description")
