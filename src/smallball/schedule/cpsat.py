"""The CP-SAT model: one start per match, tables as a cumulative resource, a no-overlap per
player on intervals stretched by the rest, precedence, and sessions as the start's domain.

Time is counted in grid units (the largest divisor of five that divides every duration, rest,
session bound and pin, so the grid is exact) from the origin. The warm start and the horizon
come from a greedy plan, so the solver only ever improves on it. Tables are numbered after.
"""

from __future__ import annotations

import itertools
import math
import time
from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from smallball.schedule.bounds import earliest_starts
from smallball.schedule.greedy import priorities
from smallball.schedule.model import Instance, Match, Plan
from smallball.schedule.tables import assign_tables


@dataclass(frozen=True, slots=True)
class SolveOptions:
    time_limit_s: float = 20.0
    workers: int = 2
    # Share of the time spent on the makespan; the rest compacts the days (sum of ends).
    makespan_share: float = 0.7
    seed: int = 0
    # Share of the time left after the heuristics for the whole-event CP-SAT model; the rest
    # goes to the large-neighbourhood search on the tail (``lns``).
    full_model_share: float = 0.8
    # Share of the time left after the heuristics for the search over the order of events and
    # stages (``stages``); CP-SAT starts from its plan when that is better.
    stage_share: float = 0.7
    # Seconds for the CP-SAT bound on the last rounds (``relax``); 0 leaves it out.
    bound_seconds: float = 1.0
    # Share of the time kept for shortening the players' waits once the makespan is settled
    # (``lns.shorten_waits``), day by day.
    waiting_share: float = 0.1


def grid_unit(instance: Instance) -> int:
    values = [5, instance.min_rest, *instance.player_rest.values()]
    for s in instance.sessions:
        values += [s.start, s.end]
    for m in instance.matches:
        values += [m.duration, m.not_before or 0, m.start or 0]
    return math.gcd(*values) or 1


def covering_rows(sizes: tuple[int, ...]) -> tuple[tuple[int, ...], ...]:
    """Rows picking one index per group (``sizes`` of them), such that every index of every group
    is picked and, for any two groups, every pair of their indices is picked together in some
    row: a covering array of strength two, built greedily (a few rows: about log2 of the number
    of groups, times the product of the two largest sizes)."""
    if sizes and set(sizes) == {2} and len(sizes) > 2:
        return _binary_rows(len(sizes))
    uncovered = {
        (i, a, j, b)
        for i in range(len(sizes))
        for j in range(i + 1, len(sizes))
        for a in range(sizes[i])
        for b in range(sizes[j])
    }
    unpicked = {(i, a) for i in range(len(sizes)) for a in range(sizes[i])}
    rows: list[tuple[int, ...]] = []
    while uncovered or unpicked:
        row: list[int] = []
        for i, size in enumerate(sizes):
            row.append(max(range(size), key=lambda a: _gain(uncovered, unpicked, row, i, a)))
        for i, a in enumerate(row):
            unpicked.discard((i, a))
            for j in range(i + 1, len(row)):
                uncovered.discard((i, a, j, row[j]))
        rows.append(tuple(row))
    return tuple(rows)


def _gain(
    uncovered: set[tuple[int, int, int, int]],
    unpicked: set[tuple[int, int]],
    row: list[int],
    i: int,
    a: int,
) -> tuple[int, bool, int]:
    # Pairs covered now with the row so far, then an index not yet picked, then pairs to come.
    now = sum(1 for j, b in enumerate(row) if (j, b, i, a) in uncovered)
    later = sum(1 for p in uncovered if p[:2] == (i, a) or p[2:] == (i, a))
    return now, (i, a) in unpicked, later


