"""Keep the translation catalogues in step with the code (for contributors; needs Babel).

    python tools/catalogue.py           # extract every marked string, update each .po, compile .mo
    python tools/catalogue.py --check   # list msgids without a translation; exit 1 if any

Strings are found by the gettext keywords of :mod:`crmtui.i18n` (``_``, ``N_``, ``ngettext``,
``pgettext``) in ``src/crmtui``, plus the docstrings of command functions in ``src/crmtui/cli``
(Typer shows a command's docstring as its help; crmtui.cli.helptext translates it).
New strings appear in each ``.po`` with an empty translation;
strings no longer in the code are dropped. Fill in the ``msgstr`` lines, then run it again to
compile the ``.mo`` files the package ships.
"""

from __future__ import annotations

import ast
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "crmtui"
LOCALE_DIR = SOURCE / "locale"
DOMAIN = "crmtui"
KEYWORDS = {key: DEFAULT_KEYWORDS[key] for key in ("_", "N_", "ngettext", "pgettext")}


def extract() -> Catalog:
    """Every marked string of the package, with where it is used."""
    template = Catalog(project="crmtui", domain=DOMAIN)
    found = extract_from_dir(
        str(SOURCE), method_map=[("**.py", "python")], keywords=KEYWORDS, strip_comment_tags=True
    )
    for filename, lineno, message, comments, context in found:
        template.add(
            message,
            locations=[(f"crmtui/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    sources = {path: path.read_text(encoding="utf-8") for path in (SOURCE / "cli").rglob("*.py")}
    # a module may register a function another module defines: app.command("orders")(orders)
    registered = set().union(*(registered_by_call(source) for source in sources.values()))
    for path, source in sorted(sources.items()):
        for lineno, doc in command_docstrings(source, registered):
            template.add(doc, locations=[(f"crmtui/{path.relative_to(SOURCE).as_posix()}", lineno)])
    return template


def _is_command_call(node: ast.AST) -> bool:
    """``x.command(...)`` or ``x.callback(...)``: what makes a Typer command of a function."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"command", "callback"}
    )


def registered_by_call(source: str) -> set[str]:
    """The names of the functions a module makes commands of by call: ``app.command("x")(f)``."""
    return {
        node.args[0].id
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and _is_command_call(node.func)
        and node.args
        and isinstance(node.args[0], ast.Name)
    }


def command_docstrings(source: str, registered: set[str] | None = None) -> list[tuple[int, str]]:
    """(line, cleaned docstring) of each function a module makes a command of, by decorator
    (``@app.command()``) or by call (``app.command("x")(function)``), here or, for the names in
    ``registered``, in another module."""
    tree = ast.parse(source)
    named = registered_by_call(source) | (registered or set())
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        decorated = any(_is_command_call(decorator) for decorator in node.decorator_list)
        doc = ast.get_docstring(node, clean=True)
        if doc and (decorated or node.name in named):
            found.append((node.lineno, doc))
    return found


def catalogue_paths() -> list[Path]:
    return sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, domain=DOMAIN)


def missing(catalog: Catalog, template: Catalog) -> list[str]:
    """msgids of ``template`` that ``catalog`` leaves untranslated (or only fuzzily)."""
    gaps = []
    for message in template:
        if not message.id:
            continue
        entry = catalog.get(message.id, context=message.context)
        strings = entry.string if entry is not None else None
        values = strings if isinstance(strings, tuple) else (strings,)
        if entry is None or entry.fuzzy or not all(values):
            gaps.append(message.id if isinstance(message.id, str) else message.id[0])
    return gaps


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def update() -> None:
    template = extract()
    for path in catalogue_paths():
        catalog = read(path)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, omit_header=False, sort_output=False)
        path.with_suffix(".mo").write_bytes(compiled(read(path)))
        gaps = missing(read(path), template)
        print(f"{path.relative_to(ROOT)}: {len(template)} strings, {len(gaps)} untranslated")  # noqa: T201


def check() -> int:
    template = extract()
    status = 0
    for path in catalogue_paths():
        gaps = missing(read(path), template)
        for msgid in gaps:
            print(f"{path.relative_to(ROOT)}: no translation for {msgid!r}")  # noqa: T201
        status |= bool(gaps)
    return status


if __name__ == "__main__":
    sys.exit(check() if "--check" in sys.argv[1:] else update())
