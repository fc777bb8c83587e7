"""Live call-up: re-plan what is left as results come in and matches run long, and tell the
desk what to call next on each table.

Matches already played or running are fixed at their actual times (a running match is expected
to take its estimate, or ``overrun`` more minutes if it is already past it). Published matches
due within ``horizon`` minutes keep their table and their order on it, as players have been told;
everything later is re-planned from ``now``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from smallball.errors import N_, InputError
from smallball.schedule.check import Violation
from smallball.schedule.cpsat import SolveOptions
from smallball.schedule.model import Instance, Match, Plan, alternatives
from smallball.schedule.solve import make_plan


@dataclass(frozen=True, slots=True)
class Progress:
    """What happened at a table: ``end`` is None while the match is still being played."""

    match: str
    table: int
    start: int
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Call:
    match: str
    start: int
    ready: bool  # feeders finished, players off court and rested: it can be called now


@dataclass(frozen=True, slots=True)
class TableCalls:
    table: int
    running: str | None
    calls: tuple[Call, ...]  # next to call, then the second and third calls

    @property
    def free(self) -> bool:
        return self.running is None


@dataclass(frozen=True, slots=True)
class CallUp:
    plan: Plan
    tables: tuple[TableCalls, ...]
    violations: tuple[Violation, ...]


def remaining_instance(
    instance: Instance,
    plan: Plan,
    now: int,
    progress: Sequence[Progress],
    horizon: int = 30,
    overrun: int = 5,
) -> Instance:
    """The instance to re-plan: played and running matches pinned, near ones frozen."""
    done = {p.match: p for p in progress}
    for i, step in enumerate(progress):
        if step.match not in instance.by_id:
            raise InputError(
                f"progress[{i}].match", N_("unknown match {match!r}"), match=step.match
            )
        if step.end is not None and step.end < step.start:
            raise InputError(f"progress[{i}].end", N_("before the start"))
    planned = plan.by_match()
    frozen = sorted(
        (a for a in plan.assignments if a.match not in done and a.start < now + horizon),
        key=lambda a: (a.table, a.start),
    )
    previous_on_table: dict[str, str] = {}
    for first, second in pairwise(frozen):
        if first.table == second.table:
            previous_on_table[second.match] = first.match
    matches: list[Match] = []
    for m in instance.matches:
        p = done.get(m.id)
        if p is not None:
            if p.end is not None:
                length = p.end - p.start
            else:
                length = max(m.duration, now - p.start + overrun)
            matches.append(replace(m, duration=length, start=p.start, table=p.table, after=()))
            continue
        earliest = max(now, m.not_before or now)
        pin = m.table
        after = m.after
        if m.id in previous_on_table or (m.id in planned and planned[m.id].start < now + horizon):
            pin = planned[m.id].table
            if m.id in previous_on_table:
                after = (*after, previous_on_table[m.id])
        start = m.start if m.start is not None and m.start >= now else None
        matches.append(replace(m, not_before=earliest, table=pin, start=start, after=after))
    return replace(instance, matches=tuple(matches))


def call_up(
    instance: Instance,
    plan: Plan,
    now: int,
    progress: Sequence[Progress],
    horizon: int = 30,
    overrun: int = 5,
    solver: str = "greedy",
    options: SolveOptions | None = None,
    calls: int = 3,
) -> CallUp:
    """A new plan for what remains and, per table, the next ``calls`` matches to call."""
    remaining = remaining_instance(instance, plan, now, progress, horizon, overrun)
    report = make_plan(remaining, solver, options)
    done = {p.match: p for p in progress}
    running = {p.table: p.match for p in progress if p.end is None}
    # A player on court (or resting) in an alternative of a match does not hold it up: they
    # cannot be the one who plays it.
    on_court: dict[str, list[Match]] = defaultdict(list)
    rested_at: dict[str, list[tuple[Match, int]]] = defaultdict(list)
    for p in progress:
        played = instance.by_id[p.match]
        for pl in played.players:
            if p.end is None:
                on_court[pl].append(played)
            else:
                rested_at[pl].append((played, p.end + instance.rest(pl)))
    upcoming: dict[int, list[Call]] = defaultdict(list)
    for a in sorted(report.plan.assignments, key=lambda a: (a.start, a.match)):
        if a.match in done:
            continue
        m = instance.by_id[a.match]
        ready = (
            all(done.get(b) is not None and done[b].end is not None for b in m.after)
            and not any(
                not alternatives(other, m) for pl in m.players for other in on_court.get(pl, ())
            )
            and all(
                alternatives(other, m) or until <= now
                for pl in m.players
                for other, until in rested_at.get(pl, ())
            )
        )
        upcoming[a.table].append(Call(a.match, a.start, ready))
    tables = tuple(
        TableCalls(t, running.get(t), tuple(upcoming[t][:calls]))
        for t in range(1, instance.tables + 1)
    )
    return CallUp(report.plan, tables, report.violations)
