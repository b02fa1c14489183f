"""Turning the bytes of an imported text file into text, without ever guessing wrong silently.

Files reach us as UTF-8 (with or without the BOM Excel adds for "CSV UTF-8"), as UTF-16 (Excel's
"Unicode text"), or as GB18030/GBK, which is what Excel writes for plain "CSV" on a Chinese
Windows. The order of attempts matters:

1. a byte-order mark decides outright;
2. strict UTF-8: random non-UTF-8 bytes almost never form valid UTF-8, so success is reliable;
3. strict GB18030, a superset of GBK and GB2312. It accepts many byte sequences that are really
   something else (Big5, Latin-1 accents), so the result must also *look* like Chinese: most
   non-ASCII characters of real Chinese text are among the 7,000 common ones of GB2312, while
   the same bytes read wrongly land mostly outside it;
4. charset-normalizer, which measures how plausible each candidate decoding is; its answer is
   taken only when no other about-as-plausible reading gives a different text, and, for the
   multi-byte East Asian encodings, only when no other of them reads the bytes at all: a
   Shift_JIS file is also valid Korean cp949, and guessing would import nonsense names.

Whatever decodes must still look like text: a guessed encoding may produce no control character
nor replacement character at all, a strict decoding without BOM only a few. When nothing
does, :class:`FormatError` asks the user to save the file as UTF-8.
"""

from __future__ import annotations

import codecs
import re

from crmtui.services.formats.model import FormatError

# Share of non-ASCII characters that must be common (GB2312) Chinese for a GB18030 reading to be
# believed. GB2312 covers well over 99% of the characters in everyday use, so real text stays
# far above this even with rare characters in names; a Big5 sample misread as GB18030 scored 0.28.
_GB_PLAUSIBLE = 0.75

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_BINARY_SHARE = 0.1
# charset-normalizer readings whose "chaos" is within this of the best are taken as rivals.
_CLOSE = 0.05

_HINT = (
    "save it as UTF-8 (in Excel: Save As → “CSV UTF-8”) and import it again, or name its "
    "encoding with --encoding (gb18030, big5, shift_jis, euc_kr, cp1252, ...)"
)
# Multi-byte East Asian encodings: a short file is often valid in several of them, and which one
# charset-normalizer finds most plausible is then no evidence (Shift_JIS read as Korean cp949).
_EAST_ASIAN = ("gb18030", "big5", "shift_jis", "cp932", "euc_jp", "cp949", "euc_kr", "johab")


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode the bytes of a text file; return ``(text, encoding name)``.

    The encoding name is one Python knows (``utf-8``, ``utf-8-sig``, ``utf-16``, ``gb18030``,
    or what charset-normalizer found). Raises :class:`FormatError` when the bytes are not text
    in any encoding that can be told apart with confidence. A user who knows better names the
    ``encoding``; the bytes are then decoded strictly with it.
    """
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise FormatError("unknown-encoding", encoding=encoding) from None
        except UnicodeDecodeError as exc:
            raise FormatError("file-not-in-encoding", encoding=encoding, start=exc.start) from None
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            # A BOM is a deliberate declaration (our own export writes one): no plausibility test.
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                raise FormatError("file-looks-like", name=name, hint=_HINT) from None
    for name in ("utf-8", "gb18030"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if name == "utf-8" or _looks_chinese(text):
            return _checked(text, name)
    guessed = _guess(data)
    if guessed is None:
        raise FormatError("encoding-unknown-guess", hint=_HINT)
    return guessed


def _guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's reading, but only when no other reading is about as plausible."""
    from charset_normalizer import from_bytes  # 50 ms to import, rarely needed: load late

    matches = [m for m in from_bytes(data) if m.encoding]
    if not matches:
        return None
    best = min(matches, key=lambda m: m.chaos)
    rivals = [m for m in matches if m.chaos <= best.chaos + _CLOSE]
    text = str(best)
    # Short CJK samples fit several code pages equally well (Big5 reads as Korean Johab, and so
    # do Shift_JIS and EUC-KR), and Western code pages disagree on accented letters: when
    # readings that are about as plausible differ, choosing one would be a coin toss.
    if any(str(m) != text for m in rivals) or _NOT_TEXT.search(text):
        return None
    if _is_east_asian(best.encoding) and _other_east_asian_reading(data, text):
        return None
    return text, best.encoding


def _is_east_asian(name: str) -> bool:
    canonical = codecs.lookup(name).name
    return any(codecs.lookup(n).name == canonical for n in _EAST_ASIAN)


def _other_east_asian_reading(data: bytes, text: str) -> bool:
    """Whether another East Asian encoding reads the bytes, strictly, as different text."""
    for name in _EAST_ASIAN:
        try:
            other = data.decode(name)
        except UnicodeDecodeError:
            continue
        if other != text and not _NOT_TEXT.search(other):
            return True
    return False


def _checked(text: str, name: str) -> tuple[str, str]:
    # A strict decode is exact, so some control characters are data (CSV can carry them); a file
    # full of them is binary that happened to decode, e.g. UTF-16 without a BOM (half NULs).
    controls = len(_CONTROL.findall(text))
    if controls and controls > len(text) * _BINARY_SHARE:
        raise FormatError("file-is-binary", name=name, hint=_HINT)
    return text, name


def _looks_chinese(text: str) -> bool:
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if not wide:
        return True
    common = 0
    for ch in wide:
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += 1
    return common / len(wide) >= _GB_PLAUSIBLE
