"""Plain text options without Pydantic: Typer (0.29) builds a Pydantic TypeAdapter for every
parameter it processes, even an option left out (``--db`` on every command), and importing
Pydantic for that is a tenth of a second of ``crm today``.

An option or argument annotated ``str`` or ``str | None`` (or a ``bool`` flag, such as
``--help``), with no parser, one value and no file type, needs no coercion: the command line
gives a ``str`` (a flag a ``bool``). For those the adapter is replaced by Typer's own
pass-through (which accepts a value of that type and refuses anything else), before Typer
would build one. Everything else (numbers with their parsers, lists, paths) is left to Typer.
If Typer's internals change, nothing is replaced and Typer works as it always does.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Optional

# annotation → the type a command-line value of it already has
_PLAIN: dict[Any, type] = {
    str: str,
    str | None: str,
    Optional[str]: str,  # noqa: UP045 (both spellings occur)
    bool: bool,
}


def plain_text(params: Iterable[Any]) -> None:
    """Give the plain text and flag parameters among ``params`` a pass-through coercion."""
    try:
        from typer._coercion import PassThroughRuntimeParam
    except ImportError:  # pragma: no cover (a Typer without this seam)
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            continue
        info = getattr(descriptor, "parameter_info", None)
        if (
            info is not None
            and getattr(descriptor, "annotation", None) in _PLAIN
            and getattr(descriptor, "file_annotation", True) is None
            and getattr(info, "parser", True) is None
            and getattr(info, "click_type", None) is None
            and not param.multiple
            and param.nargs == 1
        ):
            plain = _PLAIN[descriptor.annotation]
            param._runtime_param = PassThroughRuntimeParam(annotation=plain, parameter_info=info)
