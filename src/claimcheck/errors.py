"""Errors meant for users: each message says what went wrong and what to do."""

from __future__ import annotations


class ClaimcheckError(Exception):
    """Base class for errors a user can act on (the CLI shows the message, exit 1)."""


class ReadError(ClaimcheckError):
    """A document could not be read or decoded."""

    def __init__(self, path: str, problem: str, advice: str = "") -> None:
        self.path = path
        self.problem = problem
        self.advice = advice
        message = f"{path}: {problem}"
        if advice:
            message += f" ({advice})"
        super().__init__(message)


class DatabaseError(ClaimcheckError):
    """The database cannot be opened, migrated or queried."""


class NotFoundError(ClaimcheckError):
    """A claim, group or source the user named does not exist."""


def reason_of(e: BaseException) -> str:
    """The first line of what a database (or anything else) said when it refused: the DB-API
    error inside SQLAlchemy's wrapper, or the exception's own message, or its type's name."""
    text = str(getattr(e, "orig", None) or e).strip()
    return text.splitlines()[0] if text else type(getattr(e, "orig", None) or e).__name__
