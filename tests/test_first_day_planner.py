"""A salesperson's first day with the planner (issue 10, findings 6, 7, 8, 22, 23): what
``crm log`` promises is on the plan, a logged call closes the follow-up it answers, contacts'
phones are used, logging in the past reads naturally, and follow-ups in the past are refused."""

from __future__ import annotations

import re

import pytest

from tests.cli_runner import crm, crm_json

pytestmark = pytest.mark.both_backends

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


# -- finding 7: a logged call closes the follow-up it answers -------------------------------------


def _open_actions(customer: str) -> list[int]:
    return [a["id"] for a in crm_json("actions", "--all", "--customer", customer)]


def test_a_reached_call_closes_the_due_follow_up_on_the_demo() -> None:
    crm("demo")
    due = _open_actions("严鹏")
    assert len(due) == 1
    out = crm("log", "严鹏", "--outcome", "reached").stdout
    assert f"follow-up {due[0]} done" in out
    assert _open_actions("严鹏") == []
    assert _planned("严鹏") is None, "not re-planned 2 h later"


def _earlier(monkeypatch: pytest.MonkeyPatch, *args: str) -> None:
    """Run crm the day before (a follow-up in the past cannot be planned today)."""
    monkeypatch.setenv("CRM_NOW", "2026-11-30T08:00:00+08:00")
    crm(*args)
    monkeypatch.setenv("CRM_NOW", NOW)


