"""The report's index in a real browser: headless Chromium renders it, with no scripts."""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pytest
from overview_book import AS_OF, build
from typer.testing import CliRunner

from safecli.cli.main import app

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="headless Chromium is not installed (/usr/bin/chromium, Debian package "
        "'chromium'; .ci/run installs it when it can)",
    ),
]
WIDTH, HEIGHT = 900, 1400


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--window-size={WIDTH},{HEIGHT}",
            *args,
        ],
        capture_output=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
    )


@pytest.fixture
def index(tmp_path: Path) -> Path:
    root = build(tmp_path / "book")
    site = tmp_path / "site"
    result = CliRunner().invoke(
        app, ["--book", str(root), "report", "--out", str(site), "--as-of", AS_OF]
    )
    assert result.exit_code == 0, result.output
    return site / "index.html"


def test_the_rendered_dom_holds_the_numbers(index: Path, tmp_path: Path) -> None:
    done = chromium(tmp_path, "--dump-dom", index.as_uri())
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    dom = parse_text(done.stdout)
    links = {a.get("href"): "".join(a.itertext()) for a in dom.iter("a")}
    assert links["lists/action-overdue.html"] == "3"
    assert links["lists/open-high.html"] == "2"
    svgs = list(dom.iter("{http://www.w3.org/2000/svg}svg"))
    assert len(svgs) >= 4
    assert any(r.get("class") == "bar" for r in dom.iter("{http://www.w3.org/2000/svg}rect"))
    assert "The book" in "".join(dom.find(".//h1").itertext())  # type: ignore[union-attr]


def test_a_screenshot_has_the_window_size(index: Path, tmp_path: Path) -> None:
    shot = tmp_path / "index.png"
    done = chromium(tmp_path, f"--screenshot={shot}", index.as_uri())
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (WIDTH, HEIGHT)
    # a blank page compresses to almost nothing; the charts and tables do not
    assert len(data) > 20_000


def parse_text(html: bytes) -> Element:
    """Chromium's serialised DOM (parsed leniently: the browser, not us, wrote it)."""
    tree: Element = html5lib.parse(
        html, treebuilder="etree", namespaceHTMLElements=False, transport_encoding="utf-8"
    )
    return tree
