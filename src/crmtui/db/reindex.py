"""Rebuilding derived search data (pinyin and ``search_doc``) from the records themselves.

Run after a schema upgrade, since older databases lack the search text or computed it
differently; it is also what ``crm doctor --reindex`` would use.
"""

from __future__ import annotations

import json
from typing import Any

from crmtui.db.search_text import doc_text, pinyin_of


def rebuild_search(conn: Any) -> int:
    """Recompute pinyin and search text of every customer and contact on a SQLAlchemy connection.

    Returns the number of documents written. Runs inside the caller's transaction.
    """
    from sqlalchemy import text

    tags: dict[int, list[str]] = {}
    for cid, name in conn.execute(
        text("SELECT ct.customer_id, t.name FROM customertag ct JOIN tag t ON t.id = ct.tag_id")
    ):
        tags.setdefault(cid, []).append(name)
    conn.execute(text("DELETE FROM search_doc"))
    docs: list[dict[str, Any]] = []
    names: dict[int, str] = {}
    customers = conn.execute(
        text("SELECT id, name, company_name, email, city, notes, phones FROM customer")
    ).all()
    for cid, name, company, email, city, notes, phones in customers:
        names[cid] = name
        pinyin = pinyin_of(name, company)
        conn.execute(
            text("UPDATE customer SET pinyin = :p WHERE id = :id"), {"p": pinyin, "id": cid}
        )
        docs.append(
            {
                "customer_id": cid,
                "contact_id": None,
                "text": doc_text(
                    name,
                    company,
                    pinyin,
                    email,
                    city,
                    notes,
                    phones=_phones(phones),
                    tags=sorted(tags.get(cid, [])),
                ),
            }
        )
    contacts = conn.execute(
        text("SELECT id, customer_id, name, role, email, notes, phones FROM contact")
    ).all()
    for pid, cid, name, role, email, notes, phones in contacts:
        pinyin = pinyin_of(name)
        conn.execute(
            text("UPDATE contact SET pinyin = :p WHERE id = :id"), {"p": pinyin, "id": pid}
        )
        docs.append(
            {
                "customer_id": cid,
                "contact_id": pid,
                "text": doc_text(
                    name, pinyin, role, email, names.get(cid), notes, phones=_phones(phones)
                ),
            }
        )
    if docs:
        conn.execute(
            text(
                "INSERT INTO search_doc (customer_id, contact_id, text) "
                "VALUES (:customer_id, :contact_id, :text)"
            ),
            docs,
        )
    return len(docs)


def _phones(value: Any) -> list[str]:
    if isinstance(value, str):
        return list(json.loads(value or "[]"))
    return list(value or [])
