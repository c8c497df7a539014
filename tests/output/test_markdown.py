"""Markdown escaping of user text: never a link, an image or emphasis."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from safecli.output.markdown import md_column, md_text


def test_a_link_and_an_image_stay_text() -> None:
    text = "[Reset](https://phish.example) ![t](https://t.example/p.png)"
    assert md_text(text) == (r"\[Reset\](https://phish.example) \!\[t\](https://t.example/p.png)")


def test_emphasis_html_and_table_syntax_are_escaped() -> None:
    assert md_text("*a* _b_ ~~c~~ `d` <img> |e| #f") == (
        r"\*a\* \_b\_ \~\~c\~\~ \`d\` \<img\> \|e\| \#f"
    )
    assert md_text("- not a list") == r"\- not a list"
    assert md_text("1. not a list") == r"1\. not a list"


@given(st.text())
def test_no_unescaped_bracket_star_or_underscore(text: str) -> None:
    unescaped = re.sub(r"\\.", "", md_text(text))
    assert not set(unescaped) & set("[]*_`<!|")


# Texts as table cells hold them (white space evened), with what md_text escapes.
_CELL = st.text(
    st.sampled_from(list("ab1 9.)-+=&#;x*[]|\\<>\x1b\x7f\u202e\x9b\t\n\r")), max_size=10
)


@given(st.lists(_CELL.map(lambda text: " ".join(text.split())), max_size=6))
def test_a_column_is_escaped_as_each_text_alone(texts: list[str]) -> None:
    assert md_column(texts) == [md_text(text) for text in texts]
