"""Write the overview as a static site: render every page, then put the folder in place at once.

The pages are rendered with Jinja (autoescape on, StrictUndefined) from the
built-in `templates/report/` folder into a new private folder beside the target
(0700, files 0600), which then replaces the target in one rename: a reader
never sees half a report, and a failure leaves the old one as it was. The
target must be missing, empty, or a report safecli wrote before (it holds the
marker file); anything else is refused, so no one's folder is overwritten.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError

from safecli.errors import TemplateFailure, UnsafeWrite
from safecli.render.templates import builtin_dir
from safecli.reports.overview.pages import Page

MARKER = ".safecli-report"
MARKER_TEXT = "A report written by safecli report; the whole folder is replaced on the next run.\n"
TEMPLATE_DIR = "report"


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
    return env


def number(value: float | None) -> str:
    """A count or median as shown: whole numbers without a decimal point, else one place."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def render(pages: Iterable[Page]) -> Iterable[tuple[str, str]]:
    """(relative path, HTML) of each page; TemplateFailure naming the template on error."""
    env = environment()
    for page in pages:
        try:
            yield page.path, env.get_template(page.template).render(page.variables)
        except TemplateError as exc:
            raise TemplateFailure(f"report template {page.template}: {exc}") from exc


def write_site(target: Path, pages: Iterable[Page]) -> int:
    """Write the pages as a folder at target, replacing an earlier report; how many pages."""
    _check_target(target)
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    work = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp"))
    count = 0
    try:
        os.chmod(work, 0o700)
        folders: set[str] = set()
        for rel, text in render(pages):
            folder = rel.rpartition("/")[0]
            if folder and folder not in folders:
                (work / folder).mkdir(mode=0o700, exist_ok=True)
                folders.add(folder)
            _write(work / rel, text)
            count += 1
        _write(work / MARKER, MARKER_TEXT)
        _swap(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return count


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
