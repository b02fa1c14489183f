"""Writer processes for the concurrency and kill tests (run as scripts, not collected by pytest).

    python writers.py app PREFIX SECONDS     # like the TUI: one open Database, a reader polling
    python writers.py cli PREFIX SECONDS     # like a shell loop of `crm` commands
    python writers.py slow PREFIX SECONDS    # batch after batch of 50 customers, as an import

Each imports what it needs, prints {"ready": true} and waits for a line on stdin, so that every
writer starts writing at the same moment; then it prints one JSON line per finished action:
{"ok": NAME} once it is committed, or {"error": MESSAGE, "name": NAME} when it was refused.
It writes until a second line arrives on stdin (or stdin closes), or at the latest for SECONDS:
the parent says when enough has happened, however slow the machine is.
The environment (CRM_DB, CRM_NOW...) comes from the parent.
"""

from __future__ import annotations

import json
import sys
import threading
import time

_stop = threading.Event()  # set by the parent's second line: finish the action under way, end


def emit(**fields: object) -> None:
    sys.stdout.write(json.dumps(fields, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def ready() -> None:
    emit(ready=True)
    sys.stdin.readline()

    def wait_for_stop() -> None:
        sys.stdin.readline()  # a line, or end of file when the parent has gone
        _stop.set()

    threading.Thread(target=wait_for_stop, daemon=True).start()


def writing(end: float) -> bool:
    """Whether to start another action: not told to stop and not past the latest end."""
    return not _stop.is_set() and time.monotonic() < end


def app_writer(prefix: str, seconds: float) -> None:
    """Short transactions through Database.session, with a reader open between them."""
    from crmtui import clock
    from crmtui.db.engine import open_database
    from crmtui.errors import CrmError
    from crmtui.services.activities.write import log_activity
    from crmtui.services.customers.write import create_customer

    db = open_database()
    reader = db.reader()
    base = int(reader.scalar("SELECT min(id) FROM customer"))
    ready()
    end = time.monotonic() + seconds
    i = 0
    while writing(end):
        i += 1
        name = f"{prefix}-{i}"
        try:
            with db.session() as s:
                now = clock.now()
                create_customer(s, now=now, name=name, tags=[prefix], notes=f"notes of {name}")
                log_activity(s, now=now, customer_id=base, note=f"log {name}")
        except CrmError as exc:
            emit(error=str(exc), name=name)
            continue
        emit(ok=name)
        reader.data_version()
        reader.rows("SELECT id, name FROM customer ORDER BY updated_at DESC LIMIT 20")
    reader.close()
    db.dispose()


def cli_writer(prefix: str, seconds: float) -> None:
    """`crm` commands one after another; each builds its own State, engine and connections."""
    from typer.testing import CliRunner

    import crmtui.db.engine
    import crmtui.services.activities.write
    import crmtui.services.customers.write  # noqa: F401  (what a write command imports)
    from crmtui.cli import app

    runner = CliRunner()
    ready()
    end = time.monotonic() + seconds
    i = 0
    while writing(end):
        i += 1
        name = f"{prefix}-{i}"
        result = runner.invoke(app, ["add-customer", name, "--tag", prefix, "--note", name])
        if result.exit_code != 0:
            emit(error=(result.stderr or repr(result.exception)).strip(), name=name)
            continue
        emit(ok=name)
        if i % 3 == 0:
            result = runner.invoke(app, ["log", "1", "--note", f"log {name}"])
            if result.exit_code != 0:
                emit(error=(result.stderr or repr(result.exception)).strip(), name=f"log {name}")
            else:
                emit(ok=f"log {name}")


def slow_writer(prefix: str, seconds: float) -> None:
    """Whole transactions of 50 customers each, as an import would write them."""
    from crmtui import clock
    from crmtui.db.engine import open_database
    from crmtui.services.customers.write import create_customer

    db = open_database()
    ready()
    end = time.monotonic() + seconds
    batch = 0
    while writing(end):
        batch += 1
        names = [f"{prefix}-{batch}-{j}" for j in range(50)]
        with db.session() as s:
            now = clock.now()
            for name in names:
                create_customer(s, now=now, name=name, tags=[prefix], notes="x" * 500)
        emit(ok=f"{prefix}-{batch}", size=len(names))
    db.dispose()


if __name__ == "__main__":
    kind, prefix, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    {"app": app_writer, "cli": cli_writer, "slow": slow_writer}[kind](prefix, seconds)
