"""Running ``crm`` in-process for tests."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from crmtui.cli import app

_runner = CliRunner()


def crm(*args: str, ok: bool = True) -> Any:
    """Invoke crm; by default assert success and show the output when it fails."""
    result = _runner.invoke(app, list(args))
    if ok:
        assert result.exit_code == 0, f"crm {' '.join(args)} → {result.exit_code}\n{result.output}"
    return result


def crm_json(*args: str) -> Any:
    return json.loads(crm(*args, "--json").stdout)
