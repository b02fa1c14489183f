"""The domain's fixed words as the user reads and types them: lifecycle stages, call outcomes,
activity kinds, opportunity stages, MAN answers, slot kinds and satisfaction levels.

The database, ``--json`` and the code keep the English codes (``prospect``, ``no-answer``).
English shows the codes as they are, so English output is what it always was; Chinese shows
the sales practice's own words (准客户, 未接). Input accepts either, in any language, so
``crm log 宏达 --outcome 未接`` and ``--stage 准客户`` work whatever the interface speaks.

Stdlib only, no layer imports: services (to read input) and interfaces (to show words) use it.
"""

from __future__ import annotations

from crmtui.i18n import ENGLISH, language, pgettext

# The Chinese words a user may type for each code, beyond the code itself and its translation
# (the first word of each list is what the catalogue shows). Kept here, not in the catalogue,
# because input must accept them whatever the interface language.
CHINESE_INPUT: dict[str, dict[str, tuple[str, ...]]] = {
    "stage": {
        "potential": ("潜在客户", "潜在"),
        "prospect": ("准客户", "意向客户"),
        "customer": ("成交客户", "成交", "老客户"),
        "dormant": ("休眠客户", "休眠"),
        "lost": ("流失客户", "流失"),
    },
    "outcome": {
        "reached": ("接通", "已接通", "通了"),
        "no-answer": ("未接", "无人接听", "没人接"),
        "busy": ("占线", "忙线"),
        "voicemail": ("语音信箱", "留言"),
        "appointment": ("约见", "已约见", "约好见面"),
        "call-back": ("回电", "要求回电", "稍后回电"),
        "not-interested": ("无意向", "没兴趣", "不感兴趣"),
        "wrong-number": ("错号", "号码错误", "打错"),
    },
    "activity": {
        "call": ("电话",),
        "visit": ("拜访", "上门"),
        "email": ("邮件", "电子邮件"),
        "sms": ("短信",),
        "meeting": ("会议", "会面"),
        "letter": ("信函", "信"),
        "task": ("任务",),
    },
    "opportunity": {
        "lead": ("线索",),
        "qualified": ("已确认", "合格"),
        "proposal": ("方案", "报价"),
        "negotiation": ("谈判",),
        "won": ("赢单", "成交"),
        "lost": ("丢单", "输单"),
    },
    "man": {"yes": ("有", "是"), "no": ("无", "否", "没有"), "unknown": ("未知", "不清楚")},
    "slot": {"busy": ("忙碌", "忙"), "preferred": ("方便", "首选"), "do-not-call": ("勿扰",)},
}
SATISFACTION_LEVELS = {5: "很满意", 4: "满意", 3: "一般", 2: "不满意", 1: "很不满意"}


def _labels() -> dict[str, dict[str, str]]:
    """Each vocabulary's codes in the current language (msgids with a context per vocabulary)."""
    return {
        "stage": {
            "potential": pgettext("stage", "potential"),
            "prospect": pgettext("stage", "prospect"),
            "customer": pgettext("stage", "customer"),
            "dormant": pgettext("stage", "dormant"),
            "lost": pgettext("stage", "lost"),
        },
        "outcome": {
            "reached": pgettext("outcome", "reached"),
            "no-answer": pgettext("outcome", "no-answer"),
            "busy": pgettext("outcome", "busy"),
            "voicemail": pgettext("outcome", "voicemail"),
            "appointment": pgettext("outcome", "appointment"),
            "call-back": pgettext("outcome", "call-back"),
            "not-interested": pgettext("outcome", "not-interested"),
            "wrong-number": pgettext("outcome", "wrong-number"),
        },
        "activity": {
            "call": pgettext("activity", "call"),
            "visit": pgettext("activity", "visit"),
            "email": pgettext("activity", "email"),
            "sms": pgettext("activity", "sms"),
            "meeting": pgettext("activity", "meeting"),
            "letter": pgettext("activity", "letter"),
            "task": pgettext("activity", "task"),
        },
        "opportunity": {
            "lead": pgettext("opportunity stage", "lead"),
            "qualified": pgettext("opportunity stage", "qualified"),
            "proposal": pgettext("opportunity stage", "proposal"),
            "negotiation": pgettext("opportunity stage", "negotiation"),
            "won": pgettext("opportunity stage", "won"),
            "lost": pgettext("opportunity stage", "lost"),
        },
        "man": {
            "yes": pgettext("MAN", "yes"),
            "no": pgettext("MAN", "no"),
            "unknown": pgettext("MAN", "unknown"),
        },
        "slot": {
            "busy": pgettext("slot", "busy"),
            "preferred": pgettext("slot", "preferred"),
            "do-not-call": pgettext("slot", "do-not-call"),
        },
    }


def label(vocabulary: str, code: str | None) -> str:
    """``code`` of ``vocabulary`` as the user reads it (the code itself in English)."""
    if not code:
        return ""
    if language() == ENGLISH:
        return code
    return _labels().get(vocabulary, {}).get(code, code)


def from_input(vocabulary: str, text: str) -> str:
    """The code the user meant by ``text`` (a code, or a Chinese word); ``text`` unchanged when
    it is neither, so the caller's check refuses it with the list of choices."""
    typed = text.strip()
    for code, words in CHINESE_INPUT.get(vocabulary, {}).items():
        if typed in words:
            return code
    for code, shown in _labels().get(vocabulary, {}).items():
        if typed == shown:
            return code
    return text


def from_choices(options: tuple[str, ...], text: str) -> str:
    """:func:`from_input` for the vocabulary whose codes are ``options`` (any other list of
    choices leaves ``text`` as it is)."""
    wanted = set(options)
    for vocabulary, codes in CHINESE_INPUT.items():
        if set(codes) == wanted:
            return from_input(vocabulary, text)
    return text


def satisfaction(level: int | None) -> str:
    """``4`` / ``4 满意``: the level with its word in Chinese (1 很不满意 ... 5 很满意)."""
    if level is None:
        return ""
    if language() == ENGLISH:
        return str(level)
    return f"{level} {SATISFACTION_LEVELS.get(level, '')}".strip()


def man(money: str | None, authority: str | None, need: str | None) -> str:
    """The MAN qualification in one line: ``money yes, authority unknown, need yes`` /
    ``购买能力 有，决定权 未知，需求 有``."""
    return pgettext("MAN", "money {money}, authority {authority}, need {need}").format(
        money=label("man", money), authority=label("man", authority), need=label("man", need)
    )
