"""The fast paths of ``crm import`` decide and store exactly what the per-row rules do.

The duplicate check finds a contact's close name through a per-company index instead of
comparing it with every colleague, and pinyin comes word by word from a cache; both must give
the answers of the plain rules: a pairwise scan in order, and ``pypinyin.lazy_pinyin``.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmtui.services.importing.matching import Entity
from crmtui.services.importing.names_at import (
    NamesAt,
    close,
    close_lengths,
    could_be_close,
    could_share_enough,
    letter_bits,
    most_unshared,
)

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def _pairwise(names: list[tuple[str, Entity]], name: str) -> tuple[str, Entity] | None:
    """The rule as written: the first colleague, in the order they were added, close to name."""
    for other, entity in names:
        if close(name, other):
            return other, entity
    return None


def _indexed(names: list[tuple[str, Entity]]) -> NamesAt:
    index = NamesAt()
    for name, entity in names:
        index.add(name, entity)
    return index


# short and long names over a small alphabet, so that equal, close and far names all occur
_NAME = st.text(alphabet="abcde12王李", min_size=0, max_size=14)


@settings(max_examples=300, deadline=None)
@given(st.lists(_NAME, max_size=25), st.lists(_NAME, min_size=1, max_size=10))
def test_the_name_index_finds_what_a_scan_in_order_finds(added, asked):
    names = [(n, Entity(-i - 1, "contact", n)) for i, n in enumerate(added)]
    index = _indexed(names)
    for name in asked + added:
        assert index.first_close(name) == _pairwise(names, name), name


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet="abcdeqxyz12王李張", max_size=16),
    st.text(alphabet="abcdeqxyz12王李張", max_size=16),
)
def test_the_letter_bits_refuse_only_pairs_that_cannot_be_close(a, b):
    """The one-XOR filter is a necessary condition of the letter count it stands in front of."""
    if a != b and could_share_enough(a, b):
        assert (letter_bits(a) ^ letter_bits(b)).bit_count() <= most_unshared(len(a) + len(b))
    if a != b and could_be_close(len(a), len(b)):
        assert len(b) in dict(close_lengths(len(a)))


def test_the_name_index_on_typos_of_long_names():
    rng = random.Random(18)
    base = ["michaelsmith", "jenniferhall", "zhangweiming", "分店12号仓库管理员", "robertjohnson"]
    names: list[tuple[str, Entity]] = []
    for i in range(400):
        word = list(rng.choice(base))
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            at = rng.randrange(len(word))
            word[at : at + 1] = rng.choice([[], [rng.choice("abxyz19")], [word[at], "q"]])
        names.append(("".join(word), Entity(-i - 1, "contact", "".join(word))))
    index, seen = NamesAt(), []
    matched = 0
    for name, entity in names:
        # what the import does: ask about a row among the rows before it, then add it
        found = index.first_close(name)
        assert found == _pairwise(seen, name), name
        matched += found is not None and found[0] != name
        index.add(name, entity)
        seen.append((name, entity))
    assert matched > 20  # typos were found close, not only equal names


def _mixed_sheet(path: Path) -> Path:
    """Rows that hit every rule: same and close names at one company, colleagues sharing a
    switchboard, the same phone written two ways, the same email, numbered branches, people
    without a company, and companies named twice."""
    rng = random.Random(7)
    lines = ["Name,Company,Mobile,Phone,Email,City"]
    people = ["Michael Smith", "Micheal Smith", "Michael Smyth", "Jennifer Hall", "Jenifer Hall"]
    people += ["王伟", "王玮", "张伟明", "张伟鸣", "李娜", "Store Manager 1", "Store Manager 2"]
    companies = ["Acme Tools", "ACME Tools", "宏达机械有限公司", "Beacon Foods", "分店1", "分店2"]
    for i in range(600):
        name = rng.choice(people)
        company = rng.choice(companies + [""])
        mobile = rng.choice(
            ["", f"+86 138 0013 {8000 + i % 37:04d}", f"1380013{8000 + i % 37:04d}"]
        )
        phone = rng.choice(["", "+86 21 5555 0101", "021 5555 0101 ext 12"])
        email = rng.choice(["", f"p{i % 53}@example.com", f"P{i % 53}@Example.com"])
        lines.append(f"{name},{company},{mobile},{phone},{email},上海")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _decisions(db, path: Path, on_duplicate: str | None):
    from crmtui.services.importing.run import import_file

    result = import_file(db, path, now=NOW, dry_run=True, on_duplicate=on_duplicate)
    return (
        result.added_customers,
        result.added_contacts,
        result.updated,
        result.duplicates,
        result.skipped,
        result.errors,
    )


@pytest.mark.both_backends
def test_a_mixed_file_gets_the_decisions_of_the_pairwise_rules(db, isolated, monkeypatch):
    from tests.helpers import add_contact, add_customer

    acme = add_customer(db, "Acme Tools", phones=["+1 212 555 0100"])
    add_contact(db, acme, "Micheal Smith", email="p3@example.com")
    sheet = _mixed_sheet(isolated / "mixed.csv")
    fast = {mode: _decisions(db, sheet, mode) for mode in (None, "skip", "update", "add")}
    assert any(d["reason"].startswith("close name") for d in fast["add"][3])
    assert any(d["reason"].startswith("same name") for d in fast["add"][3])

    def scan(self: NamesAt, name: str) -> tuple[str, Entity] | None:
        return _pairwise([(n, e) for n, (_, e) in self._first.items()], name)

    monkeypatch.setattr(NamesAt, "first_close", scan)
    for mode, decided in fast.items():
        assert _decisions(db, sheet, mode) == decided, mode


_TEXTS = [
    "重庆长安汽车",
    "银行行长",
    "长沙长城",
    "单于",
    "曾经的曾先生",
    "朝阳区朝阳门",
    "Café 北京 №1",
    "王 li 2号",
    "ａｂｃ全角",
    "〇一二",
    "😀张三",
    "𠀀先生",
    "A-1 重庆",
    "长 长 长",
    "上海恒通医疗器械有限公司",
    "",
    " ",
]


def test_cached_pinyin_equals_lazy_pinyin():
    from pypinyin import lazy_pinyin

    from crmtui.services.common.pinyin import syllables
    from crmtui.services.demo.words import CN_TRADE_NAMES, GIVEN, SURNAMES

    texts = _TEXTS + [s + g for s in SURNAMES[:30] for g in GIVEN[:8]] + list(CN_TRADE_NAMES)
    for text in texts * 2:  # the second round is answered from the cache
        assert syllables(text) == lazy_pinyin(text, errors="ignore"), text
        assert syllables(text, keep_other=True) == lazy_pinyin(text, errors=lambda o: o), text


def test_sort_key_is_what_it_was():
    import unicodedata

    from pypinyin import lazy_pinyin

    from crmtui.db.search_text import has_cjk
    from crmtui.services.common.names import normalise_name, sort_key

    def reference(name: str) -> str:
        text = unicodedata.normalize("NFKC", normalise_name(name)).casefold()
        if not has_cjk(text):
            return text
        return "".join(lazy_pinyin(text, errors=lambda other: other)).casefold()

    for text in [*_TEXTS, "北京", "上海 Branch", "Zoë"]:
        assert sort_key(text) == reference(text), text
