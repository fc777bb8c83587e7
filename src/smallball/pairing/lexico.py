"""Lexicographic optimisation with CP-SAT: one solve per objective, each fixing the last."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model


@dataclass(frozen=True, slots=True)
class Level:
    name: str
    expr: cp_model.LinearExprT  # minimised
    cap: int | None = None  # already known to be optimal at this value: kept, not solved


@dataclass(frozen=True, slots=True)
class Outcome:
    values: tuple[int, ...]  # of the decision variables, in their order
    proven: bool
    found: bool


def solve_levels(
    model: cp_model.CpModel,
    variables: Sequence[cp_model.IntVar],
    levels: Sequence[Level],
    hint: Sequence[int],
    deadline: float,
    workers: int,
    *,
    seed: int = 0,
    work: float | None = None,
    settle: bool = False,
) -> Outcome:
    """Minimise each level in turn. ``hint`` must be a feasible assignment of ``variables``;
    when time runs out the best assignment found so far (at worst the hint) is returned.

    With one worker, a fixed ``seed`` and a ``work`` limit (CP-SAT's deterministic time, per
    level) the result does not depend on the machine, unless the wall clock runs out first."""
    best = tuple(hint)
    proven = True
    found = False
    run = levels if levels else [Level("feasible", 0)]
    for level in run:
        if level.cap is not None:
            model.add(level.expr <= level.cap)
            continue
        remaining = deadline - time.monotonic()
        if remaining <= 0.05:
            return Outcome(best, False, found)
        model.clear_hints()  # type: ignore[no-untyped-call]
        for var, value in zip(variables, best, strict=True):
            model.add_hint(var, value)
        model.minimize(level.expr)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = remaining
        solver.parameters.num_workers = max(1, workers)
        solver.parameters.random_seed = seed
        if work is not None:
            solver.parameters.max_deterministic_time = work
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return Outcome(best, False, found)
        found = True
        best = tuple(int(solver.value(v)) for v in variables)
        value = round(solver.objective_value)
        if status == cp_model.OPTIMAL:
            model.add(level.expr == value)
        else:
            model.add(level.expr <= value)
            if not settle:
                return Outcome(best, False, found)
            proven = False
    return Outcome(best, proven, found)
