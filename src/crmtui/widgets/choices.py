"""The fixed choices the forms and filters offer.

The vocabularies come from ``crmtui.db.constants``, which imports no SQLModel (the app leaves
that until the first write, to start fast).
"""

from __future__ import annotations

from crmtui.db.constants import (
    ACTIVITY_KINDS,
    GRADES,
    MAN_VALUES,
    OPP_STAGES,
    OUTCOMES,
    STAGES,
)

__all__ = ["ACTIVITY_KINDS", "GRADES", "MAN_VALUES", "OPP_STAGES", "OUTCOMES", "SORTS", "STAGES"]

SORTS = (("name", "by name"), ("last-contact", "by last contact"), ("grade", "by grade"))
