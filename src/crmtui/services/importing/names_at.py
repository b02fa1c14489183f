"""Close names among a company's contacts, found without comparing each pair (撞单).

Two contacts' normalised names are *close* when they differ by a typo: SequenceMatcher's ratio
at least ``CLOSE_NAME``, with the numbers in them equal (分店1 ≠ 分店2). The duplicate check asks,
for every row, which earlier colleague at the same company has a close name, the first one
added. :class:`NamesAt` answers that without comparing the row with every colleague: a name
seen before is found at once, and only names whose length and letters allow a ratio that high
are given to SequenceMatcher. Each name also carries the set of its letters as bits of an
integer, so most colleagues are refused by one XOR and a bit count, without a call per pair.
All the filters are necessary conditions, so the answer is the one a scan in order gives
(``tests/io/test_import_fast_path.py`` checks it).
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crmtui.services.importing.matching import Entity

CLOSE_NAME = 0.85
_NOT_DIGIT = re.compile(r"\D")


def close(a: str, b: str) -> bool:
    """Normalised names that differ by a typo; numbers in them must agree (分店1 ≠ 分店2)."""
    if a == b:
        return True
    if _NOT_DIGIT.sub("", a) != _NOT_DIGIT.sub("", b):
        return False
    return SequenceMatcher(None, a, b).ratio() >= CLOSE_NAME


def could_be_close(la: int, lb: int) -> bool:
    """Whether two *different* names of these lengths can be ``close`` (a necessary condition).

    The ratio is ``2 * matches / (la + lb)`` with at most ``min(la, lb)`` matches (one fewer
    when the lengths are equal), computed the same way in floats, so a pair this refuses could
    never reach ``CLOSE_NAME``: names of up to six letters are close only when equal.
    """
    if la == lb == 0:
        return False  # there is one empty name only
    # two different names of one length have at least one letter unmatched
    most = la - 1 if la == lb else min(la, lb)
    return 2.0 * most / (la + lb) >= CLOSE_NAME


class NamesAt:
    """The contacts' names at one company, for finding the first close one without comparing
    against every colleague: names are kept once each (the first contact with a name is the
    one a match reports) and grouped by length, so only lengths that could be close are tried.
    """

    __slots__ = ("_by_length", "_first")

    def __init__(self) -> None:
        self._first: dict[str, tuple[int, Entity]] = {}  # name -> (order, first contact)
        # length -> [(order, name, letter bits)]
        self._by_length: dict[int, list[tuple[int, str, int]]] = {}

    def add(self, name: str, entity: Entity) -> None:
        if name not in self._first:
            order = len(self._first)
            self._first[name] = (order, entity)
            self._by_length.setdefault(len(name), []).append((order, name, letter_bits(name)))

    def first_close(self, name: str) -> tuple[str, Entity] | None:
        """The earliest added name ``close`` to ``name`` (what a scan in order finds first)."""
        exact = self._first.get(name)
        size = len(name)
        before = exact[0] if exact is not None else len(self._first)
        bits = letter_bits(name)
        candidates: list[tuple[int, str]] = []
        for length, most in close_lengths(size):
            items = self._by_length.get(length)
            if items:
                candidates += [
                    (order, other)
                    for order, other, theirs in items
                    if order < before and (bits ^ theirs).bit_count() <= most
                ]
        candidates.sort()
        for _, other in candidates:
            if _close_enough(name, other):
                return other, self._first[other][1]
        # the same name matches, when no close one was added before it
        return (name, exact[1]) if exact is not None else None


@lru_cache(maxsize=256)
def close_lengths(size: int) -> tuple[tuple[int, int], ...]:
    """(length, :func:`most_unshared`) for every length a name of ``size`` letters can be
    close to; a longer name than ``2 * size + 1`` never is (at most ``size`` letters match)."""
    return tuple(
        (length, most_unshared(size + length))
        for length in range(2 * size + 2)
        if could_be_close(size, length)
    )


@lru_cache(maxsize=200_000)
def letter_bits(name: str) -> int:
    """The letters of ``name`` as bits (a letter's code point modulo 61 picks its bit)."""
    bits = 0
    for letter in set(name):
        bits |= 1 << (ord(letter) % 61)
    return bits


@lru_cache(maxsize=256)
def most_unshared(total: int) -> int:
    """The most bits two names of ``total`` letters together may not share and still be close.

    A bit one name has and the other lacks is a letter of the one missing from the other, and
    different bits are different letters, so the bits not shared are at most the letters left
    unmatched, ``total - 2 * common`` (``common`` as in :func:`could_share_enough`). A pair with
    more cannot pass that check: the bound is computed in the same float arithmetic.
    """
    if total == 0:
        return -1
    return max((n for n in range(total + 1) if (total - n) / total >= CLOSE_NAME), default=-1)


@lru_cache(maxsize=1 << 18)
def _close_enough(a: str, b: str) -> bool:
    """``close(a, b)`` for different names, refusing most pairs before SequenceMatcher runs;
    cached, as a file often has the same pair of names at many companies."""
    return could_share_enough(a, b) and close(a, b)


@lru_cache(maxsize=100_000)
def _letters(name: str) -> dict[str, int]:
    return dict(Counter(name))


def could_share_enough(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` share enough letters to be ``close`` (a necessary condition).

    The blocks SequenceMatcher matches are letters both names have, so their number is at most
    the letters in common counted with repeats (its own ``quick_ratio`` bound), in the same
    float arithmetic as the ratio.
    """
    mine, theirs = _letters(a), _letters(b)
    if len(mine) > len(theirs):
        mine, theirs = theirs, mine
    common = 0
    for letter, count in mine.items():
        other = theirs.get(letter, 0)
        common += count if count < other else other
    return 2.0 * common / (len(a) + len(b)) >= CLOSE_NAME
