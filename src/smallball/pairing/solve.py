"""Entry points: form the groups, or score a grouping made (or changed) by hand."""

from __future__ import annotations

import time
from collections.abc import Sequence

from smallball.errors import N_, InputError
from smallball.pairing.explain import notes
from smallball.pairing.model import Evaluation, PairingProblem, PairingResult, Score
from smallball.pairing.pairs import solve_pairs
from smallball.pairing.rules import Pool, prepare
from smallball.pairing.score import keys, strengths, violations
from smallball.pairing.teams import max_slots, solve_teams
from smallball.words import Said


def _score(pool: Pool, groups: Sequence[Sequence[int]]) -> Score:
    values = keys(pool, groups)
    k = pool.k
    n = max(1, len(pool.players))
    return Score(
        groups=len(groups),
        assigned_players=sum(len(g) for g in groups),
        cross_national=-values["cross_national"],
        strength_spread=round(values["strength_spread"] / (100 * k), 4),
        strength_deviation=round(values["strength_deviation"] / (100 * k * n), 4),
        shared_language=-values["shared_language"],
        repeats=values["repeats"],
        diversity=-values["diversity"],
    )


def pair(problem: PairingProblem) -> PairingResult:
    """Form cross-national pairs or teams; always returns a feasible grouping in time."""
    started = time.monotonic()
    deadline = started + max(0.1, problem.time_limit_s) - 0.15
    pool = prepare(problem)
    if problem.team_size == 2:
        pairs = solve_pairs(pool, deadline)
        groups: list[tuple[int, ...]] = [tuple(sorted(p)) for p in pairs.pairs]
        optimal, method = pairs.proven, pairs.method
        slots = len(pool.players) // 2
        cut_short = False
    else:
        teams = solve_teams(pool, deadline)
        groups = [tuple(sorted(t)) for t in teams.teams]
        optimal, method = teams.proven, teams.method
        slots = max_slots(pool)
        cut_short = teams.cut_short
    groups.sort(key=lambda g: -sum(pool.rating[i] for i in g))
    placed = {i for g in groups for i in g}
    unassigned = [i for i in range(len(pool.players)) if i not in placed]
    explained = notes(pool, groups, unassigned, slots)
    if cut_short:
        explained.append(
            Said(
                N_(
                    "the time limit ended the search before its fixed budget, so another run "
                    "may return a different grouping"
                )
            )
        )
    if not optimal:
        explained.append(
            Said(
                N_(
                    "optimality not proven within {seconds:g} s ({method}); "
                    "this is the best grouping found"
                ),
                seconds=problem.time_limit_s,
                method=method,
            )
        )
    return PairingResult(
        groups=tuple(tuple(pool.players[i].id for i in g) for g in groups),
        unassigned=tuple(pool.players[i].id for i in unassigned),
        sitting_out=pool.out,
        optimal=optimal,
        score=_score(pool, groups),
        strengths=strengths(pool, groups),
        notes=tuple(explained),
        method=method,
    )


def evaluate(problem: PairingProblem, groups: Sequence[Sequence[str]]) -> Evaluation:
    """Score a grouping with the solver's objective, e.g. after a hand swap in a preview.

    Hard constraints it breaks are listed, not raised: a preview shows them to the organiser.
    """
    pool = prepare(problem)
    indexed: list[tuple[int, ...]] = []
    for n, group in enumerate(groups):
        row = []
        for m, pid in enumerate(group):
            if pid not in pool.index:
                raise InputError(
                    f"groups[{n}][{m}]", N_("player {player!r} does not take part"), player=pid
                )
            row.append(pool.index[pid])
        indexed.append(tuple(row))
    placed = {i for g in indexed for i in g}
    return Evaluation(
        score=_score(pool, indexed),
        strengths=strengths(pool, indexed),
        unassigned=tuple(p.id for i, p in enumerate(pool.players) if i not in placed),
        violations=tuple(violations(pool, indexed)),
    )
