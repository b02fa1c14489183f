"""Reasons in words: dates and times for people, day summaries and what would make a call fit.

Kept apart from the search so that the wording can change without touching the rules.
Nothing here decides anything; it only describes what the search found.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from crmtui.i18n import _
from crmtui.l10n import day_text
from crmtui.services.planning.planner.windows import Window, format_windows, hm

# How far each point of the grid got through the checks; a higher stage is closer to a call.
STAGE_HOURS, STAGE_CALENDAR, STAGE_CAPS, STAGE_OCCUPIED, STAGE_OK = 1, 2, 3, 4, 5


@dataclass
class Point:
    """One candidate start time and how it fared."""

    t: datetime
    stage: int
    codes: list[tuple[str, str]]
    rank: int = 9
    tier: str = ""
    window: str = ""
    score: float = 0.0
    penalty: float = 0.0
    notes: tuple[str, ...] = ()


def fmt_day(day: date, this_year: int | None = None) -> str:
    """``Mon 9 Mar`` (``Mon 9 Mar 2025`` when ``this_year`` is given and is another year);
    ``3月9日 周一`` in Chinese."""
    return day_text(day, this_year)


def fmt_clock(moment: datetime, this_year: int | None = None) -> str:
    """``Tue 10 Mar 21:00`` in the datetime's own zone (the year as in :func:`fmt_day`)."""
    return f"{fmt_day(moment.date(), this_year)} {moment.strftime('%H:%M')}"


def fmt_hours(hours: float) -> str:
    """``2 h`` or ``1.5 h``."""
    return _("{hours} h").format(hours=f"{hours:g}")


def local_minutes(start: datetime, end: datetime, tz: ZoneInfo) -> tuple[datetime, int, int]:
    """Local start, and start/end as minutes since the local midnight of the start.

    Using wall-clock times of both ends keeps a call correct on a day when the clocks change.
    """
    a, b = start.astimezone(tz), end.astimezone(tz)
    m0 = a.hour * 60 + a.minute
    m1 = (b.date() - a.date()).days * 1440 + b.hour * 60 + b.minute
    return a, m0, m1


def ceil_to_step(moment: datetime, minutes: int) -> datetime:
    """The first grid time at or after ``moment``; the grid is aligned in UTC, which keeps it on
    the quarter hour in every zone in use today."""
    step = minutes * 60
    seconds = moment.astimezone(UTC).timestamp()
    whole = -(-int(seconds) // step) * step
    if whole < seconds:
        whole += step
    return datetime.fromtimestamp(whole, UTC)


def day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants of local midnight at the start and end of ``day``."""
    start = datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    return start, end


def summarize(points: list[Point]) -> tuple[int, str, list[str]]:
    """The stage reached, the most common blocking code there, and its distinct texts."""
    stage = max(p.stage for p in points)
    codes: Counter[str] = Counter()
    texts: dict[str, list[str]] = {}
    for p in points:
        if p.stage != stage:
            continue
        for code, text in p.codes:
            codes[code] += 1
            bucket = texts.setdefault(code, [])
            if text and text not in bucket:
                bucket.append(text)
    # most_common keeps first-seen order among equal counts, so this is deterministic
    code = codes.most_common(1)[0][0] if codes else "busy"
    if stage == STAGE_OCCUPIED:
        all_texts = [t for c in codes for t in texts.get(c, [])]
        return stage, code, all_texts
    return stage, code, texts.get(code, [])


def _convert(day: date, window: Window, src: ZoneInfo, dst: ZoneInfo) -> tuple[datetime, datetime]:
    """``window`` on ``day`` in zone ``src`` as two datetimes in zone ``dst``."""
    start = datetime.combine(day, time(0), tzinfo=src) + timedelta(minutes=window.start)
    end = datetime.combine(day, time(0), tzinfo=src) + timedelta(minutes=window.end)
    # adding minutes to a local midnight and normalising gives the right wall time across DST
    return start.astimezone(UTC).astimezone(dst), end.astimezone(UTC).astimezone(dst)


def span_text(a: datetime, b: datetime) -> str:
    """``21:00–05:00`` for two datetimes in the same zone."""
    return f"{a.strftime('%H:%M')}–{b.strftime('%H:%M')}"


def overlap_text(
    calling: tuple[Window, ...],
    day: date,
    stz: ZoneInfo,
    ctz: ZoneInfo,
    their: tuple[Window, ...],
    legal: str,
) -> str:
    """ "no overlap: your calling hours 09:00–18:00 (Asia/Shanghai) are 21:00–06:00 in ..."."""
    hull = Window(min(w.start for w in calling), max(w.end for w in calling))
    a, b = _convert(day, hull, stz, ctz)
    return _(
        "no overlap: your calling hours {hours} ({zone}) are {span} in {their_zone}; "
        "their hours there are {their_hours} ({legal})"
    ).format(
        hours=hull,
        zone=stz.key,
        span=span_text(a, b),
        their_zone=ctz.key,
        their_hours=format_windows(their),
        legal=legal,
    )


def overlap_suggestion(
    calling: tuple[Window, ...],
    callee_day: date,
    stz: ZoneInfo,
    ctz: ZoneInfo,
    target: tuple[Window, ...],
) -> str:
    """Which calling_hours would reach the callee: extend towards the nearest part of ``target``.

    ``target`` are the callee's acceptable windows (normal hours when possible) on
    ``callee_day``; they are converted to the salesperson's zone and split at midnight, and
    each piece is read as a time of day, as calling_hours recur daily. A piece the calling hours
    already meet cannot be what is missing (it lies on a neighbouring date, where the same time
    of day is another weekday for them), so the nearest piece they do not meet is preferred.
    """
    if not target:
        return _("no time of day is acceptable for them; check their preferred and legal hours")
    hull = Window(min(w.start for w in calling), max(w.end for w in calling))
    pieces: list[tuple[int, Window, Window]] = []
    for w in target:
        a, b = _convert(callee_day, w, ctz, stz)
        cursor = a
        while cursor < b:
            midnight = datetime.combine(cursor.date() + timedelta(days=1), time(0), tzinfo=stz)
            stop = min(b, midnight)
            lo = cursor.hour * 60 + cursor.minute
            hi = lo + int((stop - cursor).total_seconds() // 60)
            if hi > lo:
                piece = Window(lo, min(hi, 1440))
                distance = max(piece.start - hull.end, hull.start - piece.end, 0)
                pieces.append((distance, piece, w))
            cursor = stop
    if not pieces:
        return _("widen calling_hours to overlap their hours")
    _distance, piece, theirs = min(pieces, key=lambda p: (p[0] == 0, p[0], p[1]))
    a, b = _convert(callee_day, theirs, ctz, stz)
    if piece.start >= hull.end:
        new = Window(hull.start, min(piece.end, piece.start + 60))
    elif piece.end <= hull.start:
        new = Window(max(piece.start, piece.end - 60), hull.end)
    else:
        # the piece already meets the span of the calling hours: it falls in a gap between
        # them, sticks out at one end, or is too short for a call; covering it is the only advice
        new = Window(min(hull.start, piece.start), max(hull.end, piece.end))
        if calling == (new,):
            return _(
                "their {window} ({zone}) is {span} your time, inside your "
                "calling hours: leave room for a whole call there"
            ).format(window=theirs, zone=ctz.key, span=span_text(a, b))
    return _(
        "set calling_hours to {start}-{end}: their {window} ({zone}) is {span} your time"
    ).format(
        start=hm(new.start), end=hm(new.end), window=theirs, zone=ctz.key, span=span_text(a, b)
    )
