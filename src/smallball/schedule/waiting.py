"""How long players sit between their matches: the plan's third aim, after the sessions and the
makespan (and what the bench reports beside the makespan)."""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

from smallball.schedule.model import Instance, Plan


def match_days(instance: Instance, plan: Plan) -> dict[str, int]:
    """The day each match is played on; a match outside the sessions has none."""
    days = {}
    for a in plan.assignments:
        session = instance.session_of(a.start, a.end)
        if session is not None:
            days[a.match] = instance.sessions[session].day
    return days


def player_waiting(instance: Instance, plan: Plan) -> int:
    """Minutes players sit between two matches of the same day beyond their minimum rest,
    summed over players (a knockout match counts for everyone who could reach it)."""
    days = match_days(instance, plan)
    per: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    at = plan.by_match()
    for m in instance.matches:
        placed = at.get(m.id)
        if placed is not None:
            for p in m.players:
                per[p, days.get(m.id, -1)].append((placed.start, placed.end))
    total = 0
    for (player, _day), spans in per.items():
        spans.sort()
        rest = instance.rest(player)
        for (_, end), (start, _) in pairwise(spans):
            total += max(0, start - end - rest)
    return total
