"""The query language: every operator, Chinese field names, full-width input, and the
one-line refusal of anything it does not understand."""

from __future__ import annotations

from typing import Any

import pytest

from crmtui import clock
from crmtui.errors import InvalidInput
from crmtui.services.query.run import matching_ids, query_customers
from crmtui.services.query.syntax import All, AnyOf, Not, Term, parse
from crmtui.services.query.terms import Between, Equals, Like, Man, Words
from crmtui.services.query.text import fold


def ids(reader: Any, text: str) -> set[int]:
    return matching_ids(reader, text, now=clock.now(), tz=clock.user_zone())


def names(reader: Any, people: dict[str, int], text: str) -> set[str]:
    by_id = {v: k for k, v in people.items()}
    return {by_id[i] for i in ids(reader, text)}


def tree(text: str) -> Any:
    return parse(text, now=clock.now(), tz=clock.user_zone())


def test_full_width_input_is_read_as_ascii() -> None:
    assert fold("等级：Ａ　城市：上海，北京（ｘ）＞") == "等级:A 城市:上海,北京(x)>"


def test_terms_side_by_side_are_anded_or_binds_looser() -> None:
    root = tree("a b or c").root
    assert isinstance(root, AnyOf)
    assert isinstance(root.nodes[0], All) and len(root.nodes[0].nodes) == 2
    assert isinstance(root.nodes[1], Term) and root.nodes[1].test == Words("c")


def test_negation_of_a_term_and_of_a_group() -> None:
    root = tree("-city:上海 -(a or b)").root
    assert isinstance(root, All)
    assert all(isinstance(n, Not) for n in root.nodes)


@pytest.mark.parametrize(
    ("text", "test"),
    [
        ("grade:A,B", Equals(("A", "B"))),
        ("等级:a", Equals(("A",))),
        ("阶段:成交", Equals(("customer",))),
        ("satisfaction:>3", Between(3, None, low_inclusive=False)),
        ("满意度:<=4", Between(None, 4)),
        ("credit:10k..50k", Between(1_000_000, 5_000_000)),
        ("credit:1.5w..", Between(1_500_000, None)),
        ("credit:..2万", Between(None, 2_000_000)),
        ("name:宏达", Like("宏达")),
        ("city:上*", Like("上*", pattern=True)),
        ("man:MAn", Man("yes", "yes", "no")),
        ("man:m?N", Man("no", "unknown", "yes")),
    ],
)
def test_each_operator_builds_its_test(text: str, test: Any) -> None:
    root = tree(text).root
    assert isinstance(root, Term)
    assert root.test == test


def test_sort_and_limit_shape_the_result() -> None:
    q = tree("sort:-created,name limit:20 city:上海")
    assert [(k.column, k.descending) for k in q.sort] == [("created_at", True), ("sort_key", False)]
    assert q.limit == 20


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"hongda", "derun", "acme", "zhang", "beacon"}),
        ("城市:上海", {"hongda", "zhang"}),
        ("城市：上海　等级：Ａ", {"hongda"}),
        ("city:上海 or city:北京", {"hongda", "zhang", "derun"}),
        ("(city:上海 or city:北京) grade:A", {"hongda"}),
        ("-city:上海", {"derun", "acme", "beacon"}),
        ("grade:A,B", {"hongda", "derun", "beacon"}),
        ("grade:N", {"zhang"}),
        ("-grade:N", {"hongda", "derun", "acme", "beacon"}),
        ("stage:lost", {"zhang"}),
        ("阶段:成交", {"hongda", "beacon"}),
        ("credit:10k..30k", {"derun", "hongda"}),
        ("credit:>30k", {"beacon"}),
        ("credit:none", {"acme", "zhang"}),
        ("satisfaction:>=4", {"hongda"}),
        ("last:>14d", {"derun", "zhang", "acme"}),
        ("last:<14d", {"hongda", "beacon"}),
        ("last:none", {"acme"}),
        ("created:<7d", {"acme"}),
        ("created:>90d", {"hongda"}),
        ("created:2026-11", {"acme", "zhang"}),
        ("created:2026-09-01..2026-10-31", {"derun", "beacon"}),
        ("created:2026-10", {"derun"}),
        ("- city:上海", {"derun", "acme", "beacon"}),
        ("created:<2026-01-01", {"hongda"}),
        ("tag:vip", {"hongda", "acme"}),
        ("标签:tools", {"acme"}),
        ("man:MAN", {"hongda"}),
        ("man:MaN", {"derun"}),
        ("man:M**", {"hongda", "derun"}),
        ("is:person", {"zhang"}),
        ("is:overdue", {"derun"}),
        ("-is:company", {"zhang"}),
        ("宏达", {"hongda"}),
        ("hdjx", {"hongda"}),
        ("zw", {"zhang"}),
        ("-zw", {"hongda", "derun", "acme", "beacon"}),
        ("name:acme", {"acme"}),
        ("name:100%", {"beacon"}),
        ("email:acme.example", {"acme"}),
        ("industry:机械", {"zhang"}),
        ('name:"Acme Tools"', {"acme"}),
        ("vip -tag:tools", {"hongda"}),
        ("city:上海 and grade:A", {"hongda"}),
        ("city:上海 或 city:北京", {"hongda", "zhang", "derun"}),
    ],
)
def test_queries_select_the_hand_counted_customers(
    reader: Any, people: dict[str, int], query: str, expected: set[str]
) -> None:
    assert names(reader, people, query) == expected


