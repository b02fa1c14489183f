"""The small formatting pieces every BENCHMARKS.md section uses."""

from __future__ import annotations

from typing import Any

NA = "not available"


def ms(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def spread(entry: dict[str, Any]) -> str:
    if not entry.get("median"):
        return "–"
    lo, hi = entry["iqr"]
    return f"{ms(entry['min'])}–{ms(entry['max'])} (IQR {ms(lo)}–{ms(hi)})"


def table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return out + [""]


def verdict(value: float | None, limit: float, unit: str = "s") -> str:
    if value is None:
        return NA
    if value <= limit:
        return "met"
    over = value - limit
    shown = (
        f"{over * 1000:.0f} ms"
        if unit == "s" and over < 10
        else (f"{over:.1f} s" if unit == "s" else f"{over:.1f} {unit}")
    )
    return f"**missed** by {shown} ({value / limit:.1f}×)"
