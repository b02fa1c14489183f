"""English error words: events, expense claims, competitors and announcements.

Part of :data:`crmtui.messages_en.MESSAGES`; the same conventions apply there.
"""

from __future__ import annotations

from crmtui.i18n import N_

OFFICE_MESSAGES: dict[str, str] = {
    "announcement-already-expired": N_(
        "valid until {day} is already past: the announcement would never show"
    ),
    "claim-cannot-move": N_(
        "claim {id} is {old}: it cannot become {new} (from {old}: {allowed:list})"
    ),
    "claim-empty": N_("claim {id} has no lines: add one with crm expense add --claim {id}"),
    "claim-frozen": N_("claim {id} is {status} and frozen: it cannot be changed"),
    "claim-frozen-rejected": N_(
        "claim {id} was rejected ({reason}) and is frozen: start a new claim instead"
    ),
    "claim-reject-needs-reason": N_("say why the claim is rejected (--reason)"),
    "claim-submitted": N_("claim {id} is submitted and waits for a decision: it cannot be changed"),
    "competitor-ambiguous": N_("{ref!r} matches several competitors; give the id"),
    "competitor-exists": N_("there is already a competitor called {name} (id {id})"),
    "competitor-ref-empty": N_("name a competitor (its id or part of its name)"),
    "event-cannot-move": N_(
        "event {id} is {old}: it cannot become {new} (from {old}: {allowed:list})"
    ),
    "event-contact-not-of-customer": N_("contact {id} is not one of that customer's contacts"),
    "event-ends-before-start": N_("the event cannot end ({end}) before it starts ({start})"),
    "event-invite-who": N_("name a customer to invite, or --new NAME for a lead met there"),
    "event-no-invitations": N_("event {id} is {status}: it takes no more invitations"),
    "event-no-leads": N_("event {id} is {status}: leads are met at an event that is open or held"),
    "event-not-held": N_(
        "event {id} is {status}, not held yet: attendance is recorded once it is held "
        "(crm event move {id} held)"
    ),
    "expense-amount-not-positive": N_("an expense amount must be more than 0"),
    "expense-no-lines": N_(
        "give the expense: crm expense add DATE CATEGORY AMOUNT, or --line 'DATE CATEGORY AMOUNT'"
    ),
    "expense-opportunity-not-of-customer": N_(
        "opportunity {id} belongs to another customer than the one given"
    ),
    "expense-unknown-category": N_("unknown category {value!r}; choose one of: {choices:list}"),
    "expense-line-unreadable": N_(
        "cannot read the line {text!r}; write it as 'DATE CATEGORY AMOUNT [NOTE]'"
    ),
    "no-announcement-id": N_("no announcement has id {id}"),
    "no-claim-id": N_("no expense claim has id {id}"),
    "no-competitor-id": N_("no competitor has id {id}"),
    "no-competitor-named": N_("no competitor matches {ref!r}; add it with crm competitor add"),
    "no-event-id": N_("no event has id {id}"),
    "no-expense-line-id": N_("no expense line has id {id}"),
}
