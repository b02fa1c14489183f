"""Counting the calls of a function in a test: a computed result told from a kept one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


def count_calls(
    monkeypatch: pytest.MonkeyPatch,
    owner: Any,
    name: str,
    *,
    unless: Callable[[], bool] = lambda: False,
) -> list[int]:
    """Wrap ``owner.name`` so that each call (except while ``unless()``) adds to the list."""
    calls: list[int] = []
    original = getattr(owner, name)

    def counting(*args: Any, **kwargs: Any) -> Any:
        if not unless():
            calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return calls
