"""SQLite text search: the FTS5 trigram index ``search_fts`` over ``search_doc``."""

from __future__ import annotations

from typing import Any

_NEVER = "'\"' || char(1, 1, 1) || '\"'"  # an FTS phrase no search text contains
_LAST_CHAR = chr(0x10FFFF)


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _caseless_char(term: str) -> bool:
    """One character without case (Chinese): found through the index like two characters,
    which is the same test as ``instr`` for it and far faster than scanning every text. Latin
    letters are still scanned: hundreds of trigrams start with each, the scan is cheaper."""
    return len(term) == 1 and not term.isascii() and term.lower() == term.upper()


class SqliteSearch:
    def match_sql(self, terms: list[str], *, prefix: str) -> tuple[str, dict[str, str]]:
        """Terms of three or more characters are trigram phrases; a two-character term (or one
        Chinese character) is the OR of the trigrams that start with it, read from the index's
        vocabulary (the text ends in two spaces, so every occurrence starts one); a one-letter
        term is checked with ``instr``, over the rows the others matched or, alone, over all
        rows."""
        params: dict[str, Any] = {}
        parts: list[str] = []
        scans: list[str] = []
        for i, term in enumerate(terms):
            key = f"{prefix}{i}"
            params[key] = term
            if len(term) >= 3:
                params[key] = _phrase(term)
                parts.append(f":{key}")
            elif len(term) == 2 or _caseless_char(term):
                params[f"{key}hi"] = term + _LAST_CHAR
                parts.append(
                    "('(' || coalesce((SELECT group_concat('\"' || replace(term, '\"', '\"\"')"
                    f" || '\"', ' OR ') FROM search_vocab WHERE term >= :{key} AND term < :{key}hi"
                    f"), {_NEVER}) || ')')"
                )
            else:
                scans.append(f"instr(d.text, :{key}) > 0")
        extra = "".join(f" AND {c}" for c in scans)
        if not parts:
            return (
                f"SELECT d.customer_id, d.contact_id FROM search_doc d WHERE 1 = 1{extra}",
                params,
            )
        expression = " || ' AND ' || ".join(parts)
        return (
            "SELECT d.customer_id, d.contact_id FROM search_fts JOIN search_doc d "
            f"ON d.id = search_fts.rowid WHERE search_fts MATCH ({expression}){extra}",
            params,
        )

    def starts_with(self, haystack: str, needle: str) -> str:
        return f"instr({haystack}, {needle}) = 1"

    def pause_index(self, conn: Any) -> None:
        conn.execute("DROP TRIGGER IF EXISTS search_doc_ai")

    def rebuild_index(self, conn: Any) -> None:
        # Indexing once is far faster than the row-by-row trigger; the trigger is as 0002 made it.
        conn.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        conn.execute(
            "CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN "
            "INSERT INTO search_fts(rowid, text) VALUES (new.id, new.text); END"
        )
