"""``crm demo`` shows the office in every state: events, claims, competitors on lost deals,
announcements (one expired, hidden on the desktop)."""

from __future__ import annotations

from tests.cli_runner import crm, crm_json


def test_demo_has_every_event_and_claim_status_and_competitors_on_lost_deals():
    crm("demo")
    assert {e["status"] for e in crm_json("event", "list")} == {
        "planning",
        "open",
        "held",
        "closed",
        "cancelled",
    }
    claims = crm_json("expense", "list")
    assert {c["status"] for c in claims} == {
        "draft",
        "submitted",
        "approved",
        "rejected",
        "reimbursed",
    }
    assert all(c["lines"] > 0 for c in claims)
    competitors = crm_json("competitor", "list")
    assert sum(k["lost_to"] for k in competitors) > 0
    assert all(r["competitor"] for r in crm_json("competitor", "lost-reasons"))
    held = [e for e in crm_json("event", "list") if e["status"] in ("held", "closed")]
    assert all(e["attended"] > 0 for e in held)
    desk = crm_json("today")
    assert len(desk["announcements"]) == 2
    assert len(crm_json("announcements", "--all")) == 3
    # the same seed gives the same office
    again = crm_json("expense", "list")
    assert again == claims
