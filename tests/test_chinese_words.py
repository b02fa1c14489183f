"""Chinese formats and the practice's words: dates, relative days, money; stages, outcomes, MAN
and satisfaction shown in Chinese; the same words, and Chinese times, accepted as input."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from crmtui import i18n, l10n, words
from crmtui.db.constants import OUTCOMES, STAGES
from crmtui.money import format_money
from crmtui.services.common import checks
from crmtui.services.common.timeparse import parse_when
from tests.cli_runner import crm, crm_json

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # a Wednesday


def test_chinese_dates_relative_days_and_money() -> None:
    i18n.set_language("zh")
    assert l10n.day_text(date(2026, 11, 30)) == "11月30日 周一"
    assert l10n.day_text(date(2025, 3, 9), 2026) == "2025年3月9日 周日"
    assert l10n.month_text(2026, 11) == "2026年11月"
    assert [l10n.in_days(n) for n in (0, 1, 3, -1)] == ["今天", "明天", "3天后", "昨天"]
    assert format_money(1234500, "CNY") == "¥12,345.00"
    assert format_money(-5050, "USD") == "-US$50.50"
    assert l10n.money_words(1234500, "CNY") == "12,345元"
    assert format_money(100, "CHF") == "1.00 CHF"


def test_english_formats_are_unchanged() -> None:
    assert l10n.day_text(date(2026, 11, 30)) == "Mon 30 Nov"
    assert l10n.in_days(3) == "in 3 days"
    assert format_money(1234500, "CNY") == "12,345 CNY"
    assert words.label("stage", "prospect") == "prospect"


def test_the_practice_words_for_stages_outcomes_man_and_satisfaction() -> None:
    i18n.set_language("zh")
    shown = [words.label("stage", s) for s in ("potential", "prospect", "customer")]
    assert shown == ["潜在客户", "准客户", "成交客户"]
    assert [words.label("outcome", o) for o in OUTCOMES] == [
        "接通", "未接", "占线", "语音信箱", "约见", "回电", "无意向", "错号"
    ]  # fmt: skip
    assert words.man("yes", "unknown", "no") == "购买能力 有，决定权 未知，需求 无"
    assert [words.satisfaction(n) for n in (5, 1)] == ["5 很满意", "1 很不满意"]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_chinese_words_are_accepted_as_input_in_any_language(language: str) -> None:
    i18n.set_language(language)
    assert checks.choice("未接", OUTCOMES, "outcome") == "no-answer"
    assert checks.choice("准客户", STAGES, "stage") == "prospect"
    assert checks.choice("prospect", STAGES, "stage") == "prospect"
    with pytest.raises(checks.InvalidInput):
        checks.choice("很好", STAGES, "stage")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("周五 10点", datetime(2026, 11, 27, 10, 0)),
        ("周五10点", datetime(2026, 11, 27, 10, 0)),
        ("明天下午3点", datetime(2026, 11, 26, 15, 0)),
        ("下周一", datetime(2026, 11, 30, 9, 0)),
        ("下周五", datetime(2026, 12, 4, 9, 0)),
        ("本周六 9点", datetime(2026, 11, 28, 9, 0)),
        ("晚上8点20分", datetime(2026, 11, 25, 20, 20)),
        ("下午两点半", datetime(2026, 11, 25, 14, 30)),
        ("fri 9:30", datetime(2026, 11, 27, 9, 30)),
    ],
)
def test_chinese_times(text: str, expected: datetime) -> None:
    assert parse_when(text, NOW) == expected.replace(tzinfo=NOW.tzinfo)


def test_log_and_stage_in_chinese_on_the_command_line() -> None:
    crm("add-customer", "宏达机械", "--stage", "准客户")
    assert crm_json("customers")[0]["stage"] == "prospect"
    out = crm("log", "宏达", "--outcome", "未接", "--kind", "电话").output
    assert "logged call" in out and "no-answer" in out
    crm("follow-up", "宏达", "--at", "明天下午3点")
    actions = crm_json("actions", "--all")
    assert actions[0]["due_at"] == "2026-11-24T07:00:00+00:00"  # 15:00 in Shanghai


def test_contacts_sort_by_pinyin_among_latin_names() -> None:
    crm("add-customer", "宏达机械")
    for name in ("Zoe Brown", "陈静", "Anna Li", "张伟", "Mark Davis"):
        crm("add-contact", "宏达", name)
    names = [row["name"] for row in crm_json("contacts")]
    # anna, chenjing, mark, zhangwei, zoe: not every Latin name before the Chinese ones
    assert names == ["Anna Li", "陈静", "Mark Davis", "张伟", "Zoe Brown"]


def test_a_contact_name_finds_its_customer() -> None:
    crm("add-customer", "宏达机械")
    crm("add-contact", "宏达", "陈静")
    assert "宏达机械" in crm("show", "陈静").output


def test_now_is_typed_in_either_language() -> None:
    """The log form offers its time as 现在 in Chinese: it reads back like ``now``."""
    assert parse_when("现在", NOW) == NOW == parse_when("now", NOW)