def _binary_rows(groups: int) -> tuple[tuple[int, ...], ...]:
    # Katona, Kleitman-Spencer: give each group a distinct column of length n that starts with
    # 0 and has ceil(n/2) ones. Any two such columns differ both ways (same weight), share a 0
    # (the first row) and share a 1 (too many ones for n - 1 places), so all four pairs occur.
    n = 3
    while math.comb(n - 1, -(-n // 2)) < groups:
        n += 1
    columns = [
        tuple(1 if r in ones else 0 for r in range(n))
        for ones in itertools.islice(itertools.combinations(range(1, n), -(-n // 2)), groups)
    ]
    return tuple(tuple(column[r] for column in columns) for r in range(n))


def player_cliques(instance: Instance) -> list[tuple[int, list[str]]]:
    """(rest, matches) sets for the players' no-overlap constraints: within a set, any two
    matches could be one player's (no alternatives), and every two matches of a player that
    are not alternatives are in one set together. Sets implied by a larger one are left out."""
    rows_of: dict[tuple[int, ...], tuple[tuple[int, ...], ...]] = {}
    unique: dict[tuple[int, frozenset[str]], None] = {}
    for player, groups in instance.choices.items():
        single = [ids[0] for ids in groups if len(ids) == 1]
        multi = sorted((ids for ids in groups if len(ids) > 1), key=len, reverse=True)
        sizes = tuple(len(ids) for ids in multi)
        if sizes not in rows_of:
            rows_of[sizes] = covering_rows(sizes) if sizes else ((),)
        for row in rows_of[sizes]:
            members = frozenset([*single, *(ids[a] for ids, a in zip(multi, row, strict=True))])
            if len(members) > 1:
                unique[instance.rest(player), members] = None
    kept: list[tuple[int, frozenset[str]]] = []
    holding: dict[str, list[int]] = defaultdict(list)
    for rest, ids in sorted(unique, key=lambda k: (-len(k[1]), -k[0])):
        pivot = min(ids)
        if any(kept[k][0] >= rest and ids <= kept[k][1] for k in holding[pivot]):
            continue
        for mid in ids:
            holding[mid].append(len(kept))
        kept.append((rest, ids))
    return [(rest, sorted(ids)) for rest, ids in kept]


class _Model:
    def __init__(self, instance: Instance, hint: Plan) -> None:
        self.instance = inst = instance
        self.unit = u = grid_unit(instance)
        self.model = model = cp_model.CpModel()
        hinted = hint.by_match()
        last = max((s.end for s in inst.sessions), default=0) // u
        self.horizon = horizon = max(hint.makespan, last * u) // u
        self.overflow = any(inst.session_of(a.start, a.end) is None for a in hint.assignments)
        est = earliest_starts(instance)
        tail = {mid: -key[0] for mid, key in priorities(instance, "tail").items()}
        self.start: dict[str, cp_model.IntVar] = {}
        self.late: list[cp_model.IntVar] = []
        session_of: dict[str, list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
        limit = inst.max_matches_per_session
        intervals = {}
        for m in inst.matches:
            d = m.duration // u
            low = max(est[m.id], m.not_before or 0) // u
            high = horizon - tail[m.id] // u
            if m.start is not None:
                low = high = m.start // u
            else:
                high = max(high, hinted[m.id].start // u, low)
            windows = [(max(low, s.start // u), min(high, s.end // u - d)) for s in inst.sessions]
            windows = [(a, b) for a, b in windows if a <= b]
            late_window = (max(low, last), max(high, last))
            if m.start is not None:
                windows = [(low, low)]
            elif self.overflow or not windows:
                windows.append(late_window)
            var = model.new_int_var_from_domain(
                cp_model.Domain.from_intervals([list(w) for w in windows]), f"s_{m.id}"
            )
            self.start[m.id] = var
            intervals[m.id] = model.new_fixed_size_interval_var(var, d, f"i_{m.id}")
            if m.start is None and (self.overflow or not windows[:-1]):
                late = model.new_bool_var(f"late_{m.id}")
                model.add(var >= last).only_enforce_if(late)
                model.add(var < last).only_enforce_if(late.negated())
                self.late.append(late)
            pinned_outside = (
                m.start is not None and inst.session_of(m.start, m.start + m.duration) is None
            )
            if limit is not None and not pinned_outside:
                self._sessions(m, var, d, session_of)
        model.add_cumulative(list(intervals.values()), [1] * len(intervals), inst.tables)
        featured = [intervals[m.id] for m in inst.matches if m.featured]
        if featured and inst.featured_tables:
            model.add_cumulative(featured, [1] * len(featured), len(inst.featured_tables))
        by_table: dict[int, list[cp_model.IntervalVar]] = defaultdict(list)
        for m in inst.matches:
            if m.table is not None:
                by_table[m.table].append(intervals[m.id])
        for group in by_table.values():
            if len(group) > 1:
                model.add_no_overlap(group)
        stretched: dict[tuple[str, int], cp_model.IntervalVar] = {}
        for rest, ids in player_cliques(instance):
            r = -(-rest // u)
            group = []
            for mid in ids:
                if (mid, r) not in stretched:
                    d = inst.by_id[mid].duration // u
                    stretched[mid, r] = model.new_fixed_size_interval_var(
                        self.start[mid], d + r, f"r_{mid}_{r}"
                    )
                group.append(stretched[mid, r])
            model.add_no_overlap(group)
        for m in inst.matches:
            for before in m.after:
                b = inst.by_id.get(before)
                if b is not None:
                    gap = -(-inst.gap(b, m) // u)
                    model.add(self.start[m.id] >= self.start[before] + b.duration // u + gap)
        if limit is not None:
            self._limit(limit, session_of)
        self.ends = [self.start[m.id] + m.duration // u for m in inst.matches]
        self.makespan = model.new_int_var(0, max(horizon, last), "makespan")
        for end in self.ends:
            model.add(self.makespan >= end)
        for m in inst.matches:
            model.add_hint(self.start[m.id], hinted[m.id].start // u)
        # A complete hint is taken as a first solution at once.
        model.add_hint(self.makespan, max((a.end // u for a in hint.assignments), default=0))

    def _sessions(
        self,
        m: Match,
        var: cp_model.IntVar,
        d: int,
        session_of: dict[str, list[tuple[int, cp_model.IntVar]]],
    ) -> None:
        u = self.unit
        options = []
        for k, s in enumerate(self.instance.sessions):
            if s.length // u < d:
                continue
            b = self.model.new_bool_var(f"in_{m.id}_{k}")
            self.model.add(var >= s.start // u).only_enforce_if(b)
            self.model.add(var <= s.end // u - d).only_enforce_if(b)
            options.append(b)
            session_of[m.id].append((k, b))
        late = self.model.new_bool_var(f"out_{m.id}")
        self.model.add(var >= self.instance.sessions[-1].end // u).only_enforce_if(late)
        self.model.add_exactly_one([*options, late])

    def _limit(self, limit: int, session_of: dict[str, list[tuple[int, cp_model.IntVar]]]) -> None:
        # A player's alternatives in one session count once: "some match of this round is in
        # the session" is the max of their flags.
        some: dict[tuple[frozenset[str], int], cp_model.IntVar] = {}
        for groups in self.instance.choices.values():
            per: dict[int, list[cp_model.IntVar]] = defaultdict(list)
            for ids in groups:
                flags: dict[int, list[cp_model.IntVar]] = defaultdict(list)
                for mid in ids:
                    for k, flag in session_of[mid]:
                        flags[k].append(flag)
                for k, bools in flags.items():
                    if len(bools) == 1:
                        per[k].append(bools[0])
                        continue
                    slot = (frozenset(ids), k)
                    if slot not in some:
                        some[slot] = self.model.new_bool_var(f"some_{k}_{len(some)}")
                        self.model.add_max_equality(some[slot], bools)
                    per[k].append(some[slot])
            for bools in per.values():
                if len(bools) > limit:
                    self.model.add(sum(bools) <= limit)


def _solver(options: SolveOptions, seconds: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    solver.parameters.num_workers = max(1, options.workers)
    solver.parameters.random_seed = options.seed
    return solver


def solve_cpsat(instance: Instance, hint: Plan, options: SolveOptions | None = None) -> Plan | None:
    """The best plan CP-SAT finds from ``hint`` within the time limit; None if it found none
    or its times could not be given table numbers."""
    options = options or SolveOptions()
    began = time.monotonic()
    built = _Model(instance, hint)
    model, u = built.model, built.unit
    primary = built.makespan + (built.horizon + 1) * sum(built.late) if built.late else None
    model.minimize(primary if primary is not None else built.makespan)
    spent = time.monotonic() - began
    solver = _solver(options, options.time_limit_s * options.makespan_share - spent)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    optimal = status == cp_model.OPTIMAL
    starts = {mid: solver.value(v) for mid, v in built.start.items()}
    # Second stage: keep the makespan (and sessions), pull every match as early as it can go.
    remaining = options.time_limit_s - (time.monotonic() - began)
    if remaining > 0.5:
        model.clear_hints()  # type: ignore[no-untyped-call]
        for mid, v in built.start.items():
            model.add_hint(v, starts[mid])
        model.add(built.makespan <= solver.value(built.makespan))
        if built.late:
            model.add(sum(built.late) <= sum(solver.value(b) for b in built.late))
        model.minimize(sum(built.ends))
        second = _solver(options, remaining - 0.2)
        if second.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            starts = {mid: second.value(v) for mid, v in built.start.items()}
    assignments = assign_tables(instance, {mid: s * u for mid, s in starts.items()})
    if assignments is None:
        return None
    status_name = "OPTIMAL" if optimal else "FEASIBLE"
    return Plan(assignments, solver="cp-sat", status=status_name, optimal=optimal)