def _two_follow_ups(monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    crm("add-customer", "Acme", "--phone", "13812345678", "--stage", "customer")
    _earlier(monkeypatch, "follow-up", "Acme", "--at", "2026-11-30 16:00", "--note", "older")
    crm("follow-up", "Acme", "--at", "today 14:00", "--note", "today's")
    older, shown = _open_actions("Acme")
    return older, shown


def test_with_two_open_follow_ups_the_call_closes_the_one_the_plan_shows(monkeypatch) -> None:
    older, shown = _two_follow_ups(monkeypatch)
    [call] = crm_json("plan")["calls"]
    assert call["action_id"] == shown  # the call is placed for today's 14:00 follow-up
    out = crm("log", "Acme", "--outcome", "reached").stdout
    assert f"follow-up {shown} done" in out and f"still due: follow-up {older}" in out
    assert _open_actions("Acme") == [older]


def test_action_says_which_follow_up_a_call_answers(monkeypatch) -> None:
    older, shown = _two_follow_ups(monkeypatch)
    out = crm("log", "Acme", "--outcome", "reached", "--action", str(older)).stdout
    assert f"follow-up {older} done" in out
    assert _open_actions("Acme") == [shown]
    bad = crm("log", "Acme", "--outcome", "reached", "--action", str(older), ok=False)
    assert bad.exit_code == 1 and "already done" in bad.stderr and "Traceback" not in bad.output
    crm("add-customer", "Other", "--phone", "13912345678")
    bad = crm("log", "Other", "--outcome", "reached", "--action", str(shown), ok=False)
    assert bad.exit_code == 1 and "not one of Other's" in bad.stderr
    bad = crm("log", "Acme", "--outcome", "reached", "--action", "999", ok=False)
    assert bad.exit_code == 1 and "no action with id 999" in bad.stderr


def test_an_unanswered_follow_up_call_is_retried_where_promised(monkeypatch) -> None:
    crm("add-customer", "Acme", "--phone", "13812345678", "--stage", "customer")
    _earlier(monkeypatch, "follow-up", "Acme", "--at", "2026-11-30 10:00")
    out = crm("log", "Acme", "--outcome", "busy").stdout
    assert _open_actions("Acme") == [], "the follow-up was made; its retry is the planner's"
    assert _planned("Acme", _day_of(out))[11:16] == _promised(out)[-5:]


def test_the_tui_closes_exactly_the_follow_up_shown(db, monkeypatch) -> None:
    from crmtui.clock import now
    from crmtui.services.desktop.tui import log_plan_call

    older, shown = _two_follow_ups(monkeypatch)
    [call] = crm_json("plan")["calls"]
    assert sorted(call["refs"]) == [older, shown]
    with db.session() as session:
        log_plan_call(session, now=now(), call=call, outcome="reached")
    assert _open_actions("Acme") == [older]


# -- finding 8: contacts' phones; nothing due is left out silently --------------------------------


def test_a_person_whose_phone_is_on_a_contact_is_called_on_that_phone() -> None:
    crm("add-customer", "刘备", "--person")
    crm("add-contact", "刘备", "刘备", "--phone", "13812345678")
    out = crm("log", "刘备", "--contact", "1", "--outcome", "no-answer").stdout
    assert "no phone" not in out
    [call] = crm_json("plan")["calls"]
    assert call["customer"] == "刘备" and "13812345678" in call["phone"]
    assert call["at"][11:16] == _promised(out)[-5:]


def test_a_company_contact_without_phone_falls_back_to_a_phone_on_file() -> None:
    crm("add-customer", "Acme", "--stage", "customer")
    crm("add-contact", "Acme", "Wang")
    crm("add-contact", "Acme", "Li", "--phone", "13912345678")
    crm("follow-up", "Acme", "--contact", "Wang", "--at", "today 10:00")
    [call] = crm_json("plan")["calls"]
    assert "13912345678" in call["phone"]


def test_every_due_call_is_placed_or_listed_with_its_reason(db) -> None:
    from datetime import date

    from crmtui import clock
    from crmtui.config import load as load_config
    from crmtui.services.planning.day_plan import day_plan, due_on, plan_as_data
    from crmtui.services.planning.planner import PlannerSettings

    crm("demo")
    crm("config", "set", "calling_hours", "09:00-10:00")  # a day that holds a dozen calls
    crm("add-customer", "No Phone Ltd")  # a new lead without any number
    settings = PlannerSettings.from_config(load_config(), zone="Asia/Shanghai")
    now = clock.now()
    for day in (date(2026, 12, 1), date(2026, 12, 2)):
        with db.reader() as reader:
            due = due_on(reader, settings=settings, now=now, day=day)
            plan = plan_as_data(day_plan(reader, settings=settings, now=now, day=day))
        wanted = {d.customer["id"] for d in due if d.is_call and d.when <= day}
        placed = {c["customer_id"] for c in plan["calls"]}
        listed = {u["customer_id"] for u in plan["not_placed"]}
        nurtured = {n["customer_id"] for n in plan["nurture"]}
        assert len(wanted) > 12
        assert wanted == placed | listed | nurtured
        assert not placed & listed
        assert all(u["reason"] for u in plan["not_placed"])


# -- finding 22: logging in the past ---------------------------------------------------------------

SHANGHAI = "Asia/Shanghai"


def _local(text: str, *, past: bool = True, now: str = NOW) -> str:
    from datetime import datetime

    from crmtui.services.common.timeparse import parse_when

    return parse_when(text, datetime.fromisoformat(now), past=past).strftime("%a %Y-%m-%d %H:%M")


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("yesterday", "Mon 2026-11-30 09:00"),
        ("yesterday 15:30", "Mon 2026-11-30 15:30"),
        ("昨天 15:30", "Mon 2026-11-30 15:30"),
        ("前天", "Sun 2026-11-29 09:00"),
        ("-1d", "Mon 2026-11-30 09:00"),
        ("-2h", "Tue 2026-12-01 07:10"),
        ("-30m", "Tue 2026-12-01 08:40"),
        ("08:30", "Tue 2026-12-01 08:30"),
        ("today", "Tue 2026-12-01 09:10"),
        ("mon", "Mon 2026-11-30 09:00"),
        ("fri 16:00", "Fri 2026-11-27 16:00"),
        ("周五", "Fri 2026-11-27 09:00"),
        ("tue", "Tue 2026-12-01 09:10"),  # today: just now
        ("tue 10:00", "Tue 2026-11-24 10:00"),  # today's 10:00 has not: last week's
        ("last tue", "Tue 2026-11-24 09:00"),
    ],
)
def test_when_logging_words_mean_the_most_recent_past(typed: str, meant: str) -> None:
    assert _local(typed) == meant


def test_planning_still_reads_words_forwards() -> None:
    assert _local("fri", past=False) == "Fri 2026-12-04 09:00"
    assert _local("10:00", past=False) == "Tue 2026-12-01 10:00"
    assert _local("tue", past=False) == "Tue 2026-12-08 09:00"


