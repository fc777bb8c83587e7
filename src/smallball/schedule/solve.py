"""Make a plan: greedy first, then CP-SAT from it, keep the best valid one, report its quality."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from smallball.schedule.bounds import LowerBounds, lower_bounds
from smallball.schedule.check import Violation, check
from smallball.schedule.cpsat import SolveOptions, solve_cpsat
from smallball.schedule.greedy import best_greedy
from smallball.schedule.justify import heuristic_plan, justify
from smallball.schedule.lns import improve, shorten_waits
from smallball.schedule.model import Instance, Plan
from smallball.schedule.relax import relaxation_bound
from smallball.schedule.stages import search_stages
from smallball.schedule.waiting import player_waiting


@dataclass(frozen=True, slots=True)
class Report:
    plan: Plan
    greedy: Plan
    bounds: LowerBounds
    violations: tuple[Violation, ...]
    waiting: int
    greedy_waiting: int

    @property
    def makespan(self) -> int:
        return self.plan.makespan

    @property
    def lower_bound(self) -> int:
        return self.bounds.value


def _rank(instance: Instance, plan: Plan, violations: tuple[Violation, ...]) -> tuple[int, ...]:
    outside = sum(1 for v in violations if v.kind == "outside_sessions")
    return (len(violations) - outside, outside, plan.makespan, sum(a.end for a in plan.assignments))


def make_plan(
    instance: Instance, solver: str = "cp-sat", options: SolveOptions | None = None
) -> Report:
    """The best plan found; ``solver`` is ``cp-sat`` (the heuristics' best plan as the warm
    start) or ``greedy`` (the classic rules only). ``Report.greedy`` is always the classic
    baseline, so the gain over it is measured against the same thing in every run."""
    began = time.monotonic()
    given = options or SolveOptions()
    bounds = lower_bounds(instance)
    if solver == "cp-sat" and instance.matches:
        relaxation = relaxation_bound(instance, given.bound_seconds, given.workers)
        bounds = replace(bounds, relaxation=relaxation)
    greedy = best_greedy(instance)
    greedy_violations = check(instance, greedy)
    best, best_violations = greedy, greedy_violations
    # Seconds for the waits: their share at most, so a quick answer stays quick.
    waits = given.time_limit_s * given.waiting_share
    if greedy.makespan <= bounds.value and not greedy_violations:
        best = replace(greedy, status="OPTIMAL", optimal=True)
    elif solver == "cp-sat" and instance.matches:
        # The makespan's share of the time; the rest shortens the waits once it is settled.
        options = replace(given, time_limit_s=given.time_limit_s * (1 - given.waiting_share))
        candidates = [heuristic_plan(instance, greedy)]
        if candidates[0].makespan > bounds.value and options.stage_share > 0:
            left = options.time_limit_s - (time.monotonic() - began)
            staged = search_stages(
                instance,
                left * options.stage_share,
                options.seed,
                workers=options.workers,
                floor=bounds.value,
            )
            if staged is not None:
                # Late-then-early passes over the searched plan close gaps the search leaves
                # (cheap next to the search; never longer).
                candidates.append(justify(instance, staged))
        spent = time.monotonic() - began
        hint, hint_violations = min(
            ((p, check(instance, p)) for p in candidates), key=lambda pv: _rank(instance, *pv)
        )
        # A hint as short as the bound is not done if it breaks a rule (pins can make the
        # heuristics clash where CP-SAT does not).
        if hint.makespan > bounds.value or hint_violations:
            left = max(1.0, options.time_limit_s - spent)
            share = max(1.0, left * options.full_model_share)
            found = solve_cpsat(instance, hint, replace(options, time_limit_s=share))
            if found is not None:
                candidates.append(found)
            start = min(candidates, key=lambda p: _rank(instance, p, check(instance, p)))
            left = options.time_limit_s - (time.monotonic() - began)
            if start.makespan > bounds.value and left > 1.0:
                candidates.append(improve(instance, start, left, options))
        for plan in candidates:
            violations = check(instance, plan)
            if _rank(instance, plan, violations) <= _rank(instance, best, best_violations):
                best, best_violations = plan, violations
    left = min(waits, given.time_limit_s - (time.monotonic() - began))
    if solver == "cp-sat" and instance.matches and not best_violations and left > 0.5:
        best = shorten_waits(instance, best, left, given)
    if best.makespan <= bounds.value and not best_violations and not best.optimal:
        best = replace(best, optimal=True)
    return Report(
        plan=best,
        greedy=greedy,
        bounds=bounds,
        violations=best_violations,
        waiting=player_waiting(instance, best),
        greedy_waiting=player_waiting(instance, greedy),
    )
