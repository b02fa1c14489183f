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
from crmtui.i18n import N_

__all__ = ["ACTIVITY_KINDS", "GRADES", "MAN_VALUES", "OPP_STAGES", "OUTCOMES", "SORTS", "STAGES"]

SORTS = (
    ("name", N_("by name")),
    ("last-contact", N_("by last contact")),
    ("grade", N_("by grade")),
)
