"""Every plan a scheduler returns passes the checker and ends no earlier than the lower bound."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from smallball.schedule import (
    Instance,
    Match,
    Session,
    SolveOptions,
    check,
    greedy,
    lower_bounds,
    make_plan,
    solve_cpsat,
)
from smallball.schedule.greedy import _Builder
from smallball.schedule.model import Plan
from smallball.schedule.tables import assign_tables

from .strategies import instances

FAST = SolveOptions(time_limit_s=1.0, workers=1)


@settings(max_examples=60, deadline=None)
@given(instances())
@pytest.mark.parametrize("rule", ["earliest", "tail", "load"])
def test_greedy_plans_pass_the_checker(rule: str, instance: Instance) -> None:
    plan = greedy(instance, rule)
    assert check(instance, plan) == ()
    assert plan.makespan >= lower_bounds(instance).value


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_matches=8))
def test_cpsat_plans_pass_the_checker(instance: Instance) -> None:
    hint = greedy(instance)
    plan = solve_cpsat(instance, hint, FAST)
    if plan is not None:
        assert check(instance, plan) == ()
        assert lower_bounds(instance).value <= plan.makespan <= hint.makespan


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_matches=8))
def test_make_plan_is_valid_and_reports_bounds(instance: Instance) -> None:
    report = make_plan(instance, "cp-sat", FAST)
    assert report.violations == check(instance, report.plan) == ()
    assert report.bounds.value <= report.makespan <= report.greedy.makespan
    if report.plan.optimal:
        assert report.plan.status == "OPTIMAL" or report.makespan == report.bounds.value


def test_cpsat_beats_a_bad_order_on_a_known_instance() -> None:
    # Two tables, four players in a round robin of six 30-minute matches, 10-minute rest:
    # three rounds of two matches fit in 3 * 30 + 2 * 10 = 110 minutes, and no less.
    players = ["a", "b", "c", "d"]
    matches = tuple(
        Match(f"{x}{y}", (x, y), 30) for i, x in enumerate(players) for y in players[i + 1 :]
    )
    inst = Instance(2, (Session(0, 600),), matches, min_rest=10)
    report = make_plan(inst, "cp-sat", SolveOptions(time_limit_s=5, workers=1))
    assert report.violations == ()
    assert report.makespan == 110
    assert report.bounds.player_chain == 110


def test_featured_and_pinned_tables_survive_table_numbering() -> None:
    matches = (
        Match("final", ("a", "b"), 30, featured=True),
        Match("bronze", ("c", "d"), 30, featured=True),
        Match("plate", ("e", "f"), 30, table=3),
        Match("other", ("g", "h"), 30),
    )
    inst = Instance(3, (Session(0, 600),), matches, featured_tables=frozenset({1}))
    assigned = assign_tables(inst, {"final": 0, "bronze": 30, "plate": 0, "other": 0})
    assert assigned is not None
    tables = {a.match: a.table for a in assigned}
    assert tables["final"] == tables["bronze"] == 1 and tables["plate"] == 3
    assert tables["other"] == 2


def test_sessions_are_not_crossed() -> None:
    # 50 minutes fit before the break only once; the second match waits for the next session.
    matches = (Match("a", ("p",), 50), Match("b", ("q",), 50))
    inst = Instance(1, (Session(0, 60), Session(120, 240)), matches)
    for plan in (greedy(inst), make_plan(inst, "cp-sat", FAST).plan):
        assert check(inst, plan) == ()
        assert sorted(a.start for a in plan.assignments) == [0, 120]


def test_pinned_start_is_kept() -> None:
    matches = (Match("a", ("p",), 30, start=60, table=2), Match("b", ("p",), 30))
    inst = Instance(2, (Session(0, 600),), matches, min_rest=15)
    report = make_plan(inst, "cp-sat", FAST)
    at = report.plan.by_match()
    assert (at["a"].start, at["a"].table) == (60, 2)
    assert report.violations == ()


def test_counting_busy_tables_uses_gaps_on_two_tables() -> None:
    # a1, b, a2 run back to back; laid out on tables 1, 2, 1 they leave table 2 free only
    # until b and table 1 only between a1 and a2, so no one table holds x before 40. Counted
    # as busy tables, one of two is in use at every minute, so x starts at 0 and the tables
    # are numbered afterwards by start.
    inst = Instance(
        tables=2,
        sessions=(Session(0, 600),),
        matches=(
            Match("a1", ("p1", "p2"), 20),
            Match("b", ("p3", "p4"), 20),
            Match("a2", ("p5", "p6"), 20),
            Match("x", ("p7", "p8"), 30),
        ),
    )
    layout = {"a1": (1, 0), "b": (2, 20), "a2": (1, 40)}
    by_table = _Builder(inst)
    by_table.counting = False
    counting = _Builder(inst)
    assert counting.counting
    for mid, (table, start) in layout.items():
        by_table.place(inst.by_id[mid], table, start)
        counting.place(inst.by_id[mid], 0, start)
    assert by_table.earliest(inst.by_id["x"])[0] == 40
    start, _ = counting.earliest(inst.by_id["x"])
    assert start == 0
    counting.place(inst.by_id["x"], 0, start)
    plan = Plan(counting.assignments([m.id for m in inst.matches]))
    assert check(inst, plan) == ()
    assert {a.table for a in plan.assignments} == {1, 2}


def test_tables_are_counted_only_without_pins_or_featured_tables() -> None:
    plain = Instance(tables=2, sessions=(Session(0, 600),), matches=(Match("a", ("p",), 30),))
    assert _Builder(plain).counting
    pinned = Instance(
        tables=2, sessions=(Session(0, 600),), matches=(Match("a", ("p",), 30, table=2),)
    )
    assert not _Builder(pinned).counting
    featured = Instance(
        tables=2,
        sessions=(Session(0, 600),),
        matches=(Match("a", ("p",), 30),),
        featured_tables=frozenset({1}),
    )
    assert not _Builder(featured).counting
