"""The text syntax of vCard content lines: backslash escapes, structured values, folding.

A text value escapes backslash, comma, semicolon and newline (``\\\\ \\, \\; \\n``); structured
values (N, ADR, ORG) separate their parts with unescaped semicolons, lists (CATEGORIES) their
items with unescaped commas. Reading is lenient: an unknown escape such as ``\\p`` is kept as
written, and unescaped commas in text are kept too, as many programs write them.
"""

from __future__ import annotations

import re

from crmtui.services.formats.safety import strip_controls

FOLD_AT = 75  # octets per physical line, RFC 6350 §3.2

_ESCAPE = re.compile(r"\\([\\,;:nN])")
# A backslash escape counts as one unit, so that splitting and folding never cut through one.
_UNITS = re.compile(r"\\.|.", re.DOTALL)


def unescape(value: str) -> str:
    """Undo the backslash escapes of a text value."""
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def split_escaped(value: str, sep: str) -> list[str]:
    """Split a structured or list value on unescaped ``sep``, then unescape each part."""
    parts: list[str] = []
    current: list[str] = []
    for unit in _UNITS.findall(value):
        if unit == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(unit)
    parts.append("".join(current))
    return [unescape(p) for p in parts]


def escape(text: str | None) -> str:
    """Escape a text value; control characters, which vCard text cannot hold, are dropped."""
    text = strip_controls(text or "")
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold at 75 octets without splitting a UTF-8 character or a backslash escape."""
    out: list[str] = []
    current: list[str] = []
    width = 0
    for unit in _UNITS.findall(line):
        size = len(unit.encode("utf-8"))
        if width + size > FOLD_AT:
            out.append("".join(current))
            current, width = [" "], 1  # a continuation line starts with one space
        current.append(unit)
        width += size
    out.append("".join(current))
    return "\r\n".join(out)
