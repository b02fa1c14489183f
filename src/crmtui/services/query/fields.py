"""The whitelist: every field a customer query may name, its Chinese aliases and its kind.

A field not listed here cannot be queried; the compiler maps each one to a column (or a fixed
sub-query) it defines itself. Values with a fixed vocabulary accept the Chinese words too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crmtui.db.constants import GRADES, MOTIVES, STAGES


@dataclass(frozen=True)
class Field:
    """A queryable field.

    ``kind`` says how a value is read: ``text`` (equal, case-insensitive; ``*`` for any run of
    characters), ``contains`` (a part of it), ``enum`` (one of ``choices``), ``number``,
    ``money`` (whole units, stored as minor units), ``instant`` (an age or a date), ``man``
    (``MAn``: upper case yes, lower case no, ``?`` unknown), ``tag``, ``is`` (virtual terms),
    ``sort`` and ``limit`` (not conditions: they shape the result).
    """

    name: str
    kind: str
    column: str | None = None
    aliases: tuple[str, ...] = ()
    choices: dict[str, str] = field(default_factory=dict)
    nullable: bool = True
    # last contact: "never" counts as older than any age, so last:>14d finds the never-called
    null_is_oldest: bool = False


def _choices(values: tuple[str, ...], chinese: dict[str, str]) -> dict[str, str]:
    return {v.casefold(): v for v in values} | chinese


STAGE_WORDS = _choices(
    STAGES,
    {
        "潜在": "potential",
        "潜在客户": "potential",
        "准客户": "prospect",
        "成交": "customer",
        "成交客户": "customer",
        "客户": "customer",
        "休眠": "dormant",
        "流失": "lost",
    },
)
# N is "no grade" (never graded, or no sales when the 80/20 suggestion was applied)
GRADE_WORDS = _choices((*GRADES, "N"), {})
MAN_WORDS = {
    "yes": "yes",
    "no": "no",
    "unknown": "unknown",
    "是": "yes",
    "否": "no",
    "?": "unknown",
}
MAN_WORDS |= {"有": "yes", "无": "no", "未知": "unknown", "y": "yes", "n": "no"}

VIRTUAL = {
    "overdue": "overdue",
    "逾期": "overdue",
    "birthday-week": "birthday-week",
    "生日": "birthday-week",
    "no-order-90d": "no-order-90d",
    "open-deal": "open-deal",
    "在谈": "open-deal",
    "person": "person",
    "个人": "person",
    "company": "company",
    "公司": "company",
    "locked": "locked",
    "锁定": "locked",
}

CUSTOMER_FIELDS: tuple[Field, ...] = (
    Field("id", "number", "id", ("编号",), nullable=False),
    Field("name", "contains", "name", ("名称", "名字", "客户名"), nullable=False),
    Field("company", "contains", "company_name", ("公司名",)),
    Field("city", "text", "city", ("城市",)),
    Field("country", "text", "country", ("国家",)),
    Field("industry", "text", "industry", ("行业",)),
    Field("source", "text", "source", ("来源",)),
    Field("email", "contains", "email", ("邮箱", "邮件")),
    Field("stage", "enum", "stage", ("阶段", "状态"), STAGE_WORDS, nullable=False),
    Field("grade", "enum", "grade", ("等级", "级别"), GRADE_WORDS),
    Field("motive", "enum", "motive", ("动机",), _choices(MOTIVES, {})),
    Field("money", "enum", "man_money", ("资金",), MAN_WORDS, nullable=False),
    Field("authority", "enum", "man_authority", ("决策权",), MAN_WORDS, nullable=False),
    Field("need", "enum", "man_need", ("需求",), MAN_WORDS, nullable=False),
    Field("man", "man", None, ("资格",), nullable=False),
    Field("satisfaction", "number", "satisfaction", ("满意度",)),
    Field("credit", "money", "credit_limit", ("信用额度", "额度")),
    Field("credit-days", "number", "credit_days", ("信用天数", "账期")),
    Field("created", "instant", "created_at", ("创建", "创建时间"), nullable=False),
    Field("updated", "instant", "updated_at", ("更新", "更新时间"), nullable=False),
    Field("last", "instant", "last_contact_at", ("联系", "最近联系"), null_is_oldest=True),
    Field("tag", "tag", None, ("标签",), nullable=False),
    Field("is", "is", None, ("是",), VIRTUAL, nullable=False),
    Field("sort", "sort", None, ("排序",)),
    Field("limit", "limit", None, ("条数", "限制")),
)

# sort:NAME, "-" before it for descending
CUSTOMER_SORTS = {
    "name": "sort_key",
    "名称": "sort_key",
    "created": "created_at",
    "创建": "created_at",
    "updated": "updated_at",
    "更新": "updated_at",
    "last": "last_contact_at",
    "联系": "last_contact_at",
    "grade": "grade",
    "等级": "grade",
    "city": "city",
    "城市": "city",
    "satisfaction": "satisfaction",
    "满意度": "satisfaction",
    "credit": "credit_limit",
    "id": "id",
}


def by_name(fields: tuple[Field, ...]) -> dict[str, Field]:
    """Every name a field answers to (English, case-folded, and its Chinese aliases)."""
    out: dict[str, Field] = {}
    for f in fields:
        for key in (f.name, *f.aliases):
            out[key.casefold()] = f
    return out


def names(fields: tuple[Field, ...]) -> list[str]:
    """The English field names, for "allowed: ..." in messages."""
    return [f.name for f in fields]
