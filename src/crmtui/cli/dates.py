"""Reading a calendar day typed on the command line (YYYY-MM-DD) for the office commands."""

from __future__ import annotations

from datetime import date

from crmtui.errors import InvalidInput


def day(text: str | None) -> date | None:
    """``None`` for no text; a day for ``2026-11-20``; anything else refused in one line."""
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput("not-a-date", text=text) from None


def required_day(text: str) -> date:
    found = day(text)
    if found is None:
        raise InvalidInput("not-a-date", text=text)
    return found
