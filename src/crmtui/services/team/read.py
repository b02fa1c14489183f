"""Who is asking, and who already owns a customer like the one being added.

On SQLite the user is the local login name (``CRM_USER`` overrides it); on PostgreSQL it is the
role the connection logged in as, so the database itself knows who is asking.
"""

from __future__ import annotations

import getpass
import os
from typing import Any

from crmtui.clock import from_db
from crmtui.db.reader import Reader
from crmtui.services.team.types import CustomerKeys, OwnerConflict, WhoAmI

# The portable duplicate check (SQLite, or a server database before `crm team init`); the
# server's crm_owner_conflict runs the same test with the rights to see every customer.
_CONFLICT_SQL = (
    "SELECT c.owner, coalesce(c.owned_since, c.created_at) AS since FROM customer c "
    "WHERE c.deleted_at IS NULL AND c.owner IS NOT NULL AND c.owner <> :me AND ("
    "(:name <> '' AND c.name_key = :name) OR (:email <> '' AND lower(c.email) = :email) "
    "OR (:credit <> '' AND c.credit_code = :credit){phones}) ORDER BY since LIMIT 1"
)


def local_user() -> str:
    return os.environ.get("CRM_USER") or getpass.getuser()


def _is_server(conn: Any) -> bool:
    return bool(conn.get_bind().dialect.name != "sqlite")


def session_user(session: Any) -> str:
    """The user a write session acts for (cached on the session)."""
    cached = session.info.get("crm_user")
    if cached is None:
        from sqlalchemy import text

        if _is_server(session):
            cached = str(session.execute(text("SELECT current_user")).scalar_one())
        else:
            cached = local_user()
        session.info["crm_user"] = cached
    return str(cached)


def whoami(reader: Reader) -> WhoAmI:
    if reader.is_sqlite:
        return WhoAmI(user=local_user(), manager=True, backend="sqlite", team=False)
    from crmtui.db.dialects.postgres.team import INITIALISED_SQL, MANAGER

    team = bool(reader.scalar(INITIALISED_SQL))
    row = reader.one(
        "SELECT current_user AS user, "
        "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser, "
        "EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :manager) "
        "AND pg_has_role(current_user, :manager, 'MEMBER') AS manager, "
        "(SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'customer' "
        "AND relkind = 'r' LIMIT 1) = current_user AS owner",
        {"manager": MANAGER},
    )
    assert row is not None
    admin = bool(row["superuser"] or row["owner"])
    return WhoAmI(
        user=str(row["user"]),
        manager=bool(row["manager"]) or admin,
        backend=reader.dialect_name,
        team=team,
        admin=admin,
    )


def team_ready(session: Any) -> bool:
    """Whether `crm team init` ran on this server database (False on SQLite)."""
    if not _is_server(session):
        return False
    from sqlalchemy import text

    from crmtui.db.dialects.postgres.team import INITIALISED_SQL

    return bool(session.execute(text(INITIALISED_SQL)).scalar_one())


def owner_conflict(session: Any, keys: CustomerKeys) -> OwnerConflict | None:
    """Another user's customer with one of these keys (the earliest taken), else None."""
    from sqlalchemy import text

    patterns = [f"% {k} %" for k in keys.phone_keys]
    params: dict[str, Any] = {
        "name": keys.name_key,
        "email": keys.email,
        "credit": keys.credit_code,
    }
    if team_ready(session):
        row = session.execute(
            text("SELECT owner, since FROM crm_owner_conflict(:name, :phones, :email, :credit)"),
            params | {"phones": patterns},
        ).first()
    else:
        me = session_user(session)
        # A personal database rarely holds anyone else's customer: then nothing can clash,
        # and the index on owner says so without reading the customers.
        others = session.execute(
            text("SELECT 1 FROM customer WHERE owner IS NOT NULL AND owner <> :me LIMIT 1"),
            {"me": me},
        )
        if others.first() is None:
            return None
        phones = "".join(f" OR c.phone_keys LIKE :p{i}" for i in range(len(patterns)))
        params |= {f"p{i}": p for i, p in enumerate(patterns)}
        params["me"] = me
        row = session.execute(text(_CONFLICT_SQL.format(phones=phones)), params).first()
    if row is None:
        return None
    return OwnerConflict(owner=str(row[0]), since=from_db(row[1]))
