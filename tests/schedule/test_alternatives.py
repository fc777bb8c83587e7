"""Alternatives: matches of one round, of which any one player plays at most one. They need no
player no-overlap and no rest between them; everything else still holds."""

from __future__ import annotations

from itertools import combinations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smallball.schedule import (
    Assignment,
    Instance,
    Match,
    Plan,
    Session,
    SolveOptions,
    check,
    greedy,
    lower_bounds,
    make_plan,
    solve_cpsat,
)
from smallball.schedule.callup import Progress, call_up
from smallball.schedule.cpsat import covering_rows, player_cliques
from smallball.schedule.greedy import _WORK_RULES
from smallball.schedule.justify import backward_greedy, heuristic_plan, justify
from smallball.schedule.timeline import Timeline

from .oracles import proven_optimum
from .strategies import instances, slow_settings

FAST = SolveOptions(time_limit_s=1.0, workers=1)
DAY = (Session(0, 600, 0),)


def bracket(rest: int = 20) -> Instance:
    """Four players, two first-round slots listing everyone (as a draw does before the groups
    are played), then a final after both."""
    everyone = ("a", "b", "c", "d")
    matches = (
        Match("r1-0", everyone, 30, round="R1"),
        Match("r1-1", everyone, 30, round="R1"),
        Match("f", everyone, 30, after=("r1-0", "r1-1"), round="F"),
    )
    return Instance(2, DAY, matches, min_rest=rest)


def kinds(inst: Instance, *assignments: Assignment) -> list[str]:
    return [v.kind for v in check(inst, Plan(tuple(assignments)))]


def test_alternatives_at_the_same_time_are_not_flagged() -> None:
    inst = bracket()
    plan = (Assignment("r1-0", 1, 0, 30), Assignment("r1-1", 2, 0, 30), Assignment("f", 1, 50, 80))
    assert kinds(inst, *plan) == []


def test_the_same_plan_without_rounds_is_flagged() -> None:
    inst = bracket()
    plain = Instance(2, DAY, tuple(Match(m.id, m.players, 30, m.after) for m in inst.matches))
    plan = (Assignment("r1-0", 1, 0, 30), Assignment("r1-1", 2, 0, 30), Assignment("f", 1, 50, 80))
    assert "player_overlap" in kinds(plain, *plan)


def test_rest_and_precedence_still_hold_across_rounds() -> None:
    inst = bracket()
    # The final 10 minutes after the first round: rest is 20.
    short = (Assignment("r1-0", 1, 0, 30), Assignment("r1-1", 2, 0, 30), Assignment("f", 1, 40, 70))
    assert set(kinds(inst, *short)) == {"rest_too_short"}
    # The final during the first round: both the player clash and precedence.
    clash = (Assignment("r1-0", 1, 0, 30), Assignment("r1-1", 2, 20, 50), Assignment("f", 1, 0, 30))
    assert {"player_overlap", "precedence"} <= set(kinds(inst, *clash))


def test_a_clash_hidden_behind_a_later_alternative_is_caught() -> None:
    # a and c are alternatives (round R) and a ends last; x (round S) ends earlier but c starts
    # only 15 minutes after it, with a 20-minute rest: the checker must look past a.
    matches = (
        Match("a", ("p",), 60, round="R"),
        Match("x", ("p",), 10, round="S"),
        Match("c", ("p",), 20, round="R"),
    )
    inst = Instance(3, DAY, matches, min_rest=20)
    found = check(inst, Plan((Assignment("a", 1, 0, 60), Assignment("x", 2, 0, 10),
                              Assignment("c", 3, 25, 45))))  # fmt: skip
    assert [(v.kind, set(v.matches)) for v in found] == [
        ("player_overlap", {"a", "x"}),
        ("rest_too_short", {"x", "c"}),
    ]


def test_per_session_limit_counts_a_round_once() -> None:
    inst = bracket(rest=0)
    inst = Instance(2, DAY, inst.matches, max_matches_per_session=2)
    plan = (Assignment("r1-0", 1, 0, 30), Assignment("r1-1", 2, 0, 30), Assignment("f", 1, 30, 60))
    assert kinds(inst, *plan) == []
    tight = Instance(2, DAY, inst.matches, max_matches_per_session=1)
    assert set(kinds(tight, *plan)) == {"too_many_in_session"}


def test_bounds_use_one_match_per_round() -> None:
    inst = bracket()
    bounds = lower_bounds(inst)
    # One first-round match, the rest, the final: 30 + 20 + 30.
    assert bounds.player_chain == 80
    assert bounds.critical_path == 80


def test_plans_use_the_alternatives() -> None:
    inst = bracket()
    for plan in (greedy(inst), make_plan(inst, "cp-sat", FAST).plan):
        assert check(inst, plan) == ()
        assert plan.makespan == 80


def test_longest_alternative_counts_in_the_chain() -> None:
    matches = (
        Match("s1", ("p", "q"), 25, round="R1"),
        Match("s2", ("p", "r"), 40, round="R1"),
        Match("g", ("p",), 10),
    )
    inst = Instance(3, DAY, matches, min_rest=5)
    assert lower_bounds(inst).player_chain == 40 + 5 + 10


