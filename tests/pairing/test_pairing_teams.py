"""Teams: hard constraints on random instances, brute-force optima, proofs by bound, seeds."""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any

from brute import _valid, best, objective
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_pairing_properties import ORDERS, active, check_hard, player_lists, run

from smallball.pairing import pair
from smallball.pairing.codec import parse_problem


@st.composite
def team_instances(draw: st.DrawFn, least: int, most: int) -> dict[str, Any]:
    n = draw(st.integers(least, most))
    countries = draw(st.sampled_from([["CHN", "USA"], ["CHN", "USA", "KOR"], list("ABCDE")]))
    players = draw(player_lists(n, countries, st.integers(10, 40).map(lambda r: r * 25)))
    ids = [p["id"] for p in players]
    two = st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True)
    data: dict[str, Any] = {
        "mode": "teams",
        "team_size": 3,
        "players": players,
        "cross_national": draw(st.sampled_from(["required", "preferred", "off"])),
        "shared_language": draw(st.sampled_from([True, False, "required"])),
        "avoid": draw(st.lists(two, max_size=3)),
        "history": draw(st.lists(two, max_size=4)),
        "objective_order": draw(st.permutations(ORDERS)),
        "gender_rule": {"min_women": draw(st.integers(0, 1))},
        "time_limit_s": 2,
        "seed": draw(st.integers(0, 3)),
    }
    if draw(st.booleans()):
        data["max_per_country"] = 2
    if draw(st.booleans()):
        keep = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=3, unique=True))
        if not any(set(a) <= set(keep) for a in data["avoid"]):
            data["keep"] = [keep]
    return data


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(team_instances(6, 9))
def test_small_teams_reach_the_brute_force_optimum(data: dict[str, Any]) -> None:
    data["time_limit_s"] = 5
    result = run(data)
    if result is None:
        return
    check_hard(data, result)
    assert result.optimal
    spec = active(data)
    by_id = {p["id"]: p for p in data["players"]}
    got = objective(spec, data["players"], [tuple(by_id[i] for i in g) for g in result.groups])
    assert got == best(spec)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(team_instances(10, 45))
def test_random_teams_keep_every_hard_constraint(data: dict[str, Any]) -> None:
    result = run(data)
    if result is None:
        return
    check_hard(data, result)
    by_id = {p["id"]: p for p in data["players"]}
    spec = active(data)
    assert all(_valid(spec, tuple(by_id[i] for i in g)) for g in result.groups)
    for kept in data.get("keep", []):
        together = any(set(kept) <= set(g) for g in result.groups)
        assert together or set(kept) <= set(result.unassigned)
    means = [Fraction(sum(by_id[i]["rating"] for i in g), 3) for g in result.groups]
    spread = float(max(means) - min(means)) if means else 0.0
    assert abs(result.score.strength_spread - spread) <= 0.00005  # reported to 4 decimals


def _equal_triples(teams: int, seed: int) -> dict[str, Any]:
    """Teams whose three ratings sum to the same total, each from three associations with one
    woman: a spread of 0 exists, so the optimum of the first three objectives is known."""
    rng = random.Random(seed)
    players = []
    for t in range(teams):
        a = rng.randint(1200, 2200)
        b = rng.randint(1200, 2200)
        c = 5400 - a - b
        for n, rating in enumerate((a, b, c)):
            players.append(
                {
                    "id": f"t{t}p{n}",
                    "country": f"C{(t + n) % 7}",
                    "gender": "F" if n == 0 else "M",
                    "rating": rating,
                }
            )
    rng.shuffle(players)
    return {
        "mode": "teams",
        "team_size": 3,
        "players": players,
        "cross_national": "required",
        "gender_rule": {"min_women": 1},
        "objective_order": ["cross_national", "strength_spread", "strength_deviation"],
        "time_limit_s": 10,
    }


def test_equal_sums_are_found_and_proven_by_bound() -> None:
    data = _equal_triples(5, seed=7)
    result = pair(parse_problem(data))
    assert len(result.groups) == 5
    assert result.score.strength_spread == 0.0
    assert result.score.strength_deviation == 0.0
    assert result.optimal


def test_same_input_and_seed_give_the_same_teams() -> None:
    rng = random.Random(3)
    players = [
        {
            "id": f"p{i}",
            "country": f"C{rng.randrange(6)}",
            "gender": "F" if i % 3 == 0 else "M",
            "rating": rng.randint(1000, 2600),
            "languages": rng.sample(["en", "zh", "ko", "de"], 2),
        }
        for i in range(18)
    ]
    data = {
        "mode": "teams",
        "team_size": 3,
        "players": players,
        "cross_national": "required",
        "shared_language": True,
        "gender_rule": {"min_women": 1},
        "time_limit_s": 10,
        "seed": 5,
    }
    first = pair(parse_problem(data))
    second = pair(parse_problem(data))
    assert not any("another run may" in n for n in first.notes)
    assert first.groups == second.groups
    assert first.score == second.score
