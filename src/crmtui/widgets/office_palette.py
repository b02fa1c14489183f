"""The command palette's entries for the office: the events and expenses screens and their forms,
and a new announcement. Every office form is reachable from here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from crmtui.i18n import _

if TYPE_CHECKING:
    from crmtui.app import CrmApp


def _form(app: CrmApp, mode: str | None, make: Callable[[], object]) -> None:
    from textual.screen import Screen

    if mode is not None:
        app.action_go(mode)
    screen = make()
    assert isinstance(screen, Screen)
    app.push_screen(screen)


def _event_form() -> object:
    from crmtui.widgets.office_forms import EventForm

    return EventForm()


def _claim_form() -> object:
    from crmtui.widgets.office_forms import ClaimForm

    return ClaimForm()


def _announcement_form() -> object:
    from crmtui.widgets.office_forms import AnnouncementForm

    return AnnouncementForm()


def office_commands(app: CrmApp) -> Iterable[SystemCommand]:
    yield SystemCommand(
        _("Marketing events"),
        _("市场活动: events, invitees, attendance, report"),
        partial(app.action_go, "events"),
    )
    yield SystemCommand(
        _("New marketing event"), _("Plan an event"), partial(_form, app, "events", _event_form)
    )
    yield SystemCommand(
        _("Expenses"),
        _("费用: claims by status and their lines"),
        partial(app.action_go, "expenses"),
    )
    yield SystemCommand(
        _("New expense claim"),
        _("Lines with a running total"),
        partial(_form, app, "expenses", _claim_form),
    )
    yield SystemCommand(
        _("New announcement"),
        _("公告 on the today desktop"),
        partial(_form, app, None, _announcement_form),
    )
