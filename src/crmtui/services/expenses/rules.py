"""Pure rules of an expense claim: categories, statuses and the moves between them.

``draft → submitted → approved | rejected``, then ``approved → reimbursed``. Only a draft takes
new lines or edits; a submitted claim waits for its decision; a decided claim is frozen.
"""

from __future__ import annotations

from datetime import date

from crmtui import numbers
from crmtui.errors import InvalidInput
from crmtui.i18n import N_
from crmtui.services.expenses.types import LineInput

CATEGORIES = ("travel", "hotel", "meals", "gifts", "transport", "event", "samples", "other")
STATUSES = ("draft", "submitted", "approved", "rejected", "reimbursed")
MOVES: dict[str, tuple[str, ...]] = {
    "draft": ("submitted",),
    "submitted": ("approved", "rejected"),
    "approved": ("reimbursed",),
    "rejected": (),
    "reimbursed": (),
}
DECIDED = ("approved", "rejected", "reimbursed")
STATUS_WORDS = {
    "draft": N_("draft"),
    "submitted": N_("submitted"),
    "approved": N_("approved"),
    "rejected": N_("rejected"),
    "reimbursed": N_("reimbursed"),
}
CATEGORY_WORDS = {
    "travel": N_("travel"),
    "hotel": N_("hotel"),
    "meals": N_("meals"),
    "gifts": N_("gifts"),
    "transport": N_("transport"),
    "event": N_("event"),
    "samples": N_("samples"),
    "other": N_("other"),
}


def check_move(claim_id: int, old: str, new: str) -> None:
    """Refuse a move the claim's status machine does not allow."""
    if new not in MOVES[old]:
        raise InvalidInput(
            "claim-cannot-move",
            field="status",
            id=claim_id,
            old=old,
            new=new,
            allowed=MOVES[old] or ("nothing",),
        )


def check_editable(claim_id: int, status: str, reason: str | None) -> None:
    """Only a draft changes; a decided claim says why it is frozen."""
    if status == "draft":
        return
    if status == "submitted":
        raise InvalidInput("claim-submitted", id=claim_id)
    if status == "rejected":
        raise InvalidInput("claim-frozen-rejected", id=claim_id, reason=reason or "")
    raise InvalidInput("claim-frozen", id=claim_id, status=status)


def category(value: str) -> str:
    """A category as typed (any case) → its code; an unknown one is refused with the list."""
    cleaned = (value or "").strip().lower()
    if cleaned not in CATEGORIES:
        raise InvalidInput(
            "expense-unknown-category", field="category", value=value, choices=CATEGORIES
        )
    return cleaned


def parse_line(text: str, currency: str) -> LineInput:
    """One line as typed, ``DATE CATEGORY AMOUNT [NOTE...]`` (``2026-11-20 travel 680 高铁``):
    the CLI's ``--line`` and the claim form's lines."""
    parts = text.split(None, 3)
    if len(parts) < 3:
        raise InvalidInput("expense-line-unreadable", field="lines", text=text)
    try:
        spent = date.fromisoformat(parts[0])
    except ValueError:
        raise InvalidInput("not-a-date", field="lines", text=parts[0]) from None
    return LineInput(
        spent_on=spent,
        category=category(parts[1]),
        amount=numbers.amount_minor(parts[2], "amount"),
        currency=currency,
        note=parts[3] if len(parts) > 3 else None,
    )
