"""Improving a plan by justification: shift every match as late as it can go (in the order of
the plan, latest end first), then as early as it can go (earliest start first), and repeat.

A late shift packs the end of the event against the last session, so a player's long chain of
knockout rounds is played without gaps; the early shift then pulls the whole event back towards
the first session. Each pass keeps the plan valid, and an early pass in start order never moves a
match later, so the makespan never grows. Backwards time is the instance mirrored around the end
of the last session: sessions reversed, ``after`` reversed, durations and rests unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from smallball.schedule.greedy import _Builder, best_greedy, greedy, rank_plan
from smallball.schedule.model import Assignment, Instance, Match, Plan, Session


def mirrorable(instance: Instance) -> bool:
    """Pinned starts and earliest starts have no mirror image (they would become deadlines)."""
    return bool(instance.sessions) and all(
        m.start is None and m.not_before is None for m in instance.matches
    )


def mirror(instance: Instance) -> Instance:
    horizon = instance.sessions[-1].end
    last_day = max(s.day for s in instance.sessions)
    sessions = tuple(
        Session(horizon - s.end, horizon - s.start, last_day - s.day)
        for s in reversed(instance.sessions)
    )
    known = instance.by_id
    matches = tuple(
        replace(m, after=tuple(s for s in instance.successors[m.id] if s in known))
        for m in instance.matches
    )
    return replace(instance, sessions=sessions, matches=matches)


def _flip(instance: Instance, plan: Plan) -> Plan:
    horizon = instance.sessions[-1].end
    flipped = tuple(
        Assignment(a.match, a.table, horizon - a.end, horizon - a.start) for a in plan.assignments
    )
    return replace(plan, assignments=flipped)


def left_justify(instance: Instance, plan: Plan) -> Plan:
    """Each match, in order of start, at its earliest slot after those before it; the plan
    itself if that ends later (a pinned or featured table taken by an earlier match can push a
    match back; with free tables no match moves later)."""
    builder = _Builder(instance)
    at = plan.by_match()
    for a in sorted(plan.assignments, key=lambda a: (a.start, a.end, a.match)):
        m: Match = instance.by_id[a.match]
        start, table = builder.earliest(m)
        builder.place(m, table, start)
    shifted = replace(
        plan, assignments=builder.assignments([m.id for m in instance.matches if m.id in at])
    )
    return shifted if shifted.makespan <= plan.makespan else plan


def right_justify(instance: Instance, plan: Plan, mirrored: Instance | None = None) -> Plan:
    """Each match, latest end first, at its latest slot before those after it."""
    back = mirrored or mirror(instance)
    return _flip(instance, left_justify(back, _flip(instance, plan)))


def justify(
    instance: Instance, plan: Plan, rounds: int = 4, mirrored: Instance | None = None
) -> Plan:
    """The best plan seen over ``rounds`` late-then-early passes from ``plan``."""
    if not mirrorable(instance):
        return plan
    back = mirrored or mirror(instance)
    best = current = plan
    for _ in range(rounds):
        current = left_justify(instance, right_justify(instance, current, back))
        if current.makespan < best.makespan:
            best = current
        elif current.makespan > best.makespan:
            current = best
    return best


# Forward and backward work rules: the portfolio that beat the classic rules on the bench events.
_FORWARD = ("work-0", "work-15-tail", "work-60")
_BACKWARD = ("work-0", "work-15")


def heuristic_plan(instance: Instance, baseline: Plan | None = None) -> Plan:
    """The best of the baseline greedy, the work rules forwards and backwards, then justified."""
    plans = [baseline or best_greedy(instance)]
    plans += [greedy(instance, rule) for rule in _FORWARD]
    # One mirror for every backward pass: each new one rebuilds its look-ups.
    back = mirror(instance) if mirrorable(instance) else None
    if back is not None:
        plans += [backward_greedy(instance, rule, mirrored=back) for rule in _BACKWARD]
    best = min(plans, key=lambda p: rank_plan(instance, p))
    outside = rank_plan(instance, best)[0]
    if outside == 0:
        justified = justify(instance, best, mirrored=back)
        if rank_plan(instance, justified) < rank_plan(instance, best):
            best = justified
    return best


def backward_greedy(
    instance: Instance,
    rule: str,
    bias: Mapping[str, int] | None = None,
    mirrored: Instance | None = None,
) -> Plan:
    """A greedy plan built from the end of the last session backwards, then shifted early."""
    back = mirrored or mirror(instance)
    plan = left_justify(instance, _flip(instance, greedy(back, rule, bias)))
    return replace(plan, solver=f"greedy-back-{rule}")
