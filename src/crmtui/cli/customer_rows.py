"""The table (or JSON) of customer rows that ``crm customers`` and a query print."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crmtui import words
from crmtui.cli.context import console, print_json
from crmtui.cli.render import phones, table, when
from crmtui.i18n import _

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from crmtui.services.common.paging import Page
    from crmtui.services.customers.types import ListedCustomer


def print_customers(rows: Page[ListedCustomer], tz: ZoneInfo, *, as_json: bool) -> None:
    """The rows of ``crm customers`` as its table, or as JSON."""
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print(_("no customers found"))
        return
    console.print(
        table(
            None,
            [_("id"), _("name"), _("stage"), _("grade"), _("city"), _("phones"), _("last contact")],
            [
                (
                    r["id"],
                    r["name"],
                    words.label("stage", r["stage"]),
                    r["grade"] or "",
                    r["city"] or "",
                    phones(r["phones"]),
                    when(r["last_contact_at"], tz, with_weekday=False),
                )
                for r in rows
            ],
        )
    )
