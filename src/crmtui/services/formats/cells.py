"""Conversions of single cells and values, shared by the codecs.

* list cells: several phones, emails or tags in one spreadsheet cell;
* phone labels: ``mobile: 138 0013 8000`` as the CSV export writes them;
* names given in parts (given and family name), joined the way the language joins them;
* typed spreadsheet cells (numbers, dates) as the text the rest of the codecs expect.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time

from crmtui.messages_en import MESSAGES
from crmtui.services.formats.model import phone_type_or_none

# Separators between list items. Full-width ones and 、 are how lists are typed in Chinese;
# a newline is how Excel users stack values in a cell (Alt+Enter).
SEPARATORS = frozenset(";,；，、\n")

# A number Excel showed in scientific notation (1.38123E+10) and saved as such: the digits after
# the sixth are gone, so it can never be turned back into the phone number it was.
# Spreadsheets write one digit before the point, and only numbers of six digits or more (the
# exponent) are phone-like; "0E0" or "1e3" are text someone typed, not a rounded phone number.
_SCIENTIFIC = re.compile(r"\s*[+-]?\d(?:[.,]\d+)?[eE]\+?(\d{1,2})\s*")
# the row message of an import is the same words as the error a typed phone gets
SCIENTIFIC_PHONE = MESSAGES["phone-scientific"]


def scientific_number(text: str) -> bool:
    """Whether ``text`` is a number written in scientific notation (``1.38123E+10``)."""
    found = _SCIENTIFIC.fullmatch(text)
    return found is not None and int(found.group(1)) >= 5


_LABEL = re.compile(r"([^:：]*)[:：](.*)", re.DOTALL)
# Han (with extension planes), kana and Hangul: scripts written without spaces between names.
_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\U00020000-\U0003ffff]")


_SEPARATOR = re.compile("[" + re.escape("".join(sorted(SEPARATORS))) + "]")


def split_values(cell: str) -> list[str]:
    """Split a list cell on unescaped separators; items come back unescaped, untrimmed.

    A backslash escapes a separator or another backslash; any other backslash is kept as
    written, so ``C:\\path`` in a foreign file survives.
    """
    if "\\" not in cell:
        return _SEPARATOR.split(cell)  # nothing escaped: a plain split, in C
    items: list[str] = []
    current: list[str] = []
    chars = iter(cell)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            current.append(nxt if nxt in SEPARATORS or nxt == "\\" else ch + nxt)
        elif ch in SEPARATORS:
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    return items


def join_values(items: Iterable[str]) -> str:
    """Join list items into one cell so that :func:`split_values` gives them back."""
    return "; ".join(
        "".join("\\" + ch if ch in SEPARATORS or ch == "\\" else ch for ch in item)
        for item in items
    )


def labelled_phone(item: str) -> tuple[str, str]:
    """``"mobile: 138"`` → ``("mobile", " 138")``; without a known label the type is other."""
    match = _LABEL.fullmatch(item)
    kind = phone_type_or_none(match.group(1)) if match else None
    if match and kind:
        return kind, match.group(2)
    return "other", item


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds Chinese, Japanese or Korean characters."""
    return _CJK.search(text) is not None


def compose_name(given: str | None, family: str | None, middle: str | None = None) -> str:
    """Join name parts: ``张`` + ``三`` → ``张三``, ``John`` + ``Smith`` → ``John Smith``."""
    given, family, middle = (given or "").strip(), (family or "").strip(), (middle or "").strip()
    if has_cjk(given + family):
        return family + middle + given  # family name first, no spaces
    return " ".join(p for p in (given, middle, family) if p)


def cell_text(value: object) -> str:
    """The text of a typed spreadsheet cell."""
    # A phone number typed as a number arrives as a float (13800138000.0); dates as datetimes.
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)
