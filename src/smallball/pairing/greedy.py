"""Greedy starts: always feasible, never optimal by promise; the solver improves on them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from smallball.pairing.rules import Pool, group_violations, partial_violation, shared_languages

if TYPE_CHECKING:
    from smallball.pairing.pairs import Table


def greedy_pairs(pool: Pool, table: Table, adj: Sequence[Sequence[int]]) -> list[int]:
    """Strongest and weakest first, each takes the free partner that suits it best: the
    configured objectives in order, the pair strength nearest the pool mean for strength."""
    n = len(pool.players)
    mate = [-1] * n
    if not len(table):
        return mate
    columns: list[npt.NDArray[Any]] = []
    for objective in pool.problem.active_order:
        if objective == "cross_national":
            columns.append(~table.cross)
        elif objective in ("strength_spread", "strength_deviation"):
            columns.append(table.deviation)
        elif objective == "shared_language":
            columns.append(~table.language)
        elif objective == "repeats":
            columns.append(table.repeat)
    # Rank every pair once; each player then takes its best-ranked free partner.
    rank = np.empty(len(table), dtype=np.int64)
    rank[np.lexsort(columns[::-1]) if columns else np.arange(len(table))] = np.arange(len(table))
    ends = np.concatenate([table.i, table.j])
    others = np.concatenate([table.j, table.i])
    by_end = np.lexsort((np.concatenate([rank, rank]), ends))
    others = others[by_end]
    offsets = np.concatenate([[0], np.cumsum(np.bincount(ends, minlength=n))])
    free = np.ones(n, dtype=bool)
    order = sorted(range(n), key=lambda i: -abs(2 * pool.rating[i] * n - 2 * pool.total))
    # Players with few partners choose first, or they may be left with none.
    order.sort(key=lambda i: len(adj[i]) > 3)
    for i in order:
        if not free[i]:
            continue
        around = others[offsets[i] : offsets[i + 1]]
        open_ = np.flatnonzero(free[around])
        if len(open_):
            j = int(around[open_[0]])
            mate[i], mate[j] = j, i
            free[i] = free[j] = False
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
