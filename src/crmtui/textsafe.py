"""Making user text harmless on a terminal while keeping it exact in storage.

Names and notes may hold anything: markup look-alikes such as ``[VIP]`` or ``[@click=...]``,
escape sequences, other C0/C1 controls, bidirectional overrides, NUL. They are stored as given;
on their way to a screen each control is replaced by a visible stand-in, so text can never set
the terminal title, clear the screen or reorder what is shown. Markup is handled separately:
every renderer builds ``Text``/``Content`` objects from plain strings, never parses user text.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

from crmtui.money import to_json

# C0 controls (but tab/newline, handled per mode), DEL, C1 controls, and the Unicode format
# characters that reorder or hide text: bidi embeddings/overrides/isolates, marks, line/paragraph
# separators, BOM and zero-width joiners are left alone only where harmless (ZWJ in emoji).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)
_LINE_BREAKS = re.compile("\r\n|[\n\r\t]")


def _stand_in(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␀ ␛ ...
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible(text: str | None, *, multiline: bool = False) -> str:
    """Replace every control character by a visible stand-in.

    With ``multiline`` newlines and tabs pass through; otherwise they become spaces, so a value
    always stays on its own line in tables.
    """
    if not text:
        return ""
    if not multiline:
        text = _LINE_BREAKS.sub(" ", text)
    else:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub(lambda m: _stand_in(m.group()), text)


def clip(text: str, width: int) -> str:
    """Shorten to ``width`` characters with an ellipsis (for one-line previews)."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_dumps(data: Any, *, indent: int | None = 2) -> str:
    """JSON that keeps CJK readable but escapes everything a terminal could act on.

    ``json`` already escapes C0 controls; C1 controls and bidi overrides are escaped here too,
    so the document is exact (it decodes to the stored text) and harmless to print. Money
    (``crmtui.money.Money``) becomes a decimal string with its currency, here and only here.
    """
    text = json.dumps(to_json(data), ensure_ascii=False, indent=indent, default=_plain)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
