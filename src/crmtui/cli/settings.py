"""``crm config ...``: read and change settings in config.toml, each value checked first."""

from __future__ import annotations

from typing import Annotated

import typer

from crmtui.cli.context import console, print_json
from crmtui.cli.render import safe, table
from crmtui.i18n import N_, _, translate

config_app = typer.Typer(help=N_("Settings: list, get, set, unset."), no_args_is_help=True)


@config_app.command("list")
def config_list(
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON output."))] = False,
) -> None:
    """Every setting with its current value and what it does."""
    from crmtui import config

    cfg = config.load()
    values = cfg.as_dict()
    if as_json:
        print_json(values)
        return
    console.print(safe(f"# {cfg.path}"))
    console.print(
        table(
            None,
            [_("setting"), _("value"), _("what it does")],
            [
                (key, "" if value is None else value, translate(config.setting_of(key)[1].help))
                for key, value in values.items()
            ],
        )
    )


@config_app.command("get")
def config_get(key: Annotated[str, typer.Argument(help=N_("Setting name."))]) -> None:
    """Print one setting."""
    from crmtui import config

    if key not in config.SETTINGS and config.rate_key(key) is None:
        raise config.ConfigError(f"unknown setting {key!r}; see crm config list")
    value = config.load().get(key)
    console.print(safe("" if value is None else value))


# A value may start with "-" (`crm config set cadence_a -1`): read it as the value, not an option.
@config_app.command("set", context_settings={"ignore_unknown_options": True})
def config_set(
    key: Annotated[str, typer.Argument(help=N_("Setting name (see crm config list)."))],
    value: Annotated[str, typer.Argument(help=N_("New value."))],
) -> None:
    """Change a setting, e.g. `crm config set calling_hours 09:00-18:00`."""
    from crmtui import config

    stored = config.set_value(key, value)
    console.print(safe(f"{config.setting_of(key)[0]} = {stored}"))


@config_app.command("unset")
def config_unset(key: Annotated[str, typer.Argument(help=N_("Setting name."))]) -> None:
    """Return a setting to its default."""
    from crmtui import config

    default = config.unset_value(key)
    if default is None:
        # a setting without a fixed default (language: chosen from LANG) has no value to show
        console.print(safe(_("{key} back to its default").format(key=key)))
        return
    console.print(safe(_("{key} back to its default ({default})").format(key=key, default=default)))


def register(app: typer.Typer) -> None:
    app.add_typer(config_app, name="config")
