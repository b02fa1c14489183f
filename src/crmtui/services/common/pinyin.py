"""``pypinyin.lazy_pinyin`` for many names: the same syllables, converted word by word, cached.

pypinyin splits a text into words (runs of Han characters cut by its phrase dictionary, and the
runs between them) and converts each word on its own; converting is most of its cost, and the
words of names repeat (上海, 有限公司, 王, ...). So the split is done for every text, as
pypinyin does it, and each word is converted once per process. An import of 100,000 rows makes
a few thousand conversions instead of 100,000. ``tests/io/test_import_fast_path.py`` checks the
result equals ``lazy_pinyin`` on Chinese, mixed, polyphonic and symbol-laden names.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


def _keep(other: str) -> str:
    return other


@lru_cache(maxsize=1)
def _pypinyin() -> tuple[Any, Any, Any]:
    """(the splitter, the converter and the style ``lazy_pinyin`` uses), imported once."""
    from pypinyin import Style
    from pypinyin.converter import DefaultConverter
    from pypinyin.seg.simpleseg import seg

    return seg, DefaultConverter(), Style.NORMAL


@lru_cache(maxsize=100_000)
def _word(word: str, keep_other: bool) -> tuple[str, ...]:
    _, converter, style = _pypinyin()
    errors = _keep if keep_other else "ignore"
    items = converter.convert(word, style, False, errors, True)
    return tuple(s for item in items for s in item)


@lru_cache(maxsize=4096)  # a company's name is split for its pinyin and for its sort key
def _words(text: str) -> tuple[str, ...]:
    return tuple(_pypinyin()[0](text))


def syllables(text: str, *, keep_other: bool = False) -> list[str]:
    """``lazy_pinyin(text, errors="ignore")``, or with ``keep_other`` what it gives when
    ``errors`` keeps every character without pinyin as it is."""
    return [s for word in _words(text) for s in _word(word, keep_other)]
