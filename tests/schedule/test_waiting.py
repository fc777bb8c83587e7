"""Players' waits: how they are counted, and the day-by-day pass that shortens them without
ending any day later."""

from __future__ import annotations

from collections import defaultdict

from hypothesis import HealthCheck, given, settings

from smallball.schedule import (
    Instance,
    Match,
    Session,
    SolveOptions,
    check,
    greedy,
    make_plan,
    player_waiting,
)
from smallball.schedule.lns import shorten_waits
from smallball.schedule.model import Assignment, Plan
from smallball.schedule.waiting import match_days

from .strategies import instances

ONE = SolveOptions(workers=1)


def _day_ends(instance: Instance, plan: Plan) -> dict[int, int]:
    days = match_days(instance, plan)
    assert len(days) == len(plan.assignments)
    ends: dict[int, int] = defaultdict(int)
    for a in plan.assignments:
        ends[days[a.match]] = max(ends[days[a.match]], a.end)
    return dict(ends)


def test_waiting_counts_idle_time_beyond_the_rest_within_a_day() -> None:
    matches = (
        Match("a", ("p", "q"), 30),
        Match("b", ("p", "r"), 30),
        Match("c", ("p", "s"), 30),
        Match("sf1", ("q", "r"), 30, round="SF"),
        Match("sf2", ("q", "s"), 30, round="SF"),
    )
    days = (Session(0, 600, 0), Session(1440, 2040, 1))
    inst = Instance(2, days, matches, min_rest=20)
    plan = Plan(
        (
            Assignment("a", 1, 0, 30),  # p then waits 100 - 30 - 20 = 50 for b
            Assignment("b", 1, 100, 130),
            Assignment("c", 1, 1440, 1470),  # the next day: no wait across the night
            Assignment("sf1", 1, 200, 230),  # q: 200 - 30 - 20 = 150; r: 200 - 130 - 20 = 50
            Assignment("sf2", 2, 210, 240),  # alternatives of q overlap: no wait between them
        )
    )
    # s plays c on day 2 and sf2 on day 1: alone on each day.
    assert player_waiting(inst, plan) == 50 + 150 + 50


def _two_tables() -> tuple[Instance, Plan]:
    matches = (
        Match("m1", ("a", "b"), 30),
        Match("x", ("d", "e"), 30),
        Match("y", ("f", "g"), 30),
        Match("m2", ("a", "c"), 30),
    )
    inst = Instance(2, (Session(0, 300, 0), Session(1440, 1740, 1)), matches, min_rest=20)
    plan = Plan(
        (
            Assignment("m1", 1, 0, 30),
            Assignment("x", 2, 0, 30),
            Assignment("y", 1, 30, 60),
            Assignment("m2", 1, 100, 130),
        )
    )
    return inst, plan


def test_shorten_waits_brings_a_players_second_match_forward() -> None:
    inst, plan = _two_tables()
    assert check(inst, plan) == ()
    assert player_waiting(inst, plan) == 50
    shorter = shorten_waits(inst, plan, 5.0, ONE)
    assert check(inst, shorter) == ()
    assert player_waiting(inst, shorter) == 0
    assert shorter.makespan <= plan.makespan


def test_make_plan_keeps_a_share_of_the_time_for_the_waits() -> None:
    inst, _ = _two_tables()
    report = make_plan(inst, "cp-sat", SolveOptions(time_limit_s=10.0, workers=1))
    assert report.violations == ()
    assert report.waiting == 0


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_matches=8))
def test_shorten_waits_never_ends_a_day_later_or_waits_longer(instance: Instance) -> None:
    plan = greedy(instance, "tail")
    assert check(instance, plan) == ()
    shorter = shorten_waits(instance, plan, 2.0, ONE)
    assert check(instance, shorter) == ()
    assert player_waiting(instance, shorter) <= player_waiting(instance, plan)
    before = _day_ends(instance, plan)
    assert all(end <= before[day] for day, end in _day_ends(instance, shorter).items())
