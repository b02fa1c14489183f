"""The words of the money area as shown: order statuses, payment states, payment methods.

Marked with ``N_`` here and translated when shown, so the CLI and the TUI say the same."""

from __future__ import annotations

from crmtui.i18n import N_, translate

# The words of the order statuses, payment states and payment methods, as shown.
WORDS = {
    "draft": N_("draft"),
    "confirmed": N_("confirmed"),
    "shipped": N_("shipped"),
    "delivered": N_("delivered"),
    "cancelled": N_("cancelled"),
    "paid": N_("paid"),
    "partial": N_("partial"),
    "unpaid": N_("unpaid"),
    "overdue": N_("overdue"),
    "transfer": N_("transfer"),
    "cash": N_("cash"),
    "acceptance": N_("acceptance bill"),
    "other": N_("other"),
}


NOT_YET_DUE = N_("not yet due")


def word(key: str) -> str:
    """A status, payment state or method in the user's language (unknown keys as they are)."""
    return translate(WORDS[key]) if key in WORDS else key


def bucket_word(label: str) -> str:
    """An ageing bucket's heading: ``current`` in words, day ranges as they are."""
    return translate(NOT_YET_DUE) if label == "current" else label