def test_log_at_yesterday_and_today_early_in_the_morning(monkeypatch) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    crm("add-customer", "Acme", "--phone", "13812345678")
    crm("log", "Acme", "--kind", "visit", "--at", "yesterday 15:00")
    crm("log", "Acme", "--kind", "visit", "--at", "-1d")
    monkeypatch.setenv("CRM_NOW", "2026-12-01T08:00:00+08:00")
    crm("log", "Acme", "--kind", "visit", "--at", "today")
    crm("log", "Acme", "--kind", "visit", "--at", "周一")
    history = crm_json("show", "Acme")["history"]
    done = sorted(
        datetime.fromisoformat(a["done_at"])
        .astimezone(ZoneInfo(SHANGHAI))
        .strftime("%Y-%m-%dT%H:%M")
        for a in history
    )
    assert done == [
        "2026-11-30T09:00",
        "2026-11-30T09:00",
        "2026-11-30T15:00",
        "2026-12-01T08:00",
    ]
    future = crm("log", "Acme", "--at", "10:00", ok=False)
    assert future.exit_code == 1 and "in the future" in future.stderr


# -- finding 23: follow-ups in the past; the year when it is not this year -----------------------


def test_a_follow_up_in_the_past_is_refused_with_one_line() -> None:
    crm("add-customer", "Acme", "--phone", "13812345678")
    for typed in ("2020-01-01 10:00", "yesterday", "08:00", "-1d"):
        bad = crm("follow-up", "Acme", "--at", typed, ok=False)
        assert bad.exit_code == 1, typed
        assert "in the past" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    assert _open_actions("Acme") == []
    crm("follow-up", "Acme", "--at", "today")  # at 09:10: now, not 09:00
    crm("follow-up", "Acme", "--at", "today 15:00")
    assert len(_open_actions("Acme")) == 2


def test_the_follow_up_form_refuses_the_past_through_the_same_check(db) -> None:
    from crmtui.clock import now
    from crmtui.errors import InvalidInput
    from crmtui.services.activities.write import check_follow_up_time

    with pytest.raises(InvalidInput, match="in the past"):
        check_follow_up_time(now().replace(year=2020), now())
    check_follow_up_time(now(), now())


def test_dates_outside_this_year_show_their_year(monkeypatch) -> None:
    monkeypatch.setenv("CRM_NOW", "2026-12-30T09:10:00+08:00")
    crm("add-customer", "Acme", "--phone", "13812345678", "--stage", "customer")
    crm("follow-up", "Acme", "--at", "2027-01-04 10:00", "--note", "after new year")
    monkeypatch.setenv("CRM_NOW", "2027-01-05T09:10:00+08:00")
    plan = crm("plan").stdout
    assert "follow-up due Mon 4 Jan 2026" not in plan
    assert "follow-up due Mon 4 Jan 10:00" in plan  # this year: no year
    monkeypatch.setenv("CRM_NOW", "2026-12-30T09:10:00+08:00")
    plan = crm("plan", "--date", "2027-01-04").stdout
    assert "follow-up due Mon 4 Jan 2027 10:00" in plan
    monkeypatch.setenv("CRM_NOW", "2026-12-31T17:50:00+08:00")
    crm("add-customer", "Lead", "--phone", "13912345678")
    out = crm("log", "Lead", "--outcome", "no-answer").stdout
    assert re.search(r"next call fits \w{3} \d\d \w{3} 2027 \d\d:\d\d", out), out


async def test_the_tui_follow_up_form_shows_the_refusal(monkeypatch) -> None:
    from textual.widgets import Input, Static

    from crmtui.app import CrmApp
    from crmtui.widgets.activity_forms import FollowUpForm
    from tests.tui.tui_helpers import settle, static_text

    crm("add-customer", "Acme", "--phone", "13812345678")
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        app.push_screen(FollowUpForm(1, "Acme"))
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FollowUpForm)
        form.query_one("#f-due", Input).value = "2020-01-01 10:00"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form, "not saved"
        assert "in the past" in static_text(form.query_one("#e-due", Static))
    assert _open_actions("Acme") == []
