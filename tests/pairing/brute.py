"""An independent brute-force pairing enumerator for small instances (no solver code used)."""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from typing import Any


def _valid(data: dict[str, Any], group: tuple[dict[str, Any], ...]) -> bool:
    ids = {p["id"] for p in group}
    mode = data["mode"]
    rule = data.get("gender_rule") or {}
    women = sum(p["gender"] == "F" for p in group)
    men = sum(p["gender"] == "M" for p in group)
    if mode == "mixed-doubles" and (women, men) != (1, 1):
        return False
    if women < rule.get("min_women", 0) or men < rule.get("min_men", 0):
        return False
    if rule.get("same_gender") and len({p["gender"] for p in group}) > 1:
        return False
    countries = [p["country"] for p in group]
    if data.get("cross_national") == "required" and len(set(countries)) < 2:
        return False
    cap = data.get("max_per_country")
    if cap is not None and max(countries.count(c) for c in countries) > cap:
        return False
    if data.get("shared_language") == "required" and not set.intersection(
        *(set(p["languages"]) for p in group)
    ):
        return False
    for a, b in data.get("avoid", []):
        if a in ids and b in ids:
            return False
    for kept in data.get("keep", []):
        inside = ids & set(kept)
        if inside and inside != set(kept):
            return False
    return True


def _groupings(data: dict[str, Any], players: list[dict[str, Any]], k: int):  # type: ignore[no-untyped-def]
    if not players:
        yield []
        return
    first, rest = players[0], players[1:]
    yield from _groupings(data, rest, k)  # first stays out
    for others in combinations(rest, k - 1):
        group = (first, *others)
        if _valid(data, group):
            left = [p for p in rest if p not in others]
            for tail in _groupings(data, left, k):
                yield [group, *tail]


def objective(
    data: dict[str, Any], pool: list[dict[str, Any]], groups: list[Any]
) -> tuple[Any, ...]:
    """Lexicographic key (smaller is better) in the problem's order, from first principles."""
    mean = Fraction(sum(Fraction(p["rating"]) for p in pool), max(1, len(pool)))
    strength = [Fraction(sum(Fraction(p["rating"]) for p in g), len(g)) for g in groups]
    history = {frozenset(h) for h in data.get("history", [])}
    values = {
        "cross_national": -sum(len({p["country"] for p in g}) > 1 for g in groups),
        "strength_spread": (max(strength) - min(strength)) if strength else 0,
        "strength_deviation": sum(abs(s - mean) for s in strength),
        "shared_language": -sum(
            bool(set.intersection(*(set(p["languages"]) for p in g))) for g in groups
        ),
        "repeats": sum(
            1
            for g in groups
            for a, b in combinations(g, 2)
            if frozenset((a["id"], b["id"])) in history
        ),
        "diversity": -sum(len({p["country"] for p in g}) for g in groups),
    }
    order = data["objective_order"]
    return (-len(groups), *(values[o] for o in order))


def best(data: dict[str, Any]) -> tuple[Any, ...]:
    sit = set(data.get("sit_out", []))
    pool = [p for p in data["players"] if p["id"] not in sit]
    k = data.get("team_size", 3) if data["mode"] == "teams" else 2
    keys = [objective(data, pool, list(g)) for g in _groupings(data, pool, k)]
    # A grouping must hold every kept group whole, either all in or (if impossible) invalid.
    return min(keys)
