"""What a query may run over: customers, contacts, opportunities, orders and activities.

Each target has its own whitelist of fields (with Chinese aliases) and sort keys; the SQL each
field and virtual term stands for is in ``sources.py``. ``customer:`` on the other targets
matches the name of the customer a row belongs to; bare words search as ``crm customers
--search`` does (and, for contacts, the contact's own name and pinyin).
"""

from __future__ import annotations

from dataclasses import dataclass

from crmtui.db.constants import ACTIVITY_KINDS, OPP_STAGES, OUTCOMES
from crmtui.errors import InvalidInput
from crmtui.services.query.fields import (
    CUSTOMER_FIELDS,
    CUSTOMER_SORTS,
    Field,
    _choices,
)
from crmtui.services.query.text import clip

ORDER_STATUSES = ("draft", "confirmed", "shipped", "delivered", "cancelled")


@dataclass(frozen=True)
class Target:
    name: str  # customers, contacts, opportunities, orders, activities
    fields: tuple[Field, ...]
    sorts: dict[str, str]  # sort:NAME → column


def _is(words: dict[str, tuple[str, ...]]) -> Field:
    """The virtual terms ``is:NAME`` of a target: each name with its Chinese words."""
    choices = {name: name for name in words}
    choices |= {word: name for name, said in words.items() for word in said}
    return Field("is", "is", None, ("是",), choices, nullable=False)


def _common(*extra: Field) -> tuple[Field, ...]:
    """The id, the customer's name, the time stamps, then sort and limit."""
    return (
        Field("id", "number", "id", ("编号",), nullable=False),
        Field("customer", "customer", None, ("客户",), nullable=False),
        *extra,
        Field("created", "instant", "created_at", ("创建", "创建时间"), nullable=False),
        Field("updated", "instant", "updated_at", ("更新", "更新时间"), nullable=False),
        Field("sort", "sort", None, ("排序",)),
        Field("limit", "limit", None, ("条数", "限制")),
    )


_SORTS = {"id": "id", "created": "created_at", "创建": "created_at"} | {
    "updated": "updated_at",
    "更新": "updated_at",
}

CONTACT_FIELDS = _common(
    Field("name", "contains", "name", ("姓名", "名字", "联系人"), nullable=False),
    Field("role", "contains", "role", ("职务", "职位", "角色")),
    Field("email", "contains", "email", ("邮箱", "邮件")),
    Field("timezone", "text", "timezone", ("时区",)),
    _is(
        {
            "decision-maker": ("决策人",),
            "birthday-week": ("生日",),
        }
    ),
)
CONTACT_SORTS = _SORTS | {"name": "name", "姓名": "name"}

OPP_STAGE_WORDS = _choices(
    OPP_STAGES,
    {
        "线索": "lead",
        "已确认": "qualified",
        "方案": "proposal",
        "谈判": "negotiation",
        "赢单": "won",
        "成交": "won",
        "输单": "lost",
        "丢单": "lost",
    },
)
OPPORTUNITY_FIELDS = _common(
    Field("title", "contains", "title", ("标题", "名称"), nullable=False),
    Field("stage", "enum", "stage", ("阶段",), OPP_STAGE_WORDS, nullable=False),
    Field("amount", "money", "amount", ("金额",), nullable=False),
    Field("currency", "text", "currency", ("币种",), nullable=False),
    Field("expected", "day", "expected_close", ("预计成交", "预计")),
    Field("closed", "instant", "closed_at", ("关闭", "结束")),
    Field("competitor", "contains", "competitor", ("竞争对手", "对手")),
    Field("reason", "contains", "lost_reason", ("原因", "输单原因")),
    Field("next", "contains", "next_step", ("下一步",)),
    _is(
        {
            "open": ("在谈",),
            "won": ("赢单",),
            "lost": ("输单",),
            "overdue": ("逾期",),
        }
    ),
)
OPPORTUNITY_SORTS = _SORTS | {
    "amount": "amount",
    "金额": "amount",
    "expected": "expected_close",
    "预计": "expected_close",
    "closed": "closed_at",
    "stage": "stage",
    "title": "title",
}

