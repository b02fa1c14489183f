"""Issue 10, findings 3-5: every number typed on the command line goes through one parser.

The numeric parameters are found by walking the Typer app, so a new numeric option is driven
by the property test without anyone remembering to add it here.
"""

from __future__ import annotations

import types
import typing
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.main import get_command

from crmtui import numbers
from crmtui.cli import app
from crmtui.errors import InvalidInput
from tests.cli_runner import _runner, crm, crm_json

_NUMERIC_TYPES = (int, float, Decimal)


def _annotation(param: typing.Any) -> typing.Any:
    ann = param.type_descriptor.annotation
    if typing.get_origin(ann) in (typing.Union, types.UnionType):
        ann = next(a for a in typing.get_args(ann) if a is not type(None))
    return ann


def _is_numeric(param: typing.Any) -> bool:
    if getattr(param, "is_flag", False):
        return False
    parser = param.type_descriptor.parameter_info.parser
    return isinstance(parser, numbers.Bounded | numbers.Money) or _annotation(param) in (
        _NUMERIC_TYPES
    )


def _walk(
    cmd: typing.Any, path: tuple[str, ...]
) -> typing.Iterator[tuple[tuple[str, ...], typing.Any]]:
    if hasattr(cmd, "commands"):
        for name, sub in sorted(cmd.commands.items()):
            yield from _walk(sub, (*path, name))
    else:
        yield path, cmd


def _numeric_params() -> list[tuple[tuple[str, ...], typing.Any, str]]:
    found = []
    for path, cmd in _walk(get_command(app), ()):
        for param in cmd.params:
            if _is_numeric(param):
                found.append((path, cmd, param.name))
    return found


NUMERIC = _numeric_params()


def _argv(path: tuple[str, ...], cmd: typing.Any, name: str, value: str) -> list[str]:
    """The command with ``value`` for parameter ``name`` and harmless fillers for the rest."""
    options: list[str] = []
    positionals: list[str] = []
    for param in cmd.params:
        is_option = param.param_type_name == "option"
        if param.name == name:
            if is_option:
                options += [param.opts[0], value]
            else:
                positionals.append(value)
        elif param.required:
            if is_option:
                options += [param.opts[0], "1" if _is_numeric(param) else "x"]
            else:
                positionals.append("1" if _is_numeric(param) else "x")
    # "--" lets a positional value start with "-" (as a user would have to write it too)
    return [*path, *options, "--", *positionals] if positionals else [*path, *options]


def test_the_walk_finds_the_known_numeric_options():
    names = {(" ".join(path), name) for path, _cmd, name in NUMERIC}
    expected = {
        ("log", "minutes"),
        ("done", "minutes"),
        ("done", "action"),
        ("opp add", "amount"),
        ("opp won", "amount"),
        ("customers", "limit"),
        ("demo", "size"),
        ("demo", "seed"),
        ("edit-customer", "satisfaction"),
    }
    assert expected <= names


BAD = [
    "99999999999999999999",
    "9999999999999",
    "1e400",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    "-3",
    "-1",
    "",
    " ",
    "1.5e3",
    "0x10",
    "1_000",
    "abc",
    "１２a",
]


def _assert_refused(argv: list[str]) -> None:
    result = _runner.invoke(app, argv)
    shown = f"crm {argv} → {result.exit_code}\n{result.output}"
    assert result.exception is None or isinstance(result.exception, SystemExit), shown
    assert result.exit_code in (1, 2), shown
    assert result.stdout == "", shown
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, shown
    assert "Traceback" not in result.output, shown


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    target=st.sampled_from(NUMERIC),
    value=st.one_of(
        st.sampled_from(BAD),
        st.integers(min_value=10**19, max_value=10**40).map(str),
        st.integers(max_value=-1).map(str),
        st.sampled_from(["nan", "inf", "-inf", "1e400", "1E400"]).map(lambda s: f" {s} "),
    ),
)
def test_every_numeric_option_refuses_bad_values_in_one_line(target, value):
    path, cmd, name = target
    _assert_refused(_argv(path, cmd, name, _bad_for(cmd, name, value)))


def _bad_for(cmd: typing.Any, name: str, value: str) -> str:
    """Thirteen nines is too many minutes or too big an id, but a money option takes amounts up
    to ``numbers.AMOUNT_MAX`` (10^15): there the same digits one order past that limit are bad."""
    param = next(p for p in cmd.params if p.name == name)
    if isinstance(param.type_descriptor.parameter_info.parser, numbers.Money):
        if value.strip() == "9999999999999":
            return str(int(numbers.AMOUNT_MAX) * 10 - 1)
    return value


