"""Whose birthday comes soon: contacts and person customers, solar and lunar (农历).

Read by the desktop, the call planner (birthday calls and cards) and the summaries. Answered from
the month-day key indexes, solar and lunar looked up with their own keys.
"""

from __future__ import annotations

from datetime import date

from crmtui.db.reader import Reader, in_list
from crmtui.services.common import birthdays
from crmtui.services.contacts.types import BirthdayRow

BIRTHDAY_DAYS = 7


def upcoming_birthdays(
    reader: Reader, *, today: date, days: int = BIRTHDAY_DAYS
) -> list[BirthdayRow]:
    """Contacts and person customers whose birthday falls in ``today .. today+days``."""
    solar_keys, lunar_keys = birthdays.keys_for_days(today, days)
    solar_sql, params = in_list("s", sorted(solar_keys))
    lunar_sql, lunar_params = in_list("l", sorted(lunar_keys))
    params |= lunar_params
    fields = "birthday_month, birthday_day, birthday_year, birthday_lunar"
    p_fields = ", ".join(f"p.{f}" for f in fields.split(", "))

    def match(t: str) -> str:
        # Solar and lunar birthdays are looked up with their own keys: both use the key index.
        return (
            f"(({t}birthday_key IN ({solar_sql}) AND NOT {t}birthday_lunar) OR "
            f"({t}birthday_key IN ({lunar_sql}) AND {t}birthday_lunar))"
        )

    rows = reader.rows(
        f"SELECT p.id AS contact_id, p.name, c.id AS customer_id, c.name AS customer, {p_fields} "
        f"FROM contact p JOIN customer c ON c.id = p.customer_id "
        f"WHERE {match('p.')} AND p.deleted_at IS NULL "
        f"AND c.deleted_at IS NULL UNION ALL SELECT NULL, name, id, name, {fields} FROM customer "
        f"WHERE {match('')} AND deleted_at IS NULL AND is_person",
        params,
    )
    found: list[BirthdayRow] = []
    for row in rows:
        lunar = bool(row["birthday_lunar"])
        when = birthdays.next_birthday(
            row["birthday_month"], row["birthday_day"], today, lunar=lunar
        )
        if when is None or (when - today).days > days:
            continue
        found.append(
            {
                "name": row["name"],
                "customer": row["customer"],
                "customer_id": row["customer_id"],
                "contact_id": row["contact_id"],
                "date": when,
                "in_days": (when - today).days,
                "age": birthdays.age_on(row["birthday_year"], when, lunar=lunar),
                "lunar": lunar,
            }
        )
    return sorted(found, key=lambda b: (b["date"], b["name"]))
