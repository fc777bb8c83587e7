"""What the bounds are checked against: an optimum CP-SAT proves on a small instance."""

from __future__ import annotations

from smallball.schedule import Instance, SolveOptions, check, greedy, solve_cpsat


def proven_optimum(instance: Instance) -> int | None:
    """The optimal makespan, when CP-SAT proves one in 5 s and the plan passes the checker."""
    plan = solve_cpsat(instance, greedy(instance), SolveOptions(time_limit_s=5, workers=1))
    if plan is None or plan.status != "OPTIMAL" or check(instance, plan):
        return None
    return plan.makespan
