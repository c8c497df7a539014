"""Templates: built-in ones found, a book's overrides used, broken ones reported with a place."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_render import HOSTILE, make_book, run

from safecli.render import FORMATS
from safecli.render.templates import KINDS, builtin_dir

REPO_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.fixture
def rbook(tmp_path: Path) -> Path:
    return make_book(tmp_path / "book")


def override(book: Path, name: str, text: str) -> Path:
    folder = book / "templates"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_builtin_template_exists() -> None:
    # Installed from a wheel the templates are a copy inside the package; in a
    # development install, the repository's folder itself. Either way the same files.
    shipped = {p.name: p.read_bytes() for p in builtin_dir().glob("*.j2")}
    assert shipped == {p.name: p.read_bytes() for p in REPO_TEMPLATES.glob("*.j2")}
    for kind in KINDS:
        for fmt in FORMATS:
            assert (builtin_dir() / f"{kind}.{fmt}.j2").is_file(), (kind, fmt)


def test_a_books_template_overrides_the_builtin(rbook: Path) -> None:
    override(rbook, "invitation.md.j2", "CUSTOM {{ meeting.id }} for {{ adult.label }}\n")
    result = run(rbook, "render", "invitation", "SG-2026-0100", "M3")
    assert result.exit_code == 0, result.output
    assert result.stdout == "CUSTOM M3 for R.F.\n"
    # Other templates still come from the built-in set.
    other = run(rbook, "render", "invitation", "SG-2026-0100", "M3", "--format", "txt")
    assert other.stdout.startswith("OFFICIAL-SENSITIVE\n")


def test_a_books_partial_overrides_the_builtin_partial(rbook: Path) -> None:
    override(
        rbook,
        "_base.html.j2",
        "<html><h1>OUR HOUSE STYLE</h1>{% block content %}{% endblock %}</html>\n",
    )
    result = run(rbook, "render", "minutes", "SG-2026-0100", "M1", "--format", "html")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<html><h1>OUR HOUSE STYLE</h1>")
    assert "<h2>Risk assessment</h2>" in result.stdout


def test_an_overriding_html_template_is_autoescaped(tmp_path: Path) -> None:
    book = make_book(tmp_path / "book", organisation=HOSTILE)
    override(book, "plan.html.j2", "<p>{{ doc.organisation }}</p>\n")
    result = run(book, "render", "plan", "SG-2026-0100", "--format", "html")
    assert result.exit_code == 0, result.output
    assert result.stdout == "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;x&#34; | y</p>\n"


def test_an_overriding_markdown_template_is_escaped(tmp_path: Path) -> None:
    book = make_book(tmp_path / "book", organisation=HOSTILE)
    override(book, "plan.md.j2", "{{ doc.organisation }}\n")
    result = run(book, "render", "plan", "SG-2026-0100")
    assert result.stdout == '\\<script\\>alert(1)\\</script\\> & "x" \\| y\n'


def test_a_syntax_error_names_the_template_and_line(rbook: Path) -> None:
    path = override(rbook, "invitation.md.j2", "Hello\n{% if meeting.id %}\nno end\n")
    result = run(rbook, "render", "invitation", "SG-2026-0100", "M3")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.startswith(
        f"safecli: error: {path}:3:1: syntax error in template "
        "invitation.md.j2: Unexpected end of template."
    )
    assert "Traceback" not in result.stderr


def test_an_undefined_variable_names_the_template_line_and_variable(rbook: Path) -> None:
    path = override(rbook, "minutes.txt.j2", "Minutes\n\n{{ meeting.id }} {{ nonsense }}\n")
    result = run(rbook, "render", "minutes", "SG-2026-0100", "M1", "--format", "txt")
    assert result.exit_code == 3
    assert result.stderr.startswith(
        f"safecli: error: {path}:3:1: undefined variable in "
        "template minutes.txt.j2: 'nonsense' is undefined"
    )


def test_an_undefined_attribute_names_it(rbook: Path) -> None:
    path = override(rbook, "plan.md.j2", "{% for a in actions %}\n{{ a.owner }}\n{% endfor %}\n")
    result = run(rbook, "render", "plan", "SG-2026-0100")
    assert result.exit_code == 3
    assert f"{path}:2:1: undefined variable in template plan.md.j2:" in result.stderr
    assert "has no attribute 'owner'" in result.stderr


def test_an_error_in_an_overridden_partial_names_the_partial(rbook: Path) -> None:
    path = override(rbook, "_base.html.j2", "<html>\n{{ doc.missing }}\n</html>\n")
    result = run(rbook, "render", "plan", "SG-2026-0100", "--format", "html")
    assert result.exit_code == 3
    assert f"{path}:2:1: undefined variable in template _base.html.j2:" in result.stderr


def test_a_template_cannot_reach_python_internals(rbook: Path) -> None:
    override(
        rbook, "plan.md.j2", "{{ doc.__class__.__init__.__globals__['os'].system('echo pwned') }}\n"
    )
    result = run(rbook, "render", "plan", "SG-2026-0100")
    assert result.exit_code == 3
    assert "pwned" not in result.stdout
    assert "plan.md.j2:1:1:" in result.stderr


def test_a_missing_include_is_reported(rbook: Path) -> None:
    override(rbook, "plan.md.j2", "{% include 'nowhere.md.j2' %}\n")
    result = run(rbook, "render", "plan", "SG-2026-0100")
    assert result.exit_code == 3
    assert "template nowhere.md.j2 not found" in result.stderr
