"""After-sale rules with no database and no clock: the six complaint steps and the status they
give, the five satisfaction levels, the choices a complaint or a service takes, service intervals.

The six steps follow the sales practice crmtui is built on: let the customer vent, apologise,
gather the facts, offer a solution, ask what they would accept when still unhappy, follow up.
Steps are recorded in order; step 5 may be skipped (the customer accepted the solution), and the
current step may be recorded again (more facts, a better offer). A reopen starts a new round
whose first entry (the customer's words again) counts as step 1.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from crmtui import numbers
from crmtui.errors import InvalidInput
from crmtui.i18n import N_, translate

# code: Chinese (and other) words accepted for it on input
CHANNELS: dict[str, tuple[str, ...]] = {
    "call": ("电话", "phone"),
    "visit": ("拜访", "上门"),
    "email": ("邮件", "e-mail"),
    "sms": ("短信",),
    "letter": ("信函", "信"),
    "online": ("网上", "在线", "web"),
}
CATEGORIES: dict[str, tuple[str, ...]] = {
    "quality": ("质量",),
    "delivery": ("交货", "送货", "物流"),
    "price": ("价格",),
    "service": ("服务",),
    "attitude": ("态度",),
    "other": ("其他", "其它"),
}
SEVERITIES: dict[str, tuple[str, ...]] = {
    "low": ("低",),
    "normal": ("一般", "中"),
    "high": ("高", "严重"),
    "critical": ("紧急", "危急"),
}
SERVICE_KINDS: dict[str, tuple[str, ...]] = {
    "maintenance": ("保养", "维护", "维修"),
    "inspection": ("检查", "巡检"),
    "training": ("培训",),
    "seasonal-visit": ("季节回访", "回访", "seasonal"),
}
SEVERITY_ORDER = {"critical": 0, "high": 1, "normal": 2, "low": 3}
SHOWN_ON_DESKTOP = ("high", "critical")

# level: (English name, Chinese name); 5 is best
LEVELS: dict[int, tuple[str, str]] = {
    5: (N_("very satisfied"), "很满意"),
    4: (N_("satisfied"), "满意"),
    3: (N_("fairly satisfied"), "基本满意"),
    2: (N_("dissatisfied"), "不满意"),
    1: (N_("very dissatisfied"), "很不满意"),
}
UNHAPPY = 2  # dissatisfied or worse

STEP_NAMES: dict[int, str] = {
    1: N_("let the customer vent"),
    2: N_("apologise and show you understand"),
    3: N_("gather the facts"),
    4: N_("offer a solution"),
    5: N_("ask what they would accept"),
    6: N_("follow up"),
}
# The practice's guidance for each step, one line each (the complaint form shows it).
STEP_GUIDANCE: dict[int, str] = {
    1: N_("Listen without interrupting; write down what the customer said, in their words."),
    2: N_("Apologise for the trouble and say back what went wrong, so they know you understand."),
    3: N_("Find the cause: which product or order, what happened, what evidence there is."),
    4: N_("Say what you will do, by when, and any compensation; note the promised date."),
    5: N_("Still unhappy? Ask what they would accept, and note their own words."),
    6: N_("After the promised date, call to check it was done and how satisfied they are."),
}
STATUSES = (
    "open",
    "acknowledged",
    "investigating",
    "solution-offered",
    "following-up",
    "closed",
    "closed-unresolved",
)
CLOSED = ("closed", "closed-unresolved")
_STATUS_OF_STEP = {
    1: "open",
    2: "acknowledged",
    3: "investigating",
    4: "solution-offered",
    5: "solution-offered",
    6: "following-up",
}
# Entry kinds of complaint_step: a step, a close (resolved or not), a reopen.
STEP, CLOSE, UNRESOLVED, REOPEN = "step", "closed", "unresolved", "reopened"

# The words shown for the codes above (statuses, severities, kinds...), translated when shown.
WORDS: dict[str, str] = {
    "open": N_("open"),
    "acknowledged": N_("acknowledged"),
    "investigating": N_("investigating"),
    "solution-offered": N_("solution offered"),
    "following-up": N_("following up"),
    "closed": N_("closed"),
    "closed-unresolved": N_("closed, unresolved"),
    "unresolved": N_("closed, unresolved"),
    "reopened": N_("reopened"),
    "low": N_("low"),
    "normal": N_("normal"),
    "high": N_("high"),
    "critical": N_("critical"),
    "quality": N_("quality"),
    "delivery": N_("delivery"),
    "price": N_("price"),
    "service": N_("service"),
    "attitude": N_("attitude"),
    "other": N_("other"),
    "call": N_("call"),
    "visit": N_("visit"),
    "email": N_("email"),
    "sms": N_("SMS"),
    "letter": N_("letter"),
    "online": N_("online"),
    "maintenance": N_("maintenance"),
    "inspection": N_("inspection"),
    "training": N_("training"),
    "seasonal-visit": N_("seasonal visit"),
    "complaint": N_("complaint"),
    "profile": N_("profile edit"),
}


def word(code: str) -> str:
    """The word for an after-sale code in the user's language (the code itself if unknown)."""
    return translate(WORDS[code]) if code in WORDS else code


def step_name(step: int) -> str:
    """``4. offer a solution`` in the user's language."""
    return f"{step}. {translate(STEP_NAMES[step])}"


