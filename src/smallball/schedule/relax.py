"""A lower bound proved by CP-SAT on a relaxation: the last rounds of the event alone.

Any valid plan, restricted to a subset of the matches, is a valid plan of the smaller instance
made of that subset, where each match keeps its players, rounds, rests, sessions and the
precedence between kept matches, and gets as earliest start what the dropped matches force on
it: every match it depends on, directly or through others, must have been played on the tables
before it starts (``time_for_load``), and the critical path. So the optimum of the smaller
instance, or any bound CP-SAT proves on it, bounds the full event. The subset is the matches
released latest (the knockout tails of the events), where the players' chains and the few
tables meet; the per-session limit is left out (a further relaxation).
"""

from __future__ import annotations

import time
from dataclasses import replace

from ortools.sat.python import cp_model

from smallball.schedule.bounds import earliest_starts, snap
from smallball.schedule.cpsat import grid_unit, player_cliques
from smallball.schedule.model import Instance
from smallball.schedule.packing import release_times


def tail_instance(instance: Instance, size: int) -> Instance:
    """The ``size`` matches released latest, their earliest starts raised to the release times,
    precedence on dropped matches replaced by those, no per-session limit."""
    release = release_times(instance)
    ranked = sorted(instance.matches, key=lambda m: (-release[m.id], m.id))
    kept = {m.id for m in ranked[:size]}
    matches = tuple(
        replace(
            m,
            after=tuple(a for a in m.after if a in kept),
            not_before=release[m.id] if m.start is None else m.not_before,
        )
        for m in instance.matches
        if m.id in kept
    )
    return replace(instance, matches=matches, max_matches_per_session=None)


def proven_makespan(instance: Instance, seconds: float, workers: int = 2) -> int:
    """A makespan no valid plan of ``instance`` beats, proved by CP-SAT within ``seconds``
    (its optimum when it finishes); 0 when it proves nothing. Every match inside a session."""
    if not instance.matches or not instance.sessions:
        return 0
    began = time.monotonic()
    u = grid_unit(instance)
    head = earliest_starts(instance)
    model = cp_model.CpModel()
    start: dict[str, cp_model.IntVar] = {}
    intervals: dict[str, cp_model.IntervalVar] = {}
    for m in instance.matches:
        d = m.duration // u
        low = max(head[m.id], m.not_before or 0)
        if m.start is not None:
            windows = [[m.start // u, m.start // u]]
        else:
            windows = [
                [max(-(-low // u), s.start // u), s.end // u - d]
                for s in instance.sessions
                if max(-(-low // u), s.start // u) <= s.end // u - d
            ]
        if not windows:
            return 0  # no valid plan at all: nothing to bound
        start[m.id] = model.new_int_var_from_domain(
            cp_model.Domain.from_intervals(windows), f"s_{m.id}"
        )
        intervals[m.id] = model.new_fixed_size_interval_var(start[m.id], d, f"i_{m.id}")
    model.add_cumulative(list(intervals.values()), [1] * len(intervals), instance.tables)
    featured = [intervals[m.id] for m in instance.matches if m.featured]
    if featured and instance.featured_tables:
        model.add_cumulative(featured, [1] * len(featured), len(instance.featured_tables))
    for rest, ids in player_cliques(instance):
        r = -(-rest // u)
        model.add_no_overlap(
            [
                model.new_fixed_size_interval_var(
                    start[i], instance.by_id[i].duration // u + r, f"r_{i}"
                )
                for i in ids
            ]
        )
    for m in instance.matches:
        for before in m.after:
            b = instance.by_id.get(before)
            if b is not None:
                gap = -(-instance.gap(b, m) // u)
                model.add(start[m.id] >= start[before] + b.duration // u + gap)
    last = max(s.end for s in instance.sessions) // u
    makespan = model.new_int_var(0, last, "makespan")
    for m in instance.matches:
        model.add(makespan >= start[m.id] + m.duration // u)
    model.minimize(makespan)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, seconds - (time.monotonic() - began))
    solver.parameters.num_workers = max(1, workers)
    status = solver.solve(model)
    if status == cp_model.OPTIMAL:
        return int(solver.value(makespan)) * u
    if status == cp_model.FEASIBLE:
        return snap(instance, int(solver.best_objective_bound) * u)
    return 0


def relaxation_bound(instance: Instance, seconds: float, workers: int = 2, size: int = 150) -> int:
    """The proven makespan of the latest-released ``size`` matches (see the module)."""
    if seconds <= 0 or not instance.matches:
        return 0
    sub = tail_instance(instance, size) if len(instance.matches) > size else instance
    if sub is instance and instance.max_matches_per_session is not None:
        sub = replace(instance, max_matches_per_session=None)
    return snap(instance, proven_makespan(sub, seconds, workers))
