"""The keys that tell two customer records apart, for the no-撞单 rule and offline imports.

Pure functions, beside the tables because migration 0011 fills ``customer.name_key`` with them:

- ``name_key``: a company name without case, spaces, punctuation and legal-form words
  (有限公司, Co., Ltd...), so "上海宏达机械有限公司" and "上海宏达机械 有限公司" agree;
- ``phone_key``: the digits of a phone number without a leading 0 or country code 86;
- ``email_key``: the address in lower case;
- ``credit_code_key``: the 统一社会信用代码 (18 characters) in upper case without spaces.
"""

from __future__ import annotations

import re
import unicodedata

# Longest first: "股份有限公司" before "有限公司" before "公司".
_LEGAL_FORMS = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "分公司",
    "公司",
    "集团",
    "corporation",
    "company",
    "limited",
    "gmbh",
    "corp",
    "inc",
    "llc",
    "ltd",
    "co",
)
_NOT_WORD = re.compile(r"[\W_]+")
_NOT_DIGIT = re.compile(r"\D")
_LEGAL_TAIL = re.compile("(?:" + "|".join(map(re.escape, _LEGAL_FORMS)) + r")\s*$")


def name_key(name: str | None) -> str:
    """ "" for no name; legal-form words are removed from the end, repeatedly."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = _NOT_WORD.sub(" ", text).strip()
    while True:
        shorter = _LEGAL_TAIL.sub("", text).strip()
        if shorter == text or not shorter:
            break
        text = shorter
    return text.replace(" ", "")


def phone_key(phone: str) -> str:
    digits = _NOT_DIGIT.sub("", unicodedata.normalize("NFKC", phone))
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) > 11:
        digits = digits[2:]
    return digits.lstrip("0")


def email_key(email: str | None) -> str:
    return (email or "").strip().casefold()


def credit_code_key(code: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", code or "")).upper()