def test_a_money_option_refuses_an_amount_past_the_limit_and_takes_one_below():
    """``crm product add`` needs nothing but a name, so its price alone decides (the walk above
    met it with thirteen nines, a real if large price)."""
    crm("init")
    _assert_refused(["product", "add", "Big", "--price", str(int(numbers.AMOUNT_MAX) * 10 - 1)])
    assert crm_json("product", "list") == []
    crm("product", "add", "Big", "--price", "9999999999999")
    assert [p["name"] for p in crm_json("product", "list")] == ["Big"]


@pytest.mark.parametrize("target", NUMERIC, ids=lambda t: f"{' '.join(t[0])}:{t[2]}")
def test_full_width_digits_mean_the_same_number(target):
    _path, cmd, name = target
    param = next(p for p in cmd.params if p.name == name)
    parser = param.type_descriptor.parameter_info.parser
    assert parser is not None, f"{name} does not use the shared number parser"
    assert parser("１") == parser("1")


def test_done_refuses_a_huge_minutes_value_without_a_traceback():
    crm("add-customer", "Acme")
    crm("follow-up", "Acme", "--at", "+2h")
    action = str(crm_json("actions", "--all")[0]["id"])
    _assert_refused(["done", action, "--minutes", "99999999999999999999"])
    _assert_refused(["done", "99999999999999999999"])
    assert len(crm_json("actions", "--all")) == 1


def test_opp_add_refuses_nan():
    crm("add-customer", "Acme")
    _assert_refused(["opp", "add", "Acme", "Deal", "--amount", "nan"])
    assert crm_json("opp", "list") == []


@pytest.mark.parametrize("minutes", ["-3", "9999999999999", "1441"])
def test_done_uses_the_same_minutes_rule_as_log(minutes):
    crm("add-customer", "Acme")
    crm("follow-up", "Acme", "--at", "+2h")
    action = crm_json("actions", "--all")[0]["id"]
    _assert_refused(["done", str(action), "--minutes", minutes])
    _assert_refused(["log", "Acme", "--minutes", minutes])
    crm("done", str(action), "--minutes", "1440")


def test_service_layer_keeps_the_minutes_rule(db):
    from crmtui.services.activities.write import complete_activity, log_activity, plan_activity
    from crmtui.services.customers.write import create_customer
    from tests.helpers import now

    NOW = now()
    with db.session() as s:
        cid = create_customer(s, now=NOW, name="Acme").id
        planned = plan_activity(s, now=NOW, customer_id=cid, due_at=NOW).id
    for bad in (-3, 1441, 10**20):
        with pytest.raises(InvalidInput, match="minutes"), db.session() as s:
            complete_activity(s, now=NOW, activity_id=planned, minutes=bad)
        with pytest.raises(InvalidInput, match="minutes"), db.session() as s:
            log_activity(s, now=NOW, customer_id=cid, minutes=bad)


def test_full_width_minutes_are_stored_as_the_number():
    crm("add-customer", "Acme")
    crm("log", "Acme", "--minutes", "１２")
    assert crm_json("show", "Acme")["history"][0]["minutes"] == 12


@pytest.mark.parametrize(
    "typed, minor",
    [("12,000.50", 1_200_050), ("500", 50_000), ("１２０００", 1_200_000), (".5", 50), ("0", 0)],
)
def test_amounts_as_typed(typed, minor):
    assert numbers.amount_minor(typed) == minor


@pytest.mark.parametrize("typed", ["nan", "inf", "1e400", "12,00", "1.234", "-5", "1e3", "12 000"])
def test_amounts_refused(typed):
    with pytest.raises(InvalidInput):
        numbers.amount_minor(typed)


def test_service_amount_check_refuses_nan():
    from crmtui.services.common.checks import amount

    for bad in ("nan", "Infinity", "1e400"):
        with pytest.raises(InvalidInput):
            amount(bad)


@pytest.mark.parametrize("typed", ["-3", "1441", "9999999999999", "nan", "1e3", "²²²²"])
def test_the_tui_activity_forms_use_the_same_minutes_rule(typed):
    from crmtui.widgets.activity_forms import _minutes

    with pytest.raises(InvalidInput, match="minutes"):
        _minutes(typed)
    assert _minutes("１２") == 12 and _minutes(" ") is None


@pytest.mark.parametrize(
    "argv, code",
    [
        (["opp", "stage", "abc", "lead"], 2),  # no number at all: a usage error, as before
        (["customers", "--limit", "nan"], 2),
        (["opp", "add", "Acme", "Deal", "--amount", ""], 2),  # blank on the command line
        (["opp", "add", "Acme", "Deal", "--amount", "-5"], 1),  # a number, but not allowed
        (["customers", "--limit", "0"], 1),
        (["done", "1", "--minutes", "1441"], 1),
    ],
)
def test_no_number_is_a_usage_error_a_number_out_of_bounds_a_bad_value(argv, code):
    crm("add-customer", "Acme")
    _assert_refused(argv)
    assert _runner.invoke(app, argv).exit_code == code
    assert crm_json("opp", "list") == []
