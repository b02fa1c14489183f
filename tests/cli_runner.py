"""Running ``crm`` in-process for tests.

Typer's test runner builds click's command tree from the Typer app on every invoke: it reads
the signature and evaluates the annotations of every command function (some 230 of them), which
was over half the time of a CLI test. The tree does not change between invokes, so it is built
once per interface language (the help texts are translated as the tree is built) and reused, by
every ``typer.testing.CliRunner`` that invokes crmtui's app.
"""

from __future__ import annotations

import json
from typing import Any

import typer.testing
from typer.testing import CliRunner

from crmtui.cli import app

_build = typer.testing._get_command
_built: dict[str, Any] = {}


def _command(typer_app: Any) -> Any:
    if typer_app is not app:
        return _build(typer_app)
    from crmtui import i18n

    language = i18n.language()
    if language not in _built:
        _built[language] = _build(typer_app)
    return _built[language]


typer.testing._get_command = _command  # type: ignore[assignment]

_runner = CliRunner()


def crm(*args: str, ok: bool = True) -> Any:
    """Invoke crm; by default assert success and show the output when it fails."""
    result = _runner.invoke(app, list(args))
    if ok:
        assert result.exit_code == 0, f"crm {' '.join(args)} → {result.exit_code}\n{result.output}"
    return result


def crm_json(*args: str) -> Any:
    return json.loads(crm(*args, "--json").stdout)
