"""Large-neighbourhood search: free part of a valid plan, keep the rest fixed, re-solve the part
with CP-SAT, keep the result when it is better; repeat until the time is up.

Two neighbourhoods, taken in turn:

- the tail: every match in the last sessions the plan uses (one, then two, then three), which may
  move anywhere from the start of the first freed session; objective: the makespan (so the last
  session used comes first: a later session is a later end), then the sum of ends. This is where
  a final waits for the next session behind a semi-final.
- a window of two consecutive sessions, sliding from the first: its matches may move inside it
  and no later than the plan's end; objective: the sum of ends, which pulls play earlier and
  leaves room at the end for the next tail move.

Each candidate passes the checker before it is kept, so the search never returns a worse or an
invalid plan than it was given.

``shorten_waits`` then frees one day at a time, its matches kept on that day and the day ending
no later, and minimises how long each player's day lasts from their first match to their last:
with the matches of the day fixed, that is their waiting (the third aim, after the sessions and
the makespan).
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import replace

from ortools.sat.python import cp_model

from smallball.schedule.bounds import earliest_starts, tails
from smallball.schedule.check import check
from smallball.schedule.cpsat import SolveOptions, grid_unit, player_cliques
from smallball.schedule.model import Instance, Plan
from smallball.schedule.tables import assign_tables
from smallball.schedule.waiting import match_days, player_waiting


def _rank(plan: Plan) -> tuple[int, int]:
    return plan.makespan, sum(a.end for a in plan.assignments)


def _sessions_used(instance: Instance, plan: Plan) -> list[int]:
    used = {instance.session_of(a.start, a.end) for a in plan.assignments}
    return sorted(s for s in used if s is not None)


def _resolve(
    instance: Instance,
    plan: Plan,
    free: set[str],
    low: int,
    high: int,
    objective: str,
    seconds: float,
    options: SolveOptions,
) -> Plan | None:
    """Re-solve the ``free`` matches inside ``[low, high)`` with the others fixed; ``objective``
    is ``tail`` (the makespan, then the sum of ends), ``early`` (ends weighted by the chain to
    come) or ``waits`` (each player's first to last match inside the window)."""
    u = grid_unit(instance)
    at = plan.by_match()
    head = earliest_starts(instance)
    model = cp_model.CpModel()
    start: dict[str, cp_model.IntVar | int] = {}
    for mid in free:
        m = instance.by_id[mid]
        d = m.duration // u
        lo = max(low, head[mid], m.not_before or 0)
        windows = [
            [max(-(-lo // u), s.start // u), min(high // u, s.end // u) - d]
            for s in instance.sessions
            if max(-(-lo // u), s.start // u) <= min(high // u, s.end // u) - d
        ]
        current = at[mid].start // u
        if not any(a <= current <= b for a, b in windows):
            return None  # the plan itself must stay possible
        var = model.new_int_var_from_domain(cp_model.Domain.from_intervals(windows), f"s_{mid}")
        model.add_hint(var, current)
        start[mid] = var
    # Fixed matches that may meet a free one: by time (tables) or by player.
    players = {p for mid in free for p in instance.by_id[mid].players}
    margin = max([instance.min_rest, *instance.player_rest.values()])
    for a in plan.assignments:
        if a.match in free:
            continue
        m = instance.by_id[a.match]
        if a.end > low - margin and (a.start < high or players.intersection(m.players)):
            start[a.match] = a.start // u
    intervals: dict[str, cp_model.IntervalVar] = {}
    for mid, s in start.items():
        d = instance.by_id[mid].duration // u
        intervals[mid] = model.new_fixed_size_interval_var(s, d, f"i_{mid}")
    model.add_cumulative(list(intervals.values()), [1] * len(intervals), instance.tables)
    featured = [intervals[mid] for mid in start if instance.by_id[mid].featured]
    if featured and instance.featured_tables:
        model.add_cumulative(featured, [1] * len(featured), len(instance.featured_tables))
    by_table: dict[int, list[cp_model.IntervalVar]] = defaultdict(list)
    for mid in start:
        table = instance.by_id[mid].table
        if table is not None:
            by_table[table].append(intervals[mid])
    for group in by_table.values():
        if len(group) > 1:
            model.add_no_overlap(group)
    sub = replace(instance, matches=tuple(m for m in instance.matches if m.id in start))
    for rest, ids in player_cliques(sub):
        if not free.intersection(ids):
            continue
        r = -(-rest // u)
        model.add_no_overlap(
            [
                model.new_fixed_size_interval_var(
                    start[i], instance.by_id[i].duration // u + r, f"r_{i}"
                )
                for i in ids
            ]
        )
    for mid in free:
        m = instance.by_id[mid]
        for before in m.after:
            b = instance.by_id.get(before)
            if b is None:
                continue
            gap = -(-instance.gap(b, m) // u)
            earlier = start[before] if before in start else at[before].start // u
            model.add(start[mid] >= earlier + b.duration // u + gap)
        for after in instance.successors[mid]:
            if after in free:
                continue
            n = instance.by_id[after]
            gap = -(-instance.gap(m, n) // u)
            model.add(start[mid] + m.duration // u + gap <= at[after].start // u)
    if instance.max_matches_per_session is not None:
        _limit(instance, plan, free, start, model, u)
    free_ids = list(free)
    ends = [start[mid] + instance.by_id[mid].duration // u for mid in free_ids]
    total = sum(ends)
    if objective == "waits":
        model.minimize(_day_lengths(instance, plan, model, start, free, low, high, u))
    elif objective == "tail":
        last = model.new_int_var(0, high // u, "last")
        for end in ends:
            model.add(last >= end)
        weight = len(free) * (high // u) + 1
        model.minimize(last * weight + total)
    else:
        # Matches with a long chain still to come first: they gate the knockout tails.
        chain = tails(instance)
        model.minimize(
            sum(end * (1 + chain[mid] // u) for mid, end in zip(free_ids, ends, strict=True))
        )
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    solver.parameters.num_workers = max(1, options.workers)
    solver.parameters.random_seed = options.seed
    if objective == "waits":
        # Players with alike days make a large symmetry graph: finding it took a whole budget.
        solver.parameters.symmetry_level = 0
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    starts = {a.match: a.start for a in plan.assignments}
    for mid in free:
        starts[mid] = int(solver.value(start[mid])) * u
    assignments = assign_tables(instance, starts)
    if assignments is None:
        return None
    name = plan.solver if plan.solver.endswith("+lns") else f"{plan.solver}+lns"
    return replace(plan, assignments=assignments, solver=name)


def _day_lengths(
    instance: Instance,
    plan: Plan,
    model: cp_model.CpModel,
    start: dict[str, cp_model.IntVar | int],
    free: set[str],
    low: int,
    high: int,
    u: int,
) -> cp_model.LinearExprT:
    """Per player with two matches or more in ``[low, high)``, last end minus first start; the
    plan's values as the hint."""
    at = plan.by_match()
    inside: dict[str, list[str]] = defaultdict(list)
    for mid in start:
        if mid in free or low <= at[mid].start < high:
            for p in instance.by_id[mid].players:
                inside[p].append(mid)
    lengths = []
    for player, ids in inside.items():
        if len(ids) < 2 or not free.intersection(ids):
            continue
        first = model.new_int_var(low // u, high // u, f"first_{player}")
        last = model.new_int_var(low // u, high // u, f"last_{player}")
        for mid in ids:
            model.add(first <= start[mid])
            model.add(last >= start[mid] + instance.by_id[mid].duration // u)
        model.add_hint(first, min(at[mid].start for mid in ids) // u)
        model.add_hint(last, max(at[mid].end for mid in ids) // u)
        lengths.append(last - first)
    return sum(lengths)


def _limit(
    instance: Instance,
    plan: Plan,
    free: set[str],
    start: dict[str, cp_model.IntVar | int],
    model: cp_model.CpModel,
    u: int,
) -> None:
    # A player's free matches stay in the session they are in: the per-session limit holds as
    # it did in the plan (a simple, safe restriction of the neighbourhood).
    for mid in free:
        a = plan.by_match()[mid]
        s = instance.session_of(a.start, a.end)
        if s is None:
            continue
        session = instance.sessions[s]
        var = start[mid]
        model.add(var >= session.start // u)
        model.add(var <= (session.end - instance.by_id[mid].duration) // u)


def improve(
    instance: Instance, plan: Plan, seconds: float, options: SolveOptions | None = None
) -> Plan:
    """The best valid plan found from ``plan`` within ``seconds``."""
    options = options or SolveOptions()
    began = time.monotonic()
    best = plan
    if check(instance, plan) or not instance.sessions:
        return plan
    step = 0
    depth = 1
    window = 0
    stale = 0
    while True:
        left = seconds - (time.monotonic() - began)
        if left < 0.5:
            return best
        used = _sessions_used(instance, best)
        if not used:
            return best
        tail = step % 2 == 0
        step += 1
        if tail:
            first = used[max(0, len(used) - depth)]
            low = instance.sessions[first].start
            high = best.makespan
            free = {a.match for a in best.assignments if a.end > low}
            depth = depth % 3 + 1
        else:
            if window >= len(used) - 1:
                window = 0
            first, second = used[window], used[min(window + 1, len(used) - 1)]
            window += 1
            low = instance.sessions[first].start
            high = best.makespan
            end = instance.sessions[second].end
            free = {a.match for a in best.assignments if low <= a.start < end}
        free = {mid for mid in free if instance.by_id[mid].start is None}
        if not free:
            continue
        budget = min(left, max(1.0, min(6.0, left / 3)))
        found = _resolve(
            instance, best, free, low, high, "tail" if tail else "early", budget, options
        )
        if found is None or check(instance, found):
            stale += 1
            continue
        if _rank(found) < _rank(best):
            best = found
            stale = 0
        else:
            stale += 1
        if stale > 12:
            return best


def shorten_waits(
    instance: Instance, plan: Plan, seconds: float, options: SolveOptions | None = None
) -> Plan:
    """``plan`` with shorter waits where CP-SAT finds them in ``seconds``: each day in turn, its
    matches free inside it and no later than its last end now, so neither the makespan nor any
    day's end grows; the other days stay as they are and bind it through rests and precedence."""
    options = options or SolveOptions()
    began = time.monotonic()
    if check(instance, plan) or not instance.sessions:
        return plan
    days: dict[int, set[str]] = defaultdict(set)
    for mid, day in match_days(instance, plan).items():
        if instance.by_id[mid].start is None:
            days[day].add(mid)
    total = sum(len(ids) for ids in days.values())
    best, best_waiting = plan, player_waiting(instance, plan)
    for day, free in sorted(days.items()):
        left = seconds - (time.monotonic() - began)
        if left < 0.5:
            break
        sessions = [s for s in instance.sessions if s.day == day]
        at = best.by_match()
        low = sessions[0].start
        high = max(at[mid].end for mid in free)
        budget = min(left, max(0.5, seconds * len(free) / total))
        found = _resolve(instance, best, free, low, high, "waits", budget, options)
        if found is None or check(instance, found) or found.makespan > best.makespan:
            continue
        waiting = player_waiting(instance, found)
        if waiting < best_waiting:
            best, best_waiting = found, waiting
    return best
