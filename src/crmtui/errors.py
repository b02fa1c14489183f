"""Errors a user can cause. Each carries one readable line; the CLI prints it and exits 1,
the TUI shows it as a notification. Anything else is a bug and may show a traceback."""

from __future__ import annotations


class CrmError(Exception):
    """Base class: the message is meant for the user, as is."""


class InvalidInput(CrmError, ValueError):
    """A value given by the user cannot be accepted."""


class NotFound(CrmError, LookupError):
    """Nothing matches what the user named."""


class Ambiguous(CrmError):
    """A name matches several records; ``candidates`` holds (id, label) pairs."""

    def __init__(self, message: str, candidates: list[tuple[int, str]]):
        super().__init__(message)
        self.candidates = candidates


class DatabaseProblem(CrmError):
    """The database cannot be opened, read or written; the message says what to do."""
