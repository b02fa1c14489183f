"""The legal-hours table, per country and callee type, and how the search obeys it."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from crmtui.services.planning.planner import (
    DEFAULT_RULE,
    LEGAL_HOURS,
    Attempt,
    Callee,
    LegalRule,
    NoSlot,
    Slot,
    WeeklySlot,
    Window,
    legal_rule,
    next_slot,
)
from tests.planner.planner_support import at, settings

PARIS = ZoneInfo("Europe/Paris")
SYDNEY = ZoneInfo("Australia/Sydney")
TORONTO = ZoneInfo("America/Toronto")


def w(text: str) -> tuple[Window, ...]:
    return tuple(Window.parse(p) for p in text.split(","))


@pytest.mark.parametrize("kind", ["business", "consumer"])
def test_us_every_day_0800_2100(kind: str) -> None:
    rule = legal_rule("US", kind)
    assert all(rule.windows(day) == w("08:00-21:00") for day in range(7))
    assert rule.describe(2) == "US legal hours 08:00–21:00"


def test_canada_weekdays_and_weekends() -> None:
    rule = legal_rule("ca", "consumer")
    assert [rule.windows(d) for d in range(5)] == [w("09:00-21:30")] * 5
    assert rule.windows(5) == rule.windows(6) == w("10:00-18:00")


def test_france_consumers_only() -> None:
    rule = legal_rule("FR", "consumer")
    assert rule.windows(0) == w("10:00-13:00,14:00-20:00")
    assert rule.windows(5) == rule.windows(6) == ()
    assert rule.holidays_banned and rule.max_attempts == 4 and rule.per_days == 30
    assert rule.quiet_days_after_refusal == 60
    assert legal_rule("FR", "business") is DEFAULT_RULE


def test_australia_no_sunday() -> None:
    rule = legal_rule("AU", "business")
    assert rule.windows(4) == w("09:00-20:00")
    assert rule.windows(5) == w("09:00-17:00")
    assert rule.windows(6) == ()
    assert rule.holidays_banned
    assert "no calls on Sun" in rule.describe(6)


def test_unknown_country_gets_the_general_rule() -> None:
    assert legal_rule("DE", "consumer") is DEFAULT_RULE
    assert legal_rule(None, "business") is DEFAULT_RULE
    assert not DEFAULT_RULE.statutory


def test_table_is_easy_to_extend(monkeypatch: pytest.MonkeyPatch) -> None:
    rule = LegalRule.weekly("DE legal hours", weekdays="08:00-20:00", saturday="08:00-20:00")
    monkeypatch.setitem(LEGAL_HOURS, ("DE", "consumer"), rule)
    assert legal_rule("DE", "consumer") is rule
    assert legal_rule("DE", "business") is DEFAULT_RULE
    assert rule.windows(6) == ()


def _paris(kind: str = "consumer", **kw: object) -> Callee:
    return Callee(
        9,
        "Dupont",
        phones=("+33 1 23 45 67 89",),
        zone="Europe/Paris",
        country="FR",
        kind=kind,
        **kw,
    )  # type: ignore[arg-type]


def test_france_consumer_slot_skips_lunch_and_early_morning() -> None:
    s = settings("Europe/Paris", "08:00-20:00", country="FR")
    lunch = (WeeklySlot(None, Window.parse("13:00-14:00"), "preferred lunch"),)
    slot = next_slot(_paris(preferred=lunch), (), s, at(PARIS, 2026, 3, 9, 7, 0))
    assert isinstance(slot, Slot)
    assert slot.callee_start == at(PARIS, 2026, 3, 9, 10, 0)
    assert "France legal hours" in " ".join(slot.reasons)
    # a business is not under the consumer rule: 09:00 normal hours are fine
    biz = next_slot(_paris("business"), (), s, at(PARIS, 2026, 3, 9, 7, 0))
    assert isinstance(biz, Slot) and biz.callee_start.hour == 9


def test_france_four_attempts_in_30_days() -> None:
    s = settings("Europe/Paris", "08:00-20:00", country="FR")
    now = at(PARIS, 2026, 3, 9, 9, 0)
    history = tuple(Attempt(now - timedelta(days=d, hours=1), "no-answer") for d in (20, 15, 10, 5))
    slot = next_slot(_paris(), history, s, now)
    assert isinstance(slot, Slot)
    assert slot.start > history[0].at + timedelta(days=30)
    assert any("4 attempts in 30 days" in r for r in slot.reasons)


def test_france_sixty_quiet_days_after_a_refusal() -> None:
    s = settings("Europe/Paris", "08:00-20:00", country="FR")
    now = at(PARIS, 2026, 3, 9, 9, 0)
    # they refused, then called back themselves: calls may resume, but not within 60 days in FR
    history = (
        Attempt(now - timedelta(days=10), "not-interested"),
        Attempt(now - timedelta(days=9), "call-back"),
    )
    result = next_slot(_paris(), history, s, now)
    assert isinstance(result, NoSlot)
    assert result.code == "refusal"
    assert "60 days" in result.reason


def test_australia_saturday_until_17_and_never_sunday() -> None:
    s = settings(
        "Australia/Sydney",
        "08:00-21:00",
        country="AU",
        own_workdays_only=False,
        consumer_weekends=True,
    )
    callee = Callee(
        5,
        "Mate",
        phones=("+61 2 9999 0000",),
        zone="Australia/Sydney",
        country="AU",
        kind="consumer",
    )
    sat = next_slot(callee, (), s, at(SYDNEY, 2026, 3, 14, 7, 0))
    assert isinstance(sat, Slot) and sat.callee_start == at(SYDNEY, 2026, 3, 14, 9, 0)
    late = next_slot(callee, (), s, at(SYDNEY, 2026, 3, 14, 16, 50))
    assert isinstance(late, Slot)
    assert late.callee_start == at(SYDNEY, 2026, 3, 16, 9, 0)  # Monday: 08:00 is not legal


def test_canada_weekend_starts_at_ten() -> None:
    s = settings(
        "America/Toronto",
        "08:00-21:00",
        country="CA",
        own_workdays_only=False,
        consumer_weekends=True,
    )
    callee = Callee(
        6, "Eh", phones=("+1 416 555 0100",), zone="America/Toronto", country="CA", kind="consumer"
    )
    slot = next_slot(callee, (), s, at(TORONTO, 2026, 3, 14, 7, 0))
    assert isinstance(slot, Slot)
    assert slot.callee_start == at(TORONTO, 2026, 3, 14, 10, 0)
