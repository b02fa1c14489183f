"""Reading announcements: the desktop shows the current ones (pinned first), expired hidden."""

from __future__ import annotations

from datetime import date

from crmtui.clock import from_db
from crmtui.db.reader import Reader, Row
from crmtui.services.announcements.types import AnnouncementRow


def _row(r: Row, today: date) -> AnnouncementRow:
    until = None if r["valid_until"] is None else date.fromisoformat(str(r["valid_until"])[:10])
    return {
        "id": r["id"],
        "title": r["title"],
        "body": r["body"],
        "pinned": bool(r["pinned"]),
        "valid_until": until,
        "expired": until is not None and until < today,
        "updated_at": from_db(r["updated_at"]),
    }


def current(reader: Reader, *, today: date, limit: int = 20) -> list[AnnouncementRow]:
    """Announcements still valid on ``today``: pinned first, then the newest."""
    rows = reader.rows(
        "SELECT id, title, body, pinned, valid_until, updated_at FROM announcement "
        "WHERE valid_until IS NULL OR valid_until >= :today "
        "ORDER BY pinned DESC, updated_at DESC, id DESC LIMIT :limit",
        {"today": today.isoformat(), "limit": limit},
    )
    return [_row(r, today) for r in rows]


def list_announcements(
    reader: Reader, *, today: date, include_expired: bool = False, limit: int = 200
) -> list[AnnouncementRow]:
    if not include_expired:
        return current(reader, today=today, limit=limit)
    rows = reader.rows(
        "SELECT id, title, body, pinned, valid_until, updated_at FROM announcement "
        "ORDER BY pinned DESC, updated_at DESC, id DESC LIMIT :limit",
        {"limit": limit},
    )
    return [_row(r, today) for r in rows]
