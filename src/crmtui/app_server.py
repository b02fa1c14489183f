"""The app when a database server (team mode) stops answering: a notification, not a crash.

Reads in worker threads already report a ``CrmError`` as a notification (widgets/data_access);
this mixin covers the rest. The live-refresh poll says once that the server is gone, drops its
dead connection and opens a new one on a later tick (a connection the server dropped never works
again); a worker that fails on the server becomes a notification; an event handler that fails
on it ends the app with the one line the CLI would print, not a traceback (Textual stops a
widget whose handler raised, so carrying on would leave a screen that no longer answers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

if TYPE_CHECKING:
    from crmtui.db.reader import Reader
    from crmtui.errors import DatabaseProblem
    from crmtui.services.desktop.tui import ReaderPool


class ServerTrouble(App[None]):
    _watch: Reader | None
    _server_gone: bool
    readers: ReaderPool

    def _watch_failed(self, exc: Exception) -> None:
        """The change counter could not be read: if the server is gone, say so once and open
        a new connection next tick."""
        from crmtui.db.server_errors import SERVER_GONE

        problem = _problem_of(exc)
        if problem is None or problem.code not in SERVER_GONE:
            return  # busy for a moment (SQLite): the next tick tries again
        watch, self._watch = self._watch, None
        if watch is not None:
            try:
                watch.close()
            except Exception:  # noqa: BLE001 (closing a dead connection)
                pass
        self.readers.drop_idle()  # dropped by the server with the watch: open new ones later
        if not self._server_gone:
            self._server_gone = True
            self.notify(str(problem), severity="error", markup=False, timeout=10)

    def _handle_exception(self, error: Exception) -> None:
        from textual.worker import WorkerFailed

        cause = error.error if isinstance(error, WorkerFailed) else error
        problem = _problem_of(cause) if isinstance(cause, Exception) else None
        if problem is None:
            super()._handle_exception(error)
        elif isinstance(error, WorkerFailed):
            self.notify(str(problem), severity="error", markup=False, timeout=10)
        else:
            from rich.text import Text

            from crmtui.i18n import _

            line = Text(_("error: {message}").format(message=problem))  # never markup
            self.exit(return_code=1, message=line)


def _problem_of(exc: Exception) -> DatabaseProblem | None:
    from crmtui.db.server_errors import server_problem
    from crmtui.errors import DatabaseProblem

    if isinstance(exc, DatabaseProblem) and exc.code.startswith("db-server-"):
        return exc
    return server_problem(exc)
