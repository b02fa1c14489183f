"""Choosing the interface language: --lang, the config's language, then the locale environment."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from crmtui import i18n
from crmtui.cli import _take_language, apply_language
from crmtui.errors import CrmError, InvalidInput
from tests.cli_runner import crm


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zh", "zh"),
        ("zh_CN.UTF-8", "zh"),
        ("zh-Hans", "zh"),
        ("中文", "zh"),
        ("zh_TW.Big5", "zh"),
        ("en", "en"),
        ("en_GB.UTF-8", "en"),
        ("C", "en"),
        ("POSIX", "en"),
        ("fr_FR.UTF-8", None),
        ("", None),
    ],
)
def test_names_of_languages_and_locales(text: str, expected: str | None) -> None:
    assert i18n.normalise(text) == expected


def test_environment_in_the_order_gettext_reads_it() -> None:
    assert i18n.from_environment({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert i18n.from_environment({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert i18n.from_environment({"LC_MESSAGES": "zh_CN", "LANG": "en_US"}) == "zh"
    # LANGUAGE is a preference list: the first language crmtui speaks wins
    assert i18n.from_environment({"LANGUAGE": "fr:zh_CN:en", "LANG": "en_US"}) == "zh"
    assert i18n.from_environment({"LANG": "de_DE.UTF-8"}) is None
    assert i18n.from_environment({}) is None


def test_command_line_beats_config_beats_environment() -> None:
    env = {"LANG": "zh_CN.UTF-8"}
    assert i18n.choose(None, None, env) == "zh"
    assert i18n.choose(None, "en", env) == "en"
    assert i18n.choose("zh", "en", {}) == "zh"
    assert i18n.choose(None, None, {"LANG": "fr_FR"}) == "en"


def test_lang_is_taken_from_anywhere_before_the_double_dash() -> None:
    assert _take_language(["--lang", "zh", "today"]) == ("zh", ["today"])
    assert _take_language(["today", "--lang=en", "--json"]) == ("en", ["today", "--json"])
    assert _take_language(["note", "--", "--lang", "zh"]) == (None, ["note", "--", "--lang", "zh"])


def test_switching_language_translates_and_tells_listeners() -> None:
    heard: list[str] = []
    stop = i18n.on_change(heard.append)
    try:
        i18n.set_language("zh")
        assert i18n.language() == "zh"
        i18n.set_language("en")
    finally:
        stop()
    assert heard == ["zh", "en"]
    assert i18n._("an amount cannot be negative") == "an amount cannot be negative"


def test_unknown_language_is_refused_with_the_choices() -> None:
    with pytest.raises(CrmError) as caught:
        apply_language("fr")
    assert "fr" in str(caught.value)
    assert "en, zh" in str(caught.value)


def test_config_language_is_checked_and_used(isolated: Path) -> None:
    crm("config", "set", "language", "zh_CN.UTF-8")
    assert 'language = "zh"' in (isolated / "config.toml").read_text(encoding="utf-8")
    apply_language(None)
    assert i18n.language() == "zh"
    apply_language("en")
    assert i18n.language() == "en"
    refused = crm("config", "set", "language", "klingon", ok=False)
    assert refused.exit_code == 1
    assert "unknown language 'klingon'" in refused.output


def test_error_text_comes_from_the_catalogue() -> None:
    """The Chinese catalogue's text is what a CrmError says once Chinese is chosen."""
    i18n.set_language("zh")
    translated = i18n._("an amount cannot be negative")
    assert translated == "金额不能为负数"
    assert str(InvalidInput("amount-cannot-be-negative")) == translated


def test_real_command_speaks_the_locale_and_refuses_an_unknown_language(isolated: Path) -> None:
    run = [sys.executable, "-m", "crmtui", "--lang", "fr", "today"]
    refused = subprocess.run(run, capture_output=True, text=True, check=False)
    assert refused.returncode == 1
    assert refused.stderr.strip() == "error: unknown language 'fr'; choose one of: en, zh"
    assert "Traceback" not in refused.stderr
