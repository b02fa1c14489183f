"""Making exported text safe for the programs that will open it.

Two hazards, two tools:

* **Formula injection.** A spreadsheet treats a cell that starts with ``= + - @`` (and, in some
  programs, tab or CR) as a formula, so a customer named ``=HYPERLINK(...)`` could run code on
  the salesperson's machine. :func:`neutralise` puts an apostrophe in front of such cells, the
  usual defence; :func:`unneutralise` takes it off again on import.

  The scheme is lossless, including for text that genuinely starts with apostrophes. Call a
  text *formula-like* when, after any run of leading apostrophes, it starts with a trigger
  character. Exactly the formula-like texts get one extra apostrophe on export, and on import
  one apostrophe is removed only when what remains is still formula-like. So ``=1`` ↔ ``'=1``,
  ``'=1`` ↔ ``''=1``, while ``'tis`` and ``'`` are written and read unchanged, and a foreign file
  that already protected its cells the same way imports as intended.

* **Control characters** (NUL, ESC, ...) cannot be carried by vCard, iCalendar or the XML inside
  an .xlsx file. :func:`strip_controls` removes them for those formats; CSV keeps them, as
  storage keeps them (see ``crmtui.textsafe`` for how they are shown).
"""

from __future__ import annotations

import re

#: First characters that make a spreadsheet evaluate a cell.
FORMULA_TRIGGERS = frozenset("=+-@\t\r")

# C0 and C1 controls except tab and newline, DEL, and the two XML non-characters.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def _formula_like(text: str) -> bool:
    rest = text.lstrip("'")
    return bool(rest) and rest[0] in FORMULA_TRIGGERS


def neutralise(cell: str) -> str:
    """Return ``cell`` with a leading apostrophe if a spreadsheet could take it for a formula.

    >>> neutralise("=SUM(A1:A9)"), neutralise("'=x"), neutralise("'tis"), neutralise("Ann")
    ("'=SUM(A1:A9)", "''=x", "'tis", 'Ann')
    """
    return "'" + cell if _formula_like(cell) else cell


def unneutralise(cell: str) -> str:
    """Undo :func:`neutralise`: drop the leading apostrophe only if it was added by it.

    For every string ``s``, ``unneutralise(neutralise(s)) == s``.
    """
    if cell.startswith("'") and _formula_like(cell[1:]):
        return cell[1:]
    return cell


def strip_controls(text: str) -> str:
    """Turn CR/CRLF into LF and remove every other control character except tab and LF."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
