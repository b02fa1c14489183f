"""What a PostgreSQL server's refusal means for the user, in one line with what to do.

A server database fails in ways a file does not: the server is stopped or unreachable, the
password or the role in the URL is wrong, the database does not exist, the role lacks grants,
row-level security refuses a row, or the connection drops in the middle of a command. Each
becomes a :class:`DatabaseProblem` naming the problem and the next step, so the CLI prints one
line (exit 1) and the TUI a notification, never a traceback.

psycopg is looked up in ``sys.modules``, never imported: when it was not loaded, no error can
have come from it, and an SQLite command stays free of it.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from crmtui.errors import CrmError, DatabaseProblem

# The problems after which a connection is of no more use (a new one may work again).
SERVER_GONE = ("db-server-down", "db-server-lost")

# SQLSTATE classes and codes (PostgreSQL's appendix A)
_CONNECTION = "08"  # connection exception
_RESOURCES = "53"  # insufficient resources (disk full, out of memory, too many connections)
_OPERATOR = "57"  # operator intervention (shutdown, terminated, cannot connect now)
_DENIED = "42501"  # insufficient privilege (grants, and row-level security)
_READ_ONLY = "25006"  # read-only transaction (a standby server)
_RETRY = ("40001", "40P01", "55P03", "57014")  # serialisation, deadlock, lock, timeout
_NO_DATABASE = "3D000"
_BAD_PASSWORD = "28P01"
_BAD_LOGIN = "28000"

_DOWN_WORDS = (
    "No such file or directory",
    "Connection refused",
    "could not translate host name",
    "Name or service not known",
    "timeout expired",
    "No route to host",
    "the database system is starting up",
    "the database system is shutting down",
    "the database system is in recovery mode",
)
_LOST_WORDS = (
    "server closed the connection unexpectedly",
    "terminating connection",
    "consuming input failed",
    "connection is lost",
    "connection is closed",
    "connection is bad",
    "SSL SYSCALL error",
    "EOF detected",
)


def server_problem(exc: BaseException) -> DatabaseProblem | None:
    """The user's line for a PostgreSQL error anywhere in ``exc``'s chain; None for others
    (a mistake in the SQL stays a traceback: it is a bug, not the user's to fix)."""
    psycopg = sys.modules.get("psycopg")
    if psycopg is None:
        return None
    found = _psycopg_error(exc, psycopg)
    return None if found is None else classify(found)


def _psycopg_error(exc: BaseException, psycopg: Any) -> BaseException | None:
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop(0)
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, CrmError):
            return None  # already says what to do
        if isinstance(current, psycopg.Error):
            found: BaseException = current
            return found
        todo += [getattr(current, "orig", None), current.__cause__, current.__context__]
    return None


def classify(err: BaseException) -> DatabaseProblem | None:
    """The problem a psycopg error stands for; None when it is a bug rather than the setup."""
    state = str(getattr(err, "sqlstate", None) or "")
    text = " ".join(str(err).split())
    reason = _reason(err, text)
    if state == _BAD_PASSWORD or "password authentication failed" in text:
        return DatabaseProblem("db-server-password", user=_quoted(text, "user") or "?")
    if "no password supplied" in text:
        return DatabaseProblem("db-server-password", user=_quoted(text, "user") or "?")
    if (state == _BAD_LOGIN or "role" in text) and re.search(r'role "[^"]*" does not exist', text):
        return DatabaseProblem("db-server-no-role", user=_quoted(text, "role") or "?")
    if state == _NO_DATABASE or re.search(r'database "[^"]*" does not exist', text):
        return DatabaseProblem("db-server-no-database", database=_quoted(text, "database") or "?")
    if state == _DENIED or "permission denied" in text or "row-level security" in text:
        if "row-level security" in text:
            return DatabaseProblem("db-server-not-yours", reason=reason)
        return DatabaseProblem("db-server-denied", reason=reason)
    if state == _READ_ONLY:
        return DatabaseProblem("db-server-read-only", reason=reason)
    if state in _RETRY or state.startswith(_RESOURCES):
        return DatabaseProblem("db-server-busy", reason=reason)
    if any(word in text for word in _DOWN_WORDS) or state == "57P03":
        return DatabaseProblem("db-server-down", reason=reason)
    if (
        any(word in text for word in _LOST_WORDS)
        or state.startswith(_CONNECTION)
        or state.startswith(_OPERATOR)
    ):
        return DatabaseProblem("db-server-lost", reason=reason)
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None and isinstance(err, psycopg.OperationalError | psycopg.InterfaceError):
        return DatabaseProblem("db-server-lost", reason=reason)
    return None


def _quoted(text: str, word: str) -> str | None:
    found = re.search(rf'{word} "([^"]*)"', text)
    return found.group(1) if found else None


def _reason(err: BaseException, text: str) -> str:
    """The server's own words, shortest form: its primary message, else the last clause of
    libpq's "connection to server ... failed: ..." line."""
    diag = getattr(err, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    if primary:
        return str(primary)
    tail = text.rsplit("failed: ", 1)[-1]
    return re.sub(r"^(FATAL|ERROR):\s*", "", tail).strip() or type(err).__name__
