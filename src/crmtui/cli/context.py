"""What every command shares: the chosen database, the clock, the user's zone and consoles."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from crmtui import clock, numbers
from crmtui.i18n import N_

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from crmtui.config import Config
    from crmtui.db.engine import Database
    from crmtui.db.reader import Reader
    from crmtui.services.customers.types import CustomerRow

# True when this process runs one command and ends (the ``crm`` entry point sets it), not when
# commands are called in turn (tests): a command may then leave its objects to the process's end
ONE_COMMAND = False

console = Console(highlight=False, soft_wrap=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

# A number always names a customer by id; these flags make the argument a name instead, so a
# customer called "2021" stays reachable. Commands whose --name already sets a new name (like
# edit-customer) take only --by-name.
_AS_NAME_HELP = N_("Read the customer argument as a name, even if it is a number.")
ByName = Annotated[bool, typer.Option("--name", "--by-name", help=_AS_NAME_HELP)]
ByNameOnly = Annotated[bool, typer.Option("--by-name", help=_AS_NAME_HELP)]
# the options of a list command: --json, and --limit with a table of 200 rows by default
AsJson = Annotated[bool, typer.Option("--json", help=N_("JSON output."))]
Limit200 = Annotated[
    int | None,
    typer.Option(help=N_("At most this many (table: 200, --json: all)."), parser=numbers.LIMIT),
]


@dataclass
class State:
    """Per-invocation state, created by the root callback."""

    db_option: str | None = None

    @cached_property
    def config(self) -> Config:
        from crmtui import config

        return config.load()

    @cached_property
    def tz(self) -> ZoneInfo:
        return clock.user_zone(self.config.timezone)

    def now(self) -> datetime:
        return clock.now(self.tz)

    def local_now(self) -> datetime:
        return self.now().astimezone(self.tz)

    @cached_property
    def db(self) -> Database:
        from crmtui.db.engine import open_database

        return open_database(self.db_option)

    def existing_db(self) -> Database:
        """The database for reading: a missing file is an error, never created."""
        if "db" not in self.__dict__:
            from crmtui.db.engine import open_database

            # Cached as ``db``: once it exists, a later write in the command uses it.
            self.__dict__["db"] = open_database(self.db_option, create=False)
        return self.db

    def reader(self) -> Reader:
        """A lean read-only connection; use it in a ``with`` block. Never creates a database."""
        return self.existing_db().reader()

    def close(self) -> None:
        """Give back the database's connections when the command ends: a server's would stay
        open until the garbage collector found them (a ResourceWarning), the pool of a write's
        engine and the spare lean connection alike."""
        db = self.__dict__.pop("db", None)
        if db is not None:
            db.dispose()

    def customer(
        self, ref: str, *, include_deleted: bool = False, by_name: bool = False
    ) -> CustomerRow:
        """The customer the user named: an id if ``ref`` is a number (unless ``by_name``), else
        part of its name or pinyin or of one of its contacts'."""
        from crmtui.services.customers.read import resolve_customer

        with self.reader() as reader:
            return resolve_customer(reader, ref, include_deleted=include_deleted, by_name=by_name)

    def customer_and_contact(
        self, ref: str, contact: str | None, *, by_name: bool = False
    ) -> tuple[CustomerRow, int | None]:
        """The named customer and, when ``contact`` is given, the id of that contact of theirs."""
        from crmtui.services.customers.read import resolve_contact, resolve_customer

        with self.reader() as reader:
            target = resolve_customer(reader, ref, by_name=by_name)
            contact_id = resolve_contact(reader, target["id"], contact)["id"] if contact else None
        return target, contact_id


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    assert isinstance(obj, State)
    return obj


def print_json(data: Any) -> None:
    from crmtui.textsafe import json_dumps

    sys.stdout.write(json_dumps(data) + "\n")


def open_tui(st: State) -> None:
    """Start the full-screen app (Textual is imported only here).

    A first run may create the default database, but a ``--db`` path that does not exist is
    most likely a typo: refused like a read, before any folder is made.
    """
    if st.db_option:
        from crmtui.db.location import require_existing, resolve

        require_existing(resolve(st.db_option))
    from crmtui.app import run_app

    run_app(db_option=st.db_option)
