"""How a name is stored: one normal form, so what was typed can always be found again.

Every write path (add and edit of customers and contacts, every import) passes names through
``normalise_name`` (``checks.name`` calls it), so a name pasted with a line break, a zero-width
space or decomposed accents is stored the same way as the name typed by hand.
"""

from __future__ import annotations

import re
import unicodedata

# zero-width characters and the BOM: invisible, but they break every search that contains them
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# any run of whitespace (newlines, tabs, full-width and no-break spaces) becomes one space
_SPACES = re.compile(r"\s+")


def normalise_name(value: str) -> str:
    """NFC, invisible characters removed, whitespace collapsed to single spaces, trimmed."""
    text = unicodedata.normalize("NFC", value)
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text).strip()


def sort_key(name: str) -> str:
    """The key ``--sort name`` orders by: Chinese characters as their pinyin, the rest as typed.

    上海 sorts as "shanghai", after 北京 ("beijing") and 成都 ("chengdu"), among Latin names.
    Stored with the customer on every write (pypinyin is slow to import, so never on a read).
    """
    from crmtui.db.search_text import has_cjk

    text = unicodedata.normalize("NFKC", normalise_name(name)).casefold()
    if not has_cjk(text):
        return text
    from crmtui.services.common.pinyin import syllables

    # lazy_pinyin(text, errors=<keep as is>), word by word from a cache: an import writes
    # thousands of names made of the same words
    return "".join(syllables(text, keep_other=True)).casefold()
