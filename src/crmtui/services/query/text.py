"""Reading a query's text: full-width characters folded, then split into tokens.

Chinese input methods type ``：`` ``＞`` ``，`` ``（`` and the ideographic space ``　``; they
are read as their ASCII forms, so ``等级：A　城市：上海`` is ``等级:A 城市:上海``. Double
quotes keep spaces, parentheses and ``or`` inside one value: ``name:"宏达 贸易"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from crmtui.errors import InvalidInput

MAX_QUERY = 2000  # characters: longer is no query anybody typed or saved

# Full-width ASCII (U+FF01..U+FF5E) to ASCII, the ideographic space, and the Chinese
# punctuation that stands for our operators: 、 lists like ， and curly quotes quote.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {
    0x3000: " ",
    0x3001: ",",
    0x201C: '"',
    0x201D: '"',
}
_OR_WORDS = {"or", "|", "或", "或者"}
_AND_WORDS = {"and", "&", "且", "并且"}


class Kind(Enum):
    OPEN = "("
    CLOSE = ")"
    OR = "or"
    WORD = "word"  # a term: field:value, a bare word, each maybe negated


@dataclass(frozen=True)
class Token:
    kind: Kind
    text: str  # as typed (after folding), quotes included


def fold(text: str) -> str:
    """The query with full-width characters and the ideographic space made ASCII."""
    return text.translate(_FOLD)


def tokens(query: str) -> list[Token]:
    """The tokens of ``query``; an unclosed quote or an over-long query is refused."""
    if len(query) > MAX_QUERY:
        raise InvalidInput("query-too-long", field="query", count=len(query), limit=MAX_QUERY)
    if "\x00" in query:
        raise InvalidInput("text-has-nul", field="query", label="query")
    text = fold(query)
    out: list[Token] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            out.append(Token(Kind.OPEN if ch == "(" else Kind.CLOSE, ch))
            i += 1
        else:
            i = _word(text, i, out)
    return out


def _word(text: str, start: int, out: list[Token]) -> int:
    """Reads one word from ``start``; returns where the next one may begin."""
    i = start
    while i < len(text) and not (text[i].isspace() or text[i] in "()"):
        if text[i] == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise InvalidInput("query-unclosed-quote", field="query", term=clip(text[start:]))
            i = end
        i += 1
    word = text[start:i]
    lowered = word.casefold()
    if lowered in _OR_WORDS:
        out.append(Token(Kind.OR, word))
    elif lowered not in _AND_WORDS:  # terms are ANDed anyway: "and" is read and ignored
        out.append(Token(Kind.WORD, word))
    return i


def split_outside_quotes(text: str, sep: str) -> list[str]:
    """``text`` cut at each ``sep`` that is not inside double quotes."""
    parts: list[str] = []
    current: list[str] = []
    inside = False
    i = 0
    while i < len(text):
        if text[i] == '"':
            inside = not inside
        if not inside and text.startswith(sep, i):
            parts.append("".join(current))
            current = []
            i += len(sep)
            continue
        current.append(text[i])
        i += 1
    parts.append("".join(current))
    return parts


def unquote(text: str) -> str:
    return text.replace('"', "")


def clip(text: str, width: int = 40) -> str:
    """A piece of the query short enough to quote in a one-line message."""
    return text if len(text) <= width else text[: width - 1] + "…"
