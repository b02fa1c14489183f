"""Chinese ways of saying a day and a time, rewritten into what :mod:`timeparse` reads.

``周五 10点`` → ``周五 10:00``, ``明天下午3点`` → ``明天 15:00``, ``下周一`` → the Monday of next
week as a date, ``三点半`` → ``03:30``, ``晚上8点20分`` → ``20:20``. Text without such words is
returned as it is, so English input is untouched.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_NUMBER = r"\d{1,2}|[零〇一二两三四五六七八九十]{1,3}"
_CLOCK = re.compile(
    rf"(上午|早上|早晨|早|中午|下午|傍晚|晚上|晚)?\s*({_NUMBER})\s*[点點时]"
    rf"\s*(?:(半)|(?:({_NUMBER})\s*分?))?"
)
_WEEK = re.compile(r"(上|下|这|本)个?(?:周|星期|礼拜)([一二三四五六日天])")
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_AFTERNOON = ("下午", "傍晚", "晚上", "晚")


def number(text: str) -> int:
    """``12``, ``十二``, ``二十五``, ``两`` → the number."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _sep, ones = text.partition("十")
        return (_DIGITS.get(tens, 1) if tens else 1) * 10 + (_DIGITS.get(ones, 0) if ones else 0)
    return _DIGITS.get(text, 0)


def _clock(match: re.Match[str]) -> str:
    part, hour_text, half, minute_text = match.groups()
    hour = number(hour_text)
    minute = 30 if half else number(minute_text) if minute_text else 0
    if part in _AFTERNOON and 1 <= hour < 12:
        hour += 12
    elif part == "中午" and hour < 6:
        hour += 12  # 中午1点 is 13:00
    return f" {hour:02d}:{minute:02d} "


def rewrite(text: str, today: date) -> str:
    """``text`` with Chinese day and time words in the forms :mod:`timeparse` reads."""

    def week(match: re.Match[str]) -> str:
        shift = {"上": -1, "下": 1}.get(match.group(1), 0)
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=shift)
        return f" {monday + timedelta(days=_WEEKDAY[match.group(2)])} "

    out = _WEEK.sub(week, text)
    out = _CLOCK.sub(_clock, out)
    # a day word written against a time or another word (明天下午3点): split them
    out = re.sub(r"(今天|明天|后天|昨天|前天|(?:周|星期)[一二三四五六日天])(?=\S)", r"\1 ", out)
    return " ".join(out.split())
