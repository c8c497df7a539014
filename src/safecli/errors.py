"""The one exception family of safecli.

The CLI catches `SafecliError` once, at the entry point, prints
`safecli: error: file:line:col: message` and exits with the error's code.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_FAILED = 3
EXIT_BUSY = 75  # sysexits' EX_TEMPFAIL: nothing was done; the same command may succeed later
EXIT_INTERRUPTED = 130


class SafecliError(Exception):
    """Base: safecli could not do the job. Carries an optional file position."""

    exit_code = EXIT_FAILED

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.column = column

    def where(self) -> str:
        """The `file:line:col` prefix, as much of it as is known."""
        if self.path is None:
            return ""
        parts = [str(self.path)]
        if self.line is not None:
            parts.append(str(self.line))
            parts.append(str(self.column if self.column is not None else 1))
        return ":".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message


class FileFormatError(SafecliError):
    """Raised when a file cannot be read as a safe, well-formed case file."""


class BookNotFound(SafecliError):
    """Raised when no `safecli.yaml` is found from here upwards (or at --book)."""


class UnknownCase(SafecliError):
    """Raised when a case id does not name a case folder of the book."""


class LockHeld(SafecliError):
    """Raised when another writer holds a case's lock for longer than we wait: nothing
    was written, and the same command can simply be run again (exit 75)."""

    exit_code = EXIT_BUSY


class UnsafeWrite(SafecliError):
    """Raised when a write would go through a symlink or outside the book."""


class WriteFailed(SafecliError):
    """Raised when the system refuses a write (a full disk, a file too large, no
    permission) before anything was replaced: the old files are as they were."""


class InvalidInput(SafecliError):
    """Raised when a value given on the command line or at a prompt is not acceptable."""


class RuleViolation(SafecliError):
    """Raised when a change breaks a meeting-type rule of the policy pack."""


class TemplateFailure(SafecliError):
    """Raised when a template cannot be loaded or rendered."""


class GitFailure(SafecliError):
    """Raised when a git command safecli runs fails."""


class Uncountable(SafecliError):
    """Raised when a statutory return or count meets records it cannot count: `problems`
    names each case and field."""

    def __init__(self, what: str, problems: list[str]) -> None:
        count = len(problems)
        listed = "\n".join(f"  {problem}" for problem in problems)
        super().__init__(
            f"{count} record{'s' if count != 1 else ''} cannot be counted in {what}; "
            f"record them (or correct them) and run again:\n{listed}"
        )
        self.problems = problems


class UsageProblem(SafecliError):
    """Raised when the command line is missing a value and there is no terminal to ask at."""

    exit_code = EXIT_USAGE
