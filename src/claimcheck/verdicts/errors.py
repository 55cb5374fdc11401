"""Errors for verdicts: each message says what went wrong and what to do."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimcheck.errors import ClaimcheckError


class VerdictError(ClaimcheckError):
    """A review, reference, search or chart request that cannot be carried out as given."""


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one line of a reference file."""

    line: int
    problem: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.problem}"


class ReferenceFileError(VerdictError):
    """A reference file has bad rows; nothing from it was imported."""

    MAX_SHOWN = 20

    def __init__(self, name: str, problems: Sequence[RowProblem]) -> None:
        self.name = name
        self.problems = list(problems)
        shown = [f"  {p}" for p in self.problems[: self.MAX_SHOWN]]
        if len(self.problems) > self.MAX_SHOWN:
            shown.append(f"  ... and {len(self.problems) - self.MAX_SHOWN} more")
        n = len(self.problems)
        super().__init__(
            f"{name}: {n} problem{'s' if n != 1 else ''}; nothing was imported (fix the file and import it again)\n"
            + "\n".join(shown)
        )
