"""App-wide messages, named for what has happened.

Screens and forms post these; :class:`crmtui.app.CrmApp` handles them (opening cards, refreshing
what is on screen). Widget-specific messages live inside their widgets.
"""

from __future__ import annotations

from textual.message import Message


class CustomerChosen(Message):
    """The user picked a customer (a row, a palette hit); its card should open."""

    def __init__(self, customer_id: int) -> None:
        super().__init__()
        self.customer_id = customer_id


class DataSaved(Message):
    """Something was written by this app; every visible screen should show the new state."""

    def __init__(self, customer_id: int | None = None) -> None:
        super().__init__()
        self.customer_id = customer_id


class CustomerSaved(DataSaved):
    """A customer was added or edited."""


class CustomerTrashed(DataSaved):
    """A customer went to the trash."""


class ActivityLogged(DataSaved):
    """A call, visit or other touch was logged, or a planned one completed."""


class FollowUpPlanned(DataSaved):
    """A follow-up was scheduled."""


class ContactSaved(DataSaved):
    """A contact was added or edited."""


class NoteAdded(DataSaved):
    """A note was written."""


class OpportunitySaved(DataSaved):
    """An opportunity was opened or moved to another stage."""


class OrderSaved(DataSaved):
    """An order was taken, confirmed, shipped, delivered or cancelled."""


class PaymentSaved(DataSaved):
    """A payment was recorded."""


class DatabaseChanged(Message):
    """Another program (``crm log`` in a second terminal, say) committed to the database."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, DatabaseChanged)
