"""Interface: the change counter, how triggers keep it and how readers see it move.

The counter is the one row of ``change_counter`` (table in ``db/tables/changes.py``). Each
backend keeps it with its own triggers; reading it is the same plain SELECT everywhere.
"""

from __future__ import annotations

from typing import Protocol

# Every table a user's data lives in: a write to any of them moves the counter.
WATCHED_TABLES = (
    "customer",
    "contact",
    "activity",
    "opportunity",
    "tag",
    "customertag",
    "note",
    "timeslot",
    "change",
    "search_doc",
    "summary_note",
    "product",
    "sales_order",
    "order_line",
    "payment",
    "payment_allocation",
    "credit_review",
    "complaint",
    "complaint_step",
    "service_plan",
    "service_record",
    "satisfaction",
    "referral",
    "announcement",
    "competitor",
    "event",
    "expense_claim",
    "event_invitee",
    "expense_line",
    "opportunity_competitor",
    "saved_query",
    "customer_share",
    "ownership_change",
)
READ_SQL = "SELECT value FROM change_counter WHERE id = 1"


class ChangeDetection(Protocol):
    def create_triggers(self, table: str) -> list[str]:
        """Statements that make every insert, update and delete on ``table`` move the counter."""
        ...

    def drop_triggers(self, table: str) -> list[str]:
        """Statements undoing :meth:`create_triggers`."""
        ...

    def bump(self) -> str:
        """A statement moving the counter once (after a bulk load done without triggers)."""
        ...
