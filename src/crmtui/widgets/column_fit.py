"""Fitting a table's columns into the width it has, so no column is pushed out of sight.

Each column has a natural width (its widest cell). When the columns do not fit, the ones that
can give way shrink, by priority: names first down to a comfortable width (they end in "…"),
then free text such as a goal or a note (it wraps onto more lines), then both down to their
least, and last down to their header if nothing else helps. Within a step the widest shrinks
first. Short, fixed-form columns (a time, a phone number, a stage) never shrink: cut, they would
mislead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text


@dataclass(frozen=True)
class Give:
    """How a column gives way: to ``comfort`` cells, then to ``least``; wrapping or with "…"."""

    comfort: int
    least: int
    wrap: bool = False


NAME = Give(14, 10)
PROSE = Give(24, 12, wrap=True)

# The columns of crmtui's tables, by header; a table can pass its own.
GIVE_BY_HEADER: Mapping[str, Give] = {
    "customer": NAME,
    "who": NAME,
    "name": NAME,
    "title": NAME,
    "contact": Give(8, 6),
    "role": Give(10, 8),
    "email": Give(16, 12),
    "goal": PROSE,
    "note": PROSE,
    "notes": PROSE,
    "why not today": PROSE,
    "what would help": PROSE,
    "next step / reason": PROSE,
}


def fit_widths(
    headers: Sequence[str],
    natural: Sequence[int],
    room: int,
    give: Mapping[str, Give],
) -> list[int]:
    """The width of each column so that together they take at most ``room`` cells if they can."""
    widths = list(natural)
    excess = sum(widths) - room
    giving = {i: give[h] for i, h in enumerate(headers) if h in give}
    steps = [
        ([i for i, g in giving.items() if not g.wrap], "comfort"),
        ([i for i, g in giving.items() if g.wrap], "comfort"),
        ([i for i, g in giving.items() if not g.wrap], "least"),
        ([i for i, g in giving.items() if g.wrap], "least"),
        (list(giving), "header"),
    ]
    for columns, floor_kind in steps:
        floors = {
            i: cell_len(headers[i])
            if floor_kind == "header"
            else max(getattr(giving[i], floor_kind), cell_len(headers[i]))
            for i in columns
        }
        while excess > 0:
            able = [i for i in columns if widths[i] > floors[i]]
            if not able:
                break
            widest = max(able, key=lambda i: widths[i])
            widths[widest] -= 1
            excess -= 1
    return widths


def fit_cell(cell: Text, width: int, give: Give | None) -> Text:
    """``cell`` shaped for a column ``width`` cells wide (unchanged if it fits)."""
    if give is None or cell.cell_len <= width:
        return cell
    shaped = cell.copy()
    if give.wrap:
        shaped.no_wrap = False
        shaped.overflow = "fold"
    else:
        # "…" straight after the last character that fits: a wide character that would not fit
        # leaves no padding gap before it
        shaped.truncate(max(width - 1, 0))
        shaped.rstrip()
        shaped.append("…")
    return shaped
