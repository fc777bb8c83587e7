"""The objective of a grouping: the same measures the solver optimises, for any grouping.

Strength of a group is the mean rating of its players. ``strength_deviation`` is the sum over
groups of the distance between the group's strength and the mean rating of the whole pool
(the players who take part), so that it is linear in the groups chosen.
"""

from __future__ import annotations

from collections.abc import Sequence

from smallball.pairing.rules import Pool, group_violations, shared_languages
from smallball.words import N_, Said

Groups = Sequence[Sequence[int]]


def group_sum(pool: Pool, group: Sequence[int]) -> int:
    return sum(pool.rating[i] for i in group)


def deviation_units(pool: Pool, total: int) -> int:
    """|n·sum − k·pool total|: the deviation in units of 1/(100·k·n) rating points."""
    return abs(len(pool.players) * total - pool.k * pool.total)


def is_cross(pool: Pool, group: Sequence[int]) -> bool:
    return len({pool.players[i].country for i in group}) > 1


def repeats_in(pool: Pool, group: Sequence[int]) -> int:
    return sum(1 for a in group for b in group if a < b and frozenset((a, b)) in pool.history)


def keys(pool: Pool, groups: Groups) -> dict[str, int]:
    """Every objective in integer units, each to be minimised."""
    sums = [group_sum(pool, g) for g in groups]
    return {
        "groups": -len(groups),
        "cross_national": -sum(is_cross(pool, g) for g in groups),
        "strength_spread": (max(sums) - min(sums)) if sums else 0,
        "strength_deviation": sum(deviation_units(pool, s) for s in sums),
        "shared_language": -sum(bool(shared_languages(pool, g)) for g in groups),
        "repeats": sum(repeats_in(pool, g) for g in groups),
        "diversity": -sum(len({pool.players[i].country for i in g}) for g in groups),
    }


def lex_key(pool: Pool, groups: Groups) -> tuple[int, ...]:
    """The lexicographic objective: filling groups first, then the configured order."""
    values = keys(pool, groups)
    return (values["groups"], *(values[o] for o in pool.problem.active_order))


def strengths(pool: Pool, groups: Groups) -> tuple[float, ...]:
    return tuple(round(group_sum(pool, g) / (100 * pool.k), 4) for g in groups)


def violations(pool: Pool, groups: Groups) -> list[Said]:
    out: list[Said] = []
    seen: set[int] = set()
    for n, group in enumerate(groups):
        for i in group:
            if i in seen:
                twice = N_("groups[{n}]: {player} is in two groups")
                out.append(Said(twice, n=n, player=pool.players[i].id))
            seen.add(i)
        out.extend(
            Said(N_("groups[{n}]: {reason}"), n=n, reason=v) for v in group_violations(pool, group)
        )
    return out
