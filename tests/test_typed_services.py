"""Services return typed values, never ``dict[str, Any]`` (DESIGN.md, "Layers").

Every public function of every module under ``crmtui.services`` (and every public method of a
class defined there) must annotate its return, and no part of that annotation may be a bare
``dict`` or a ``dict`` whose values are ``Any``: a ``list[dict[str, Any]]`` or a
``tuple[str, dict[str, Any]]`` is the same untyped row. TypedDicts name the rows instead.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import types
import typing
from collections.abc import Callable, Iterator
from typing import Any

import crmtui.db.tables as db_tables
import crmtui.services

MISSING = object()


def _modules() -> Iterator[types.ModuleType]:
    yield crmtui.services
    for info in pkgutil.walk_packages(crmtui.services.__path__, "crmtui.services."):
        yield importlib.import_module(info.name)


def _public_callables(module: types.ModuleType) -> Iterator[tuple[str, Callable[..., Any]]]:
    for name, obj in vars(module).items():
        if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
            continue
        if inspect.isfunction(obj):
            yield f"{module.__name__}.{name}", obj
        elif inspect.isclass(obj) and not typing.is_typeddict(obj):
            for attr, member in vars(obj).items():
                if attr.startswith("_"):
                    continue
                if isinstance(member, staticmethod | classmethod):
                    member = member.__func__
                if inspect.isfunction(member):
                    yield f"{module.__name__}.{name}.{attr}", member


def _return_type(func: Callable[..., Any]) -> Any:
    """The resolved return annotation; names imported only for type checking are resolved from
    the modules that define them, as mypy sees them."""
    if "return" not in func.__annotations__:
        return MISSING
    namespace = dict(vars(inspect.getmodule(func)))
    for _ in range(20):
        try:
            return typing.get_type_hints(func, globalns=namespace)["return"]
        except NameError as exc:
            namespace[exc.name] = _find(exc.name)
    raise AssertionError(f"cannot resolve the return annotation of {func.__qualname__}")


def _find(name: str) -> Any:
    for module in _modules():
        if name in vars(module):
            return vars(module)[name]
    tables = [f"crmtui.db.tables.{m.name}" for m in pkgutil.iter_modules(db_tables.__path__)]
    for module_name in (
        "sqlmodel",
        "sqlalchemy",
        "crmtui.db.engine",
        "crmtui.db.location",
        "crmtui.db.reader",
        *tables,
        "crmtui.config",
    ):
        module = importlib.import_module(module_name)
        if name in vars(module):
            return vars(module)[name]
    raise NameError(name)


def _untyped_dict(annotation: Any) -> bool:
    """Whether ``annotation`` is, or holds, a bare dict or a dict of ``Any`` values."""
    if annotation is dict:
        return True
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is dict and (not args or args[1] is Any):
        return True
    return any(_untyped_dict(arg) for arg in args if arg is not Ellipsis)


def _offenders() -> list[str]:
    found = []
    for module in _modules():
        for where, func in _public_callables(module):
            returned = _return_type(func)
            if returned is MISSING:
                found.append(f"{where}: no return annotation")
            elif _untyped_dict(returned):
                found.append(f"{where} -> {returned}")
    return found


def test_no_service_returns_an_untyped_dict() -> None:
    offenders = _offenders()
    assert offenders == [], "\n".join(offenders)


def test_the_check_sees_an_untyped_dict() -> None:
    # the rule above would pass vacuously if the walk found nothing or the check missed shapes
    assert len(list(_modules())) > 50
    assert _untyped_dict(dict[str, Any])
    assert _untyped_dict(dict)
    assert _untyped_dict(list[dict[str, Any]])
    assert _untyped_dict(tuple[str, dict[str, Any]] | None)
    assert not _untyped_dict(dict[str, int])
    assert not _untyped_dict(list[crmtui.services.customers.types.CustomerRow])
