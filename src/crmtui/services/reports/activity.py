"""The activity report: calls per day, the reach rate by hour of the callee's local time and by
weekday (the data the call planner learns from), and visits.

The callee's local time is the contact's zone, else the customer's, else the user's own.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta, tzinfo

from crmtui.clock import zone
from crmtui.db.reader import Reader, in_list
from crmtui.errors import CrmError
from crmtui.i18n import N_
from crmtui.services.desktop.read import REACHED
from crmtui.services.reports.types import Cell, Chart, Report, Section, percent
from crmtui.services.reports.window import Window

PER_DAY = N_("Calls per day")
BY_HOUR = N_("Reach rate by hour (their local time)")
BY_WEEKDAY = N_("Reach rate by weekday (their local time)")
VISITS = N_("Visits and meetings by week")
KINDS = N_("Done activities by kind")
WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def activity_report(reader: Reader, window: Window) -> Report:
    hour = reader.dialect.aggregate.utc_hour("a.done_at")
    reached_sql, params = in_list("r", REACHED)
    params |= window.params(reader)
    # Counted by UTC hour in SQL; each hour is then placed in the user's day and in the
    # callee's hour and weekday (zones off the hour by 30 or 45 minutes land on the hour).
    # every kind from the index alone; the callee's zone (a look-up per row) for calls only
    rows = reader.rows(
        f"SELECT {hour} AS h, a.kind, a.outcome IN ({reached_sql}) AS got, NULL AS tz, "
        "count(*) AS n FROM activity a WHERE a.done_at >= :start AND a.done_at < :end "
        "AND a.kind <> 'call' GROUP BY h, a.kind, got",
        params,
    ) + reader.rows(
        f"SELECT {hour} AS h, a.kind, a.outcome IN ({reached_sql}) AS got, "
        "coalesce(p.timezone, c.timezone) AS tz, count(*) AS n "
        "FROM activity a JOIN customer c ON c.id = a.customer_id "
        "LEFT JOIN contact p ON p.id = a.contact_id "
        "WHERE a.done_at >= :start AND a.done_at < :end AND a.kind = 'call' "
        "GROUP BY h, a.kind, got, tz",
        params,
    )
    zones: dict[str | None, tzinfo] = {}
    calls: Counter[str] = Counter()
    reached_day: Counter[str] = Counter()
    hour_calls: Counter[int] = Counter()
    hour_reached: Counter[int] = Counter()
    day_calls: Counter[int] = Counter()
    day_reached: Counter[int] = Counter()
    visits: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for row in rows:
        at = datetime.strptime(row["h"], "%Y-%m-%d %H").replace(tzinfo=UTC)
        n, got = int(row["n"]), int(row["n"]) if row["got"] else 0
        kinds[row["kind"]] += n
        mine = at.astimezone(window.tz)
        if row["kind"] in ("visit", "meeting"):
            monday = mine.date() - timedelta(days=mine.weekday())
            visits[monday.isoformat()] += n
        if row["kind"] != "call":
            continue
        theirs = at.astimezone(_zone(zones, row["tz"], window.tz))
        day = mine.date().isoformat()
        calls[day] += n
        reached_day[day] += got
        hour_calls[theirs.hour] += n
        hour_reached[theirs.hour] += got
        day_calls[theirs.weekday()] += n
        day_reached[theirs.weekday()] += got
    days = [
        (window.first + timedelta(days=i)).isoformat()
        for i in range((window.last - window.first).days + 1)
    ]
    per_day: list[list[Cell]] = [[d, calls[d], reached_day[d]] for d in days]
    hours = sorted(hour_calls)
    by_hour: list[list[Cell]] = [
        [f"{h:02d}:00", hour_calls[h], hour_reached[h], percent(hour_reached[h], hour_calls[h])]
        for h in hours
    ]
    by_weekday: list[list[Cell]] = [
        [WEEKDAYS[d], day_calls[d], day_reached[d], percent(day_reached[d], day_calls[d])]
        for d in range(7)
    ]
    weeks = sorted(visits)
    rate = [N_("calls"), N_("reached"), N_("reach rate %")]
    return Report(
        "activity",
        N_("Activity"),
        window.first,
        window.last,
        [
            Section(
                PER_DAY,
                [N_("day"), N_("calls"), N_("reached")],
                per_day,
                Chart(days, [float(calls[d]) for d in days]),
            ),
            Section(
                BY_HOUR,
                [N_("hour"), *rate],
                by_hour,
                Chart([f"{h:02d}" for h in hours], [float(r[3] or 0) for r in by_hour], "%"),
            ),
            Section(
                BY_WEEKDAY,
                [N_("weekday"), *rate],
                by_weekday,
                Chart([str(r[0]) for r in by_weekday], [float(r[3] or 0) for r in by_weekday], "%"),
            ),
            Section(
                VISITS, [N_("week of"), N_("visits and meetings")], [[w, visits[w]] for w in weeks]
            ),
            Section(KINDS, [N_("kind"), N_("done")], [[k, kinds[k]] for k in sorted(kinds)]),
        ],
    )


def _zone(cache: dict[str | None, tzinfo], name: str | None, default: tzinfo) -> tzinfo:
    if name not in cache:
        try:
            cache[name] = zone(name) if name else default
        except CrmError:
            cache[name] = default  # an unknown recorded zone: counted in the user's own
    return cache[name]
