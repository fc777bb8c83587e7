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
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt
from ortools.sat.python import cp_model

from smallball.pairing.greedy import greedy_pairs
from smallball.pairing.lexico import Level, solve_levels
from smallball.pairing.matching import OutOfTime, max_matching
from smallball.pairing.rules import Pool
from smallball.pairing.score import lex_key

EDGE_CAP = 40_000  # beyond this many pairs, CP-SAT only sees each player's nearest partners
NEAREST = 40
NX_CAP = 4_000  # window edges up to which the exact weighted blossom always runs
NX_FULL = 12_000  # all pairs up to which it runs when strength is not an objective
NX_SECONDS_PER_EDGE = 0.001  # NetworkX weighted blossom at 1,000 players, twice the time measured
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


class Table:
    """All allowed pairs as parallel numpy arrays, sorted by pair strength.

    Built with numpy because 1,000 players allow about half a million pairs: Python objects
    for each are made only for the few windows that reach the later objectives.
    """

    NAMES = ("i", "j", "total", "cross", "language", "repeat", "deviation")

    def __init__(self, columns: dict[str, npt.NDArray[Any]]) -> None:
        self.i: npt.NDArray[np.int64] = columns["i"]
        self.j: npt.NDArray[np.int64] = columns["j"]
        self.total: npt.NDArray[np.int64] = columns["total"]
        self.cross: npt.NDArray[np.bool_] = columns["cross"]
        self.language: npt.NDArray[np.bool_] = columns["language"]
        self.repeat: npt.NDArray[np.bool_] = columns["repeat"]
        self.deviation: npt.NDArray[np.int64] = columns["deviation"]

    def __len__(self) -> int:
        return len(self.i)

    def columns(self) -> dict[str, npt.NDArray[Any]]:
        return {
            "i": self.i,
            "j": self.j,
            "total": self.total,
            "cross": self.cross,
            "language": self.language,
            "repeat": self.repeat,
            "deviation": self.deviation,
        }

    def take(self, which: npt.NDArray[Any] | slice) -> Table:
        return Table({name: col[which] for name, col in self.columns().items()})

    def edges(self) -> list[Edge]:
        return [
            Edge(i, j, t, c, lang, r, d)
            for i, j, t, c, lang, r, d in zip(
                self.i.tolist(),
                self.j.tolist(),
                self.total.tolist(),
                self.cross.tolist(),
                self.language.tolist(),
                self.repeat.tolist(),
                self.deviation.tolist(),
                strict=True,
            )
        ]

    def adjacency(self, n: int) -> list[list[int]]:
        ends = np.concatenate([self.i, self.j])
        others = np.concatenate([self.j, self.i])
        order = np.argsort(ends, kind="stable")
        counts = np.bincount(ends, minlength=n)
        flat = others[order].tolist()
        out: list[list[int]] = []
        at = 0
        for c in counts.tolist():
            out.append(flat[at : at + c])
            at += c
        return out

    def covered(self, n: int) -> int:
        seen = np.zeros(n, dtype=bool)
        seen[self.i] = True
        seen[self.j] = True
        return int(seen.sum())


def _empty() -> Table:
    none = np.zeros(0, dtype=np.int64)
    flags = np.zeros(0, dtype=bool)
    names = ("i", "j", "total", "deviation")
    return Table({name: none if name in names else flags for name in Table.NAMES})


def _codes(values: list[Any]) -> npt.NDArray[np.int64]:
    known: dict[Any, int] = {}
    return np.array([known.setdefault(v, len(known)) for v in values], dtype=np.int64)


def _pair_keys(pairs: frozenset[frozenset[int]], n: int) -> npt.NDArray[np.int64]:
    keys = [min(p) * n + max(p) for p in pairs]
    return np.array(sorted(keys), dtype=np.int64)


