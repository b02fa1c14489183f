"""A report as data: sections, each a table and maybe a bar chart.

Titles and column names are English msgids (marked with ``N_``), translated when rendered.
Cells are plain values: text, whole numbers, percents (float, one decimal) or ``Money``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from crmtui.money import Money

Cell = str | int | float | Money | None


@dataclass(frozen=True)
class Chart:
    """Bars: one value per label (the first numeric column of the table, usually)."""

    labels: list[str]
    values: list[float]
    unit: str = ""  # "%" for shares


@dataclass(frozen=True)
class Section:
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    chart: Chart | None = None
    note: str = ""


@dataclass(frozen=True)
class Report:
    name: str
    title: str
    start: date
    end: date  # the last day counted
    sections: list[Section] = field(default_factory=list)
    currency: str = ""

    def section(self, title: str) -> Section:
        """The section called ``title`` (its English msgid)."""
        for found in self.sections:
            if found.title == title:
                return found
        raise KeyError(title)


def percent(part: int, whole: int) -> float:
    """``part`` of ``whole`` in percent, one decimal; 0 when there is no whole."""
    return round(100 * part / whole, 1) if whole else 0.0
