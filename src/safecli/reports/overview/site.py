"""Write the overview as a static site: render every page, then put the folder in place at once.

The pages are rendered with Jinja (autoescape on, StrictUndefined) from the
built-in `templates/report/` folder into a new private folder beside the target
(0700, files 0600), which then replaces the target in one rename: a reader
never sees half a report, and a failure leaves the old one as it was. The
target must be missing, empty, or a report safecli wrote before (it holds the
marker file); anything else is refused, so no one's folder is overwritten.

The marker also lists each page with its key and a digest of its HTML: the
next report hard-links the pages that did not change (writing ten thousand
small files costs far more than linking them).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError
from markupsafe import Markup

from safecli.errors import TemplateFailure, UnsafeWrite
from safecli.render.templates import builtin_dir
from safecli.reports.overview.pages import Page
from safecli.store.codehash import code_fingerprint

MARKER = ".safecli-report"
MARKER_TEXT = "A report written by safecli report; the whole folder is replaced on the next run.\n"
TEMPLATE_DIR = "report"
STYLESHEET = "report.css"


def environment() -> Environment:
    """The Jinja environment of the report's templates (HTML autoescape, strict)."""
    env = Environment(
        loader=FileSystemLoader(builtin_dir() / TEMPLATE_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["href"] = lambda value: quote(str(value), safe="")
    env.filters["num"] = number
    env.filters["cells"] = cells
    css = (builtin_dir() / TEMPLATE_DIR / STYLESHEET).read_text(encoding="utf-8")
    env.globals.update(css=Markup(css), inline_css=False)
    return env


def cells(rows: Iterable[Sequence[str]], link: str | None = None) -> Markup:
    """Table body rows, every cell escaped; the first cell links to `<link><id>.html` if given.

    Written in Python rather than a template loop because the list pages of a
    big book hold over a million cells. `link` comes from the template, not data.
    """
    out = []
    for row in rows:
        texts = [escape_text(cell) for cell in row]
        if link is not None:
            texts[0] = f'<a href="{link}{quote(row[0], safe="")}.html">{texts[0]}</a>'
        out.append("<tr><td>" + "</td><td>".join(texts) + "</td></tr>")
    return Markup("\n".join(out))


def number(value: float | None) -> str:
    """A count or median as shown: whole numbers without a decimal point, else one place."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def escape_text(value: str) -> str:
    """A cell's text escaped for HTML (&, <, >, both quotes), as Jinja's autoescape does."""
    return html.escape(str(value), quote=True)


def render(env: Environment, page: Page) -> str:
    """The HTML of one page; TemplateFailure naming the template on error."""
    try:
        return env.get_template(page.template).render(page.variables)
    except TemplateError as exc:
        raise TemplateFailure(f"report template {page.template}: {exc}") from exc


@dataclass(frozen=True)
class Written:
    """What write_site did: pages in the site, and how many were rendered afresh."""

    pages: int
    rendered: int


def write_site(target: Path, pages: Iterable[Page]) -> Written:
    """Write the pages as a folder at target, replacing an earlier report.

    A page made from the same variables (or, failing that, with the same HTML)
    as in the earlier report is hard-linked from it, not rendered or written again.
    """
    _check_target(target)
    env = environment()
    version = fingerprint()
    earlier = _manifest(target, version)
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    work = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp"))
    manifest: dict[str, tuple[str, str]] = {}
    rendered = 0
    old, new = f"{target}{os.sep}", f"{work}{os.sep}"
    try:
        os.chmod(work, 0o700)
        folders: set[str] = set()
        for page in pages:
            rel = page.path
            folder = rel.rpartition("/")[0]
            if folder and folder not in folders:
                (work / folder).mkdir(mode=0o700, exist_ok=True)
                folders.add(folder)
            before = earlier.get(rel)
            key = page_key(page)
            if before and before[0] == key and _link(old, new, rel):
                manifest[rel] = before
                continue
            text = render(env, page)
            rendered += 1
            digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
            if not (before and before[1] == digest and _link(old, new, rel)):
                _write(work / rel, text)
            manifest[rel] = (key, digest)
        _write(work / STYLESHEET, str(env.globals["css"]))
        marker = {"note": MARKER_TEXT, "version": version, "pages": manifest}
        _write(work / MARKER, json.dumps(marker, sort_keys=True) + "\n")
        _swap(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return Written(len(manifest), rendered)


def fingerprint() -> str:
    """Stands for the code and templates that make the pages (a change renders all again)."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for path in sorted((builtin_dir() / TEMPLATE_DIR).iterdir()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def page_key(page: Page) -> str:
    """A digest of everything a page is made from (its variables are plain, frozen data)."""
    text = repr((page.template, sorted(page.variables.items())))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _manifest(target: Path, version: str) -> dict[str, tuple[str, str]]:
    """The earlier report's pages (key, HTML digest), or {} if there is none to reuse."""
    try:
        data = json.loads((target / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != version:
        return {}
    pages = data.get("pages")
    if not isinstance(pages, dict):
        return {}
    return {
        str(rel): (str(entry[0]), str(entry[1]))
        for rel, entry in pages.items()
        if isinstance(entry, list) and len(entry) == 2
    }


def _link(old: str, new: str, rel: str) -> bool:
    """Hard-link an earlier page into the new folder; False if it is not a plain file."""
    source = old + rel
    try:
        if not stat.S_ISREG(os.lstat(source).st_mode):
            return False
        os.link(source, new + rel, follow_symlinks=False)
    except OSError:
        return False
    return True


def _write(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def _check_target(target: Path) -> None:
    if target.is_symlink():
        raise UnsafeWrite("refusing to write the report through a symbolic link", path=target)
    if not target.exists():
        return
    if not target.is_dir():
        raise UnsafeWrite("--out must be a folder; this is a file", path=target)
    if (target / MARKER).is_file() or not any(target.iterdir()):
        return
    raise UnsafeWrite(
        "--out is a folder that safecli did not write; refusing to replace it "
        "(give a new or empty folder)",
        path=target,
    )


def _swap(work: Path, target: Path) -> None:
    """Put work in target's place; the old report, if any, is removed afterwards."""
    old: Path | None = None
    if target.exists():
        old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old"))
        os.replace(target, old / "site")
    try:
        os.replace(work, target)
    except BaseException:
        if old is not None:
            os.replace(old / "site", target)
            old.rmdir()
        raise
    _sync(target.parent)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _sync(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
