"""Table numbers for a plan whose times are fixed (the CP-SAT model leaves tables out).

Pins go first, then featured matches onto featured tables, then the rest by start time onto an
ordinary table when one is free, else a featured one. Each takes the free table whose next
pinned match comes soonest after it (the others stay free for longer), then the one that has
been idle the shortest time, which keeps tables in long runs.
"""

from __future__ import annotations

from bisect import bisect_right

from smallball.schedule.model import Assignment, Instance
from smallball.schedule.timeline import Timeline


def assign_tables(instance: Instance, starts: dict[str, int]) -> tuple[Assignment, ...] | None:
    """Assignments in instance order, or None when the times cannot be coloured."""
    lines = {t: Timeline() for t in range(1, instance.tables + 1)}
    table_of: dict[str, int] = {}
    featured = sorted(t for t in lines if t in instance.featured_tables)
    ordinary = [t for t in lines if t not in instance.featured_tables]

    def take(mid: str, candidates: list[int]) -> bool:
        m = instance.by_id[mid]
        start, end = starts[mid], starts[mid] + m.duration
        best: tuple[int, int, int] | None = None
        for table in candidates:
            line = lines[table]
            if line.blocker(start, end) is None:
                i = bisect_right(line.ends, start)
                idle = start - line.ends[i - 1] if i else start + 10**9
                # Taken in order of start, only a pin can already be later on the line.
                free_after = line.starts[i] - end if i < len(line.starts) else 10**9
                if best is None or (free_after, idle) < best[:2]:
                    best = (free_after, idle, table)
        if best is None:
            return False
        lines[best[2]].add(start, end)
        table_of[mid] = best[2]
        return True

    pinned = [m for m in instance.matches if m.table is not None]
    for m in pinned:
        if m.table not in lines or not take(m.id, [m.table]):
            return None
    rest = sorted(
        (m for m in instance.matches if m.table is None),
        key=lambda m: (not m.featured, starts[m.id], -m.duration),
    )
    for m in rest:
        if m.featured:
            if not take(m.id, featured):
                return None
        elif not (take(m.id, ordinary) or take(m.id, featured)):
            return None
    return tuple(
        Assignment(m.id, table_of[m.id], starts[m.id], starts[m.id] + m.duration)
        for m in instance.matches
    )
