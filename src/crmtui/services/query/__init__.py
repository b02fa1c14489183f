"""The query language: ``城市:上海 grade:A,B last:>14d -stage:lost (vip or 重点) sort:-created``.

Reading the text (``text.py``: full-width input folded, tokens), building a tree of checked
terms (``syntax.py``, ``values.py``, through the whitelist of ``fields.py``), and turning the
tree into SQLAlchemy expressions (``compile.py``) that run through the lean reader
(``run.py``). No text a user typed ever becomes SQL: a field name is looked up in the
whitelist, a value is always a bound parameter.
"""
