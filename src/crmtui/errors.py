"""Errors a user can cause. Each carries a code, the input field it is about (if any) and the
values it names; the CLI prints its text and exits 1, the TUI shows it next to the field or as
a notification. Anything else is a bug and may show a traceback.

The words are made in one place, :mod:`crmtui.messages_en`, from the code and the values; each
English template is a gettext msgid, so the user's catalogue (:mod:`crmtui.i18n`) translates it,
and forms find the field without reading words.
"""

from __future__ import annotations

import string
from typing import Any


class _Formatter(string.Formatter):
    """``str.format`` plus two specs for lists: ``{x:list}`` (a, b, c) and ``{x:and}`` (a and b)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "list":
            return ", ".join(str(item) for item in value)
        if format_spec == "and":
            from crmtui.i18n import _

            return _(" and ").join(str(item) for item in value)
        return str(super().format_field(value, format_spec))


_FORMATTER = _Formatter()


def render(code: str, params: dict[str, Any]) -> str:
    """The text of ``code`` in the user's language, with ``params`` filled in.

    A code missing from the catalogue is shown as it is: test doubles and text that was already
    rendered elsewhere pass through unchanged (tests/test_errors.py keeps every code of src in it).
    """
    from crmtui.i18n import translate
    from crmtui.messages_en import MESSAGES

    template = MESSAGES.get(code)
    if template is None:
        return code
    label = params.get("label")
    if isinstance(label, str):
        # the name of the input, in the user's language when the catalogue has it
        # (crmtui.field_labels lists those that are not also column headers)
        params = {**params, "label": translate(label)}
    return _FORMATTER.format(translate(template), **params)


class CrmError(Exception):
    """Base class: ``code`` names the problem, ``field`` the input it is about, ``params`` the
    values the message shows; ``str()`` gives the readable line."""

    def __init__(self, code: str, *, field: str | None = None, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = params

    def __str__(self) -> str:
        return render(self.code, self.params)


class InvalidInput(CrmError, ValueError):
    """A value given by the user cannot be accepted."""


class NotFound(CrmError, LookupError):
    """Nothing matches what the user named."""


class Ambiguous(CrmError):
    """A name matches several records; ``candidates`` holds (id, label) pairs."""

    def __init__(
        self,
        code: str,
        candidates: list[tuple[int, str]],
        *,
        field: str | None = None,
        **params: Any,
    ) -> None:
        super().__init__(code, field=field, **params)
        self.candidates = candidates


class DatabaseProblem(CrmError):
    """The database cannot be opened, read or written; the message says what to do."""


def field_of(label: str) -> str | None:
    """The form field a check's label stands for (``next step`` → ``next_step``); ``None`` for
    labels that name a command-line option or something no form has (``--limit``)."""
    name = label.replace(" ", "_")
    return name if name.isidentifier() else None