def build_table(pool: Pool) -> Table:
    problem = pool.problem
    rule = problem.gender_rule
    players = pool.players
    n = len(players)
    if n < 2:
        return _empty()
    country = _codes([p.country for p in players])
    gender = _codes([p.gender for p in players])
    women = np.array([p.gender == "F" for p in players], dtype=np.int64)
    men = np.array([p.gender == "M" for p in players], dtype=np.int64)
    age = _codes([p.age_group for p in players])
    keep = np.array([pool.kept_with.get(i, -1) for i in range(n)], dtype=np.int64)
    words = sorted({lang for p in players for lang in p.languages})
    bit = {lang: b for b, lang in enumerate(words)}
    chunks = max(1, (len(words) + 62) // 63)
    speaks = np.zeros((n, chunks), dtype=np.int64)
    for v, p in enumerate(players):
        for lang in p.languages:
            speaks[v, bit[lang] // 63] |= 1 << (bit[lang] % 63)
    rating = np.array(pool.rating, dtype=np.int64)
    must_cross = (
        problem.cross_national == "required"
        or problem.delegations is not None
        or problem.max_per_country == 1
    )
    parts: list[dict[str, npt.NDArray[Any]]] = []
    # Row by row keeps memory at O(n) per step while numpy does the inner loop.
    for i in range(n - 1):
        j = np.arange(i + 1, n, dtype=np.int64)
        ok = keep[j] == keep[i]
        cross = country[j] != country[i]
        if must_cross:
            ok &= cross
        if rule.min_women:
            ok &= women[j] + women[i] >= rule.min_women
        if rule.min_men:
            ok &= men[j] + men[i] >= rule.min_men
        if rule.same_gender:
            ok &= gender[j] == gender[i]
        if problem.same_age_group:
            ok &= age[j] == age[i]
        language = ((speaks[j] & speaks[i]) != 0).any(axis=1)
        if problem.shared_language == "required":
            ok &= language
        j = j[ok]
        if len(j):
            parts.append(
                {
                    "i": np.full(len(j), i, dtype=np.int64),
                    "j": j,
                    "cross": cross[ok],
                    "language": language[ok],
                }
            )
    if not parts:
        return _empty()
    i_all = np.concatenate([p["i"] for p in parts])
    j_all = np.concatenate([p["j"] for p in parts])
    cross_all = np.concatenate([p["cross"] for p in parts])
    language_all = np.concatenate([p["language"] for p in parts])
    key = i_all * n + j_all
    allowed = ~np.isin(key, _pair_keys(pool.avoid, n))
    total = rating[i_all] + rating[j_all]
    table = Table(
        {
            "i": i_all,
            "j": j_all,
            "total": total,
            "cross": cross_all,
            "language": language_all,
            "repeat": np.isin(key, _pair_keys(pool.history, n)),
            "deviation": np.abs(n * total - 2 * pool.total),
        }
    ).take(allowed)
    return table.take(np.argsort(table.total, kind="stable"))


def build_edges(pool: Pool) -> list[Edge]:
    return build_table(pool).edges()


def _restrict(mate: list[int], adj: list[list[int]]) -> list[int]:
    out = [-1] * len(mate)
    for v, u in enumerate(mate):
        if u != -1 and u in adj[v]:
            out[v] = u
    return out


def _pairs(mate: list[int]) -> tuple[tuple[int, int], ...]:
    return tuple((v, u) for v, u in enumerate(mate) if u > v)


def _spread(pool: Pool, mate: list[int]) -> int:
    values = [pool.rating[v] + pool.rating[u] for v, u in _pairs(mate)]
    return max(values) - min(values) if values else 0


_KEEP_IF: dict[str, Callable[[Table], npt.NDArray[np.bool_]]] = {
    "cross_national": lambda t: t.cross,
    "shared_language": lambda t: t.language,
    "repeats": lambda t: ~t.repeat,
    "diversity": lambda t: t.cross,
}


class _WindowSearch:
    """The least spread of pair strengths over maximum matchings, found window by window."""

    def __init__(self, pool: Pool, table: Table, size: int, deadline: float) -> None:
        n = len(pool.players)
        self.n = n
        self.table = table  # sorted by total
        self.values: list[int] = np.unique(table.total).tolist()
        self.size = size
        self.deadline = deadline
        big = np.iinfo(np.int64).max
        low = np.full(n, big, dtype=np.int64)
        high = np.full(n, -big, dtype=np.int64)
        for ends in (table.i, table.j):
            np.minimum.at(low, ends, table.total)
            np.maximum.at(high, ends, table.total)
        touched = high >= low
        spare = int(touched.sum()) - 2 * size  # players a maximum matching must leave out
        # Some player among the spare+1 with the highest cheapest pair must be paired.
        self.a = int(np.sort(high[touched])[spare])
        self.b = int(np.sort(low[touched])[::-1][spare])
        self.spare = n - 2 * size  # players any matching of this size leaves out
        rating = np.array(pool.rating, dtype=np.int64)
        rule = pool.problem.gender_rule
        # Mixed pairs are one man and one woman: each side is checked against the other.
        if rule.min_women == 1 and rule.min_men == 1:
            genders = np.array([p.gender for p in pool.players])
            self.sides = [
                (np.sort(rating[genders == "M"]), np.sort(rating[genders == "F"])),
                (np.sort(rating[genders == "F"]), np.sort(rating[genders == "M"])),
            ]
            self.bipartite = True
        else:
            self.sides = [(np.sort(rating), np.sort(rating))]
            self.bipartite = False

    def window(self, lo: int, width: int) -> Table:
        start = int(np.searchsorted(self.table.total, lo, side="left"))
        stop = int(np.searchsorted(self.table.total, lo + width, side="right"))
        return self.table.take(slice(start, stop))

    def check(self, lo: int, width: int, mate: list[int]) -> list[int] | None:
        """A matching of the wanted size inside the window [lo, lo + width], if one exists."""
        if time.monotonic() > self.deadline:
            raise OutOfTime
        if self.hall(lo, lo + width):
            return None
        chosen = self.window(lo, width)
        if chosen.covered(self.n) < 2 * self.size:
            return None
        adj = chosen.adjacency(self.n)
        found, size = max_matching(adj, _restrict(mate, adj), self.size, self.deadline)
        return found if size >= self.size else None

    def hall(self, lo: int, hi: int) -> bool:
        """Whether a counting argument already rules the window out (Hall's condition).

        The strong players S = {rating >= t} with 2t > hi cannot pair among themselves, and
        their partners have rating <= hi - t; if S outnumbers those partners by more than
        the players a matching may leave out, no matching fits. The same holds for the weak
        players below lo. Mixed pairs check men against women and women against men.
        """
        for own, other in self.sides:
            # Strong: for each player v as threshold t = r_v, |{own >= t}| - |{other <= hi - t}|.
            strong = own if self.bipartite else own[2 * own > hi]
            if len(strong):
                count = len(own) - np.searchsorted(own, strong, side="left")
                room = np.searchsorted(other, hi - strong, side="right")
                if int((count - room).max()) > self.spare:
                    return True
            weak = own if self.bipartite else own[2 * own < lo]
            if len(weak):
                count = np.searchsorted(own, weak, side="right")
                room = len(other) - np.searchsorted(other, lo - weak, side="left")
                if int((count - room).max()) > self.spare:
                    return True
        return False

    def least(self, pool: Pool, mate: list[int]) -> tuple[list[int], int]:
        """One sweep over the window starts with a shrinking width: each start is checked at
        one less than the best spread found so far. A start that fails stays failed for every
        smaller width, so when the sweep ends the best spread is proven least."""
        best = _spread(pool, mate)
        floor = max(0, self.b - self.a)
        pos = 0
        while best > floor:
            width = best - 1
            pos = max(pos, bisect.bisect_left(self.values, self.b - width))
            if pos >= len(self.values) or self.values[pos] > self.a:
                break
            found = self.check(self.values[pos], width, mate)
            if found is None:
                pos += 1
            else:
                mate, best = found, _spread(pool, found)
        return mate, best


def solve_pairs(pool: Pool, deadline: float) -> PairSolution:
    n = len(pool.players)
    table = build_table(pool)
    adj = table.adjacency(n)
    mate = greedy_pairs(pool, table, adj)
    try:
        mate, size = max_matching(adj, mate, deadline=deadline)
    except OutOfTime:
        return PairSolution(_pairs(mate), False, "greedy")
    if size == 0:
        return PairSolution((), True, "matching")
    order = pool.problem.active_order
    if "strength_spread" in order:
        fast = _fast(pool, table, mate, size, deadline)
        if fast is not None:
            return fast
    if "strength_spread" not in order and len(table) <= NX_FULL:
        return _weighted(pool, table.edges(), size, order)
    exact = len(table) <= EDGE_CAP
    edges = table.edges() if exact else _nearest(table, mate, n).edges()
    return _cp_sat(pool, edges, mate, size, order, deadline, exact=exact)


def _fast(
    pool: Pool, table: Table, mate: list[int], size: int, deadline: float
) -> PairSolution | None:
    n = len(pool.players)
    order = pool.problem.active_order
    split = order.index("strength_spread")
    try:
        for objective in order[:split]:
            if objective not in _KEEP_IF:
                return None
            kept = table.take(_KEEP_IF[objective](table))
            adj = kept.adjacency(n)
            found, got = max_matching(adj, _restrict(mate, adj), size, deadline)
            if got < size:
                return None
            table, mate = kept, found
        search = _WindowSearch(pool, table, size, deadline)
        mate, best = search.least(pool, mate)
    except OutOfTime:
        return PairSolution(_pairs(mate), False, "matching")
    rest = order[split + 1 :]
    if not rest:
        return PairSolution(_pairs(mate), True, "matching")
    starts = [v for v in search.values if search.b - best <= v <= search.a]
    try:
        windows = [search.window(lo, best) for lo in starts if search.check(lo, best, mate)]
    except OutOfTime:
        return PairSolution(_pairs(mate), False, "matching")
    if len(windows) > WINDOWS:
        near = _union(windows)
        return _cp_sat(pool, near.edges(), mate, size, rest, deadline, exact=True, spread=best)
    return _per_window(pool, windows, mate, size, rest, deadline)


def _union(windows: list[Table]) -> Table:
    """The pairs in any of the windows, each once, by strength."""
    merged = Table(
        {name: np.concatenate([w.columns()[name] for w in windows]) for name in Table.NAMES}
    )
    _, first = np.unique(merged.i * (1 << 32) + merged.j, return_index=True)
    merged = merged.take(first)
    return merged.take(np.argsort(merged.total, kind="stable"))


def _per_window(
    pool: Pool,
    windows: list[Table],
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
        adj = window.adjacency(n)
        try:
            start, got = max_matching(adj, _restrict(mate, adj), size, deadline)
        except OutOfTime:
            proven = False
            break
        if got < size:
            continue
        solved = _within(pool, window, start, size, rest, share)
        proven = proven and solved.proven
        key = lex_key(pool, solved.pairs)
        if best is None or key < best_key:
            best, best_key = solved, key
    if best is None:
        return PairSolution(_pairs(mate), False, "matching")
    return PairSolution(best.pairs, proven, "matching+cp-sat")


def _within(
    pool: Pool, window: Table, start: list[int], size: int, rest: tuple[str, ...], share: float
) -> PairSolution:
    """The later objectives inside one optimal window: an exact maximum-weight matching when
    it can finish in the time share (it cannot be interrupted), else the same on each
    player's nearest partners inside the window (no proof), else the window's matching."""
    n = len(pool.players)
    if len(window) <= NX_CAP or len(window) * NX_SECONDS_PER_EDGE < share:
        return _weighted(pool, window.edges(), size, rest)
    keep = int(share / NX_SECONDS_PER_EDGE) // max(1, n)
    reduced = _nearest(window, start, n, keep)
    if keep >= 2 and len(reduced) * NX_SECONDS_PER_EDGE < share:
        solved = _weighted(pool, reduced.edges(), size, rest)
        if len(solved.pairs) == size:
            return PairSolution(solved.pairs, False, "matching")
    return PairSolution(_pairs(start), False, "matching")


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


def _nearest(table: Table, mate: list[int], n: int, count: int = NEAREST) -> Table:
    """Each player's NEAREST best-looking partners, plus the pairs of the start matching."""
    order = np.lexsort((table.repeat, ~table.language, ~table.cross, table.deviation))
    ends = np.concatenate([table.i[order], table.j[order]])
    ids = np.concatenate([order, order])
    by_end = np.argsort(ends, kind="stable")  # keeps the quality order inside each player
    ends, ids = ends[by_end], ids[by_end]
    first = np.searchsorted(ends, ends, side="left")
    rank = np.arange(len(ends)) - first
    chosen = np.zeros(len(table), dtype=bool)
    chosen[ids[rank < count]] = True
    partner = np.array(mate, dtype=np.int64)
    chosen |= partner[table.i] == table.j
    return table.take(chosen)


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
