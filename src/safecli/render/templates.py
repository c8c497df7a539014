"""The Jinja environments: built-in templates, a book's overrides, escaping per format.

A book's own `templates/` folder overrides the built-in templates by file name.
Templates run in Jinja's sandbox with StrictUndefined, so a misspelt variable is
an error, not a blank. Case data only ever reaches a template as variables.
Every `{{ ... }}` is escaped for its format: HTML by autoescape, Markdown and
plain text by `finalize` (a value already escaped by a filter is left alone).
"""

from __future__ import annotations

import html
import re
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    pass_context,
)
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

import safecli
from safecli.errors import TemplateFailure
from safecli.render import FORMATS
from safecli.render.escape import (
    css_string,
    md_block,
    md_inline,
    one_line,
    strip_controls,
    txt_block,
    txt_wrap,
)
from safecli.render.i18n import translations
from safecli.render.views import clock, local_day
from safecli.render.words import Words
from safecli.store.book import Book

KINDS = ("invitation", "minutes", "plan")

OVERRIDE_DIR = "templates"
# Plain-text labels are padded to line up their values: Welsh labels run longer.
LABEL_WIDTHS = {"en": 17, "cy": 25}
HELP = "see docs/templates.md for the variables each template gets"


def builtin_dir() -> Path:
    """The built-in templates: inside the installed package, else the repository's."""
    packaged = files("safecli") / "templates"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(safecli.__file__).resolve().parents[2] / "templates"


@dataclass(frozen=True)
class Templates:
    """One environment per output format and language (made when first used), one loader."""

    loader: BaseLoader
    folders: tuple[Path, ...]
    environments: dict[tuple[str, str], ImmutableSandboxedEnvironment] = field(
        default_factory=dict, compare=False
    )

    def render(self, kind: str, fmt: str, variables: Mapping[str, Any], *, lang: str = "en") -> str:
        """Render `<kind>.<fmt>.j2` in a language; TemplateFailure naming the template and line."""
        return self.render_file(f"{kind}.{fmt}.j2", fmt, variables, lang=lang)

    def environment(self, lang: str, fmt: str) -> ImmutableSandboxedEnvironment:
        """The environment of one language and format, made when first asked for."""
        env = self.environments.get((lang, fmt))
        if env is None:
            env = self.environments[(lang, fmt)] = environment(fmt, self.loader, lang)
        return env

    def render_file(
        self, name: str, fmt: str, variables: Mapping[str, Any], *, lang: str = "en"
    ) -> str:
        """Render the template `name` with the environment of `fmt` and `lang`."""
        return self._guarded(
            name, lambda: self.environment(lang, fmt).get_template(name).render(variables)
        )

    def render_block(
        self,
        name: str,
        block: str,
        variables: Mapping[str, Any],
        *,
        lang: str = "en",
        required: bool = False,
    ) -> str:
        """One block of an HTML template (its `content`, say); empty when it has none,
        TemplateFailure when it has none and it is `required`."""

        def run() -> str:
            template = self.environment(lang, "html").get_template(name)
            if block not in template.blocks:
                if required:
                    raise TemplateFailure(
                        f"template {name} has no {block} block: a document in two "
                        "languages puts each language's content block on one page "
                        "(extend _base.html.j2 as the built-in templates do, or give --lang)",
                        path=template.filename,
                    )
                return ""
            # The template's own macros and top-level names, as its blocks see them.
            own = template.make_module(dict(variables)).__dict__
            names = {k: v for k, v in own.items() if not k.startswith("_")}
            context = template.new_context({**variables, **names})
            return "".join(template.blocks[block](context))

        return self._guarded(name, run)

    def _guarded(self, name: str, run: Callable[[], str]) -> str:
        """Run a rendering; TemplateFailure naming the template and line of what went wrong."""
        try:
            return run()
        except TemplateSyntaxError as exc:
            raise TemplateFailure(
                f"syntax error in template {exc.name or name}: {exc.message} ({HELP})",
                path=exc.filename or exc.name,
                line=exc.lineno,
            ) from None
        except TemplateNotFound as exc:
            raise TemplateFailure(
                f"template {exc.name} not found (looked in: "
                f"{', '.join(str(f) for f in self.folders)})"
            ) from None
        except UndefinedError as exc:
            where, line = _located(exc, name)
            raise TemplateFailure(
                f"undefined variable in template {Path(where).name}: {exc.message} ({HELP})",
                path=where,
                line=line,
            ) from None
        except (
            TemplateError,
            TypeError,
            ValueError,
            AttributeError,
            LookupError,
            ArithmeticError,
        ) as exc:
            where, line = _located(exc, name)
            raise TemplateFailure(
                f"template {Path(where).name} failed: {exc} ({HELP})", path=where, line=line
            ) from None


def templates_for(book: Book | None) -> Templates:
    """The environments for a book: its `templates/` first, then the built-in ones."""
    folders = [builtin_dir()]
    if book is not None and (book.root / OVERRIDE_DIR).is_dir():
        own = (book.root / OVERRIDE_DIR).resolve()
        if (book.root / OVERRIDE_DIR).is_symlink() or not own.is_relative_to(book.root.resolve()):
            raise TemplateFailure(
                "the book's templates folder is a symbolic link or outside the book; it "
                "must be a real folder in the book",
                path=book.root / OVERRIDE_DIR,
            )
        if own != folders[0].resolve():
            folders.insert(0, own)
    loader = ChoiceLoader([_RealFileLoader(str(folder)) for folder in folders])
    return Templates(loader, tuple(folders))


