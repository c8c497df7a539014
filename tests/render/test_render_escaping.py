"""Case data is text, never markup: HTML, Markdown and plain text stay what they are."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_render import HOSTILE, make_book, run

from safecli.render.escape import md_block, md_inline, one_line, strip_controls, txt_wrap

ESCAPED_HTML = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;x&#34; | y"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return make_book(
        tmp_path / "book", purpose=HOSTILE, police=HOSTILE, organisation=HOSTILE, wish=HOSTILE
    )


@pytest.mark.parametrize(
    "args",
    [
        ["invitation", "SG-2026-0100", "M1"],
        ["minutes", "SG-2026-0100", "M1"],
        ["plan", "SG-2026-0100", "--as-of", "2026-12-01"],
    ],
)
def test_html_escapes_case_data(hostile: Path, args: list[str]) -> None:
    result = run(hostile, "render", *args, "--format", "html")
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert "<script" not in page
    assert "alert(1)</" not in page
    assert ESCAPED_HTML in page
    # The organisation is escaped in the shared base template too (title, header, footer).
    assert f'<p class="org">{ESCAPED_HTML}</p>' in page


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


@pytest.mark.parametrize(
    "args",
    [
        ["invitation", "SG-2026-0100", "M1"],
        ["minutes", "SG-2026-0100", "M1"],
        ["plan", "SG-2026-0100", "--as-of", "2026-12-01"],
    ],
)
def test_markdown_tables_keep_their_shape(hostile: Path, args: list[str]) -> None:
    result = run(hostile, "render", *args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    tables: list[list[str]] = []
    for index, line in enumerate(lines):
        if line.startswith("| ---"):
            end = next(
                (i for i, row in enumerate(lines[index + 1 :]) if not row.startswith("|")),
                len(lines),
            )
            tables.append([lines[index - 1], *lines[index + 1 : index + 1 + end]])
    assert tables
    for table in tables:
        width = _unescaped_pipes(table[0])
        assert all(_unescaped_pipes(row) == width for row in table), table
    text = result.stdout
    assert "<script>" not in text
    assert r'\<script\>alert(1)\</script\> & "x" \| y' in text


def test_markdown_table_cell_with_newlines_stays_one_row(tmp_path: Path) -> None:
    book = make_book(tmp_path / "book", purpose="line one\n\n| fake | row |\nline three")
    result = run(book, "render", "minutes", "SG-2026-0100", "M1")
    assert result.exit_code == 0, result.output
    assert (
        "| line one \\| fake \\| row \\| line three | Bank told | Lodger has her card | A1 |"
        in result.stdout
    )


def test_text_output_has_no_control_characters(tmp_path: Path) -> None:
    book = make_book(tmp_path / "book", purpose="bell escape[31m red \u202eevil")
    for fmt in ("txt", "md", "html"):
        result = run(book, "render", "invitation", "SG-2026-0100", "M1", "--format", fmt)
        assert result.exit_code == 0, result.output
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202e]", result.stdout), fmt
        shown = "bell escape\\[31m red evil" if fmt == "md" else "bell escape[31m red evil"
        assert shown in result.stdout, fmt


def test_a_control_character_in_a_case_file_is_refused_before_rendering(tmp_path: Path) -> None:
    book = make_book(tmp_path / "book", purpose="bell\x07 escape\x1b[31m red")
    result = run(book, "render", "invitation", "SG-2026-0100", "M1", "--format", "txt")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "meetings.yaml:" in result.stderr and "U+0007 (bell)" in result.stderr


def test_md_inline_escapes_markdown_syntax() -> None:
    assert (
        md_inline("a|b *c* _d_ [e](f) <g> # `h` \\ ~i~")
        == r"a\|b \*c\* \_d\_ \[e\](f) \<g\> \# \`h\` \\ \~i\~"
    )
    assert md_inline("- not a list") == r"\- not a list"
    assert md_inline("1. not a list") == r"1\. not a list"
    assert md_inline("&amp; &copy; & fish") == r"\&amp; \&copy; & fish"
    assert md_inline("two\nlines\r\nthree") == "two lines three"


def test_md_block_keeps_paragraphs() -> None:
    assert md_block("one\ntwo\n\n# three") == "one two\n\n\\# three"


def test_plain_text_helpers() -> None:
    assert strip_controls("a\x00b\r\nc\td\u202e") == "ab\nc\td"
    assert one_line(" a \n\n b\u2028c ") == "a b c"
    wrapped = txt_wrap("Label: " + "word " * 30)
    assert all(len(line) <= 78 for line in wrapped.split("\n"))
    assert wrapped.split("\n")[1].startswith("       word")


def test_no_template_is_compiled_from_data() -> None:
    source = Path(__file__).resolve().parents[2] / "src" / "safecli" / "render"
    for module in source.glob("*.py"):
        assert "from_string" not in module.read_text(), module