def guidance(step: int) -> str:
    """The practice's one-line guidance for ``step``, in the user's language."""
    return translate(STEP_GUIDANCE[step])


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold().replace("_", "-")


def pick(value: str | None, table: Mapping[str, Iterable[str]], label: str) -> str | None:
    """The code ``value`` names: the code itself or one of its other words, any case."""
    if value is None:
        return None
    wanted = _plain(value).replace(" ", "-")
    for code, words in table.items():
        if wanted == code or wanted in {_plain(w).replace(" ", "-") for w in words}:
            return code
    raise InvalidInput(
        "unknown-choice", field=label, label=label, value=value, choices=tuple(table)
    )


def parse_level(value: str | int) -> int:
    """A satisfaction level from 1-5, its English name or its Chinese name."""
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    else:
        text = str(value)
    plain = _plain(text).replace("-", " ")
    plain = re.sub(r"\s+", " ", plain)
    if plain.isdigit():
        return numbers.whole(plain, "satisfaction", 1, 5)
    for level, (english, chinese) in LEVELS.items():
        if plain in (english, chinese):
            return level
    raise InvalidInput("unknown-satisfaction-level", field="satisfaction", text=text)


def level_name(level: int | None) -> str:
    """The level's English name (``satisfied``), as JSON carries it."""
    if level is None:
        return ""
    return LEVELS[level][0]


def level_word(level: int) -> str:
    """The level's name in the user's language (``dissatisfied`` / ``不满意``)."""
    return translate(LEVELS[level][0])


def level_label(level: int | None) -> str:
    """``4 satisfied 满意``: number, name in the user's language, and the Chinese name."""
    if level is None:
        return ""
    english, chinese = LEVELS[level]
    shown = translate(english)
    return f"{level} {shown}" if shown == chinese else f"{level} {shown} {chinese}"


def is_drop(previous: int | None, level: int) -> bool:
    """A rating that calls for a follow-up call: dissatisfied or worse, and lower than before
    (a first rating that is already unhappy counts)."""
    return level <= UNHAPPY and (previous is None or previous > level)


@dataclass(frozen=True)
class Entry:
    """A complaint entry as the rules see it."""

    kind: str
    step: int | None = None


@dataclass(frozen=True)
class Progress:
    """Where a complaint stands: its status and the step of the current round."""

    status: str
    step: int


def progress(entries: Iterable[Entry]) -> Progress:
    """The status the entries give, in their order."""
    status, step = "open", 1
    for entry in entries:
        if entry.kind == REOPEN:
            status, step = "open", 1
        elif entry.kind == STEP and entry.step is not None:
            step = entry.step
            status = _STATUS_OF_STEP[step]
        elif entry.kind == CLOSE:
            status = "closed"
        elif entry.kind == UNRESOLVED:
            status = "closed-unresolved"
    return Progress(status, step)


def check_step(complaint_id: int, now_at: Progress, step: int) -> None:
    """Refuse a step out of order (or on a closed complaint)."""
    if not 1 <= step <= 6:
        raise InvalidInput("complaint-step-range", field="step", step=step)
    if now_at.status in CLOSED:
        raise InvalidInput("complaint-is-closed", field="step", id=complaint_id)
    current = now_at.step
    if step == current or step == current + 1 or (step == 6 and current == 4):
        return
    if step < current:
        raise InvalidInput(
            "complaint-step-behind", field="step", id=complaint_id, step=step, current=current
        )
    raise InvalidInput(
        "complaint-step-too-early", field="step", id=complaint_id, step=step, needed=current + 1
    )


def close_kind(level: int | None, *, unresolved: bool) -> str:
    """How a close is recorded: a level is required; an unhappy customer leaves it unresolved."""
    if level is None:
        raise InvalidInput("complaint-close-needs-satisfaction", field="satisfaction")
    return UNRESOLVED if unresolved or level <= UNHAPPY else CLOSE


_EVERY = re.compile(r"([0-9]+)\s*(d|days?|天|m|months?|个月|月|w|weeks?|周|y|years?|年)")
_UNITS = {"d": ("d", 1), "w": ("d", 7), "m": ("m", 1), "y": ("m", 12)}
_UNIT_WORDS = {"天": "d", "周": "w", "个月": "m", "月": "m", "年": "y"}
EVERY_MAX = {"d": 3650, "m": 120}


def parse_every(text: str) -> tuple[int, str]:
    """A service interval: ``6m``, ``90d``, ``2w``, ``1y``, ``6个月`` → (count, ``d``|``m``)."""
    plain = _plain(text).replace(" ", "")
    found = _EVERY.fullmatch(plain)
    if found is None:
        raise InvalidInput("service-every-unreadable", field="every", text=text)
    count_text, unit_text = found.groups()
    unit, factor = _UNITS[_UNIT_WORDS.get(unit_text, unit_text[0])]
    count = int(count_text) * factor
    if count < 1:
        raise InvalidInput("service-every-zero", field="every", text=text)
    return numbers.whole(count, "--every", 1, EVERY_MAX[unit]), unit


def every_label(count: int, unit: str) -> str:
    """``6m`` / ``90d``: the interval as typed."""
    return f"{count}{unit}"
