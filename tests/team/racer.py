"""One of the two processes of the 撞单 race: adds the same customers as its rival, in step."""

from __future__ import annotations

import os
from typing import Any


def race(url: str, rounds: int, barrier: Any, results: Any) -> None:
    """For each round, wait for the rival at ``barrier``, then add customer ``Race N``."""
    os.environ["CRM_DATABASE_URL"] = url
    os.environ.setdefault("CRM_NOW", "2026-11-23T10:00:00+08:00")
    from crmtui import clock
    from crmtui.db.engine import open_database
    from crmtui.errors import InvalidInput
    from crmtui.services.customers.write import create_customer

    db = open_database()
    try:
        for n in range(rounds):
            barrier.wait(timeout=60)
            try:
                with db.session() as session:
                    create_customer(
                        session,
                        now=clock.now(),
                        name=f"Race {n} Trading Co., Ltd.",
                        phones=[f"+86 21 6000 {n:04d}"],
                    )
                results.put((n, "won", ""))
            except InvalidInput as exc:
                results.put((n, "refused", str(exc)))
    finally:
        db.dispose()
