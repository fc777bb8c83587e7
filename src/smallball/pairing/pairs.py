"""Doubles and mixed doubles: a matching problem.

The number of pairs is fixed first by an exact maximum matching. When the strength spread is
an objective and every objective before it can be met by all pairs at once (the usual case:
every pair cross-national), the optimal spread is found exactly by a search over windows of
allowed pair strengths, each checked by a maximum matching. Only the pairs whose strength can
lie in an optimal window are then given to CP-SAT for the later objectives, which keeps 1,000
players tractable. Otherwise CP-SAT works on all allowed pairs.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx
from ortools.sat.python import cp_model

from smallball.pairing.greedy import greedy_pairs
from smallball.pairing.lexico import Level, solve_levels
from smallball.pairing.matching import OutOfTime, max_matching
from smallball.pairing.rules import Pool
from smallball.pairing.score import deviation_units, lex_key

EDGE_CAP = 40_000  # beyond this many pairs, CP-SAT only sees each player's nearest partners
NEAREST = 40
NX_CAP = 12_000  # edges up to which the exact weighted blossom runs in time
WINDOWS = 6  # optimal-spread windows solved one by one; more go to one joint model


@dataclass(frozen=True, slots=True)
class Edge:
    i: int
    j: int
    total: int
    cross: bool
    language: bool
    repeat: bool
    deviation: int


@dataclass(frozen=True, slots=True)
class PairSolution:
    pairs: tuple[tuple[int, int], ...]
    proven: bool
    method: str


def build_edges(pool: Pool) -> list[Edge]:
    problem = pool.problem
    rule = problem.gender_rule
    players = pool.players
    country = [p.country for p in players]
    women = [p.gender == "F" for p in players]
    men = [p.gender == "M" for p in players]
    langs = [p.languages for p in players]
    age = [p.age_group for p in players]
    keep = [pool.kept_with.get(i, -1) for i in range(len(players))]
    must_cross = (
        problem.cross_national == "required"
        or problem.delegations is not None
        or problem.max_per_country == 1
    )
    need_language = problem.shared_language == "required"
    edges: list[Edge] = []
    for i in range(len(players)):
        for j in range(i + 1, len(players)):
            if keep[i] != keep[j]:
                continue
            cross = country[i] != country[j]
            if must_cross and not cross:
                continue
            if women[i] + women[j] < rule.min_women or men[i] + men[j] < rule.min_men:
                continue
            if rule.same_gender and players[i].gender != players[j].gender:
                continue
            if problem.same_age_group and age[i] != age[j]:
                continue
            language = bool(langs[i] & langs[j])
            if need_language and not language:
                continue
            if frozenset((i, j)) in pool.avoid:
                continue
            total = pool.rating[i] + pool.rating[j]
            edges.append(
                Edge(
                    i,
                    j,
                    total,
                    cross,
                    language,
                    frozenset((i, j)) in pool.history,
                    deviation_units(pool, total),
                )
            )
    return edges


def _adjacency(n: int, edges: list[Edge]) -> list[list[int]]:
    adj: list[list[int]] = [[] for _ in range(n)]
    for e in edges:
        adj[e.i].append(e.j)
        adj[e.j].append(e.i)
    return adj


def _restrict(mate: list[int], adj: list[list[int]]) -> list[int]:
    out = [-1] * len(mate)
    for v, u in enumerate(mate):
        if u != -1 and u in adj[v]:
            out[v] = u
    return out


def _pairs(mate: list[int]) -> tuple[tuple[int, int], ...]:
    return tuple((v, u) for v, u in enumerate(mate) if u > v)


def _spread(mate: list[int], sums: dict[tuple[int, int], int]) -> int:
    values = [sums[p] for p in _pairs(mate)]
    return max(values) - min(values) if values else 0


_KEEP_IF: dict[str, Callable[[Edge], bool]] = {
    "cross_national": lambda e: e.cross,
    "shared_language": lambda e: e.language,
    "repeats": lambda e: not e.repeat,
    "diversity": lambda e: e.cross,
}


class _WindowSearch:
    """The least spread of pair strengths over maximum matchings, found window by window."""

    def __init__(self, n: int, edges: list[Edge], size: int, deadline: float) -> None:
        self.n = n
        self.edges = sorted(edges, key=lambda e: e.total)
        self.totals = [e.total for e in self.edges]
        self.values = sorted(set(self.totals))
        self.size = size
        self.deadline = deadline
        low = [10**18] * n
        high = [-(10**18)] * n
        for e in edges:
            for v in (e.i, e.j):
                low[v] = min(low[v], e.total)
                high[v] = max(high[v], e.total)
        touched = [v for v in range(n) if high[v] >= low[v]]
        self.touched = len(touched)
        spare = len(touched) - 2 * size  # players a maximum matching must leave out
        # Some player among the spare+1 with the highest cheapest pair must be paired.
        self.a = sorted(high[v] for v in touched)[spare]
        self.b = sorted((low[v] for v in touched), reverse=True)[spare]

    def window(self, lo: int, width: int) -> list[Edge]:
        start = bisect.bisect_left(self.totals, lo)
        stop = bisect.bisect_right(self.totals, lo + width)
        return self.edges[start:stop]

    def feasible(self, width: int, mate: list[int]) -> list[int] | None:
        first = bisect.bisect_left(self.values, self.b - width)
        for lo in self.values[first:]:
            if lo > self.a:
                break
            if time.monotonic() > self.deadline:
                raise OutOfTime
            chosen = self.window(lo, width)
            covered = {e.i for e in chosen} | {e.j for e in chosen}
            if len(covered) < 2 * self.size:
                continue
            adj = _adjacency(self.n, chosen)
            found, size = max_matching(adj, _restrict(mate, adj), self.size, self.deadline)
            if size >= self.size:
                return found
        return None


def solve_pairs(pool: Pool, deadline: float) -> PairSolution:
    n = len(pool.players)
    edges = build_edges(pool)
    adj = _adjacency(n, edges)
    mate = greedy_pairs(pool, adj)
    try:
        mate, size = max_matching(adj, mate, deadline=deadline)
    except OutOfTime:
        return PairSolution(_pairs(mate), False, "greedy")
    if size == 0:
        return PairSolution((), True, "matching")
    order = pool.problem.active_order
    if "strength_spread" in order:
        fast = _fast(pool, edges, mate, size, deadline)
        if fast is not None:
            return fast
    if "strength_spread" not in order and len(edges) <= NX_CAP:
        return _weighted(pool, edges, size, order)
    return _cp_sat(pool, edges, mate, size, order, deadline, exact=len(edges) <= EDGE_CAP)


def _fast(
    pool: Pool, edges: list[Edge], mate: list[int], size: int, deadline: float
) -> PairSolution | None:
    n = len(pool.players)
    order = pool.problem.active_order
    split = order.index("strength_spread")
    try:
        for objective in order[:split]:
            if objective not in _KEEP_IF:
                return None
            kept = [e for e in edges if _KEEP_IF[objective](e)]
            adj = _adjacency(n, kept)
            found, got = max_matching(adj, _restrict(mate, adj), size, deadline)
            if got < size:
                return None
            edges, mate = kept, found
        sums = {(e.i, e.j): e.total for e in edges}
        search = _WindowSearch(n, edges, size, deadline)
        low = max(0, search.b - search.a)
        high = _spread(mate, sums)
        while low < high:
            mid = (low + high) // 2
            found2 = search.feasible(mid, mate)
            if found2 is None:
                low = mid + 1
            else:
                mate = found2
                high = _spread(mate, sums)
    except OutOfTime:
        return PairSolution(_pairs(mate), False, "matching")
    best = high
    rest = order[split + 1 :]
    if not rest:
        return PairSolution(_pairs(mate), True, "matching")
    starts = [v for v in search.values if search.b - best <= v <= search.a]
    try:
        windows = [
            w for w in (search.window(lo, best) for lo in starts) if _fits(w, n, size, deadline)
        ]
    except OutOfTime:
        return PairSolution(_pairs(mate), False, "matching")
    if len(windows) > WINDOWS:
        near = sorted({(e.i, e.j): e for w in windows for e in w}.values(), key=lambda e: e.total)
        return _cp_sat(pool, near, mate, size, rest, deadline, exact=True, spread=best)
    return _per_window(pool, windows, mate, size, rest, deadline)


def _fits(window: list[Edge], n: int, size: int, deadline: float) -> bool:
    if len({e.i for e in window} | {e.j for e in window}) < 2 * size:
        return False
    return max_matching(_adjacency(n, window), None, size, deadline)[1] >= size


def _per_window(
    pool: Pool,
    windows: list[list[Edge]],
    mate: list[int],
    size: int,
    rest: tuple[str, ...],
    deadline: float,
) -> PairSolution:
    """Few optimal windows: solve each as a plain matching problem (a tight model)."""
    n = len(pool.players)
    best: PairSolution | None = None
    best_key: tuple[int, ...] = ()
    proven = True
    for count, window in enumerate(windows):
        share = (deadline - time.monotonic()) / (len(windows) - count)
        adj = _adjacency(n, window)
        try:
            start, got = max_matching(adj, _restrict(mate, adj), size, deadline)
        except OutOfTime:
            proven = False
            break
        if got < size:
            continue
        if len(window) <= NX_CAP:
            solved = _weighted(pool, window, size, rest)
        else:
            solved = _cp_sat(pool, window, start, size, rest, time.monotonic() + share, exact=True)
        proven = proven and solved.proven
        key = lex_key(pool, solved.pairs)
        if best is None or key < best_key:
            best, best_key = solved, key
    if best is None:
        return PairSolution(_pairs(mate), False, "matching")
    return PairSolution(best.pairs, proven, "matching+cp-sat")


_COST: dict[str, Callable[[Edge], int]] = {
    "cross_national": lambda e: int(not e.cross),
    "diversity": lambda e: int(not e.cross),
    "strength_deviation": lambda e: e.deviation,
    "shared_language": lambda e: int(not e.language),
    "repeats": lambda e: int(e.repeat),
}


def _weighted(pool: Pool, edges: list[Edge], size: int, order: tuple[str, ...]) -> PairSolution:
    """Exact lexicographic optimum of edge-additive objectives: one maximum-weight matching
    among the maximum-cardinality ones, the objectives folded into one integer weight."""
    weight = [0] * len(edges)
    scale = 1
    for objective in reversed(order):
        costs = [_COST[objective](e) for e in edges]
        top = max(costs, default=0)
        for n, c in enumerate(costs):
            weight[n] += scale * (top - c)
        scale *= size * max(1, top) + 1
        scale = max(scale, size * max(weight, default=0) + 1)
    graph = nx.Graph()
    for e, w in zip(edges, weight, strict=True):
        graph.add_edge(e.i, e.j, weight=w)
    chosen = nx.max_weight_matching(graph, maxcardinality=True)
    pairs = tuple(sorted((min(a, b), max(a, b)) for a, b in chosen))
    return PairSolution(pairs, len(pairs) == size, "matching")


def _nearest(pool: Pool, edges: list[Edge], mate: list[int]) -> list[Edge]:
    by_player: dict[int, list[Edge]] = {}
    for e in edges:
        by_player.setdefault(e.i, []).append(e)
        by_player.setdefault(e.j, []).append(e)
    chosen: set[tuple[int, int]] = {(v, u) for v, u in enumerate(mate) if u > v}
    for around in by_player.values():
        around.sort(key=lambda e: (e.deviation, not e.cross, not e.language, e.repeat))
        chosen.update((e.i, e.j) for e in around[:NEAREST])
    return [e for e in edges if (e.i, e.j) in chosen]


def _cp_sat(
    pool: Pool,
    edges: list[Edge],
    mate: list[int],
    size: int,
    order: tuple[str, ...],
    deadline: float,
    *,
    exact: bool,
    spread: int | None = None,
) -> PairSolution:
    if not exact:
        edges = _nearest(pool, edges, mate)
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{e.i}_{e.j}") for e in edges]
    touching: dict[int, list[cp_model.IntVar]] = {}
    for var, e in zip(x, edges, strict=True):
        touching.setdefault(e.i, []).append(var)
        touching.setdefault(e.j, []).append(var)
    for group in touching.values():
        model.add_at_most_one(group)
    model.add(sum(x) == size)
    lowest = min(e.total for e in edges)
    highest = max(e.total for e in edges)
    lo = model.new_int_var(lowest, highest, "lo")
    hi = model.new_int_var(lowest, highest, "hi")
    if spread is not None or "strength_spread" in order:
        for var, e in zip(x, edges, strict=True):
            model.add(lo <= e.total).only_enforce_if(var)
            model.add(hi >= e.total).only_enforce_if(var)
        model.add(lo <= hi)
    if spread is not None:
        model.add(hi - lo <= spread)
    expressions: dict[str, cp_model.LinearExprT] = {
        "cross_national": -sum(var for var, e in zip(x, edges, strict=True) if e.cross),
        "strength_spread": hi - lo,
        "strength_deviation": sum(
            e.deviation * var for var, e in zip(x, edges, strict=True) if e.deviation
        ),
        "shared_language": -sum(var for var, e in zip(x, edges, strict=True) if e.language),
        "repeats": sum(var for var, e in zip(x, edges, strict=True) if e.repeat),
        "diversity": -sum(var for var, e in zip(x, edges, strict=True) if e.cross),
    }
    levels = [Level(o, expressions[o]) for o in order]
    chosen = set(_pairs(mate))
    hint = [int((e.i, e.j) in chosen) for e in edges]
    totals = [e.total for e, h in zip(edges, hint, strict=True) if h]
    hint_lo = min(totals, default=lowest)
    hint_hi = max(totals, default=lowest)
    variables = [*x, lo, hi]
    outcome = solve_levels(
        model, variables, levels, [*hint, hint_lo, hint_hi], deadline, pool.problem.workers
    )
    pairs = tuple((e.i, e.j) for e, v in zip(edges, outcome.values, strict=False) if v)
    method = "matching+cp-sat" if spread is not None else "cp-sat"
    return PairSolution(pairs, outcome.proven and exact, method)
