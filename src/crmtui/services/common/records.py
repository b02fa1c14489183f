"""Turning a database row into the typed record a service returns.

Rows come from the lean reader as mappings of raw column values; services hand out TypedDicts
(plain dicts at run time, so ``--json`` prints them exactly as before and screens index them by
key). ``decoded`` is the one place where a row becomes such a record.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar, cast

from crmtui.clock import from_db
from crmtui.db.reader import Row

RecordT = TypeVar("RecordT")

INSTANTS = ("last_contact_at", "updated_at", "deleted_at", "created_at", "due_at", "done_at")


def decoded(row: Row, shape: type[RecordT]) -> RecordT:
    """``row`` as a ``shape`` record: phones decoded, instants aware, flags as bools.

    ``shape`` names the columns the query selected; it is not checked at run time (the query and
    its TypedDict sit side by side), hence the one cast.
    """
    out: dict[str, Any] = dict(row)
    if isinstance(out.get("phones"), str):
        out["phones"] = json.loads(out["phones"])
    for key in INSTANTS:
        if key in out:
            out[key] = from_db(out[key])
    if "is_person" in out:
        out["is_person"] = bool(out["is_person"])
    return cast(RecordT, out)
