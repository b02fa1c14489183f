"""MAN advice for the eight combinations and for unknown flags, in crm show and on the card."""

from __future__ import annotations

from typing import Any

import pytest

from crmtui.services.customers.man import man_advice
from tests.cli_runner import crm, crm_json
from tests.helpers import add_customer

YN = {"M": "yes", "m": "no"}


@pytest.mark.parametrize(
    ("flags", "code", "words"),
    [
        ("MAN", "ideal", "ideal customer: go for it"),
        ("MAn", "strong-selling", "reachable with strong selling"),
        ("MaN", "find-authority", "find the person with authority"),
        ("mAN", "check-credit", "check their business and credit; consider financing terms"),
        ("maN", "nurture", "nurture over time until the missing conditions appear"),
        ("mAn", "nurture", "nurture over time"),
        ("Man", "nurture", "nurture over time"),
        ("man", "stop", "not a customer: stop"),
    ],
)
def test_the_eight_combinations(flags: str, code: str, words: str) -> None:
    money, authority, need = ("yes" if c.isupper() else "no" for c in flags)
    advice = man_advice(money, authority, need)
    assert advice["pattern"] == flags
    assert advice["code"] == code
    assert words in advice["advice"]
    assert advice["unknown"] == []


@pytest.mark.parametrize(
    ("flags", "code", "unknown"),
    [
        (("unknown", "unknown", "unknown"), "find-out", ["money", "authority", "need"]),
        (("yes", "yes", "unknown"), "find-out", ["need"]),
        (("no", "unknown", "no"), "find-out", ["authority"]),  # stop or nurture
        (("yes", "no", "unknown"), "find-out", ["need"]),  # find authority or nurture
        (("no", "no", "unknown"), "find-out", ["need"]),  # nurture or stop
    ],
)
def test_unknown_flags_say_what_to_find_out(
    flags: tuple[str, str, str], code: str, unknown: list[str]
) -> None:
    advice = man_advice(*flags)
    assert advice["code"] == code
    assert advice["unknown"] == unknown
    assert advice["pattern"].count("?") == len(unknown)
    assert advice["advice"].startswith("find out first: ")
    for name in unknown:
        assert name in advice["advice"]


def test_one_unknown_flag_always_matters() -> None:
    """In the practice's table no flag is ever irrelevant: with one unknown, its two answers
    always lead to different advice, so it is always asked."""
    for known in ("yes", "no"):
        for other in ("yes", "no"):
            for flags in ((known, other, "unknown"), (known, "unknown", other)):
                assert man_advice(*flags)["code"] == "find-out", flags
            assert man_advice("unknown", known, other)["code"] == "find-out"


def test_crm_show_and_json_carry_the_advice(db: Any) -> None:
    cid = add_customer(db, "宏达", man_money="yes", man_authority="no", man_need="yes")
    card = crm_json("show", str(cid))
    assert card["man"]["pattern"] == "MaN"
    assert card["man"]["code"] == "find-authority"
    out = crm("show", str(cid)).stdout
    assert "(MaN) find the person with authority to decide" in out


def test_the_card_shows_the_advice() -> None:
    from datetime import UTC, datetime

    from crmtui.widgets.card_text import header_text

    card = {
        "name": "x",
        "id": 1,
        "stage": "potential",
        "grade": None,
        "man": man_advice("no", "yes", "yes"),
        "phones": [],
        "timezone": None,
        "country": None,
        "days_since_contact": None,
        "next_action": None,
    }
    text = header_text(card, datetime(2026, 11, 23, tzinfo=UTC), UTC).plain
    assert "mAN: check their business and credit; consider financing terms" in text
