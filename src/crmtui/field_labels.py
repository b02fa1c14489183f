"""The names of the inputs that error messages name (``{label}``), marked for translation.

Checks pass these English names as ``label`` (``Bounded("customer id", ...)``,
``checks.text(note, "note")``); :func:`crmtui.errors.render` translates a label when the
catalogue knows it. Most labels are also column headers and are extracted there; the rest are
listed here so that the catalogue has them too.
"""

from __future__ import annotations

from crmtui.i18n import N_

LABELS = (
    N_("budget"),
    N_("expense"),
    N_("claim"),
    N_("activity"),
    N_("action"),
    N_("body"),
    N_("partners"),
    N_("parts"),
    N_("place"),
    N_("reflection"),
    N_("spec"),
    N_("tag"),
    N_("report"),
    N_("channel"),
    N_("query name"),
    N_("product id"),
    N_("opportunity id"),
    N_("note id"),
    N_("expense line id"),
    N_("event id"),
    N_("customer id"),
    N_("contact id"),
    N_("complaint id"),
    N_("claim id"),
    N_("announcement id"),
    N_("activity id"),
    N_("action id"),
)
