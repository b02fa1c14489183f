"""Search over customers and contacts: names, companies, pinyin, phone digits, email, tags, notes.

Each customer and each contact has one ``search_doc`` row holding its searchable text in lower
case, with the pinyin of Chinese names in full and as initials (张伟 → ``zhangwei zw``) and phone
numbers as bare digits (``+86 138-0013-8000`` → ``8613800138000``). An FTS5 trigram index
answers terms of three or more characters; shorter terms scan the compact doc text.
"""

from __future__ import annotations

import re

from crmtui.db.search_text import phone_digits

_PHONE_LIKE = re.compile(r"^[\d\s()+\-.]+$")


def _terms(query: str) -> list[str]:
    q = query.strip().casefold()
    if _PHONE_LIKE.match(q) and len(phone_digits(q)) >= 3:
        return [phone_digits(q)]  # a phone number typed with spaces or dashes
    return [t for t in q.split() if t]


_NEVER = "'\"' || char(1, 1, 1) || '\"'"  # an FTS phrase no search text contains
_LAST_CHAR = chr(0x10FFFF)


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def match_sql(query: str, *, is_sqlite: bool, prefix: str = "s") -> tuple[str, dict[str, str]]:
    """SQL selecting ``search_doc`` rows (``d``) that contain every term of ``query``.

    Returns ``(sql, params)``; the SQL yields ``d.customer_id, d.contact_id``. On SQLite, terms
    of three or more characters are trigram phrases; a two-character term is the OR of the
    trigrams that start with it, read from the index's vocabulary (the text ends in two spaces,
    so every occurrence starts one); a one-character term is checked with ``instr``, over the
    rows the others matched or, alone, over all rows.
    """
    terms = _terms(query)
    if not terms:
        return "SELECT d.customer_id, d.contact_id FROM search_doc d", {}
    params: dict[str, str] = {}  # one search term (or trigram phrase) per parameter
    if not is_sqlite:
        conditions = []
        for i, term in enumerate(terms):
            params[f"{prefix}{i}"] = term
            conditions.append(f"position(:{prefix}{i} in d.text) > 0")
        where = " AND ".join(conditions)
        return f"SELECT d.customer_id, d.contact_id FROM search_doc d WHERE {where}", params
    parts: list[str] = []
    scans: list[str] = []
    for i, term in enumerate(terms):
        key = f"{prefix}{i}"
        params[key] = term
        if len(term) >= 3:
            params[key] = _phrase(term)
            parts.append(f":{key}")
        elif len(term) == 2:
            params[f"{key}hi"] = term + _LAST_CHAR
            parts.append(
                "('(' || coalesce((SELECT group_concat('\"' || replace(term, '\"', '\"\"') || '\"',"
                f" ' OR ') FROM search_vocab WHERE term >= :{key} AND term < :{key}hi), {_NEVER})"
                " || ')')"
            )
        else:
            scans.append(f"instr(d.text, :{key}) > 0")
    extra = "".join(f" AND {c}" for c in scans)
    if not parts:
        return f"SELECT d.customer_id, d.contact_id FROM search_doc d WHERE 1 = 1{extra}", params
    expression = " || ' AND ' || ".join(parts)
    return (
        "SELECT d.customer_id, d.contact_id FROM search_fts JOIN search_doc d "
        f"ON d.id = search_fts.rowid WHERE search_fts MATCH ({expression}){extra}",
        params,
    )