def test_sort_and_limit_apply(reader: Any, people: dict[str, int]) -> None:
    rows = query_customers(reader, "sort:-created limit:2", now=clock.now(), tz=clock.user_zone())
    assert [r["id"] for r in rows] == [people["acme"], people["zhang"]]
    rows = query_customers(reader, "sort:last", now=clock.now(), tz=clock.user_zone())
    assert rows[-1]["id"] == people["acme"], "never contacted sorts last"


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("foo:bar", "foo:bar: unknown field; fields are id, name"),
        ("grade:Z", "grade:Z: grade takes one of A, B, C, N"),
        ("is:nonsense", "is:nonsense: is takes one of "),
        ("city:", "city:: give a value after the ':'"),
        ("satisfaction:>lots", "'lots' is not a number"),
        ("created:2026-13-45", "'2026-13-45' is not a date"),
        ("last:>14x", "'14x' is not a date"),
        ("man:MAX", "write MAN as three letters"),
        ("sort:colour", "sort by one of"),
        ("(city:上海", "unbalanced '('"),
        ("city:上海)", "unbalanced ')'"),
        ("a or", "'or' needs a term on each side"),
        ("or a", "'or' needs a term on each side"),
        ("()", "empty parentheses"),
        ("a -", "a '-' must stand right before"),
        ("- or a", "a '-' must stand right before"),
        ('name:"open', "is not closed"),
        ("(sort:name)", "sort: and limit: go at the top level"),
        ("limit:0", "limit: must be from 1 to 1000000"),
        ("stage:none", "stage is never empty"),
        ("x" * 10_000, "the query is too long (10000 characters; at most 2000)"),
        ("(" * 30 + "a" + ")" * 30, "nests groups more than 20 deep"),
    ],
)
def test_bad_queries_say_which_term_and_what_is_allowed(query: str, says: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        tree(query)
    message = str(caught.value)
    assert says in message
    assert "\n" not in message


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE customer; --",
        "name:'; DROP TABLE customer; --",
        'city:"上海\' OR 1=1 --"',
        "name:%",
        "name:_",
        "1=1 or 1",
        "city:上海;DELETE FROM customer",
        "grade:A) OR (1=1",
    ],
)
def test_sql_fragments_are_values_never_sql(
    reader: Any, people: dict[str, int], query: str
) -> None:
    try:
        found = ids(reader, query)
    except InvalidInput:
        found = set()
    assert found <= set(people.values())
    assert ids(reader, "") == set(people.values()), "nothing was changed"
    if query.startswith("name:"):
        assert found == (
            set() if "DROP" in query else {people["beacon"]} if "%" in query else set()
        )


@pytest.mark.parametrize(
    ("text", "query"),
    [
        (":宏达", "宏达"),
        ("city:上海", "city:上海"),
        ("等级：A　城市：上海", "等级:A 城市:上海"),
        ("vip -(stage:lost)", "vip -(stage:lost)"),
        ("宏达", None),
        ("13800", None),
        ("10:30", None),
        ("http://x", None),
    ],
)
def test_a_search_box_text_is_a_query_when_it_says_so(text: str, query: str | None) -> None:
    from crmtui.services.query.run import looks_like_query

    assert looks_like_query(text) == query