def _reference_clashes(inst: Instance, plan: Plan) -> set[tuple[frozenset[str], str]]:
    """Every pair of matches a player could both play that overlap or leave too short a rest."""
    out = set()
    for a, b in combinations(plan.assignments, 2):
        ma, mb = inst.by_id[a.match], inst.by_id[b.match]
        if ma.round is not None and ma.round == mb.round:
            continue
        for p in set(ma.players) & set(mb.players):
            first, second = sorted((a, b), key=lambda x: (x.start, x.end))
            if second.start < first.end:
                out.add((frozenset((a.match, b.match)), "player_overlap"))
            elif second.start < first.end + inst.rest(p):
                out.add((frozenset((a.match, b.match)), "rest_too_short"))
    return out


@settings(max_examples=150, deadline=None)
@given(instances(alternatives=True), st.data())
def test_checker_agrees_with_a_pairwise_reference(instance: Instance, data: st.DataObject) -> None:
    n = len(instance.matches)
    starts = data.draw(
        st.lists(st.sampled_from([0, 10, 20, 30, 45, 60, 90]), min_size=n, max_size=n)
    )
    plan = Plan(
        tuple(
            Assignment(m.id, 1 + i % instance.tables, s, s + m.duration)
            for i, (m, s) in enumerate(zip(instance.matches, starts, strict=True))
        )
    )
    reference = _reference_clashes(instance, plan)
    found = {
        (frozenset(v.matches), v.kind)
        for v in check(instance, plan)
        if v.kind in ("player_overlap", "rest_too_short")
    }
    # Every reported pair is a real clash (overlap may also break the rest of another player),
    # and a plan with any clash gets at least one report.
    pairs = {pair for pair, _ in reference}
    assert all(pair in pairs for pair, _ in found)
    assert bool(found) == bool(reference)


@settings(max_examples=40, deadline=None)
@given(instances(alternatives=True))
def test_every_heuristic_plan_passes_the_checker(instance: Instance) -> None:
    bound = lower_bounds(instance).value
    plans = [greedy(instance, rule) for rule in ("earliest", "tail", "load", *_WORK_RULES)]
    plans.append(heuristic_plan(instance))
    if all(m.start is None and m.not_before is None for m in instance.matches):
        plans += [backward_greedy(instance, "work-0"), justify(instance, plans[0])]
    for plan in plans:
        assert check(instance, plan) == ()
        assert plan.makespan >= bound


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_matches=8, alternatives=True))
def test_cpsat_and_make_plan_pass_the_checker(instance: Instance) -> None:
    hint = greedy(instance)
    plan = solve_cpsat(instance, hint, FAST)
    if plan is not None:
        assert check(instance, plan) == ()
        assert lower_bounds(instance).value <= plan.makespan <= hint.makespan
    report = make_plan(instance, "cp-sat", FAST)
    assert report.violations == check(instance, report.plan) == ()
    assert report.bounds.value <= report.makespan <= report.greedy.makespan


@slow_settings(30)
@given(instances(max_matches=6, alternatives=True))
def test_lower_bounds_never_exceed_a_proven_optimum(instance: Instance) -> None:
    best = proven_optimum(instance)
    if best is None:
        return
    assert lower_bounds(instance).value <= best


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 4), max_size=9))
def test_covering_rows_pair_every_two_choices(sizes: list[int]) -> None:
    rows = covering_rows(tuple(sizes))
    for row in rows:
        assert len(row) == len(sizes) and all(0 <= a < n for a, n in zip(row, sizes, strict=True))
    for i, n in enumerate(sizes):
        assert {row[i] for row in rows} == set(range(n))
        for j in range(i + 1, len(sizes)):
            assert {(row[i], row[j]) for row in rows} == {
                (a, b) for a in range(n) for b in range(sizes[j])
            }


@settings(max_examples=60, deadline=None)
@given(instances(alternatives=True))
def test_player_cliques_cover_every_conflict_and_no_alternative(instance: Instance) -> None:
    cliques = player_cliques(instance)
    for _, ids in cliques:
        for x, y in combinations(ids, 2):
            mx, my = instance.by_id[x], instance.by_id[y]
            assert mx.round is None or mx.round != my.round
    for player, played in instance.by_player.items():
        rest = instance.rest(player)
        for x, y in combinations(played, 2):
            mx, my = instance.by_id[x], instance.by_id[y]
            if mx.round is not None and mx.round == my.round:
                continue
            assert any(r >= rest and x in ids and y in ids for r, ids in cliques)


def test_timeline_merges_overlapping_intervals() -> None:
    line = Timeline()
    for start, end in ((0, 30), (100, 130), (20, 50), (40, 110), (200, 210)):
        line.add(start, end)
    assert (line.starts, line.ends) == ([0, 200], [130, 210])
    assert line.blocker(140, 150) is None
    assert line.blocker(130, 150, margin=5) == 130


def test_call_up_is_not_held_by_a_player_in_an_alternative() -> None:
    inst = bracket(rest=0)
    plan = greedy(inst)
    first = next(a for a in plan.assignments if a.match == "r1-0")
    # r1-0 is running with everyone listed; r1-1 is its alternative, so it can still be called.
    result = call_up(inst, plan, 5, [Progress("r1-0", first.table, 0, None)], horizon=0)
    calls = {c.match: c for t in result.tables for c in t.calls}
    assert calls["r1-1"].ready
    assert not calls["f"].ready
