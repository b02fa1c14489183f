"""The lean back end (SQL text on stdlib sqlite3) answers every query exactly as the SQLAlchemy
compiler does: the same rows, in the same order, the same count, on a demo database, for every
target — each atom alone and negated (every field, alias, operator and virtual term), then
random combinations with ``or``, parentheses, negation, sort and limit (hypothesis).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmtui import clock
from crmtui.db.reader import Reader
from crmtui.services.query import alchemy, lean
from crmtui.services.query.syntax import parse
from crmtui.services.query.targets import TARGETS
from tests.query.test_complement import combined

NOW = "2026-11-23T10:00:00+08:00"

ATOMS = {
    "customers": [
        "city:苏州",
        "城市：上海",
        "city:上海,Chicago",
        "city:上*",
        "city:none",
        "country:CN",
        "国家：us",
        "industry:medical",
        "行业:logistics,chemicals",
        "source:展会",
        "来源:referral",
        "email:example",
        "邮箱:none",
        "stage:customer",
        "阶段:潜在客户",
        "stage:prospect,dormant",
        "grade:A",
        "grade:N",
        "grade:B,N",
        "等级:C",
        "motive:trade",
        "money:yes",
        "资金:否",
        "authority:unknown",
        "need:yes",
        "man:MAN",
        "man:mAn",
        "资格:M?*",
        "satisfaction:>=4",
        "满意度:<=2",
        "satisfaction:3",
        "satisfaction:none",
        "credit:>10k",
        "信用额度:1w..50w",
        "credit:..20k",
        "credit-days:>30",
        "账期:30",
        "created:<30d",
        "创建:>2026-06-01",
        "created:2026-01..2026-06",
        "updated:<7d",
        "updated:today",
        "last:>14d",
        "last:<=2026-11-01",
        "联系:2026-11",
        "last:none",
        "tag:vip",
        "tag:vip,老客户",
        "标签:展会",
        "is:overdue",
        "is:over-credit",
        "is:birthday-week",
        "is:no-order-90d",
        "is:open-deal",
        "is:person",
        "is:company",
        "is:locked",
        "是:逾期",
        "name:有限公司",
        "名称:co",
        "company:none",
        "name:100%",
        "name:a_b",
        "id:1..20",
        "编号:>50",
        "id:5",
        "张",
        "zw",
        "Medical",
        '"Evergreen Medical"',
    ],
    "contacts": [
        "name:王",
        "姓名：李",
        "role:经理",
        "职务:财务",
        "email:none",
        "email:example",
        "timezone:none",
        "时区:Asia/Shanghai",
        "is:decision-maker",
        "是:生日",
        "is:birthday-week",
        "customer:有限公司",
        "客户:co*",
        "id:>10",
        "created:<30d",
        "updated:>2026-01",
        "wang",
        "王",
    ],
    "opportunities": [
        "title:系统",
        "标题:*改造*",
        "stage:won",
        "阶段:谈判",
        "stage:lead,qualified",
        "amount:>50k",
        "金额:1w..10w",
        "amount:<=20000",
        "currency:CNY",
        "币种:usd",
        "expected:<30d",
        "预计:2026-12",
        "expected:none",
        "expected:>2026-11-30",
        "closed:none",
        "closed:>30d",
        "关闭:2026",
        "competitor:华强",
        "对手:none",
        "reason:价格",
        "原因:decision",
        "next:call",
        "下一步:none",
        "is:open",
        "is:won",
        "是:输单",
        "is:overdue",
        "customer:有限公司",
        "Fabrikam",
        "系统",
    ],
    "orders": [
        "number:SO-2026-0001",
        "单号:so-2026-00*",
        "status:delivered",
        "状态:已发货",
        "status:draft,cancelled",
        "total:>10k",
        "金额:1k..5w",
        "paid:0",
        "回款:>1000",
        "currency:CNY",
        "ordered:<30d",
        "下单:2026-10",
        "ordered:>=2026-06-01",
        "due:none",
        "到期:<2026-12-01",
        "shipped:none",
        "发货:>7d",
        "delivered:2026-11",
        "送达:none",
        "note:none",
        "备注:急",
        "is:unpaid",
        "is:overdue",
        "是:有效",
        "customer:有限公司",
        "SO-2026",
        "Evergreen",
    ],
    "activities": [
        "kind:call",
        "类型:拜访",
        "kind:email,sms",
        "outcome:reached",
        "结果:no-answer",
        "outcome:none",
        "note:价格",
        "备注:none",
        "minutes:>10",
        "时长:5..30",
        "minutes:none",
        "due:<7d",
        "计划:2026-11",
        "due:none",
        "done:>30d",
        "完成:today",
        "done:none",
        "is:open",
        "是:已完成",
        "is:overdue",
        "customer:有限公司",
        "报价",
        "call",
    ],
}
SHAPES = {
    "customers": ["sort:-created", "sort:name", "sort:city,-id", "排序:-满意度", "sort:last"]
    + ["sort:grade", "sort:credit", "sort:updated"],
    "contacts": ["sort:name", "sort:-updated", "sort:created", "sort:-id"],
    "opportunities": ["sort:-amount", "sort:expected", "sort:closed", "sort:stage"]
    + ["sort:title", "排序:金额"],
    "orders": ["sort:-total", "sort:ordered", "sort:due", "sort:number", "sort:status"]
    + ["排序:-到期"],
    "activities": ["sort:-due", "sort:done", "sort:kind", "sort:-created"],
}
LIMITS = ["", "limit:5", "条数:1", "limit:40"]


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Reader]:
    from crmtui.db.engine import open_database
    from crmtui.db.location import Location
    from crmtui.services.demo.build import build_demo

    path: Path = tmp_path_factory.mktemp("lean") / "crm.db"
    db = open_database(str(path))
    build_demo(db, size=80, seed=7, now=clock.parse_instant(NOW, clock.user_zone()), tz=_tz())
    db.dispose()
    with Reader.open(Location(url=f"sqlite:///{path}", path=path)) as opened:
        yield opened


def _tz() -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo("Asia/Shanghai")


def answers(reader: Reader, target: str, text: str) -> dict[str, Any]:
    """What each back end reads for ``text``: the rows in order, the count, the ids."""
    tz = _tz()
    now = clock.parse_instant(NOW, tz)
    query = parse(text, now=now, tz=tz, target=TARGETS[target])
    out: dict[str, Any] = {}
    for name, build in (("lean", lean.statement), ("alchemy", alchemy.statement)):

        def run(shape: Any, build: Any = build) -> list[tuple[Any, ...]]:
            sql, params = build(reader, lean.Ask(query, target, now, tz, shape, query.limit))
            return [tuple(r) for r in reader.rows(sql, params)]

        out[name] = (run("rows"), run("count"), sorted(run("ids")))
    return out


def same(reader: Reader, target: str, text: str) -> list[tuple[Any, ...]]:
    got = answers(reader, target, text)
    assert got["lean"] == got["alchemy"], f"{target}: {text!r}"
    return list(got["lean"][0])


@pytest.mark.parametrize("target", list(ATOMS))
def test_every_atom_alone_and_negated(reader: Reader, target: str) -> None:
    found: set[tuple[int, ...]] = set()
    everything = len(same(reader, target, ""))
    for atom in ATOMS[target]:
        rows = same(reader, target, atom)
        left = same(reader, target, f"-{atom}" if ":" in atom else f"-({atom})")
        assert len(rows) + len(left) == everything, atom
        found.add(tuple(sorted(r[0] for r in rows)))
    # the atoms tell rows apart: the comparison above is not of empty answers only
    assert len(found) >= len(ATOMS[target]) // 2, sorted(found)


@pytest.mark.parametrize("target", list(ATOMS))
def test_every_sort_and_limit(reader: Reader, target: str) -> None:
    for shape in SHAPES[target]:
        for limit in LIMITS:
            rows = same(
                reader, target, f"{ATOMS[target][0]} or -{ATOMS[target][1]} {shape} {limit}"
            )
            assert rows
    # sort and limit are obeyed: the first of sort:-id is the highest id
    top = same(reader, target, "sort:-id limit:1")
    assert [r[0] for r in top] == [max(r[0] for r in same(reader, target, ""))]


def queries(target: str) -> st.SearchStrategy[str]:
    """Combinations of the target's atoms (as the complement test builds them), then maybe a
    sort and a limit."""
    tail = st.sampled_from(["", *SHAPES[target]])
    return st.builds(
        lambda q, s, n: f"{q} {s} {n}".strip(),
        combined(ATOMS[target]),
        tail,
        st.sampled_from(LIMITS),
    )


@pytest.mark.parametrize("target", list(ATOMS))
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_queries_agree(reader: Reader, target: str, data: st.DataObject) -> None:
    same(reader, target, data.draw(queries(target)))


HOSTILE = [
    'name:"\'; DROP TABLE customer; --"',
    'city:"上海\')/**/OR/**/1=1--"',
    "email:%' OR '1'='1",
    'note:"x\') UNION SELECT sql FROM sqlite_master --"',
    "'; DELETE FROM customer; --",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_travels_only_as_parameters(reader: Reader, text: str) -> None:
    tz = _tz()
    now = clock.parse_instant(NOW, tz)
    target = "activities" if text.startswith("note:") else "customers"
    query = parse(text, now=now, tz=tz, target=TARGETS[target])
    sql, params = lean.statement(reader, lean.Ask(query, target, now, tz))
    for word in ("DROP", "DELETE", "UNION", "sqlite_master", "1=1", "'1'"):
        assert word not in sql
    assert any(isinstance(v, str) and ("'" in v or "1=1" in v) for v in params.values())
    same(reader, target, text)
    assert len(same(reader, "customers", "")) == 80  # nothing was dropped or deleted
