"""Fixtures of the team-mode tests: a team database on the test server and its users.

Roles belong to the whole server, which other tests (and xdist workers) share, so every test
makes users with names of its own.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest

from tests import pg_support


@dataclass
class Team:
    server: pg_support.PgServer
    database: str
    admin_url: str
    alice: str
    bob: str
    boss: str

    def url(self, user: str) -> str:
        return self.server.url(self.database, user=user)

    def dsn(self, user: str) -> str:
        return self.server.dsn(self.database, user=user)


@pytest.fixture
def team(pg_server: pg_support.PgServer, pg_url: str, monkeypatch: pytest.MonkeyPatch) -> Team:
    """A migrated database made a team database (``crm team init``) with two salespeople and a
    manager; CRM_DATABASE_URL is the administrator's."""
    from tests.cli_runner import crm

    tag = uuid.uuid4().hex[:6]
    monkeypatch.setenv("CRM_DATABASE_URL", pg_url)
    crm("team", "init")
    names = [f"alice_{tag}", f"bob_{tag}", f"boss_{tag}"]
    crm("team", "add-user", names[0])
    crm("team", "add-user", names[1])
    crm("team", "add-user", names[2], "--manager")
    from sqlalchemy.engine import make_url

    database = str(make_url(pg_url).database)
    return Team(pg_server, database, pg_url, *names)
