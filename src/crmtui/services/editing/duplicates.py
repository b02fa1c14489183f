"""Finding customers that are probably the same one entered twice.

Two live customers are a likely pair when they share a phone number (compared on its digits,
so ``+86 138 1234 5678`` and ``13812345678`` match) or an email address — their contacts' count
too — or when their names are close (``rapidfuzz``) in the same city. Chinese names are also
compared by their pinyin, which catches a homophone typed with another character (章伟/张伟).
Read-only: it works on the lean reader, and ``crm merge`` does the rest.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations
from typing import Any

from crmtui.db.reader import Reader
from crmtui.services.editing.types import DuplicatePair

NAME_THRESHOLD = 85  # rapidfuzz ratio (0-100) of two normalised names in the same city
PINYIN_THRESHOLD = 92  # stricter: many different characters share a pinyin syllable

# Legal-form words that say nothing about which company it is.
_SUFFIXES = re.compile(
    r"(股份有限公司|有限责任公司|有限公司|集团|公司|co\.?|ltd\.?|limited|inc\.?|llc|gmbh|corp\.?)",
    re.IGNORECASE,
)
_NOISE = re.compile(r"[\W_]+", re.UNICODE)
_CITY_SUFFIX = re.compile(r"(市|city)$", re.IGNORECASE)


def phone_key(phone: str) -> str | None:
    """The digits that identify a number: its last ten, so a country prefix does not matter."""
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", phone))
    if digits.startswith("00"):
        digits = digits[2:]
    return digits[-10:] if len(digits) >= 7 else None


def name_key(name: str) -> str:
    """A name without case, spacing, punctuation or legal-form words."""
    text = unicodedata.normalize("NFKC", name).casefold()
    stripped = _NOISE.sub("", _SUFFIXES.sub("", text))
    return stripped or _NOISE.sub("", text)


def city_key(city: str | None) -> str:
    if not city:
        return ""
    return _CITY_SUFFIX.sub("", unicodedata.normalize("NFKC", city).strip().casefold()).strip()


def _pinyin(text: str) -> str:
    if not any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return ""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text, errors="ignore")).lower()


def find_duplicates(reader: Reader) -> list[DuplicatePair]:
    """Likely duplicate pairs, most certain first, each with the reasons it was picked."""
    customers = {
        int(r["id"]): dict(r)
        for r in reader.rows(
            "SELECT id, name, city, phones, email FROM customer WHERE deleted_at IS NULL"
        )
    }
    reasons: dict[tuple[int, int], list[str]] = defaultdict(list)
    scores: dict[tuple[int, int], int] = defaultdict(int)

    def note(ids: Iterable[int], reason: str, score: int) -> None:
        for a, b in combinations(sorted(set(ids)), 2):
            if reason not in reasons[(a, b)]:
                reasons[(a, b)].append(reason)
            scores[(a, b)] = max(scores[(a, b)], score)

    by_phone: dict[str, set[int]] = defaultdict(set)
    by_email: dict[str, set[int]] = defaultdict(set)
    shown: dict[str, str] = {}
    contacts = reader.rows(
        "SELECT customer_id, phones, email FROM contact WHERE deleted_at IS NULL"
    )
    owners = [(cid, c["phones"], c["email"]) for cid, c in customers.items()]
    owners += [(int(p["customer_id"]), p["phones"], p["email"]) for p in contacts]
    for cid, phones, email in owners:
        if cid not in customers:
            continue
        for phone in json.loads(phones) if isinstance(phones, str) else phones or []:
            key = phone_key(phone)
            if key:
                by_phone[key].add(cid)
                shown.setdefault(key, phone)
        if email and email.strip():
            by_email[email.strip().casefold()].add(cid)
    for key, ids in by_phone.items():
        note(ids, f"same phone {shown[key]}", 100)
    for address, ids in by_email.items():
        note(ids, f"same email {address}", 100)

    by_city: dict[str, list[int]] = defaultdict(list)
    for cid, c in customers.items():
        city = city_key(c["city"])
        if city:
            by_city[city].append(cid)
    _close_names(customers, by_city, note)

    pairs = sorted(reasons, key=lambda p: (-scores[p], p))
    return [
        {
            "customers": [
                {"id": i, "name": customers[i]["name"], "city": customers[i]["city"]} for i in p
            ],
            "reasons": reasons[p],
            "score": scores[p],
        }
        for p in pairs
    ]


def _close_names(
    customers: dict[int, dict[str, Any]], by_city: dict[str, list[int]], note: Any
) -> None:
    from rapidfuzz import fuzz

    for ids in by_city.values():
        if len(ids) < 2:
            continue
        keys = {i: name_key(customers[i]["name"]) for i in ids}
        sounds = {i: _pinyin(keys[i]) for i in ids}
        for a, b in combinations(sorted(ids), 2):
            city = customers[a]["city"]
            ratio = round(fuzz.ratio(keys[a], keys[b]))
            if ratio >= NAME_THRESHOLD:
                note((a, b), f"similar name ({ratio}%) in {city}", ratio)
                continue
            if sounds[a] and sounds[b]:
                spoken = round(fuzz.ratio(sounds[a], sounds[b]))
                if spoken >= PINYIN_THRESHOLD:
                    note((a, b), f"similar pinyin ({spoken}%) in {city}", spoken - 5)
