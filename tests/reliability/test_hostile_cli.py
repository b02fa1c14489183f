"""Item 6 for the CLI: hostile text is stored exactly, and what reaches a real terminal is harmless.

The commands run as real processes on a pseudo-terminal, and the assertions are about the bytes
the terminal received, not about the strings the program meant to print.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.cli_runner import crm_json
from tests.reliability.hostile import ESCAPES, MARKUP, SGR, bad_characters
from tests.reliability.support import child_env, run_in_pty

pytestmark = pytest.mark.slow

PLAIN = {"NO_COLOR": "1", "TERM": "dumb"}
COLOUR = {"NO_COLOR": None, "TERM": "xterm-256color", "COLORTERM": "truecolor"}

LISTINGS = [
    ("customers", "--limit", "500"),
    ("customers", "--trash"),
    ("customers", "--search", "pwned"),
    ("contacts", "--limit", "500"),
    ("actions", "--all"),
    ("opp", "list"),
    ("note", "list"),
    ("today",),
]


def _terminal_text(raw: bytes) -> str:
    """What a terminal got, as text; it must be valid UTF-8."""
    return raw.decode("utf-8").replace("\r\n", "\n")


def _assert_harmless(raw: bytes, *, colour: bool, what: str) -> str:
    if colour:
        # Rich's own styling is SGR only; nothing else may start with ESC.
        raw = SGR.sub(b"", raw)
    assert b"\x1b" not in raw, f"{what}: raw ESC reached the terminal: {raw[:300]!r}"
    assert b"\x07" not in raw, f"{what}: raw BEL reached the terminal"
    text = _terminal_text(raw)
    assert bad_characters(text) == [], f"{what}: {bad_characters(text)}"
    return text


def _card_commands(stored: dict[str, Any]) -> list[tuple[str, ...]]:
    ids = sorted(stored["customers"])
    return [("show", str(ids[0])), ("show", str(stored["long_id"])), ("show", str(ids[7]))]


def test_every_listing_is_harmless_on_a_plain_terminal(hostile):
    env = child_env(**PLAIN, COLUMNS="400", LINES="50")  # wide: values are not folded
    shown = ""
    for args in LISTINGS + _card_commands(hostile):
        code, raw = run_in_pty(args, env=env)
        assert code == 0, (args, raw[-500:])
        shown += _assert_harmless(raw, colour=False, what=" ".join(args))
    # the controls are visible instead: ESC as ␛, BEL as ␇, bidi as <U+202E>, C1 as <U+009B>
    for marker in (
        "␛]0;PWNED-TITLE␇",
        "␛]52;c;",
        "␛[2J",
        "<U+009B>2J",
        "<U+202E>gnp.exe",
        "DING␇␇",
        "abc␈␈␈XYZ",
        "del␡",
        "nul␀here",
    ):
        assert marker in shown, marker
    # a carriage return cannot hide what came before it on the line
    assert "shown HIDDEN" in shown
    # markup is shown as typed, never interpreted
    for markup in MARKUP:
        assert markup in shown, markup


def test_colour_terminal_gets_only_rich_styling(hostile):
    env = child_env(**COLOUR)
    for args in [("customers", "--limit", "500"), ("today",), _card_commands(hostile)[1]]:
        code, raw = run_in_pty(args, env=env)
        assert code == 0, (args, raw[-500:])
        assert SGR.search(raw), "colour run should carry Rich's styling"
        _assert_harmless(raw, colour=True, what=" ".join(args))
        for esc in ESCAPES.values():
            if "\x1b" in esc:
                assert esc.encode() not in raw


def _stored_texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _stored_texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _stored_texts(v)]
    return []


def test_json_is_exact_and_harmless(hostile):
    # exactness for every listing, through Typer's runner (the bytes are the same as a process's)
    seen: set[str] = set()
    for args in LISTINGS + _card_commands(hostile):
        seen.update(_stored_texts(crm_json(*args)))
    for name in hostile["customers"].values():
        assert name in seen, repr(name)
    for name in list(hostile["contacts"].values()) + hostile["notes"] + hostile["opps"]:
        assert name in seen, repr(name)
    assert "nul\x00here" in seen and "r\x00le" in seen
    # and on a real terminal nothing in the JSON can act
    env = child_env(**PLAIN)
    for args in [("customers", "--limit", "500"), ("today",), _card_commands(hostile)[1]]:
        code, raw = run_in_pty([*args, "--json"], env=env)
        assert code == 0, (args, raw[-500:])
        text = _assert_harmless(raw, colour=False, what=" ".join(args) + " --json")
        assert _stored_texts(json.loads(text)) == _stored_texts(crm_json(*args))


def test_errors_and_echoes_are_harmless(hostile):
    env = child_env(**PLAIN)
    esc = ESCAPES["title"] + ESCAPES["c1_osc"] + ESCAPES["bidi"]
    runs = [
        (0, ["add-customer", f"new{esc}[bold]x", "--note", esc]),  # echoes the new name
        (1, ["show", f"nobody{esc}"]),  # "no customer matches ..."
        (1, ["show", "E0"]),  # ambiguous: lists every hostile candidate name
        (1, ["add-customer", "x", "--email", f"bad{esc}"]),  # invalid value echoed
        (2, ["opp", "stage", esc, "lead"]),  # usage error from the option parser
    ]
    for expected, args in runs:
        code, raw = run_in_pty(args, env=env)
        text = _assert_harmless(raw, colour=False, what=repr(args))
        assert code == expected, (args, text)
        assert "Traceback" not in text
    code, raw = run_in_pty(["show", "E0", "--json"], env=env)
    assert code == 1 and b"\x1b" not in raw


def test_long_values_render_on_narrow_terminals(hostile):
    # Rich takes a dumb terminal to be 80 columns; a real terminal type gives the pty's width
    env = child_env(NO_COLOR="1", TERM="xterm", COLUMNS=None)
    for cols, args in [(20, ("show", str(hostile["long_id"]))), (60, ("customers",))]:
        code, raw = run_in_pty(args, env=env, cols=cols)
        assert code == 0, (cols, args, raw[-300:])
        _assert_harmless(raw, colour=True, what=f"{args} at {cols} columns")
        if args[0] == "show":  # the whole 20,000-character text arrives, folded, not cut off
            text = re.sub(r"\s+", "", _terminal_text(SGR.sub(b"", raw)))
            assert text.count("长文本") == hostile["long_text"].count("长文本")


def test_invalid_utf8_on_the_command_line_is_one_clear_error(db):
    from tests.reliability.support import run_crm

    db.dispose()
    result = run_crm("add-customer", b"bad\xffname")
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 1 and "Traceback" not in err, err[-300:]
