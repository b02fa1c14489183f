"""The first page of a 1–3 letter search, without sorting every match.

A search as short as ``z`` or ``zh`` matches a third of a big customer base; the list's order
(exact name first, then names that start with the term, then the rest by name) made SQLite find
and sort all of them (30,000 rows at 100,000 customers) to show the first screenful. Here the
same first rows are found in two cheap steps:

1. the *front*: names that start with the term, read through the name index (few; sorted here);
2. the *rest*: a walk along the name-order index (``ix_customer_sort_live``) that checks each
   customer's search text and stops after the rows still wanted; no sort at all.

A rare term (``张``, ``zw``) would make the walk read the whole table, and the ordinary query
is fast for it: a term the trigram index counts in fewer than ``DENSE`` texts is left to that
query, and a walk that meets its bound (``WINDOW`` customers) gives up. Whatever this
module cannot answer exactly (a long front, a front row its search text does not confirm), it
answers ``None`` and the caller runs the ordinary query: the rows are always the same as that
query's first rows, in the same order (tests/test_short_search.py).

SQLite only; the count of all matches is a separate query the TUI runs once typing pauses.
"""

from __future__ import annotations

import heapq
from typing import Any

from crmtui.db.reader import Reader, in_list

SHORT = 3  # longest term served here: "the 1–3 letter case"
FRONT_CAP = 8000  # names starting with the term, sorted here (a few ms per thousand)
WINDOW = 5000  # customers a walk may read before the term counts as rare
DENSE = 5000  # search texts with the term (the index's estimate) worth a walk
LARGEST_PAGE = 200  # a longer first page is not a screenful: the ordinary query serves it

# A walk along the list's order (ix_customer_sort_live), up to ``bound``, that stops at :need.
WALK_SQL = (
    "SELECT c.id FROM customer c WHERE {where}{bound}{test} ORDER BY c.sort_key, c.id LIMIT :need"
)
# the customers the search finds (the text of the customer or of one of its contacts)
MATCHES = (
    " AND EXISTS (SELECT 1 FROM search_doc d WHERE d.customer_id = c.id AND instr(d.text, :q) > 0)"
)
# The walk's end: the name-order key of the WINDOW-th live customer (from the same index).
BOUND_SQL = (
    "SELECT c.sort_key FROM customer c WHERE c.deleted_at IS NULL "
    "ORDER BY c.sort_key, c.id LIMIT 1 OFFSET :window"
)
# Names that start with the term. The NOCASE range uses ix_customer_name_live; it folds ASCII
# letters as lower() does, so it holds every name instr() accepts (U+10FFFF ends any text).
FRONT_SQL = (
    "SELECT c.id, c.sort_key, lower(c.name) = :q AS exact FROM customer c WHERE {where} "
    "AND c.name COLLATE NOCASE >= :q AND c.name COLLATE NOCASE < :qhi "
    "AND instr(lower(c.name), :q) = 1 LIMIT :cap"
)
# Which of the chosen front rows the search text confirms (a name is in its customer's text).
CONFIRM_SQL = "SELECT c.id FROM customer c WHERE c.id IN ({ids})" + MATCHES
# How many search texts hold the term, at most (the trigram index's own counts).
ESTIMATE_SQL = "SELECT sum(doc) FROM search_vocab WHERE term >= :q AND term < :qhi"


def short_term(search: str | None) -> str | None:
    """The term when ``search`` is one word of 1–3 characters that is searched as typed (a
    phone-like ``1 38`` is searched as its digits, so it is not one)."""
    from crmtui.services.search.index import terms

    q = (search or "").strip().casefold()
    if not q or len(q) > SHORT or terms(q) != [q]:
        return None
    # instr() compares characters exactly, the trigram index after folding case: the two agree
    # on ASCII and on characters without case (Chinese), which is what such terms are.
    if not all(ch.isascii() or ch.lower() == ch.upper() for ch in q):
        return None
    return q


def first_ids(
    reader: Reader, term: str, *, where: str, params: dict[str, Any], limit: int
) -> list[int] | None:
    """The ids of the first ``limit`` customers the list shows for ``term`` under the filters
    ``where``/``params`` (name order), or None when the ordinary query must answer."""
    if not reader.is_sqlite or not 0 < limit <= LARGEST_PAGE:
        return None
    base = params | {"q": term, "qhi": term + chr(0x10FFFF)}
    if not term.isascii() or len(term) > 1:  # the index knows how common the term is
        if int(reader.scalar(ESTIMATE_SQL, base) or 0) < DENSE:
            return None  # few matches: sorting them is cheap, a walk is not
    front = reader.rows(FRONT_SQL.format(where=where), base | {"cap": FRONT_CAP + 1})
    bound = reader.scalar(BOUND_SQL, {"window": WINDOW})
    # no bound: the table is smaller than the window, and a walk may read all of it
    window = "" if bound is None else " AND c.sort_key <= :bound"
    base |= {"bound": bound}
    if len(front) > FRONT_CAP:
        return None
    # the ordinary order: the exact name, then the other names that start with the term
    ids = [int(r["id"]) for r in heapq.nsmallest(limit, front, key=_front_order)]
    if ids and not _confirmed(reader, term, ids):
        return None
    need = limit - len(ids)
    if need == 0:
        return ids
    # The walk also meets the front's customers; it reads that many more and drops them.
    everyone = {int(r["id"]) for r in front}
    walk = WALK_SQL.format(where=where, bound=window, test=MATCHES)
    rest = reader.rows(walk, base | {"need": need + len(everyone)})
    found = [int(r["id"]) for r in rest if r["id"] not in everyone]
    if len(rest) < need + len(everyone) and bound is not None:
        return None  # a rare term: the walk would read the whole table
    return ids + found[:need]


def _front_order(row: Any) -> tuple[bool, str, int]:
    return (not row["exact"], row["sort_key"], row["id"])


def _confirmed(reader: Reader, term: str, ids: list[int]) -> bool:
    holders, params = in_list("f", ids)
    found = reader.rows(CONFIRM_SQL.format(ids=holders), params | {"q": term})
    return len(found) == len(ids)
