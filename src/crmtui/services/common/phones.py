"""Phone numbers as stored: a JSON list in one column, read back as a Python list."""

from __future__ import annotations

import json
from typing import Any


def phones_of(value: Any) -> list[str]:
    if isinstance(value, str):
        return list(json.loads(value or "[]"))
    return list(value or [])
