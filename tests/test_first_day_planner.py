"""A salesperson's first day with the planner (issue 10, findings 6, 7, 8, 22, 23): what
``crm log`` promises is on the plan, a logged call closes the follow-up it answers, contacts'
phones are used, logging in the past reads naturally, and follow-ups in the past are refused."""

from __future__ import annotations

import re

import pytest

from tests.cli_runner import crm, crm_json

NOW = "2026-12-01T09:10:00+08:00"  # a Tuesday


@pytest.fixture(autouse=True)
def first_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRM_NOW", NOW)
    monkeypatch.setenv("CRM_TZ", "Asia/Shanghai")


def _promised(out: str) -> str:
    """``HH:MM`` and day of ``next call fits Tue 01 Dec 11:15`` in crm log's output."""
    found = re.search(r"next call fits \w{3} (\d\d \w{3}) (\d\d:\d\d)", out)
    assert found, out
    return f"{found.group(1)} {found.group(2)}"


def _planned(customer: str, day: str | None = None) -> str | None:
    args = ("plan", "--date", day) if day else ("plan",)
    for call in crm_json(*args)["calls"]:
        if call["customer"] == customer:
            return call["at"]
    return None


# -- finding 6: the promised retry comes ---------------------------------------------------------


def test_an_unanswered_new_lead_is_planned_when_crm_log_promised() -> None:
    crm("add-customer", "新客户", "--phone", "13812345678")
    promised = _promised(crm("log", "新客户", "--outcome", "no-answer").stdout)
    at = _planned("新客户")
    assert at is not None, "the retry crm log promised is on the plan"
    assert promised == "01 Dec " + at[11:16]


def test_unanswered_leads_are_retried_until_the_nurture_rule(monkeypatch) -> None:
    crm("add-customer", "新客户", "--phone", "13812345678")
    day = "2026-12-01"
    for _ in range(6):
        at = _planned("新客户", day)
        assert at is not None, f"retry on {day} is planned"
        monkeypatch.setenv("CRM_NOW", at)
        out = crm("log", "新客户", "--outcome", "no-answer").stdout
        if "next call fits" in out:
            day = _day_of(out)
            assert _planned("新客户", day)[11:16] == _promised(out)[-5:]
    assert "nurture" in out, "the sixth unanswered call moves the lead to nurture"
    plan = crm_json("plan", "--date", day)
    assert [n["customer"] for n in plan["nurture"]] == ["新客户"]
    assert not plan["calls"]


def _day_of(out: str) -> str:
    """The ISO day of the promise (December 2026 in these tests)."""
    return "2026-12-" + _promised(out)[:2]


def test_a_lead_a_week_later_is_still_planned() -> None:
    crm("add-customer", "新客户", "--phone", "13812345678")
    crm("log", "新客户", "--outcome", "no-answer")
    assert _planned("新客户", "2026-12-08") is not None


def test_a_reached_lead_is_no_longer_a_new_lead() -> None:
    crm("add-customer", "新客户", "--phone", "13812345678")
    out = crm("log", "新客户", "--outcome", "reached").stdout
    assert "next call fits" not in out, "nothing left to call about: promise nothing"
    assert _planned("新客户") is None
