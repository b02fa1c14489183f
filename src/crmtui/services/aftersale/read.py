"""Reading after-sale records through the lean reader: complaints and their timelines, service
plans and records, satisfaction history, referrals, and the card's Service tab."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar, cast

from crmtui.clock import from_db
from crmtui.db.reader import Reader, Row, in_list
from crmtui.errors import NotFound
from crmtui.money import of_row
from crmtui.services.aftersale import rules
from crmtui.services.aftersale.types import (
    ComplaintDetail,
    ComplaintEntryRow,
    ComplaintRow,
    CustomerLink,
    ReferredCustomer,
    SatisfactionRow,
    ServiceCard,
    ServicePlanRow,
    ServiceRecordRow,
)

RecordT = TypeVar("RecordT")
_INSTANTS = ("received_at", "closed_at", "updated_at", "at")
_DATES = ("promised_by", "by_date", "next_due", "done_on", "last_done")
COMPLAINT_SQL = (
    "SELECT k.id, k.customer_id, c.name AS customer, k.contact_id, p.name AS contact, "
    "k.received_at, k.channel, k.category, k.severity, k.said, k.promised_by, k.status, k.step, "
    "k.satisfaction, k.closed_at, k.updated_at FROM complaint k "
    "JOIN customer c ON c.id = k.customer_id LEFT JOIN contact p ON p.id = k.contact_id "
)
# open first, then by severity (critical first), then the oldest
SEVERITY_SQL = (
    "CASE k.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END"
)


def _typed(row: Row, shape: type[RecordT]) -> RecordT:
    """``row`` as a ``shape`` record: instants aware, dates as dates, flags as bools (the query
    and its TypedDict sit side by side, hence the one cast)."""
    out: dict[str, Any] = dict(row)
    for key in _INSTANTS:
        if key in out:
            out[key] = from_db(out[key])
    for key in _DATES:
        if isinstance(out.get(key), str):
            out[key] = date.fromisoformat(out[key])
    if "active" in out:
        out["active"] = bool(out["active"])
    return cast(RecordT, out)


def list_complaints(
    reader: Reader,
    *,
    customer_id: int | None = None,
    open_only: bool = False,
    severities: tuple[str, ...] = (),
    limit: int | None = 200,
) -> list[ComplaintRow]:
    """Complaints, open ones first, the most severe first, then the newest."""
    where: list[str] = ["c.deleted_at IS NULL"]
    params: dict[str, Any] = {}
    if customer_id is not None:
        where.append("k.customer_id = :cid")
        params["cid"] = customer_id
    if open_only:
        where.append("k.closed_at IS NULL")
    if severities:
        sql, values = in_list("s", severities)
        where.append(f"k.severity IN ({sql})")
        params |= values
    rows = reader.rows(
        COMPLAINT_SQL + f"WHERE {' AND '.join(where)} ORDER BY k.closed_at IS NOT NULL, "
        f"{SEVERITY_SQL}, k.received_at DESC, k.id DESC"
        + (f" LIMIT {int(limit)}" if limit else ""),
        params,
    )
    return [_typed(r, ComplaintRow) for r in rows]


def complaint_entries(reader: Reader, complaint_id: int) -> list[ComplaintEntryRow]:
    rows = reader.rows(
        "SELECT id, kind, step, at, note, by_date, satisfaction FROM complaint_step "
        "WHERE complaint_id = :id ORDER BY at, id",
        {"id": complaint_id},
    )
    return [_typed(r, ComplaintEntryRow) for r in rows]


def next_steps(status: str, step: int) -> list[int]:
    """The steps that may be recorded next (none once closed)."""
    if status in rules.CLOSED:
        return []
    allowed = [step, step + 1] if step < 6 else [6]
    if step == 4:
        allowed.append(6)
    return allowed


def _detail(reader: Reader, row: ComplaintRow) -> ComplaintDetail:
    return ComplaintDetail(
        **row,
        entries=complaint_entries(reader, row["id"]),
        next_steps=next_steps(row["status"], row["step"]),
    )


def complaint_detail(reader: Reader, complaint_id: int) -> ComplaintDetail:
    row = reader.one(COMPLAINT_SQL + "WHERE k.id = :id", {"id": complaint_id})
    if row is None:
        raise NotFound("no-complaint-id", id=complaint_id)
    return _detail(reader, _typed(row, ComplaintRow))


PLAN_SQL = (
    "SELECT s.id, s.customer_id, c.name AS customer, s.kind, s.every, s.unit, s.next_due, "
    "s.active, s.product, s.note, (SELECT max(r.done_on) FROM service_record r "
    "WHERE r.plan_id = s.id) AS last_done FROM service_plan s "
    "JOIN customer c ON c.id = s.customer_id "
)


def _plan(row: Row) -> ServicePlanRow:
    out = dict(row)
    out["every"] = rules.every_label(out["every"], out.pop("unit"))
    return _typed(out, ServicePlanRow)


def list_plans(
    reader: Reader,
    *,
    customer_id: int | None = None,
    due_by: date | None = None,
    active_only: bool = True,
    limit: int | None = 200,
) -> list[ServicePlanRow]:
    """Service plans, the soonest due first; ``due_by`` keeps those due on or before that day."""
    where: list[str] = ["c.deleted_at IS NULL"]
    params: dict[str, Any] = {}
    if active_only:
        where.append("s.active = TRUE")
    if customer_id is not None:
        where.append("s.customer_id = :cid")
        params["cid"] = customer_id
    if due_by is not None:
        where.append("s.next_due <= :due")
        params["due"] = due_by.isoformat()
    rows = reader.rows(
        PLAN_SQL
        + f"WHERE {' AND '.join(where)} ORDER BY s.next_due, s.id"
        + (f" LIMIT {int(limit)}" if limit else ""),
        params,
    )
    return [_plan(r) for r in rows]


def list_records(
    reader: Reader, *, customer_id: int | None = None, limit: int | None = 200
) -> list[ServiceRecordRow]:
    """Services done, the newest first."""
    where: list[str] = ["c.deleted_at IS NULL"]
    params: dict[str, Any] = {}
    if customer_id is not None:
        where.append("r.customer_id = :cid")
        params["cid"] = customer_id
    rows = reader.rows(
        "SELECT r.id, r.customer_id, c.name AS customer, r.plan_id, r.done_on, r.kind, "
        "r.done_by, r.work, r.parts, r.cost, r.currency, r.satisfaction FROM service_record r "
        f"JOIN customer c ON c.id = r.customer_id WHERE {' AND '.join(where)} "
        "ORDER BY r.done_on DESC, r.id DESC" + (f" LIMIT {int(limit)}" if limit else ""),
        params,
    )
    return [of_row(_typed(r, ServiceRecordRow), "cost") for r in rows]


def satisfaction_history(reader: Reader, customer_id: int) -> list[SatisfactionRow]:
    """A customer's ratings, the newest first; the first is their current level."""
    rows = reader.rows(
        "SELECT id, customer_id, level, previous, source, ref_id, note, at FROM satisfaction "
        "WHERE customer_id = :cid ORDER BY at DESC, id DESC",
        {"cid": customer_id},
    )
    return [
        _typed({**r, "level_name": rules.level_name(r["level"])}, SatisfactionRow) for r in rows
    ]


