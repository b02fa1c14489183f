"""A period's reflection (心得): the free text a user keeps with a week's or month's summary.

Moved out of ``build`` as it grew; ``build`` imports it back for its callers.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from crmtui.db.reader import Reader


def reflection(reader: Reader, period_key: str) -> str | None:
    """The free-text reflection kept with the period, if any."""
    value = reader.scalar("SELECT body FROM summary_note WHERE period = :p", {"p": period_key})
    return str(value) if value else None


def set_reflection(
    session: Any, *, period_key: str, text: str | None, now: datetime, append: bool = False
) -> str | None:
    """Store (or with empty ``text`` remove) the reflection of a period; returns the new text."""
    from sqlmodel import select

    from crmtui.db.tables.summaries import SummaryNote
    from crmtui.services.common import checks

    note = session.exec(select(SummaryNote).where(SummaryNote.period == period_key)).first()
    body = checks.text(text, "reflection")
    if append and note is not None and body:
        body = checks.text(f"{note.body}\n{body}", "reflection")
    if not body:
        if note is not None:
            session.delete(note)
        return None
    if note is None:
        note = SummaryNote(period=period_key, body=body, created_at=now, updated_at=now)
    note.body, note.updated_at = body, now
    session.add(note)
    session.flush()
    return body