class _RealFileLoader(FileSystemLoader):
    """A template folder whose templates must be real files inside it, not symbolic
    links (one could print a case file raw)."""

    def get_source(self, environment: Any, template: str) -> Any:
        for folder in self.searchpath:
            path = Path(folder) / template
            if path.is_symlink() or (
                path.exists() and not path.resolve().is_relative_to(Path(folder).resolve())
            ):
                raise TemplateFailure(
                    "template is a symbolic link or outside its folder; templates must be "
                    "real files",
                    path=path,
                )
        return super().get_source(environment, template)


def check_syntax(book: Book, paths: Sequence[Path]) -> None:
    """Compile each template file (as pre-commit passes them); TemplateFailure at the line
    of the first syntax error."""
    templates = templates_for(book)
    for path in paths:
        parts = path.name.split(".")
        fmt = parts[-2] if len(parts) >= 3 and parts[-2] in FORMATS else FORMATS[0]
        env = templates.environment("en", fmt)
        try:
            env.parse(path.read_text(encoding="utf-8"), name=path.name, filename=str(path))
        except TemplateSyntaxError as exc:
            raise TemplateFailure(
                f"syntax error in template {path.name}: {exc.message} ({HELP})",
                path=path,
                line=exc.lineno,
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateFailure(f"cannot read template: {exc}", path=path) from None


def environment(fmt: str, loader: BaseLoader, lang: str = "en") -> ImmutableSandboxedEnvironment:
    """The sandboxed, strict environment for one output format and language."""
    words = Words(lang)
    env = ImmutableSandboxedEnvironment(
        loader=loader,
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        autoescape=fmt == "html",
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalizer(_ESCAPERS[fmt], words),
        auto_reload=False,
    )
    env.filters.update(
        {
            "text": _phrases_shown(_ESCAPERS[fmt], words),
            "block": _phrases_shown(_BLOCKS[fmt], words),
            "day": words.day,
            "longday": words.long_day,
            "when": words.when,
            "tr": words.gettext,
            "status": words.status,
            "label": partial(_label, least=LABEL_WIDTHS.get(lang, 17)),
            "wrap": txt_wrap if fmt == "txt" else _unchanged,
            "sentence": _phrases_shown(_sentence, words),
            "css_string": css_string,
            "localday": partial(local_day, lang=lang),
            "clock": clock,
        }
    )
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.globals["gettext"] = _placeholders_shown(env.globals["gettext"], words)
    return env


def _phrases_shown(show: Callable[..., Any], words: Words) -> Callable[..., Any]:
    """A filter that shows a catalogue phrase (`N_`) in the document's language."""
    return lambda value, *args: show(words.shown(value), *args)


def _placeholders_shown(gettext: Any, words: Words) -> Callable[..., Any]:
    """`_()` with each catalogue phrase among its values in the document's language."""

    @pass_context
    def shown(context: Context, message: str, **values: Any) -> Any:
        return gettext(context, message, **{k: words.shown(v) for k, v in values.items()})

    return shown


def _finalizer(escaper: Callable[[object], str], words: Words) -> Callable[[Any], Any]:
    def finalize(value: Any) -> Any:
        if value is None:
            return ""
        value = words.shown(value)
        if isinstance(value, datetime):
            return words.when(value)
        if isinstance(value, date):
            return words.day(value)
        if isinstance(value, Markup):
            return value
        return escaper(value)

    return finalize


def _html_inline(value: object) -> Markup:
    return value if isinstance(value, Markup) else escape(one_line(str(value)))


def _html_block(value: object) -> Markup:
    if isinstance(value, Markup):
        return value
    paragraphs = re.split(r"\n\s*\n", strip_controls(str(value)).strip())
    return Markup(
        "\n".join(f"<p>{html.escape(one_line(p), quote=True)}</p>" for p in paragraphs if p.strip())
    )


def _sentence(value: object) -> str:
    """Text on one line ending with a full stop (unless it ends with . ! or ?)."""
    shown = one_line(str(value))
    return shown if shown.endswith((".", "!", "?")) else f"{shown}."


def _label(value: object, width: int | None = None, *, least: int = 17) -> Markup:
    """A plain-text label and its colon, padded to `width` (else the language's own
    width) to line up the values after it."""
    shown = f"{one_line(str(value))}:"
    return Markup(shown.ljust(max(least if width is None else width, len(shown) + 1)))


def _unchanged(value: object) -> object:
    return value


def _txt_inline(value: object) -> str:
    return one_line(str(value))


_ESCAPERS: dict[str, Callable[[object], Any]] = {
    "md": md_inline,
    "html": _html_inline,
    "txt": _txt_inline,
}
_BLOCKS: dict[str, Callable[[object], Any]] = {
    "md": md_block,
    "html": _html_block,
    "txt": txt_block,
}


def _located(exc: BaseException, fallback: str) -> tuple[str, int | None]:
    """The template file and line an error was raised at (Jinja rewrites the traceback)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return frame.filename, frame.lineno
    return fallback, None
