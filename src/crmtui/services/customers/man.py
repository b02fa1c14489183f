"""MAN qualification advice: Money, Authority, Need, each yes, no or unknown.

The sales practice's advice for the eight combinations (upper case yes, lower case no):
M+A+N ideal, go for it; M+A+n reachable with strong selling; M+a+N find the person with
authority; m+A+N check their business and credit, consider financing terms; m+a+N, m+A+n,
M+a+n reachable, nurture over time until the missing conditions appear; m+a+n not a
customer, stop. With unknown flags the advice is the one every answer would lead to, when
they all agree; otherwise: find out the unknown ones first. Pure: no database, no clock.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import product
from typing import TypedDict

from crmtui.i18n import N_

ADVICE = {
    "ideal": N_("ideal customer: go for it"),
    "strong-selling": N_("reachable with strong selling: build the need"),
    "find-authority": N_("find the person with authority to decide"),
    "check-credit": N_("check their business and credit; consider financing terms"),
    "nurture": N_("reachable: nurture over time until the missing conditions appear"),
    "stop": N_("not a customer: stop here"),
    "find-out": N_("find out first: {unknown}"),
}
QUESTIONS = {
    "money": N_("money (can they pay?)"),
    "authority": N_("authority (who decides?)"),
    "need": N_("need (do they need it?)"),
}
_BY_FLAGS = {
    (True, True, True): "ideal",
    (True, True, False): "strong-selling",
    (True, False, True): "find-authority",
    (False, True, True): "check-credit",
    (False, False, True): "nurture",
    (False, True, False): "nurture",
    (True, False, False): "nurture",
    (False, False, False): "stop",
}


class ManAdvice(TypedDict):
    """``pattern`` as the query language writes it (``MAn``, ``?A?``), the advice's code, the
    unknown flags to find out (in MAN order) and the English advice (translated when shown)."""

    pattern: str
    code: str
    unknown: list[str]
    advice: str


def pattern(money: str, authority: str, need: str) -> str:
    """``MAn``: upper case yes, lower case no, ``?`` unknown."""
    return "".join(
        "?" if value not in ("yes", "no") else letter if value == "yes" else letter.lower()
        for letter, value in zip("MAN", (money, authority, need), strict=True)
    )


def man_advice(money: str, authority: str, need: str) -> ManAdvice:
    """The advice for one customer's three MAN flags."""
    flags = {"money": money, "authority": authority, "need": need}
    unknown = [k for k, v in flags.items() if v not in ("yes", "no")]
    choices = [(v == "yes",) if v in ("yes", "no") else (True, False) for v in flags.values()]
    codes = {_BY_FLAGS[(m, a, n)] for m, a, n in product(*choices)}
    code = codes.pop() if len(codes) == 1 else "find-out"
    advice = ManAdvice(
        pattern=pattern(money, authority, need), code=code, unknown=unknown, advice=""
    )
    advice["advice"] = advice_text(advice)
    return advice


def advice_text(advice: ManAdvice, translate: Callable[[str], str] | None = None) -> str:
    """The advice in words; ``translate`` is the UI's ``_`` (English without it)."""
    tr = translate or (lambda s: s)
    questions = ", ".join(tr(QUESTIONS[k]) for k in advice["unknown"])
    return tr(ADVICE[advice["code"]]).format(unknown=questions)
