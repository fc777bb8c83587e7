"""Property tests: hard constraints always hold; small instances reach the brute-force optimum."""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from typing import Any

from brute import best, objective
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smallball.pairing import pair
from smallball.pairing.codec import parse_problem

ORDERS = [
    "cross_national",
    "strength_spread",
    "strength_deviation",
    "shared_language",
    "repeats",
    "diversity",
]


@st.composite
def player_lists(
    draw: st.DrawFn, n: int, countries: list[str], ratings: st.SearchStrategy[int]
) -> list[dict[str, Any]]:
    """``n`` players ``p0``.. from ``countries``, of either gender, with ``ratings`` and up to
    two languages."""
    return [
        {
            "id": f"p{i}",
            "country": draw(st.sampled_from(countries)),
            "gender": draw(st.sampled_from(["M", "F"])),
            "rating": draw(ratings),
            "languages": draw(
                st.lists(st.sampled_from(["en", "zh", "ko"]), max_size=2, unique=True)
            ),
        }
        for i in range(n)
    ]


@st.composite
def instances(draw: st.DrawFn, most: int = 8, teams: bool = False) -> dict[str, Any]:
    mode = "teams" if teams else draw(st.sampled_from(["doubles", "mixed-doubles"]))
    n = draw(st.integers(0, most))
    countries = draw(st.sampled_from([["CHN"], ["CHN", "USA"], ["CHN", "USA", "KOR"]]))
    players = draw(player_lists(n, countries, st.integers(10, 30).map(lambda r: r * 50)))
    ids = [p["id"] for p in players]
    two = (
        st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True)
        if n >= 2
        else st.nothing()
    )
    data: dict[str, Any] = {
        "mode": mode,
        "players": players,
        "cross_national": draw(st.sampled_from(["required", "preferred", "off"])),
        "shared_language": draw(st.sampled_from([True, False, "required"])),
        "avoid": draw(st.lists(two, max_size=2)) if n >= 2 else [],
        "history": draw(st.lists(two, max_size=3)) if n >= 2 else [],
        "objective_order": draw(st.permutations(ORDERS)),
        "time_limit_s": 5,
    }
    if teams:
        data["team_size"] = 3
        data["gender_rule"] = {"min_women": draw(st.integers(0, 1))}
        data["max_per_country"] = draw(st.sampled_from([None, 2]))
        if data["max_per_country"] is None:
            del data["max_per_country"]
    if n >= 3 and draw(st.booleans()):
        data["sit_out"] = [draw(st.sampled_from(ids))]
    if n >= 2 and draw(st.booleans()):
        keep = draw(two)
        if keep not in data["avoid"] and keep[::-1] not in data["avoid"]:
            data["keep"] = [keep]
    return data


def active(data: dict[str, Any]) -> dict[str, Any]:
    """The order the solver follows: switched-off objectives drop out (documented)."""
    off = set()
    if data["cross_national"] == "off":
        off.add("cross_national")
    if data["shared_language"] is False:
        off.add("shared_language")
    if data["mode"] != "teams":
        off.add("diversity")
    out = dict(data)
    out["objective_order"] = [o for o in data["objective_order"] if o not in off]
    out["shared_language"] = "required" if data["shared_language"] == "required" else "x"
    return out


def run(data: dict[str, Any]) -> Any:
    try:
        problem = parse_problem(data)
        return pair(problem)
    except Exception as exc:  # a refused keep pair is an explained input error
        from smallball.errors import InputError

        assert isinstance(exc, InputError)
        assert exc.field.startswith("keep")
        return None


def check_hard(data: dict[str, Any], result: Any) -> None:
    from brute import _valid

    by_id = {p["id"]: p for p in data["players"]}
    placed = [pid for g in result.groups for pid in g]
    assert len(placed) == len(set(placed)), "a player is in two groups"
    assert not set(placed) & set(data.get("sit_out", [])), "a player who sits out plays"
    size = data.get("team_size", 3) if data["mode"] == "teams" else 2
    for group in result.groups:
        assert len(group) == size
        assert _valid(active(data), tuple(by_id[pid] for pid in group)), group
    assert set(placed) | set(result.unassigned) | set(result.sitting_out) == set(by_id)


def assert_hard_constraints_and_brute_force_optimum(data: dict[str, Any]) -> None:
    result = run(data)
    if result is None:
        return
    check_hard(data, result)
    assert result.optimal
    spec = active(data)
    sit = set(data.get("sit_out", []))
    pool = [p for p in data["players"] if p["id"] not in sit]
    by_id = {p["id"]: p for p in data["players"]}
    got = objective(spec, pool, [tuple(by_id[i] for i in g) for g in result.groups])
    assert got == best(spec)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_pairs_meet_hard_constraints_and_brute_force_optimum(data: dict[str, Any]) -> None:
    assert_hard_constraints_and_brute_force_optimum(data)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(most=7, teams=True))
def test_teams_meet_hard_constraints_and_brute_force_optimum(data: dict[str, Any]) -> None:
    assert_hard_constraints_and_brute_force_optimum(data)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(most=40))
def test_larger_instances_keep_hard_constraints(data: dict[str, Any]) -> None:
    data["time_limit_s"] = 2
    result = run(data)
    if result is None:
        return
    check_hard(data, result)
    # The reported strength spread is max - min of the mean ratings of the groups.
    by_id = {p["id"]: p for p in data["players"]}
    means = [Fraction(sum(by_id[i]["rating"] for i in g), len(g)) for g in result.groups]
    spread = float(max(means) - min(means)) if means else 0.0
    assert abs(result.score.strength_spread - spread) < 1e-6
    assert all(len(g) == 2 for g in result.groups)
    assert not any(frozenset(g) == frozenset(a) for g in result.groups for a in data["avoid"])
    assert all(
        any(set(k) == set(g) for g in result.groups) or set(k) <= set(result.unassigned)
        for k in data.get("keep", [])
        if not set(k) & set(data.get("sit_out", []))
    )
    _ = combinations
