"""Plain text options without Pydantic: Typer (0.29) builds a Pydantic TypeAdapter for every
parameter it processes, even an option left out (``--db`` on every command), and importing
Pydantic for that is a tenth of a second of ``crm today``.

An option or argument annotated ``str`` or ``str | None`` (or a ``bool`` flag, such as
``--help``), with no parser, one value and no file type, needs no coercion: the command line
gives a ``str`` (a flag a ``bool``). For those the adapter is replaced by Typer's own
pass-through (which accepts a value of that type and refuses anything else), before Typer
would build one. So is a whole number read by one of crmtui's own parsers
(``numbers.Bounded``, e.g. ``--limit``): the parser has made it an ``int`` already. Everything
else (lists, paths, other parsers) is left to Typer. If Typer's internals change, nothing is
replaced and Typer works as it always does.
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
# annotation → the type a value read by a numbers.Bounded parser has
_WHOLE: dict[Any, type] = {
    int: int,
    int | None: int,
    Optional[int]: int,  # noqa: UP045
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
        plain = _lean_type(descriptor, info)
        if info is None or plain is None or param.multiple or param.nargs != 1:
            continue
        if info.parser is not None:
            param._runtime_param = _parsed(info, plain)
        else:
            param._runtime_param = PassThroughRuntimeParam(annotation=plain, parameter_info=info)


def _parsed(info: Any, plain: type) -> Any:
    """What Typer's adapter does with a ``parser=``: the value is what the parser returns (a
    refusal it raises goes to the caller as it would from the adapter)."""
    from typer._coercion import PassThroughRuntimeParam

    class Parsed(PassThroughRuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            return info.parser(value)

    return Parsed(annotation=plain, parameter_info=info)


def _lean_type(descriptor: Any, info: Any) -> type | None:
    """The type a value of this parameter already has on the command line, or None when Typer
    should coerce it."""
    from crmtui.numbers import Bounded

    annotation = getattr(descriptor, "annotation", None)
    if (
        info is None
        or getattr(descriptor, "file_annotation", True) is not None
        or getattr(info, "click_type", None) is not None
    ):
        return None
    parser = getattr(info, "parser", True)
    if parser is None and annotation in _PLAIN:
        return _PLAIN[annotation]
    if isinstance(parser, Bounded) and annotation in _WHOLE:
        return _WHOLE[annotation]
    return None
