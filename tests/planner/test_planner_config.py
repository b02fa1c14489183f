"""Planner settings come from config.toml through crmtui.config."""

from __future__ import annotations

import pytest

from crmtui import config
from crmtui.services.planning.planner import PlannerSettings, Window


def test_defaults_from_an_empty_config() -> None:
    s = PlannerSettings.from_config(config.load(), zone="Asia/Shanghai")
    assert s.zone == "Asia/Shanghai" and s.country == "CN"
    assert s.calling_hours == (Window.parse("09:00-18:00"),)
    assert s.normal_hours == (Window.parse("09:00-17:00"),)
    assert s.off_peak == tuple(
        Window.parse(w) for w in ("08:00-09:00", "12:00-13:00", "17:00-18:30")
    )
    assert (s.max_calls_per_day, s.min_hours_between_calls, s.nurture_after) == (2, 2, 6)
    assert (s.horizon_days, s.step_minutes, s.near_minutes, s.offpeak_after) == (14, 15, 60, 3)
    assert s.own_workdays_only and not s.consumer_weekends
    assert (s.cadence_a, s.cadence_b, s.cadence_c) == (14, 30, 90)


def test_values_set_through_the_config() -> None:
    config.set_value("timezone", "America/New_York")
    config.set_value("calling_hours", "08:00-23:00")
    config.set_value("planner_horizon_days", "7")
    config.set_value("planner_consumer_weekends", "yes")
    config.set_value("planner_own_workdays_only", "off")
    s = PlannerSettings.from_config(config.load())
    assert s.zone == "America/New_York"
    assert s.calling_hours == (Window.parse("08:00-23:00"),)
    assert s.horizon_days == 7 and s.consumer_weekends and not s.own_workdays_only


def test_bad_flag_is_refused() -> None:
    with pytest.raises(config.ConfigError, match="true or false"):
        config.set_value("planner_consumer_weekends", "perhaps")


def test_planner_outcomes_are_the_activity_outcomes() -> None:
    from crmtui.db.constants import OUTCOMES as STORED
    from crmtui.services.planning.planner import OUTCOMES

    assert OUTCOMES == STORED
