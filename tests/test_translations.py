"""The Chinese catalogue is complete and shipped as compiled: every word the code marks for the user
has a zh_CN translation with the same placeholders, and the committed .mo is the compiled .po.

A failure lists what is missing; ``python tools/catalogue.py`` refreshes and compiles the catalogue.
"""

from __future__ import annotations

import ast
import importlib.util
import string
import sys
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "crmtui"
GETTEXT_CALLS = {"_": 1, "N_": 1, "ngettext": 2, "pgettext": 2}


def _tool() -> ModuleType:
    """tools/catalogue.py, which holds the one extraction the README documents."""
    spec = importlib.util.spec_from_file_location(
        "crmtui_catalogue_tool", ROOT / "tools" / "catalogue.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return _tool()


@pytest.fixture(scope="module")
def template(tool: ModuleType) -> Catalog:
    catalog: Catalog = tool.extract()
    return catalog


@pytest.fixture(scope="module")
def chinese(tool: ModuleType) -> Catalog:
    paths = [path for path in tool.catalogue_paths() if "zh_CN" in path.parts]
    assert paths, "no zh_CN catalogue"
    catalog: Catalog = tool.read(paths[0])
    return catalog


def _key(message_id: str | tuple[str, ...]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def _placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of ``text``, with their conversion and format spec."""
    found = set()
    for _literal, field, spec, conversion in string.Formatter().parse(text):
        if field is not None:
            found.add(f"{field}!{conversion or ''}:{spec or ''}")
    return found


def test_every_marked_string_has_a_chinese_translation(
    tool: ModuleType, template: Catalog, chinese: Catalog
) -> None:
    assert len(template) > 150  # the extraction found the code's strings at all
    gaps = tool.missing(chinese, template)
    assert gaps == [], (
        "no zh_CN translation (run tools/catalogue.py, fill the msgstr):\n"
        + "\n".join(repr(gap) for gap in gaps)
    )


def test_no_translation_is_fuzzy(chinese: Catalog) -> None:
    fuzzy = [_key(message.id) for message in chinese if message.id and message.fuzzy]
    assert fuzzy == []


def test_translations_keep_the_placeholders_of_their_msgid(chinese: Catalog) -> None:
    wrong = []
    for message in chinese:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set().union(*(_placeholders(text) for text in ids))
        for text in strings:
            if _placeholders(text) != expected:
                wrong.append(f"{_key(message.id)!r}: {text!r}")
    assert wrong == [], "placeholders differ:\n" + "\n".join(wrong)


def test_the_shipped_mo_is_the_compiled_po(tool: ModuleType) -> None:
    for path in tool.catalogue_paths():
        shipped = path.with_suffix(".mo").read_bytes()
        assert shipped == tool.compiled(tool.read(path)), (
            f"{path.with_suffix('.mo')} is stale: run tools/catalogue.py"
        )


def _non_literal_calls(tree: ast.AST) -> list[tuple[int, str]]:
    bad = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        count = GETTEXT_CALLS.get(node.func.id)
        if count is None:
            continue
        literal = all(
            isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            for arg in node.args[:count]
        )
        if len(node.args) < count or not literal or node.keywords:
            bad.append((node.lineno, node.func.id))
    return bad


def test_gettext_calls_take_string_literals_only() -> None:
    """A variable or f-string in ``_()`` cannot be extracted, so it would never be translated."""
    bad = []
    for path in sorted(SOURCE.rglob("*.py")):
        if path.name == "i18n.py":
            continue  # the definitions themselves
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bad += [
            f"{path.relative_to(ROOT)}:{line}: {name}()" for line, name in _non_literal_calls(tree)
        ]
    assert bad == [], "gettext call without string literals:\n" + "\n".join(bad)


def _calls_inside_f_strings(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Name)
                    and inner.func.id in GETTEXT_CALLS
                ):
                    found.append((inner.lineno, inner.func.id))
    return found


def test_no_gettext_call_hides_inside_an_f_string() -> None:
    """The extraction does not look inside f-strings: ``f"{_('limit')}: ..."`` is never
    extracted, so it would show in English in every language."""
    bad = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bad += [
            f"{path.relative_to(ROOT)}:{line}: {name}()"
            for line, name in _calls_inside_f_strings(tree)
        ]
    assert bad == [], "gettext call inside an f-string:\n" + "\n".join(bad)
    assert _calls_inside_f_strings(ast.parse("f\"{_('x')}: {y}\"")) == [(1, "_")]


def test_the_literal_check_catches_a_variable_and_an_f_string() -> None:
    tree = ast.parse(
        "_(text)\n_(f'x {y}')\nngettext('a', plural, n)\n_('fine')\npgettext('ctx', 'ok')\n"
    )
    assert _non_literal_calls(tree) == [(1, "_"), (2, "_"), (3, "ngettext")]


def test_the_placeholder_check_sees_a_dropped_or_renamed_field() -> None:
    assert _placeholders("{a} and {b!r}") == {"a!:", "b!r:"}
    assert _placeholders("{a}和{b}") != _placeholders("{a} and {b!r}")
    assert _placeholders("{most:,.0f}") == {"most!:,.0f"}
