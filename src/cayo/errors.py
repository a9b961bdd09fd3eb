"""User-facing errors: they carry every problem, with where and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One problem in a user's input.

    Attributes
    ----------
    path : dotted YAML path ('' for the whole file).
    line : 1-based line number, if known.
    message : what is wrong.
    hint : how to fix it.
    """

    path: str
    line: int | None
    message: str
    hint: str

    def format(self, file: str) -> str:
        where = f"{file}:{self.line}" if self.line else file
        field = f" {self.path}:" if self.path else ""
        return f"{where}:{field} {self.message}\n    hint: {self.hint}"


class CayoError(Exception):
    """Base for errors that are the user's to fix (the CLI prints them without a traceback)."""


class ScenarioError(CayoError):
    """A scenario file has problems; all of them are listed."""

    def __init__(self, file: Path | str, problems: list[Problem]):
        self.file = str(file)
        self.problems = sorted(problems, key=lambda p: (p.line or 0, p.path))
        n = len(self.problems)
        head = f"{self.file}: {n} problem{'s' if n != 1 else ''} found"
        super().__init__("\n".join([head, *(p.format(self.file) for p in self.problems)]))
