"""The full-screen app's pool of lean readers (services/desktop/tui.ReaderPool) when a database
server goes away: every idle connection went with it, so one failed read closes them all and
the next reads open new ones, instead of each stale connection failing (and being reported to
the user) in turn."""

from __future__ import annotations

from typing import Any, cast

import pytest

from crmtui.errors import DatabaseProblem
from crmtui.services.desktop.tui import ReaderPool


class FakeReader:
    def __init__(self, number: int) -> None:
        self.number = number
        self.closed = False

    def close(self) -> None:
        self.closed = True


class FakeDatabase:
    def __init__(self) -> None:
        self.opened: list[FakeReader] = []

    def reader(self) -> FakeReader:
        self.opened.append(FakeReader(len(self.opened) + 1))
        return self.opened[-1]


def _pool_with_three_idle() -> tuple[ReaderPool, FakeDatabase]:
    db = FakeDatabase()
    pool = ReaderPool(cast(Any, db))
    with pool.reader(), pool.reader(), pool.reader():
        pass  # three at once: three connections, all idle afterwards
    assert len(db.opened) == 3
    return pool, db


def test_a_read_that_lost_the_server_closes_every_idle_connection():
    pool, db = _pool_with_three_idle()
    with pytest.raises(DatabaseProblem), pool.reader():
        raise DatabaseProblem("db-server-lost", reason="terminating connection")
    assert all(r.closed for r in db.opened)
    with pool.reader() as fresh:
        assert cast(Any, fresh).number == 4  # a new connection, not a stale one


def test_a_refusal_that_is_not_a_lost_server_keeps_the_others():
    pool, db = _pool_with_three_idle()
    with pytest.raises(DatabaseProblem), pool.reader():
        raise DatabaseProblem("db-server-not-yours", reason="row-level security")
    assert not any(r.closed for r in db.opened)


def test_drop_idle_closes_them_and_the_pool_goes_on():
    pool, db = _pool_with_three_idle()
    pool.drop_idle()
    assert all(r.closed for r in db.opened)
    with pool.reader() as fresh:
        assert cast(Any, fresh).number == 4
