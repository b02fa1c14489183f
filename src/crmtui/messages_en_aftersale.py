"""English error words: complaints, service plans, satisfaction and referrals, after the sale.

Part of :data:`crmtui.messages_en.MESSAGES`; the same conventions apply there.
"""

from __future__ import annotations

from crmtui.i18n import N_

AFTERSALE_MESSAGES: dict[str, str] = {
    "buyers-plan-needs-note": N_("--plan needs --note: what to tell the buyers"),
    "complaint-already-closed": N_("complaint {id} is already closed; reopen it first"),
    "complaint-by-only-step-4": N_(
        "--by is the date promised with the solution: give it with step 4, not step {step}"
    ),
    "complaint-close-needs-satisfaction": N_(
        "closing a complaint needs the customer's satisfaction: --satisfaction 1-5 or a name "
        "such as satisfied / 满意"
    ),
    "complaint-is-closed": N_("complaint {id} is closed; reopen it to record more steps"),
    "complaint-needs-said": N_("write what the customer said (--said)"),
    "complaint-not-closed": N_("complaint {id} is not closed, so it cannot be reopened"),
    "complaint-step-behind": N_(
        "complaint {id} is already at step {current}; step {step} comes before it"
    ),
    "complaint-step-needs-note": N_("each step needs its text (--note)"),
    "complaint-step-range": N_("there are six steps: {step} is not one of 1-6"),
    "complaint-step-too-early": N_(
        "complaint {id}: step {step} cannot come yet; record step {needed} first"
    ),
    "no-complaint-id": N_("no complaint with id {id}"),
    "no-service-plan-id": N_("no service plan with id {id} for this customer"),
    "referral-cycle": N_("{name} was referred, directly or not, by this customer: no cycles"),
    "referral-self": N_("a customer cannot refer themselves"),
    "service-every-unreadable": N_(
        "--every: {text!r} is not an interval; write it like 6m (months) or 90d (days)"
    ),
    "service-every-zero": N_("--every: {text!r} is no interval; give at least 1d"),
    "service-plan-ambiguous": N_("several active {kind} plans ({ids:list}): name one with --plan"),
    "unknown-satisfaction-level": N_(
        "unknown satisfaction level {text!r}: give 1-5 or very satisfied 很满意, satisfied 满意, "
        "fairly satisfied 基本满意, dissatisfied 不满意, very dissatisfied 很不满意"
    ),
}
