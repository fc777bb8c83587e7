"""Greedy starts: always feasible, never optimal by promise; the solver improves on them."""

from __future__ import annotations

from collections.abc import Sequence

from smallball.pairing.rules import Pool, group_violations, partial_violation, shared_languages


def pair_penalty(pool: Pool, i: int, j: int) -> tuple[int, ...]:
    """How a pair looks to the greedy: the configured objectives, nearest sum first."""
    target = 2 * pool.total / max(1, len(pool.players))
    a, b = pool.players[i], pool.players[j]
    out: list[int] = []
    for objective in pool.problem.active_order:
        if objective == "cross_national":
            out.append(int(a.country == b.country))
        elif objective in ("strength_spread", "strength_deviation"):
            out.append(int(abs(pool.rating[i] + pool.rating[j] - target)))
        elif objective == "shared_language":
            out.append(int(not (a.languages & b.languages)))
        elif objective == "repeats":
            out.append(int(frozenset((i, j)) in pool.history))
    return tuple(out)


def greedy_pairs(pool: Pool, adj: Sequence[Sequence[int]]) -> list[int]:
    """Strongest and weakest first, each takes the free partner that suits it best."""
    n = len(pool.players)
    mate = [-1] * n
    order = sorted(range(n), key=lambda i: -abs(2 * pool.rating[i] * n - 2 * pool.total))
    # Players with few partners choose first, or they may be left with none.
    order.sort(key=lambda i: len(adj[i]) > 3)
    for i in order:
        if mate[i] != -1:
            continue
        free = [j for j in adj[i] if mate[j] == -1]
        if free:
            j = min(free, key=lambda j: pair_penalty(pool, i, j))
            mate[i], mate[j] = j, i
    return mate


def greedy_teams(pool: Pool, slots: int) -> list[list[int]]:
    """Deal units (kept groups or single players) to the weakest team that can take them."""
    k = pool.k
    rule = pool.problem.gender_rule
    kept = {i for block in pool.keep for i in block}
    units = [list(b) for b in pool.keep] + [[i] for i in range(len(pool.players)) if i not in kept]

    def scarce(unit: list[int]) -> int:
        women = sum(pool.players[i].gender == "F" for i in unit)
        men = sum(pool.players[i].gender == "M" for i in unit)
        return -(women * rule.min_women + men * rule.min_men) - 100 * (len(unit) - 1)

    units.sort(key=lambda u: (scarce(u), -sum(pool.rating[i] for i in u)))
    teams: list[list[int]] = [[] for _ in range(slots)]
    sums = [0] * slots
    for unit in units:
        best = -1
        for t in range(slots):
            if len(teams[t]) + len(unit) > k:
                continue
            if partial_violation(pool, teams[t] + unit) is not None:
                continue
            if best == -1 or (sums[t], len(teams[t])) < (sums[best], len(teams[best])):
                best = t
        if best != -1:
            teams[best].extend(unit)
            sums[best] += sum(pool.rating[i] for i in unit)
    return [sorted(t) for t in teams if len(t) == k and not group_violations(pool, t)]


def language_ok(pool: Pool, group: Sequence[int]) -> bool:
    return bool(shared_languages(pool, group))
