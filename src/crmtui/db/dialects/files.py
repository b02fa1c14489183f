"""Interface: what happens to the database as a file (or, on a server, as a whole)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol


class DatabaseFiles(Protocol):
    def copy(self, source: Path, target: Path) -> None:
        """A consistent, self-contained copy of a live database at ``source`` written to
        ``target``; ``target`` appears only when the copy is complete."""
        ...

    def copy_into(self, source: Path, target: Path) -> None:
        """Overwrite the live database ``target`` with the copy at ``source`` (a restore)."""
        ...

    def check(self, path: Path, *, full: bool) -> list[str]:
        """Problems an integrity check finds in the database at ``path``; empty when sound."""
        ...

    def scrub(self, path: Path) -> bool:
        """Make sure no earlier version of deleted data survives beside the database (SQLite:
        fold the write-ahead log in and truncate it). False when it must wait for readers."""
        ...

    def forget_deleted_text(self, conn: Any) -> None:
        """On a SQLAlchemy connection inside a purge: drop deleted words from search indexes."""
        ...

    def references(self, conn: Any, parents: tuple[str, ...]) -> list[tuple[str, str, str]]:
        """(table, column, parent) for every foreign key pointing at one of ``parents``, read
        from the live schema, so a purge also clears tables added after it was written."""
        ...