ORDER_STATUS_WORDS = _choices(
    ORDER_STATUSES,
    {"草稿": "draft", "已确认": "confirmed", "已发货": "shipped", "已交付": "delivered"}
    | {"已送达": "delivered", "已取消": "cancelled", "取消": "cancelled"},
)
ORDER_FIELDS = _common(
    Field("number", "text", "number", ("单号", "订单号"), nullable=False),
    Field("status", "enum", "status", ("状态",), ORDER_STATUS_WORDS, nullable=False),
    Field("total", "money", "total", ("金额", "总额"), nullable=False),
    Field("paid", "money", "paid", ("已付", "回款"), nullable=False),
    Field("currency", "text", "currency", ("币种",), nullable=False),
    Field("ordered", "day", "ordered_on", ("下单", "日期"), nullable=False),
    Field("due", "day", "due_on", ("到期",)),
    Field("shipped", "day", "shipped_on", ("发货",)),
    Field("delivered", "day", "delivered_on", ("交付", "送达")),
    Field("note", "contains", "note", ("备注",)),
    _is(
        {
            "unpaid": ("未付清", "欠款"),
            "overdue": ("逾期",),
            "booked": ("有效",),
        }
    ),
)
ORDER_SORTS = _SORTS | {
    "ordered": "ordered_on",
    "下单": "ordered_on",
    "total": "total",
    "金额": "total",
    "due": "due_on",
    "到期": "due_on",
    "number": "number",
    "单号": "number",
    "status": "status",
}

_KIND_WORDS = {"电话": "call", "拜访": "visit", "邮件": "email", "短信": "sms"} | {
    "会议": "meeting",
    "信件": "letter",
    "任务": "task",
}
ACTIVITY_FIELDS = _common(
    Field("kind", "enum", "kind", ("类型", "方式"), _choices(ACTIVITY_KINDS, _KIND_WORDS)),
    Field("outcome", "enum", "outcome", ("结果",), _choices(OUTCOMES, {})),
    Field("note", "contains", "note", ("备注", "内容")),
    Field("minutes", "number", "minutes", ("分钟", "时长")),
    Field("due", "instant", "due_at", ("计划", "到期")),
    Field("done", "instant", "done_at", ("完成",)),
    _is(
        {
            "open": ("待办", "未完成"),
            "done": ("已完成",),
            "overdue": ("逾期",),
        }
    ),
)
ACTIVITY_SORTS = _SORTS | {
    "due": "due_at",
    "计划": "due_at",
    "done": "done_at",
    "完成": "done_at",
    "kind": "kind",
}

CUSTOMERS = Target("customers", CUSTOMER_FIELDS, CUSTOMER_SORTS)
TARGETS = {
    t.name: t
    for t in (
        CUSTOMERS,
        Target("contacts", CONTACT_FIELDS, CONTACT_SORTS),
        Target("opportunities", OPPORTUNITY_FIELDS, OPPORTUNITY_SORTS),
        Target("orders", ORDER_FIELDS, ORDER_SORTS),
        Target("activities", ACTIVITY_FIELDS, ACTIVITY_SORTS),
    )
}
# the words ``--over`` takes for each target, Chinese included
_TARGET_WORDS = {name: name for name in TARGETS} | {
    "customer": "customers",
    "客户": "customers",
    "contact": "contacts",
    "联系人": "contacts",
    "opportunity": "opportunities",
    "opp": "opportunities",
    "opps": "opportunities",
    "商机": "opportunities",
    "order": "orders",
    "订单": "orders",
    "activity": "activities",
    "活动": "activities",
}


def find_target(name: str | None) -> Target:
    """The target ``name`` names (None: customers); anything else is one line naming them."""
    if name is None:
        return CUSTOMERS
    found = _TARGET_WORDS.get(name.strip().casefold())
    if found is None:
        raise InvalidInput("query-bad-target", field="over", name=clip(name), allowed=list(TARGETS))
    return TARGETS[found]
