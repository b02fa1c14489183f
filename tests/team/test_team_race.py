"""Two salespeople adding the same customer at the same moment: exactly one of them gets it."""

from __future__ import annotations

import multiprocessing

import psycopg
import pytest

from tests.team import racer

ROUNDS = 20


@pytest.mark.slow
def test_two_processes_adding_the_same_customer_give_exactly_one_winner(team):
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    results = ctx.Queue()
    workers = [
        ctx.Process(target=racer.race, args=(team.url(user), ROUNDS, barrier, results))
        for user in (team.alice, team.bob)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=120) for _ in range(2 * ROUNDS)]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    by_round: dict[int, list[tuple[str, str]]] = {}
    for n, outcome, message in outcomes:
        by_round.setdefault(n, []).append((outcome, message))
    assert sorted(by_round) == list(range(ROUNDS))
    for n, pair in by_round.items():
        assert sorted(o for o, _ in pair) == ["refused", "won"], (n, pair)
        refusal = next(m for o, m in pair if o == "refused")
        assert refusal.startswith("owned by ") and "ask them or your manager" in refusal
    with psycopg.connect(team.dsn(team.boss)) as conn:
        counts = conn.execute(
            "SELECT name, count(*) FROM customer GROUP BY name HAVING count(*) > 1"
        ).fetchall()
        total = conn.execute("SELECT count(*) FROM customer").fetchone()
    assert counts == [] and total == (ROUNDS,)
