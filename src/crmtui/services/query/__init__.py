"""The query language: ``城市:上海 grade:A,B last:>14d -stage:lost (vip or 重点) sort:-created``.

Reading the text (``text.py``: full-width input folded, tokens), building a tree of checked
terms (``syntax.py``, ``values.py``, through the whitelist of ``fields.py``), and turning the
tree into SQL that runs through the lean reader (``run.py``): SQL text with bound parameters on
SQLite (``lean.py``), SQLAlchemy expressions on PostgreSQL (``compile.py``, ``alchemy.py``).
No text a user typed ever becomes SQL: a field name is looked up in the whitelist, a value is
always a bound parameter.
"""
