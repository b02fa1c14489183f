"""Search over customers and contacts: names, companies, pinyin, phone digits, email, tags, notes.

Each customer and each contact has one ``search_doc`` row holding its searchable text in lower
case, with the pinyin of Chinese names in full and as initials (张伟 → ``zhangwei zw``) and phone
numbers as bare digits (``+86 138-0013-8000`` → ``8613800138000``). An FTS5 trigram index
answers terms of three or more characters; shorter terms scan the compact doc text
(the SQL itself is the backend's: ``crmtui.db.dialects``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from crmtui.db.search_text import phone_digits

if TYPE_CHECKING:
    from crmtui.db.dialects import Dialect

_PHONE_LIKE = re.compile(r"^[\d\s()+\-.]+$")


def terms(query: str) -> list[str]:
    """The words of ``query`` that must all be found (a phone number typed with spaces is one)."""
    q = query.strip().casefold()
    if _PHONE_LIKE.match(q) and len(phone_digits(q)) >= 3:
        return [phone_digits(q)]  # a phone number typed with spaces or dashes
    return [t for t in q.split() if t]


def match_sql(query: str, *, dialect: Dialect, prefix: str = "s") -> tuple[str, dict[str, str]]:
    """SQL selecting ``search_doc`` rows (``d``) that contain every term of ``query``.

    Returns ``(sql, params)``; the SQL yields ``d.customer_id, d.contact_id``. How the terms
    are matched is the backend's (``crmtui.db.dialects``: the FTS5 trigram index on SQLite).
    """
    found = terms(query)
    if not found:
        return "SELECT d.customer_id, d.contact_id FROM search_doc d", {}
    return dialect.search.match_sql(found, prefix=prefix)
