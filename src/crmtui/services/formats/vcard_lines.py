"""The physical layer of reading vCards: cards in a file, logical lines in a card, content lines.

Reading is forgiving per line, so that one odd line never costs a card its name:

* lines end with CRLF or LF; a bare CR only ends lines in a file that has no LF at all (old
  Macs), since Thunderbird writes bare CRs *inside* values;
* a card without ``END:VCARD`` ends where the next ``BEGIN:VCARD`` (or the file) starts, and
  says so in a warning; a card nested in another (2.1 ``AGENT``) is read as a card of its own;
* a line that is no property (a ``#`` comment, stray text) is left out with a warning, except
  that a 2.1 value ending with a backslash continues on the next line;
* a property vobject cannot parse is left out with a warning, its raw text kept;
* a quoted-printable value without ``CHARSET`` that is not UTF-8 is decoded with the most likely
  legacy code page (``cp1250`` for ``Iksi=F1ski``), with a warning that it is a guess.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from vobject.base import ParseError, textLineToContentLine  # type: ignore[import-untyped]

from crmtui.i18n import _

# vCard 2.1 may continue base64 data on lines that are not indented; they follow these.
BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
PROPERTY = re.compile(r"(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9_-]+)[;:]")
_LF_BREAK = re.compile(r"\r?\n")
# Properties every writer spells alike: a line starting one never continues a broken
# quoted-printable value that ends with a stray "=" (the card would lose its name).
_STANDARD = frozenset(
    "FN N ORG TITLE ROLE TEL EMAIL ADR BDAY NOTE CATEGORIES URL UID REV VERSION PHOTO LOGO "
    "LABEL NICKNAME END BEGIN".split()
)
# Single-byte code pages that vCard 2.1 files from Windows programs and old phones use.
_LEGACY = ["cp1252", "cp1250", "cp1251", "cp1257", "cp1254", "cp1253", "iso8859_15", "koi8_r"]


@dataclass
class Card:
    """The lines of one card, where it starts, and what was odd about its frame or lines."""

    start: int
    body: list[str]
    warnings: list[dict[str, str]] = field(default_factory=list)


def split_cards(text: str) -> Iterator[Card]:
    """Every card of a file, a card cut short ending where the next begins."""
    breaks = _LF_BREAK if "\n" in text else re.compile("\r")
    card: Card | None = None
    for number, raw in enumerate(breaks.split(text), start=1):
        word = raw.rstrip().upper()
        if word == "BEGIN:VCARD":
            if card is not None:
                card.warnings.append(
                    _frame(
                        _("the card has no END:VCARD; it ends at line {line}").format(
                            line=number - 1
                        )
                    )
                )
                yield card
            card = Card(number, [])
        elif word == "END:VCARD" and card is not None:
            yield card
            card = None
        elif card is not None:
            card.body.append(raw)
    if card is not None:
        card.warnings.append(_frame(_("the file ends inside this card (no END:VCARD)")))
        yield card


def _frame(message: str) -> dict[str, str]:
    return {"column": "END", "value": "", "message": message}


def _is_qp(line: str) -> bool:
    return "QUOTED-PRINTABLE" in line.split(":", 1)[0].upper()


def _starts(raw: str) -> bool:
    match = PROPERTY.match(raw)
    return match is not None and match.group(1).upper() in _STANDARD


def logical_lines(body: list[str]) -> Iterator[str]:
    """Unfold: indented continuations, quoted-printable soft breaks, 2.1 backslash endings."""
    current: str | None = None
    for raw in body:
        if current is not None and current.endswith("=") and _is_qp(current) and not _starts(raw):
            current += "\n" + raw  # "=\n" is a soft line break the QP decoder removes
        elif current is not None and raw[:1] in (" ", "\t"):
            current += raw[1:]
        elif current is not None and current.endswith("\\") and not PROPERTY.match(raw):
            current = current[:-1] + "\\n" + raw  # 2.1 writers continue a value this way
        elif not raw.strip():  # 2.1 ends a base64 block with a blank line
            if current is not None:
                yield current
            current = None
        else:
            if current is not None:
                yield current
            current = raw
    if current is not None:
        yield current


def content_lines(
    body: list[str], known: frozenset[str], warnings: list[dict[str, str]], encoding: str | None
) -> list[Any]:
    """The parsed lines of the properties in ``known``; the rest is skipped unparsed."""
    lines: list[Any] = []
    in_binary = False
    for logical in logical_lines(body):
        match = PROPERTY.match(logical)
        if match is None:
            if not in_binary:
                warnings.append(
                    {
                        "column": "line",
                        "value": logical[:80],
                        "message": _("not a vCard line: left out"),
                    }
                )
            continue
        name = match.group(1).upper()
        in_binary = name in BINARY
        if name not in known and not name.startswith("X-CRMTUI-"):
            continue
        parsed = _parse(logical, name, warnings, encoding)
        if parsed is not None:
            lines.append(parsed)
    return lines


def _parse(
    logical: str, name: str, warnings: list[dict[str, str]], encoding: str | None
) -> Any | None:
    try:
        return textLineToContentLine(logical)
    except (UnicodeDecodeError, LookupError) as exc:
        if _is_qp(logical):
            return _legacy_qp(logical, name, warnings, encoding, exc)
        problem = str(exc)
    except (ParseError, ValueError, TypeError) as exc:  # vobject's own errors, and worse
        problem = str(exc)
    value = logical.split(":", 1)[-1]
    message = _("unreadable: {problem}").format(problem=problem)
    warnings.append({"column": name, "value": value[:200], "message": message})
    return None


_CHARSET = re.compile(r";CHARSET=[^;:]*", re.IGNORECASE)


def _legacy_qp(
    logical: str, name: str, warnings: list[dict[str, str]], encoding: str | None, exc: Exception
) -> Any | None:
    """Decode a quoted-printable value whose CHARSET is missing (or unknown) and not UTF-8."""
    head, _sep, value = logical.partition(":")
    raw = quopri.decodestring(value.replace("=\n", "").encode("ascii", "replace"))
    chosen = encoding or _likely_code_page(raw)
    if chosen is None:
        message = _("unreadable: {problem}").format(problem=exc)
        warnings.append({"column": name, "value": value[:200], "message": message})
        return None
    try:
        line = textLineToContentLine(_CHARSET.sub("", head) + f";CHARSET={chosen}:" + value)
    except (ParseError, ValueError, TypeError, UnicodeDecodeError, LookupError) as again:
        message = _("unreadable: {problem}").format(problem=again)
        warnings.append({"column": name, "value": value[:200], "message": message})
        return None
    message = (
        _("quoted-printable without a usable CHARSET, read as {encoding}")
        if encoding
        else _(
            "quoted-printable without a usable CHARSET, read as {encoding} (a guess: name "
            "the file's encoding with --encoding if it is wrong)"
        )
    ).format(encoding=chosen)
    warnings.append(
        {
            "column": name,
            "value": raw.decode(chosen, "replace")[:200],
            "message": message,
        }
    )
    return line


def _likely_code_page(raw: bytes) -> str | None:
    from charset_normalizer import from_bytes  # loaded only for such a file

    for match in from_bytes(raw, cp_isolation=_LEGACY):
        if match.encoding:
            return str(match.encoding)
    for name in _LEGACY:
        try:
            raw.decode(name)
        except UnicodeDecodeError:
            continue
        return name
    return None
