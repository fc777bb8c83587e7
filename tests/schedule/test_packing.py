from __future__ import annotations

from dataclasses import replace

from hypothesis import given

from smallball.schedule import (
    Instance,
    Match,
    Session,
    check,
    greedy,
    lower_bounds,
)
from smallball.schedule.justify import heuristic_plan
from smallball.schedule.packing import player_sessions

from .oracles import proven_optimum
from .strategies import instances, slow_settings

MORNING_EVENING = (Session(0, 210), Session(300, 720))


def test_a_morning_holds_only_what_fits_with_the_rests() -> None:
    # Six 30-minute matches of one player, 20 minutes of rest: the 210-minute morning holds
    # four (180 minutes with three rests), the other two end at 380. Plain session time says
    # 350: it would split the fifth match over the break.
    matches = tuple(Match(f"m{i}", ("star", f"p{i}"), 30) for i in range(6))
    inst = Instance(6, MORNING_EVENING, matches, min_rest=20)
    bounds = lower_bounds(inst)
    assert bounds.player_chain == 350
    assert bounds.player_sessions == 380 == bounds.value


def test_a_knockout_waits_for_the_table_time_of_its_groups() -> None:
    # Twelve 30-minute group matches on two tables need 180 minutes of the morning, so the
    # star's semi-final, after all of them, runs 180-210 at the earliest, and the final, after
    # the semi and the rest, cannot start before the break: it ends at 330. The star alone has
    # three matches back to back (130 minutes), which is all the plain chain sees.
    groups = tuple(Match(f"g{i}", (f"a{i}", f"b{i}"), 30) for i in range(11))
    own = Match("g11", ("star", "x"), 30)
    semi = Match("s", ("star", "y"), 30, after=(*(g.id for g in groups), own.id), round="sf")
    final = Match("f", ("star", "z"), 30, after=("s",), round="f")
    inst = Instance(2, MORNING_EVENING, (*groups, own, semi, final), min_rest=20)
    assert player_sessions(inst) == 330
    assert lower_bounds(inst).player_chain < 330


def test_a_player_with_no_matches_in_order_needs_no_search_blow_up() -> None:
    # Twenty unordered matches of one player: the twins are taken in one fixed order, so the
    # search stays small and still finds the chain: 20 x 10 minutes with 5-minute rests.
    matches = tuple(Match(f"m{i}", ("star", f"p{i}"), 10) for i in range(20))
    inst = Instance(20, (Session(0, 1000),), matches, min_rest=5)
    assert player_sessions(inst) == 20 * 10 + 19 * 5


@slow_settings(40)
@given(instances(max_matches=10, alternatives=True))
def test_never_above_a_valid_plan(instance: Instance) -> None:
    for plan in (greedy(instance), heuristic_plan(instance)):
        if not check(instance, plan):
            assert player_sessions(instance) <= plan.makespan


@slow_settings(30)
@given(instances(max_matches=7, alternatives=True))
def test_never_above_a_proven_optimum(instance: Instance) -> None:
    best = proven_optimum(instance)
    if best is None:
        return
    assert player_sessions(instance) <= best


# Short sessions, so that what fits before a break matters (every drawn match still fits).
SHORT = tuple(Session(i * 100, i * 100 + 70, i // 3) for i in range(30))


@slow_settings(40)
@given(instances(max_matches=6, alternatives=True))
def test_never_above_a_proven_optimum_in_short_sessions(instance: Instance) -> None:
    instance = replace(instance, sessions=SHORT)
    best = proven_optimum(instance)
    if best is None:
        return
    assert player_sessions(instance) <= best
    assert lower_bounds(instance).value <= best
