"""The words the user reads, in the user's language: the gettext API over the package's catalogues.

Code marks every word shown to a user with ``_()`` (translated when it is shown), ``N_()`` for a
constant defined at import time and translated later with ``_()``, ``ngettext`` for counts and
``pgettext`` where one English word has two meanings. Placeholders are ``{name}`` and filled with
``str.format`` after translation, so a translation may move them.

The catalogues live in ``crmtui/locale/<locale>/LC_MESSAGES/crmtui.po`` and are compiled to ``.mo``
files shipped in the package (see the README's "Translations" section). English is the source
language, so English needs no catalogue and costs nothing.

The language is chosen once per process, before any command is built: ``crm --lang``, then the
config's ``language``, then the environment (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``),
then English. The TUI may switch it while running.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Mapping
from pathlib import Path

DOMAIN = "crmtui"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
ENGLISH = "en"
CHINESE = "zh"
# The languages crmtui speaks, and the catalogue locale of each (English is the source text).
LANGUAGES: dict[str, str | None] = {ENGLISH: None, CHINESE: "zh_CN"}
# Environment variables in the order gettext itself consults them.
ENVIRONMENT_KEYS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = ENGLISH
_listeners: list[Callable[[str], None]] = []


def _(message: str) -> str:
    """``message`` in the current language."""
    return _translations.gettext(message)


def translate(message: str) -> str:
    """A message marked elsewhere with ``N_()`` (a constant), in the current language.

    ``_()`` takes string literals only (the extraction reads them; tests/test_translations.py
    checks it), so text held in a variable is translated through this function instead.
    """
    return _translations.gettext(message)


def N_(message: str) -> str:  # noqa: N802 - the conventional name of the gettext no-op marker
    """Mark ``message`` for translation without translating it now (translate it when shown)."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, in the current language."""
    return _translations.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` translated in ``context`` (for words with more than one meaning)."""
    return _translations.pgettext(context, message)


def language() -> str:
    """The current language: ``"en"`` or ``"zh"``."""
    return _language


def normalise(text: str) -> str | None:
    """``"zh"``/``"en"`` for a language or locale name (``zh_CN.UTF-8``, ``zh-Hans``, ``中文``,
    ``en_US``, ``C``), ``None`` when it names a language crmtui does not speak."""
    value = text.strip().replace("-", "_").split(".")[0].split("@")[0].casefold()
    if value in {"zh", "zh_cn", "zh_hans", "zh_sg", "chinese", "中文", "简体中文", "cn"}:
        return CHINESE
    if value.startswith("zh_"):
        return CHINESE  # traditional-script locales read Simplified better than English
    if value in {"en", "c", "posix", "english"} or value.startswith("en_"):
        return ENGLISH
    return None


def from_environment(environ: Mapping[str, str]) -> str | None:
    """The language the locale environment asks for, if it names one crmtui speaks."""
    for key in ENVIRONMENT_KEYS:
        value = environ.get(key, "")
        if not value:
            continue
        # LANGUAGE is a preference list ("zh_CN:en"); the others hold one locale name.
        for name in value.split(":") if key == "LANGUAGE" else [value]:
            found = normalise(name)
            if found is not None:
                return found
        return None
    return None


def choose(explicit: str | None, configured: str | None, environ: Mapping[str, str]) -> str:
    """The language to use: the command line's, then the config's, then the environment's."""
    for candidate in (explicit, configured):
        if candidate:
            found = normalise(candidate)
            if found is not None:
                return found
    return from_environment(environ) or ENGLISH


def set_language(code: str) -> None:
    """Switch every later ``_()`` to ``code`` (``"en"`` or ``"zh"``) and tell the listeners."""
    global _translations, _language
    locale = LANGUAGES.get(code)
    if code not in LANGUAGES:
        raise ValueError(code)
    if locale is None:
        _translations = gettext.NullTranslations()
    else:
        _translations = gettext.translation(DOMAIN, LOCALE_DIR, languages=[locale])
    _language = code
    for listener in list(_listeners):
        listener(code)


def on_change(listener: Callable[[str], None]) -> Callable[[], None]:
    """Call ``listener`` after every language switch; returns the function that stops it."""
    _listeners.append(listener)
    return lambda: _listeners.remove(listener)
