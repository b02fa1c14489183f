"""What every screen that shows data shares: reading and writing off the main thread, reporting
failures as notifications, and following changes to the database.

Worker threads call :func:`read` / :func:`write`; they never touch widgets. Results go back to
the main thread with ``app.call_from_thread``. A failure a user can cause (``CrmError``) becomes
one notification; anything else is logged and reported the same way, and the app keeps running.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.app import App
from textual.screen import Screen

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


class DataScreen(Screen[None]):
    """A screen whose content comes from the database and follows its changes.

    Subclasses implement :meth:`load` (usually starting a thread worker). The app bumps its
    ``data_generation`` whenever the database changes; a visible screen reloads at once, a
    hidden one when it comes back.
    """

    loaded_generation = -1

    @property
    def crm(self) -> CrmApp:
        return crm(self.app)

    def load(self) -> None:
        raise NotImplementedError

    def reload(self) -> None:
        self.loaded_generation = self.crm.data_generation
        self.load()

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        if self.loaded_generation != self.crm.data_generation:
            self.reload()

    def deliver(self, fn: Callable[..., Any], *args: Any) -> None:
        """From a worker thread: run ``fn(*args)`` on the main thread if the screen is alive."""
        try:
            self.app.call_from_thread(self._deliver, fn, *args)
        except RuntimeError:
            pass  # the app is shutting down

    def _deliver(self, fn: Callable[..., Any], *args: Any) -> None:
        if self.is_attached:
            fn(*args)
