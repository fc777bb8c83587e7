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

from .strategies import SESSIONS, instances, pinned_instances

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


def test_table_numbers_leave_a_pinned_table_to_the_match_that_needs_it() -> None:
    # Table 2 is pinned from 20. Both tables are free for ``a`` at 0, but only table 1 is free
    # for ``b`` over 5-25, so ``a`` must take table 2 (free until its pin) and leave table 1.
    matches = (
        Match("pin", ("p", "q"), 10, table=2),
        Match("a", ("a1", "a2"), 10),
        Match("b", ("b1", "b2"), 20),
    )
    inst = Instance(2, (Session(0, 600),), matches)
    assigned = assign_tables(inst, {"pin": 20, "a": 0, "b": 5})
    assert assigned is not None
    assert {a.match: a.table for a in assigned} == {"pin": 2, "a": 2, "b": 1}


def test_sessions_are_not_crossed() -> None:
    # 50 minutes fit before the break only once; the second match waits for the next session.
    matches = (Match("a", ("p",), 50), Match("b", ("q",), 50))
    inst = Instance(1, (Session(0, 60), Session(120, 240)), matches)
    for plan in (greedy(inst), make_plan(inst, "cp-sat", FAST).plan):
        assert check(inst, plan) == ()
        assert sorted(a.start for a in plan.assignments) == [0, 120]


@settings(max_examples=40, deadline=None)
@given(pinned_instances(tables=False))
def test_greedy_never_double_books_a_table_around_pinned_starts(instance: Instance) -> None:
    # Pins in the input's order could take a table a later pin needs; in order of start they
    # never do. (A rule may still break precedence around a pin: CP-SAT is there for that.)
    for rule in ("earliest", "tail", "work-0"):
        plan = greedy(instance, rule)
        assert not [v for v in check(instance, plan) if v.kind == "table_overlap"]
        _assert_pins_kept(instance, plan)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pinned_instances())
def test_make_plan_is_valid_around_pinned_starts(instance: Instance) -> None:
    report = make_plan(instance, "cp-sat", FAST)
    assert report.violations == check(instance, report.plan) == ()
    _assert_pins_kept(instance, report.plan)


def _assert_pins_kept(instance: Instance, plan: Plan) -> None:
    at = plan.by_match()
    for m in instance.matches:
        if m.start is not None:
            assert at[m.id].start == m.start
        if m.table is not None:
            assert at[m.id].table == m.table


def test_pins_in_input_order_would_double_book_a_table() -> None:
    # a [0,10) and b [30,40) first would both take table 1, leaving c [15,35) table 2 and
    # d [5,20) nothing; the last match then fits only after the pins, or clashes.
    matches = (
        Match("a", ("a1", "a2"), 10, start=0),
        Match("b", ("b1", "b2"), 10, start=30),
        Match("c", ("c1", "c2"), 20, start=15),
        Match("d", ("d1", "d2"), 15, start=5),
        Match("e", ("e1", "e2"), 10),
    )
    inst = Instance(2, (Session(0, 600),), matches)
    for plan in (greedy(inst), make_plan(inst, "cp-sat", FAST).plan):
        assert check(inst, plan) == ()
        assert plan.by_match()["e"].start == 20


def test_cpsat_runs_when_the_heuristics_end_at_the_bound_but_break_a_rule() -> None:
    # One player, one table. m1 is pinned at 45 after m0, which may start at 35 at the earliest;
    # the heuristics fill 0-40 with the free matches, so m0 comes after m1. Their plans still end
    # at the bound (six 10-minute matches from 0, with m0 and m1 at 35 and 45), so only CP-SAT
    # (m0 at 35) keeps the order.
    matches = [
        Match("m0", ("p0",), 10, not_before=35),
        Match("m1", ("p0",), 10, after=("m0",), start=45),
    ]
    matches += [Match(f"m{i}", ("p0",), 10) for i in range(2, 6)]
    inst = Instance(1, SESSIONS, tuple(matches))
    assert check(inst, greedy(inst))
    report = make_plan(inst, "cp-sat", FAST)
    assert report.violations == check(inst, report.plan) == ()
    assert report.plan.by_match()["m0"].start == 35


def test_a_pinned_start_leaves_the_table_another_match_is_pinned_to() -> None:
    # "late" must be on table 1 and before "next" at 10; "early", pinned at 0 with no table,
    # takes table 2 so that "late" can start at 0.
    matches = (
        Match("late", ("p",), 10, table=1),
        Match("early", ("q",), 10, start=0),
        Match("next", ("p",), 10, after=("late",), start=10),
    )
    inst = Instance(2, SESSIONS, matches)
    for rule in ("earliest", "tail", "load", "work-0"):
        plan = greedy(inst, rule)
        assert check(inst, plan) == ()
        assert plan.by_match()["early"].table == 2


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
