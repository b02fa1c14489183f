"""How the rows of a full JSON export point at each other, for a restore into a database that
already holds data (every row gets a new id and the links follow)."""

from __future__ import annotations

from typing import Any

# Foreign keys of each table: column → table it points to.
LINKS: dict[str, dict[str, str]] = {
    "customertag": {"customer_id": "customer", "tag_id": "tag"},
    "contact": {"customer_id": "customer"},
    "opportunity": {"customer_id": "customer"},
    "activity": {
        "customer_id": "customer",
        "contact_id": "contact",
        "opportunity_id": "opportunity",
    },
    "note": {"customer_id": "customer"},
    "timeslot": {"customer_id": "customer", "contact_id": "contact"},
    "complaint": {"customer_id": "customer", "contact_id": "contact"},
    "complaint_step": {"complaint_id": "complaint"},
    "service_plan": {"customer_id": "customer"},
    "service_record": {"customer_id": "customer", "plan_id": "service_plan"},
    "satisfaction": {"customer_id": "customer"},
    "referral": {"customer_id": "customer", "referrer_id": "customer"},
    "opportunity_competitor": {"opportunity_id": "opportunity", "competitor_id": "competitor"},
    "event_invitee": {"event_id": "event", "customer_id": "customer", "contact_id": "contact"},
    "expense_line": {
        "claim_id": "expense_claim",
        "customer_id": "customer",
        "opportunity_id": "opportunity",
        "event_id": "event",
    },
}
# A row whose link in one of these columns was left out (a skipped customer) is left out too;
# other links just become empty.
REQUIRED = frozenset({"customer_id", "tag_id", "complaint_id", "referrer_id"})
# Money columns: a decimal string in the file, integer minor units in the database.
MONEY = frozenset(
    {
        ("opportunity", "amount"),
        ("service_record", "cost"),
        ("event", "budget"),
        ("expense_line", "amount"),
    }
)
# What a satisfaction rating's ``ref_id`` points at, by its source.
RATING_REFS = {"complaint": "complaint", "service": "service_record"}


def follow_soft_links(
    name: str, row: dict[str, Any], maps: dict[str, dict[int, int | None]]
) -> None:
    """Rewrite the links that are no foreign key (a rating's ``ref_id``)."""
    if name == "satisfaction" and row.get("ref_id") is not None:
        target = RATING_REFS.get(str(row.get("source")))
        row["ref_id"] = maps[target].get(row["ref_id"]) if target else None
