"""The text of the search index: what ``search_doc`` holds for a customer or a contact.

Lower case, with the pinyin of Chinese names in full and as initials (张伟 → ``zhangwei zw``) and
phone numbers as bare digits. It lives beside the tables because migrations rebuild it after an
upgrade; the queries over it are in ``services/search``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")
_NOT_DIGIT = re.compile(r"\D")


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def pinyin_of(*texts: str | None) -> str:
    """Full pinyin and initials of the Chinese texts, e.g. ``zhangwei zw``; "" when none."""
    parts: list[str] = []
    for text in texts:
        if not text or not has_cjk(text):
            continue
        from pypinyin import Style, lazy_pinyin  # slow to import: only when writing

        syllables = [s.lower() for s in lazy_pinyin(text, errors="ignore") if s.strip()]
        initials = [s[0] for s in lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore")]
        parts += ["".join(syllables), "".join(initials).lower()]
    return " ".join(p for p in parts if p)


def phone_digits(phone: str) -> str:
    return _NOT_DIGIT.sub("", phone)


def doc_text(*fields: str | None, phones: Iterable[str] = (), tags: Iterable[str] = ()) -> str:
    """The searchable text of one record, lower case, fields separated by ``|``."""
    values = [f for f in fields if f]
    values += [phone_digits(p) for p in phones]
    values += [f"#{t}" for t in tags]
    # Two trailing spaces: a one- or two-letter term at the very end still starts a trigram.
    return " | ".join(values).casefold() + "  "
