"""The work rules, backward planning and justification: always valid, never worse than their
input, and the lower bounds never above an optimum that CP-SAT proves."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings

from smallball.schedule import Instance, Match, Session, SolveOptions, check, greedy, lower_bounds
from smallball.schedule.greedy import _WORK_RULES, best_greedy
from smallball.schedule.justify import (
    backward_greedy,
    heuristic_plan,
    justify,
    left_justify,
    mirror,
    mirrorable,
)
from smallball.schedule.model import Assignment, Plan

from .oracles import proven_optimum
from .strategies import instances, slow_settings


@settings(max_examples=40, deadline=None)
@given(instances())
@pytest.mark.parametrize("rule", _WORK_RULES)
def test_work_rules_pass_the_checker(rule: str, instance: Instance) -> None:
    plan = greedy(instance, rule)
    assert check(instance, plan) == ()
    assert plan.makespan >= lower_bounds(instance).value


def _free(instance: Instance) -> Instance:
    # Mirroring needs no earliest or pinned starts.
    return replace(instance, matches=tuple(replace(m, not_before=None) for m in instance.matches))


@settings(max_examples=40, deadline=None)
@given(instances())
def test_backward_plans_and_justification_pass_the_checker(instance: Instance) -> None:
    instance = _free(instance)
    assert mirrorable(instance)
    for rule in ("earliest", "work-0"):
        plan = backward_greedy(instance, rule)
        assert check(instance, plan) == ()
    start = greedy(instance)
    shifted = left_justify(instance, start)
    assert check(instance, shifted) == ()
    assert shifted.makespan <= start.makespan
    justified = justify(instance, start)
    assert check(instance, justified) == ()
    assert justified.makespan <= start.makespan
    best = heuristic_plan(instance)
    assert check(instance, best) == ()
    assert lower_bounds(instance).value <= best.makespan <= best_greedy(instance).makespan


def test_mirror_reverses_time_and_precedence() -> None:
    matches = (Match("a", ("p",), 30), Match("b", ("p",), 30, after=("a",)))
    inst = Instance(1, (Session(0, 100, 0), Session(200, 260, 1)), matches)
    back = mirror(inst)
    assert [(s.start, s.end, s.day) for s in back.sessions] == [(0, 60, 0), (160, 260, 1)]
    assert back.by_id["a"].after == ("b",) and back.by_id["b"].after == ()


def test_left_justify_closes_an_idle_gap() -> None:
    matches = (Match("a", ("p",), 30), Match("b", ("p",), 30))
    inst = Instance(1, (Session(0, 600),), matches, min_rest=10)
    late = greedy(inst)
    spread = replace(late, assignments=(Assignment("a", 1, 0, 30), Assignment("b", 1, 300, 330)))
    assert check(inst, spread) == ()
    assert left_justify(inst, spread).makespan == 70


@slow_settings(25)
@given(instances(max_matches=6))
def test_lower_bounds_never_exceed_a_proven_optimum(instance: Instance) -> None:
    best = proven_optimum(instance)
    if best is None:
        return
    assert lower_bounds(instance).value <= best


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_matches=8))
def test_neighbourhood_search_keeps_plans_valid_and_never_longer(instance: Instance) -> None:
    from smallball.schedule.lns import improve

    start = greedy(instance, "tail")
    if check(instance, start):
        return
    better = improve(instance, start, 2.0, SolveOptions(workers=1))
    assert check(instance, better) == ()
    assert better.makespan <= start.makespan
    assert better.makespan >= lower_bounds(instance).value


def test_neighbourhood_search_pulls_a_stranded_final_into_the_session() -> None:
    # Two semi-finals and a final; the plan puts the second semi late, so the final waits
    # for the next session; freeing the tail puts everything in the first session.
    semis = (Match("s1", ("a", "b"), 30, round="SF"), Match("s2", ("c", "d"), 30, round="SF"))
    final = Match("f", ("a", "b", "c", "d"), 30, after=("s1", "s2"), round="F")
    inst = Instance(2, (Session(0, 100), Session(200, 400)), (*semis, final), min_rest=10)
    stranded = Plan(
        (Assignment("s1", 1, 0, 30), Assignment("s2", 2, 60, 90), Assignment("f", 1, 200, 230))
    )
    assert check(inst, stranded) == ()
    from smallball.schedule.lns import improve

    better = improve(inst, stranded, 3.0, SolveOptions(workers=1))
    assert check(inst, better) == ()
    assert better.makespan == 70
