"""What one ``field:value`` term tests, checked against the field's kind.

A value may be a list (``grade:A,B``: any of them), a range (``credit:10k..50k``, either end
open), a comparison (``satisfaction:>=4``, ``last:>14d``), ``none`` (the field is empty) or,
for text, a pattern with ``*``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from crmtui.errors import InvalidInput
from crmtui.numbers import whole
from crmtui.services.query import values
from crmtui.services.query.fields import Field
from crmtui.services.query.text import clip, split_outside_quotes, unquote

_NONE_WORDS = {"none", "empty", "无", "空"}
Scalar = int | datetime | date  # a date: a day column (orders' dates, expected close)


@dataclass(frozen=True)
class Words:
    """Bare words: the usual search (names, pinyin, phones, email, tags, notes)."""

    text: str


@dataclass(frozen=True)
class Equals:
    values: tuple[str | int, ...]


@dataclass(frozen=True)
class Like:
    """Text containing ``needle`` (``contains``) or matching a ``*`` pattern."""

    needle: str
    pattern: bool = False


@dataclass(frozen=True)
class Between:
    low: Scalar | None
    high: Scalar | None
    low_inclusive: bool = True
    high_inclusive: bool = True
    or_null: bool = False  # an empty value counts as matching (never contacted is "old")


@dataclass(frozen=True)
class IsNull:
    pass


@dataclass(frozen=True)
class Virtual:
    name: str


@dataclass(frozen=True)
class Man:
    """MAN flags wanted: "yes", "no", "unknown", or None for any."""

    money: str | None
    authority: str | None
    need: str | None


@dataclass(frozen=True)
class Tagged:
    names: tuple[str, ...]


@dataclass(frozen=True)
class Either:
    tests: tuple[Test, ...]


Test = Words | Equals | Like | Between | IsNull | Virtual | Man | Tagged | Either


def words(text: str) -> Words:
    return Words(unquote(text))


def limit(value: str, term: str) -> int:
    return whole(unquote(value), "limit:", 1, 1_000_000)


def test(spec: Field, value: str, term: str, *, now: datetime, tz: tzinfo) -> Test:
    """The test of ``field:value``; a value the field cannot take names the term."""
    parts = split_outside_quotes(value, ",")
    if not value or any(not unquote(p).strip() for p in parts):
        raise InvalidInput("query-no-value", field="query", term=clip(term))
    if spec.kind == "tag":
        return Tagged(tuple(unquote(p).strip().lstrip("#") for p in parts))
    tests = [_one(spec, part, term, now=now, tz=tz) for part in parts]
    if len(tests) > 1 and all(isinstance(t, Equals) for t in tests):
        return Equals(tuple(v for t in tests if isinstance(t, Equals) for v in t.values))
    return tests[0] if len(tests) == 1 else Either(tuple(tests))


def _one(spec: Field, part: str, term: str, *, now: datetime, tz: tzinfo) -> Test:
    text = unquote(part).strip()
    if text.casefold() in _NONE_WORDS and spec.kind not in ("is", "man"):
        if not spec.nullable:
            raise InvalidInput("query-never-empty", field="query", term=clip(term), name=spec.name)
        return IsNull()
    if spec.kind in ("enum", "is"):
        found = spec.choices.get(text.casefold()) or spec.choices.get(text)
        if found is None:
            shown = spec.choices.values() if spec.kind == "enum" else spec.choices
            allowed = sorted({k for k in shown if k.isascii()})
            raise InvalidInput(
                "query-bad-choice", field="query", term=clip(term), name=spec.name, allowed=allowed
            )
        return Virtual(found) if spec.kind == "is" else Equals((found,))
    if spec.kind == "man":
        return _man(text, term)
    if spec.kind in ("text", "contains", "customer"):
        if '"' not in part and "*" in text:
            return Like(text, pattern=True)
        return Equals((text,)) if spec.kind == "text" else Like(text)
    if spec.kind in ("number", "money"):
        return _numeric(text, term, scale=100 if spec.kind == "money" else 1)
    if spec.kind == "day":
        return _day(text, term, today=now.astimezone(tz).date())
    return _instant(spec, text, term, now=now, tz=tz)


def _numeric(text: str, term: str, *, scale: int) -> Test:
    if ".." in text:
        low, _, high = text.partition("..")
        return Between(
            values.number(low, term, scale=scale) if low else None,
            values.number(high, term, scale=scale) if high else None,
        )
    bound = values.operator(text)
    n = values.number(bound.text, term, scale=scale)
    return _compare(bound.op, n)


def _compare(op: str, n: Scalar) -> Test:
    if op == ">":
        return Between(n, None, low_inclusive=False)
    if op == ">=":
        return Between(n, None)
    if op == "<":
        return Between(None, n, high_inclusive=False)
    if op == "<=":
        return Between(None, n)
    return Equals((n,)) if isinstance(n, int) else Between(n, n)


def _instant(spec: Field, text: str, term: str, *, now: datetime, tz: tzinfo) -> Test:
    """An age (``>14d``: longer ago than 14 days; ``<7d`` or ``7d``: within 7 days) or local
    days (``2026-11-03``, ``2026-11``, ranges ``2026-01..2026-03``, ``>2026-11-01``)."""
    today = now.astimezone(tz).date()
    if ".." in text:
        low, _, high = text.partition("..")
        return Between(
            values.day_start(values.period(low, term, today=today)[0], tz) if low else None,
            values.next_day_start(values.period(high, term, today=today)[1], tz) if high else None,
            high_inclusive=False,
        )
    bound = values.operator(text)
    ago = values.age(bound.text)
    if ago is not None:
        cutoff = now - ago
        if bound.op in (">", ">="):  # older than: before the cutoff
            return Between(
                None, cutoff, high_inclusive=bound.op == ">=", or_null=spec.null_is_oldest
            )
        return Between(cutoff, now, low_inclusive=bound.op != "<")
    first, last = values.period(bound.text, term, today=today)
    start, end = values.day_start(first, tz), values.next_day_start(last, tz)
    if bound.op == ">":
        return Between(end, None)
    if bound.op == ">=":
        return Between(start, None)
    if bound.op == "<":
        return Between(None, start, high_inclusive=False)
    if bound.op == "<=":
        return Between(None, end, high_inclusive=False)
    return Between(start, end, high_inclusive=False)


def _day(text: str, term: str, *, today: date) -> Test:
    """A day column read like an instant: ``>14d`` (before the day 14 days ago), ``<7d``
    (within the last 7 days), dates and ranges of local days."""
    if ".." in text:
        low, _, high = text.partition("..")
        return Between(
            values.period(low, term, today=today)[0] if low else None,
            values.period(high, term, today=today)[1] if high else None,
        )
    bound = values.operator(text)
    ago = values.age(bound.text)
    if ago is not None:
        cutoff = today - timedelta(days=ago.days)
        if bound.op in (">", ">="):
            return Between(None, cutoff, high_inclusive=bound.op == ">=")
        return Between(cutoff, today, low_inclusive=bound.op != "<")
    first, last = values.period(bound.text, term, today=today)
    if bound.op == ">":
        return Between(last, None, low_inclusive=False)
    if bound.op == ">=":
        return Between(first, None)
    if bound.op == "<":
        return Between(None, first, high_inclusive=False)
    if bound.op == "<=":
        return Between(None, last)
    return Between(first, last)


_MAN_LETTERS = {"m": 0, "a": 1, "n": 2}


def _man(text: str, term: str) -> Man:
    """``MAn``: position by position money, authority, need; upper case yes, lower case no,
    ``?`` unknown, ``*`` either. Letters may come in any order (``NAm`` is ``mAN``)."""
    wanted: list[str | None] = [None, None, None]
    chars = [c for c in text if not c.isspace()]
    seen: set[int] = set()
    for i, ch in enumerate(chars):
        if ch in "?*":
            if i >= 3:
                break
            wanted[i] = "unknown" if ch == "?" else None
            seen.add(i)
            continue
        slot = _MAN_LETTERS.get(ch.casefold())
        if slot is None or slot in seen:
            break
        wanted[slot] = "yes" if ch.isupper() else "no"
        seen.add(slot)
    else:
        if chars:
            return Man(*wanted)
    raise InvalidInput("query-bad-man", field="query", term=clip(term))
