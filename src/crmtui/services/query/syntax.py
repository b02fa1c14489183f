"""The query tree and the parser that builds it from tokens.

Grammar (terms side by side are ANDed; ``or`` binds looser; ``-`` negates a term or a group)::

    query  := either*                 with sort:... and limit:... anywhere at the top level
    either := both ("or" both)*
    both   := unary+
    unary  := "-" unary | "(" either ")" | term
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from crmtui.errors import InvalidInput
from crmtui.services.query import terms
from crmtui.services.query.fields import Field, by_name
from crmtui.services.query.targets import CUSTOMERS, Target
from crmtui.services.query.terms import Test
from crmtui.services.query.text import Kind, Token, clip, tokens

MAX_DEPTH = 20  # nested groups and negations: deeper is no query a person wrote


@dataclass(frozen=True)
class Term:
    """One condition: a field's test, or bare words (``field`` None) searched as usual."""

    field: Field | None
    test: Test
    text: str


@dataclass(frozen=True)
class Not:
    node: Node


@dataclass(frozen=True)
class All:
    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class AnyOf:
    nodes: tuple[Node, ...]


Node = Term | Not | All | AnyOf


@dataclass(frozen=True)
class SortKey:
    column: str
    descending: bool


@dataclass(frozen=True)
class Query:
    """A parsed query: the condition (None: everything), the order and the row limit."""

    root: Node | None
    sort: tuple[SortKey, ...] = ()
    limit: int | None = None


def parse(text: str, *, now: datetime, tz: tzinfo, target: Target = CUSTOMERS) -> Query:
    """The checked tree of ``text`` over ``target``'s fields; anything not understood raises
    one ``InvalidInput``."""
    parser = _Parser(tokens(text or ""), now=now, tz=tz, target=target)
    return parser.query()


class _Parser:
    def __init__(self, toks: list[Token], *, now: datetime, tz: tzinfo, target: Target) -> None:
        self.toks = toks
        self.at = 0
        self.now = now
        self.tz = tz
        self.target = target
        self.fields = by_name(target.fields)
        self.sort: list[SortKey] = []
        self.limit: int | None = None

    def query(self) -> Query:
        parts: list[Node] = []
        while self.at < len(self.toks):
            tok = self.toks[self.at]
            if tok.kind is Kind.CLOSE:
                raise InvalidInput("query-unbalanced", field="query", term=")")
            node = self.either(0)
            if node is not None:
                parts.append(node)
        root = None if not parts else parts[0] if len(parts) == 1 else All(tuple(parts))
        return Query(root, tuple(self.sort), self.limit)

    def either(self, depth: int) -> Node | None:
        options = [self.both(depth)]
        while self._peek(Kind.OR):
            tok = self.toks[self.at]
            self.at += 1
            right = self.both(depth)
            if options[-1] is None or right is None:
                raise InvalidInput("query-or-alone", field="query", term=tok.text)
            options.append(right)
        if options[0] is None and len(options) == 1:
            return None
        present = [o for o in options if o is not None]
        return present[0] if len(present) == 1 else AnyOf(tuple(present))

    def both(self, depth: int) -> Node | None:
        parts: list[Node] = []
        while self.at < len(self.toks) and self.toks[self.at].kind not in (Kind.OR, Kind.CLOSE):
            node = self.unary(depth)
            if node is not None:
                parts.append(node)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else All(tuple(parts))

    def unary(self, depth: int) -> Node | None:
        if depth > MAX_DEPTH:
            raise InvalidInput("query-too-deep", field="query", limit=MAX_DEPTH)
        tok = self.toks[self.at]
        self.at += 1
        if tok.kind is Kind.OPEN:
            inner = self.either(depth + 1)
            if not self._peek(Kind.CLOSE):
                raise InvalidInput("query-unbalanced", field="query", term="(")
            self.at += 1
            if inner is None:
                raise InvalidInput("query-empty-group", field="query")
            return inner
        if tok.text == "-":
            if self.at >= len(self.toks) or self.toks[self.at].kind in (Kind.OR, Kind.CLOSE):
                raise InvalidInput("query-dash-alone", field="query")
            inner = self.unary(depth + 1)
            return None if inner is None else Not(inner)
        if tok.text.startswith("-") and len(tok.text) > 1:
            inner = self.term(tok.text[1:], depth + 1)
            return None if inner is None else Not(inner)
        return self.term(tok.text, depth)

    def term(self, text: str, depth: int) -> Node | None:
        name, sep, rest = text.partition(":")
        if not sep or '"' in name:
            return Term(None, terms.words(text), text)
        spec = self.fields.get(name.casefold())
        if spec is None:
            allowed = [f.name for f in self.target.fields]
            raise InvalidInput(
                "query-unknown-field", field="query", term=clip(text), allowed=allowed
            )
        if spec.kind in ("sort", "limit") and depth > 0:
            raise InvalidInput("query-shape-nested", field="query", term=clip(text))
        if spec.kind == "sort":
            self.sort.extend(_sort_keys(rest, text, self.target.sorts))
            return None
        if spec.kind == "limit":
            self.limit = terms.limit(rest, text)
            return None
        return Term(spec, terms.test(spec, rest, text, now=self.now, tz=self.tz), text)

    def _peek(self, kind: Kind) -> bool:
        return self.at < len(self.toks) and self.toks[self.at].kind is kind


def _sort_keys(value: str, text: str, sorts: dict[str, str]) -> list[SortKey]:
    keys = []
    for part in value.split(","):
        name = part.strip()
        descending = name.startswith("-")
        column = sorts.get(name.lstrip("-+").casefold())
        if column is None:
            allowed = sorted({k for k in sorts if k.isascii()})
            raise InvalidInput("query-bad-sort", field="query", term=clip(text), allowed=allowed)
        keys.append(SortKey(column, descending))
    return keys
