"""Coded errors: every error raised in src names a code of the English catalogue, fills in exactly
the values its template shows, and the words come from the catalogue alone."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from crmtui import numbers
from crmtui.errors import Ambiguous, CrmError, InvalidInput, NotFound
from crmtui.messages_en import MESSAGES
from crmtui.services.common import checks

SRC = Path(__file__).resolve().parents[1] / "src" / "crmtui"
CODE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# every class whose instances carry a code: the four of errors.py and their subclasses elsewhere
ERRORS = {
    "CrmError",
    "InvalidInput",
    "NotFound",
    "Ambiguous",
    "DatabaseProblem",
    "ClockError",
    "ConfigError",
    "NotANumber",
    "FormatError",
    "OptionRejected",
}
NOT_PARAMS = {"field", "candidates"}


def _error_calls() -> Iterator[tuple[str, ast.Call]]:
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ERRORS
            ):
                yield f"{path.relative_to(SRC)}:{node.lineno}", node


def _coded_calls() -> list[tuple[str, str, set[str] | None]]:
    """(where, code, keyword names) of each error built from a literal code; ``None`` names
    when the call passes ``**params`` through from another error."""
    found = []
    for where, call in _error_calls():
        first = call.args[0] if call.args else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            names: set[str] | None = {k.arg for k in call.keywords if k.arg is not None}
            if any(k.arg is None for k in call.keywords):
                names = None
            found.append((where, first.value, names))
    return found


def _placeholders(template: str) -> set[str]:
    return {
        re.split(r"[.\[]", name)[0]
        for _, name, _, _ in string.Formatter().parse(template)
        if name is not None
    }


def test_src_raises_codes_not_sentences() -> None:
    sentences = []
    for where, call in _error_calls():
        first = call.args[0] if call.args else None
        if isinstance(first, ast.JoinedStr) or (
            isinstance(first, ast.Constant)
            and isinstance(first.value, str)
            and not CODE.fullmatch(first.value)
        ):
            sentences.append(where)
        elif first is None:
            sentences.append(f"{where} (no code)")
        elif not isinstance(first, ast.Constant):
            # passing another error's code on: ConfigError(exc.code, ...), OptionRejected(exc, ...)
            passes_on = (isinstance(first, ast.Attribute) and first.attr == "code") or (
                call.func.id == "OptionRejected" and isinstance(first, ast.Name)  # type: ignore[attr-defined]
            )
            if not passes_on:
                sentences.append(f"{where} (code is an expression)")
    assert sentences == []


def test_every_raised_code_has_a_template_with_exactly_its_values() -> None:
    calls = _coded_calls()
    assert len(calls) > 150, "the walk finds the raise sites"
    problems = []
    for where, code, names in calls:
        if code not in MESSAGES:
            problems.append(f"{where}: no template for {code!r}")
        elif names is not None and _placeholders(MESSAGES[code]) != names - NOT_PARAMS:
            problems.append(
                f"{where}: {code!r} is given {sorted(names - NOT_PARAMS)} but shows "
                f"{sorted(_placeholders(MESSAGES[code]))}"
            )
    assert problems == []


def test_every_template_is_used_and_well_formed() -> None:
    # phone-scientific is also the row message of an import (formats/cells.py reads it)
    raised = {code for _, code, _ in _coded_calls()} | {"phone-scientific"}
    assert set(MESSAGES) == raised, "a template no code uses, or a code with no template"
    for code in MESSAGES:
        assert CODE.fullmatch(code), code


class _Any:
    """A value that fits any placeholder: formats with any spec and iterates as a list."""

    def __format__(self, spec: str) -> str:
        return "V"

    def __iter__(self) -> Iterator[str]:
        return iter(["A", "B"])

    def __repr__(self) -> str:
        return "'V'"


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_template_renders_from_its_values(code: str) -> None:
    params = {name: _Any() for name in _placeholders(MESSAGES[code])}
    text = str(CrmError(code, **params))
    assert text and text != code
    assert "{" not in text or "{{" in MESSAGES[code]


def test_text_is_made_from_the_code_and_values() -> None:
    exc = NotFound("no-customer-id", id=7)
    assert str(exc) == "no customer with id 7"
    assert (exc.code, exc.field, exc.params) == ("no-customer-id", None, {"id": 7})
    choice = InvalidInput(
        "unknown-choice", field="stage", label="stage", value="x", choices=("a", "b")
    )
    assert str(choice) == "unknown stage 'x'; choose one of: a, b"
    assert choice.field == "stage"


def test_ambiguous_keeps_its_candidates() -> None:
    exc = Ambiguous("customers-ambiguous", [(1, "Acme"), (2, "Acme Ltd")], count=2, ref="acme")
    assert exc.candidates == [(1, "Acme"), (2, "Acme Ltd")]
    assert str(exc) == "2 customers match 'acme'; name one by id:"


def test_checks_name_the_form_field() -> None:
    with pytest.raises(InvalidInput) as kind:
        checks.choice("dance", ["call", "visit"], "activity kind", field="kind")
    assert kind.value.field == "kind" and kind.value.code == "unknown-choice"
    with pytest.raises(InvalidInput) as step:
        checks.text("a\x00b", "next step")
    assert step.value.field == "next_step"
    with pytest.raises(InvalidInput) as phone:
        checks.phone("12", None)
    assert phone.value.field == "phones" and str(phone.value) == "not a phone number: '12'"
    with pytest.raises(InvalidInput) as minutes:
        numbers.minutes("2000")
    assert minutes.value.field == "minutes"


def test_a_refused_option_keeps_code_field_and_exit_code() -> None:
    with pytest.raises(numbers.OptionRejected) as blank:
        numbers.MINUTES("")
    assert blank.value.exit_code == 2 and blank.value.code == "number-blank"
    assert str(blank.value) == "--minutes must not be blank; give a whole number from 0 to 1440"
    with pytest.raises(numbers.OptionRejected) as big:
        numbers.MINUTES("2000")
    assert big.value.exit_code == 1 and big.value.field is None
