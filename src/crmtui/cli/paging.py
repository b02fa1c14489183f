"""How list commands page: tables show a screenful and say how many more, JSON gives everything.

A table is for reading, so it stops at a default size, but never silently: the last line says how
many rows were left out and how to see them. ``--json`` is for programs, which must not lose rows
they did not know were there: it returns every row unless ``--limit`` is given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text

from crmtui.cli.context import console, print_json, state
from crmtui.cli.render import table
from crmtui.i18n import _

if TYPE_CHECKING:
    import typer

    from crmtui.db.reader import Reader


def page_size(limit: int | None, as_json: bool, table_default: int) -> int | None:
    """The number of rows to fetch: the user's --limit, else all for JSON, else a screenful."""
    if limit is not None:
        return limit
    return None if as_json else table_default


def print_more(rows: Any) -> None:
    """Say how many rows a table left out (``rows`` is a ``services.common.paging.Page``)."""
    more = getattr(rows, "more", 0)
    if more:
        total = rows.total
        text = _("… and {more} more (show them with --limit {total}, or --json)")
        console.print(Text(text.format(more=more, total=total)))


def print_rows(
    rows: Any,
    *,
    as_json: bool,
    empty: str,
    headers: list[str],
    cells: Callable[[Any], Sequence[Any]],
) -> None:
    """A list command's answer: the rows as JSON, ``empty`` when there are none, else the table
    (``cells`` of each row under ``headers``) and how many rows it left out."""
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print(empty)
        return
    console.print(table(None, headers, [cells(r) for r in rows]))
    print_more(rows)


def list_rows(
    ctx: typer.Context,
    fetch: Callable[[Reader, int | None], Any],
    *,
    limit: int | None,
    as_json: bool,
    empty: str,
    headers: list[str],
    cells: Callable[[Any], Sequence[Any]],
) -> None:
    """A list command: ``fetch(reader, how_many)`` (a table shows 200 rows), then ``print_rows``."""
    with state(ctx).reader() as reader:
        rows = fetch(reader, page_size(limit, as_json, 200))
    print_rows(rows, as_json=as_json, empty=empty, headers=headers, cells=cells)
