"""How widgets and screens reach the running app's data: reading and writing off the main thread
and reporting failures as notifications.

Worker threads call :func:`read` / :func:`write`; they never touch widgets. A failure a user can
cause (``CrmError``) becomes one notification; anything else is logged and reported the same way,
and the app keeps running.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.app import App

from crmtui.errors import CrmError

if TYPE_CHECKING:
    from sqlmodel import Session

    from crmtui.app import CrmApp
    from crmtui.db.reader import Reader

T = TypeVar("T")


def crm(app: App[Any]) -> CrmApp:
    """The running app, typed as ours."""
    return cast("CrmApp", app)


def report(app: App[Any], exc: BaseException) -> None:
    """Show a failure as a notification (safe to call from any thread)."""
    if not isinstance(exc, CrmError):
        # a database server's refusal or a dropped connection: its line, not a repr
        from crmtui.db.server_errors import server_problem

        exc = server_problem(exc) or exc
    if isinstance(exc, CrmError):
        app.notify(str(exc), severity="error", markup=False, timeout=6)
    else:
        app.log.error(repr(exc))
        app.notify(
            f"something went wrong: {exc!r}",
            title="Unexpected error",
            severity="error",
            markup=False,
            timeout=8,
        )


def read(app: App[Any], fn: Callable[[Reader], T]) -> T | None:
    """Run ``fn`` with a pooled reader; None (after a notification) if it fails."""
    try:
        with crm(app).readers.reader() as reader:
            return fn(reader)
    except Exception as exc:
        report(app, exc)
        return None


def write(app: App[Any], fn: Callable[[Session], T]) -> T:
    """Run ``fn`` in one transaction; exceptions go to the caller (forms show them)."""
    with crm(app).db.session() as session:
        return fn(session)
