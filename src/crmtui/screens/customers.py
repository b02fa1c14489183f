"""The customer base: search as you type (names, pinyin, phones), filters, sorting, paging.

Only one page of rows is fetched per query; :class:`~crmtui.widgets.customer_list.CustomerList`
asks for more pages as it scrolls, so the list stays fast at 100,000 customers. The arrows move
the list's cursor even while typing in the search box, and Enter opens the card.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Select, Static

from crmtui import words
from crmtui.i18n import N_, _, translate
from crmtui.messages import CustomerChosen
from crmtui.screens.base import DataScreen
from crmtui.widgets.choices import GRADES, SORTS, STAGES
from crmtui.widgets.customer_list import PAGE, CustomerList
from crmtui.widgets.data_access import read, report

T = TypeVar("T")
COUNT_DELAY = 0.25  # seconds of quiet typing before the matches are counted
MIN_SCREENFUL = 20  # rows the first query of a short search reads at least


class CustomersScreen(DataScreen):
    """See the module docstring."""

    AUTO_FOCUS = "#search"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), id="customers.back"),
        Binding("enter", "open", N_("Open card"), id="customers.open"),
        Binding("down", "move(1)", N_("Down"), show=False),
        Binding("up", "move(-1)", N_("Up"), show=False),
        Binding("pagedown", "move(20)", N_("Page down"), show=False),
        Binding("pageup", "move(-20)", N_("Page up"), show=False),
        Binding("ctrl+r", "clear", N_("Clear filters"), id="customers.clear"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.generation = 0
        self.counted = False
        self._count_timer: Timer | None = None
        self._in_flight: dict[object, tuple[int, Any]] = {}
        self._flight_lock = threading.Lock()
        self.query_started = 0.0
        self.last_query_ms: float | None = None
        self.tags_loaded = False
        self.pending_query: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="filters"):
            yield Input(
                placeholder=_("Search: name, pinyin, phone, #tag, or a query: city:上海 grade:A"),
                id="search",
                compact=True,
            )
            yield Select(
                [(words.label("stage", s), s) for s in STAGES],
                prompt=_("Stage"),
                id="stage",
                compact=True,
            )
            yield Select([(g, g) for g in GRADES], prompt=_("Grade"), id="grade", compact=True)
            yield Select([], prompt=_("Tag"), id="tag", compact=True)
            # the saved customer queries (自定义查询): choosing one puts it in the search box
            yield Select(
                [(name, query) for name, query in self.crm.saved_queries],
                prompt=_("Saved query"),
                id="saved",
                compact=True,
            )
            yield Select(
                [(translate(label), key) for key, label in SORTS],
                value="name",
                id="sort",
                allow_blank=False,
                compact=True,
            )
        yield CustomerList(self.crm.tz, id="list")
        yield Static("", id="status", markup=False)
        yield Footer()

    def titles(self) -> None:
        self.sub_title = _("Customers")

    def on_mount(self) -> None:
        if self.pending_query is not None:
            self.query_one("#search", Input).value = ":" + self.pending_query
            self.pending_query = None

    @property
    def customer_list(self) -> CustomerList:
        return self.query_one("#list", CustomerList)

    def params(self) -> dict[str, Any]:
        """The current search, filters and sort, as ``list_customers`` takes them."""

        def chosen(widget_id: str) -> Any:
            value = self.query_one(widget_id, Select).value
            return None if value is Select.NULL else value

        from crmtui.services.query.run import looks_like_query

        text = self.query_one("#search", Input).value
        query = looks_like_query(text)
        if query is not None:  # a query holds every condition: the selects are not used
            return {"query": query}
        return {
            "search": text.strip() or None,
            "stage": chosen("#stage"),
            "grade": chosen("#grade"),
            "tag": chosen("#tag"),
            "sort": chosen("#sort") or "name",
        }

    # -- loading ----------------------------------------------------------------------------

    def load(self) -> None:
        """First show, or the database changed: keep the place, fetch again."""
        if self.generation == 0:
            self.requery()
        else:
            self.generation += 1
            self.customer_list.reset_pages(self.generation)
            self._count_later(self.generation)
            self._load_tags()

    def requery(self) -> None:
        self.generation += 1
        self.counted = False
        self.query_started = time.perf_counter()
        self._abort_stale()
        params = self.params()
        if "query" in params and not self._query_ok(params["query"]):
            return
        self._first_page(self.generation, params, self._first_rows(params))

    def _query_ok(self, text: str) -> bool:
        """A query still being typed is not run: the status line says what it lacks."""
        from crmtui import clock
        from crmtui.errors import CrmError
        from crmtui.services.query.run import check_query

        try:
            check_query(text, now=clock.now(self.crm.tz), tz=self.crm.tz)
        except CrmError as exc:
            self.query_one("#status", Static).update(str(exc))
            return False
        return True

    def _abort_stale(self) -> None:
        """Stop the queries of earlier keystrokes: their answers would be thrown away."""

        with self._flight_lock:
            stale = [reader for gen, reader in self._in_flight.values() if gen != self.generation]
        for reader in stale:
            reader.interrupt()

    def _search(self, generation: int, query: Callable[[Any], T]) -> T | None:
        """Run ``query`` (in a worker thread) on a reader a newer search may interrupt.

        None when the query was superseded (its failure is then expected) or failed (reported).
        """
        token = object()
        with self.crm.readers.reader() as reader:
            with self._flight_lock:
                self._in_flight[token] = (generation, reader)
            try:
                if generation != self.generation:
                    return None
                return query(reader)
            except Exception as exc:
                if generation == self.generation:
                    report(self.app, exc)
                return None
            finally:
                with self._flight_lock:
                    del self._in_flight[token]

    def _lister(self, params: dict[str, Any]) -> Callable[..., Any]:
        """``list_customers``, or for a query the query's own list (same rows, same paging)."""
        if "query" not in params:
            from crmtui.services.customers.read import list_customers

            return lambda r, **kw: list_customers(r, **kw, **params)
        from crmtui import clock
        from crmtui.services.query.run import query_customers

        tz = self.crm.tz
        return lambda r, **kw: query_customers(r, params["query"], now=clock.now(tz), tz=tz, **kw)

    def _first_rows(self, params: dict[str, Any]) -> int:
        """How many rows the first query reads: a page, or for a 1-3 letter search (thousands
        of matches, found by walking the list's order) only what the list shows at once."""
        from crmtui.services.customers.short_search import short_term

        if short_term(params.get("search")) is None:
            return PAGE
        return min(max(self.customer_list.size.height + 1, MIN_SCREENFUL), PAGE)

    @work(thread=True, group="list-query", exit_on_error=False)
    def _first_page(self, generation: int, params: dict[str, Any], limit: int) -> None:
        lister = self._lister(params)
        rows = self._search(generation, lambda r: lister(r, limit=limit))
        if rows is not None:
            complete = len(rows) < limit
            total = len(rows) if complete else None
            self.deliver(self._show_first, generation, rows, total, limit < PAGE and not complete)

    def _count_later(self, generation: int) -> None:
        """Count the matches once typing pauses: the first page does not need the total."""
        if self._count_timer is not None:
            self._count_timer.stop()
        self._count_timer = self.set_timer(
            COUNT_DELAY, lambda: self._count(generation, self.params())
        )

    @work(thread=True, group="list-count", exit_on_error=False)
    def _count(self, generation: int, params: dict[str, Any]) -> None:
        from crmtui import clock
        from crmtui.services.customers.read import count_customers
        from crmtui.services.query.run import count_matches

        if "query" in params:
            tz = self.crm.tz
            query = params["query"]
            total = self._search(
                generation, lambda r: count_matches(r, query, now=clock.now(tz), tz=tz)
            )
        else:
            params.pop("sort")
            total = self._search(generation, lambda r: count_customers(r, **params))
        if total is not None:
            self.deliver(self._show_total, generation, total)

    @work(thread=True, group="list-page", exit_on_error=False)
    def _page(self, generation: int, page: int, params: dict[str, Any]) -> None:
        lister = self._lister(params)
        rows = self._search(generation, lambda r: lister(r, limit=PAGE, offset=page * PAGE))
        if rows is None:
            self.deliver(self.customer_list.page_failed, generation, page)
        else:
            self.deliver(self.customer_list.add_page, generation, page, rows)

    @work(thread=True, exclusive=True, group="list-tags", exit_on_error=False)
    def _load_tags(self) -> None:
        from crmtui.services.desktop.tui import tag_names

        tags = read(self.app, tag_names)
        if tags is not None:
            self.deliver(self._show_tags, tags)

    # -- showing ----------------------------------------------------------------------------

    def _show_first(
        self, generation: int, rows: list[dict[str, Any]], total: int | None, part: bool
    ) -> None:
        if generation != self.generation:
            return
        self.customer_list.reset(generation, rows, total, part=part)
        self.last_query_ms = (time.perf_counter() - self.query_started) * 1000
        self.counted = total is not None
        if not self.counted:
            self._count_later(generation)
        if not self.tags_loaded:  # after the first page, so as not to slow it down
            self.tags_loaded = True
            self._load_tags()
            # the screen is built: keep its widgets out of the collector's full passes, which
            # otherwise fall on a keystroke now and then (see app._freeze_garbage)
            gc.freeze()
        self._status()

    def _show_total(self, generation: int, total: int) -> None:
        if generation == self.generation:
            self.customer_list.set_total(generation, total)
            self.counted = True
            self._status()
            self.customer_list.fill_first_page()

    def _show_tags(self, tags: list[str]) -> None:
        select = self.query_one("#tag", Select)
        current = select.value
        with self.prevent(Select.Changed):
            select.set_options((f"#{t}", t) for t in tags)
            if current in tags:
                select.value = current

    def _status(self) -> None:
        listing = self.customer_list
        if listing.total == 0:
            text = (
                _("no customers match")
                if any(self.params().get(k) for k in ("search", "stage", "grade", "tag", "query"))
                else _("no customers yet: press a to add one")
            )
        else:
            more = "" if self.counted else "+"
            text = _("{at} of {total}{more} customers").format(
                at=f"{listing.cursor + 1:,}", total=f"{listing.total:,}", more=more
            )
        self.query_one("#status", Static).update(text)

    # -- reacting ---------------------------------------------------------------------------

    @on(Input.Changed, "#search")
    @on(Select.Changed, "#stage, #grade, #tag, #sort")
    def _criteria_changed(self) -> None:
        self.requery()

    @on(Select.Changed, "#saved")
    def _saved_chosen(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL:
            self.show_query(str(event.value))  # the search box's change runs it

    @on(CustomerList.PageWanted)
    def _page_wanted(self, event: CustomerList.PageWanted) -> None:
        if event.generation == self.generation:
            self._page(event.generation, event.page, self.params())

    @on(CustomerList.Selected)
    def _selected(self, event: CustomerList.Selected) -> None:
        self.post_message(CustomerChosen(event.customer_id))

    @on(CustomerList.Moved)
    def _moved(self) -> None:
        self._status()

    @on(Input.Submitted, "#search")
    def action_open(self) -> None:
        self.customer_list.action_select()

    def action_move(self, delta: int) -> None:
        self.customer_list.action_move(delta)

    def action_back(self) -> None:
        self.crm.action_go("today")

    def show_query(self, query: str) -> None:
        """Run ``query`` (a saved one, from the palette) as if typed after a ':'; a screen not
        mounted yet runs it when it is."""
        from textual.css.query import NoMatches

        try:
            self.query_one("#search", Input).value = ":" + query
        except NoMatches:
            self.pending_query = query

    def action_clear(self) -> None:
        with self.prevent(Input.Changed, Select.Changed):
            self.query_one("#search", Input).value = ""
            for widget_id in ("#stage", "#grade", "#tag"):
                self.query_one(widget_id, Select).clear()
        self.requery()
        self.query_one("#search").focus()
