"""Reading competitors, the deals they are on and the lost-reason analysis."""

from __future__ import annotations

from crmtui.db.reader import Reader
from crmtui.errors import Ambiguous, InvalidInput, NotFound
from crmtui.money import Money
from crmtui.services.common.paging import TOTAL_SQL, Page, limit_sql, page
from crmtui.services.competitors.types import (
    CompetitorCard,
    CompetitorDeal,
    CompetitorRow,
    LostReasonRow,
)

ROW_SQL = (
    "SELECT k.id, k.name, k.products, k.price_level, k.strengths, k.weaknesses, k.notes, "
    "(SELECT count(*) FROM opportunity_competitor l WHERE l.competitor_id = k.id "
    "AND l.role = 'competing') AS competing, "
    "(SELECT count(*) FROM opportunity_competitor l WHERE l.competitor_id = k.id "
    "AND l.role = 'lost-to') AS lost_to"
)


def list_competitors(reader: Reader, *, limit: int | None = 200) -> Page[CompetitorRow]:
    rows = reader.rows(
        f"{ROW_SQL}, {TOTAL_SQL} FROM competitor k ORDER BY k.name, k.id{limit_sql(limit)}",
        {"limit": limit},
    )
    out: Page[CompetitorRow] = page([_row(dict(r)) for r in rows])
    out.total = int(rows[0]["matched_total"]) if rows else 0
    return out


def _row(r: dict[str, object]) -> CompetitorRow:
    out: CompetitorRow = {
        "id": int(str(r["id"])),
        "name": str(r["name"]),
        "products": _opt(r["products"]),
        "price_level": _opt(r["price_level"]),
        "strengths": _opt(r["strengths"]),
        "weaknesses": _opt(r["weaknesses"]),
        "notes": _opt(r["notes"]),
        "competing": int(str(r["competing"])),
        "lost_to": int(str(r["lost_to"])),
    }
    return out


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def competitor_card(reader: Reader, competitor_id: int) -> CompetitorCard:
    row = reader.one(f"{ROW_SQL} FROM competitor k WHERE k.id = :id", {"id": competitor_id})
    if row is None:
        raise NotFound("no-competitor-id", id=competitor_id)
    return {"competitor": _row(dict(row)), "deals": deals(reader, competitor_id=competitor_id)}


def deals(
    reader: Reader, *, competitor_id: int | None = None, opportunity_id: int | None = None
) -> list[CompetitorDeal]:
    """The opportunities a competitor is on, or the competitors on one opportunity."""
    where = "l.competitor_id = :k" if competitor_id is not None else "l.opportunity_id = :o"
    rows = reader.rows(
        "SELECT o.id, o.title, c.name AS customer, o.stage, o.amount, o.currency, l.role, "
        "o.lost_reason, k.name AS competitor FROM opportunity_competitor l "
        "JOIN opportunity o ON o.id = l.opportunity_id JOIN customer c ON c.id = o.customer_id "
        f"JOIN competitor k ON k.id = l.competitor_id WHERE {where} ORDER BY o.id",
        {"k": competitor_id, "o": opportunity_id},
    )
    return [
        {
            "opportunity_id": r["id"],
            "title": r["title"],
            "competitor": r["competitor"],
            "customer": r["customer"],
            "stage": r["stage"],
            "amount": Money(int(r["amount"]), r["currency"]),
            "currency": r["currency"],
            "role": r["role"],
            "lost_reason": r["lost_reason"],
        }
        for r in rows
    ]


def lost_reasons(reader: Reader) -> list[LostReasonRow]:
    """Lost deals by competitor and reason, most lost first; "" for no known competitor."""
    rows = reader.rows(
        "SELECT coalesce(k.name, o.competitor, '') AS competitor, "
        "coalesce(o.lost_reason, '') AS reason, o.currency, count(*) AS n, "
        "sum(o.amount) AS amount FROM opportunity o "
        "LEFT JOIN opportunity_competitor l ON l.opportunity_id = o.id AND l.role = 'lost-to' "
        "LEFT JOIN competitor k ON k.id = l.competitor_id WHERE o.stage = 'lost' "
        "GROUP BY 1, 2, 3 ORDER BY count(*) DESC, sum(o.amount) DESC, 1, 2"
    )
    return [
        {
            "competitor": r["competitor"],
            "reason": r["reason"],
            "deals": int(r["n"]),
            "amount": Money(int(r["amount"]), r["currency"]),
            "currency": r["currency"],
        }
        for r in rows
    ]


def resolve_competitor(reader: Reader, ref: str) -> int:
    """The id of the competitor named: a number is an id, else an unambiguous part of a name."""
    text = (ref or "").strip()
    if not text:
        raise InvalidInput("competitor-ref-empty", field="competitor")
    if text.lstrip("#").isdigit():
        found = reader.scalar(
            "SELECT id FROM competitor WHERE id = :id", {"id": int(text.lstrip("#"))}
        )
        if found is None:
            raise NotFound("no-competitor-id", field="competitor", id=text.lstrip("#"))
        return int(found)
    rows = reader.rows("SELECT id, name FROM competitor ORDER BY id")
    exact = [r for r in rows if r["name"].casefold() == text.casefold()]
    matches = exact or [r for r in rows if text.casefold() in r["name"].casefold()]
    if not matches:
        raise NotFound("no-competitor-named", field="competitor", ref=text)
    if len(matches) > 1:
        raise Ambiguous(
            "competitor-ambiguous",
            [(r["id"], r["name"]) for r in matches],
            field="competitor",
            ref=text,
        )
    return int(matches[0]["id"])