def referred_by(reader: Reader, customer_id: int) -> CustomerLink | None:
    row = reader.one(
        "SELECT c.id, c.name FROM referral f JOIN customer c ON c.id = f.referrer_id "
        "WHERE f.customer_id = :cid AND c.deleted_at IS NULL",
        {"cid": customer_id},
    )
    return CustomerLink(id=row["id"], name=row["name"]) if row else None


def referred(reader: Reader, customer_id: int) -> list[ReferredCustomer]:
    """The customers this one referred, with the deals they bought (won)."""
    rows = reader.rows(
        "SELECT c.id, c.name, c.stage FROM referral f JOIN customer c ON c.id = f.customer_id "
        "WHERE f.referrer_id = :cid AND c.deleted_at IS NULL ORDER BY c.name, c.id",
        {"cid": customer_id},
    )
    out = []
    for r in rows:
        bought = reader.column(
            "SELECT title FROM opportunity WHERE customer_id = :id AND stage = 'won' "
            "ORDER BY closed_at, id",
            {"id": r["id"]},
        )
        out.append(
            ReferredCustomer(id=r["id"], name=r["name"], stage=r["stage"], bought=list(bought))
        )
    return out


def service_card(reader: Reader, customer_id: int) -> ServiceCard:
    """The card's Service tab: complaints with timelines, plans, records, ratings, referrals."""
    complaints = list_complaints(reader, customer_id=customer_id, limit=None)
    return ServiceCard(
        complaints=[_detail(reader, c) for c in complaints],
        plans=list_plans(reader, customer_id=customer_id, active_only=False, limit=None),
        records=list_records(reader, customer_id=customer_id, limit=50),
        satisfaction=satisfaction_history(reader, customer_id),
        referred_by=referred_by(reader, customer_id),
        referred=referred(reader, customer_id),
    )


def open_alert(reader: Reader, customer_id: int) -> int:
    """How many high or critical complaints of this customer are still open (card header)."""
    return int(
        reader.scalar(
            "SELECT count(*) FROM complaint WHERE customer_id = :cid AND closed_at IS NULL "
            "AND severity IN ('high', 'critical')",
            {"cid": customer_id},
        )
    )
