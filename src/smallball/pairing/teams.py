"""Teams of k: CP-SAT over team slots, or a swap search when the instance is too large."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from itertools import pairwise

from ortools.sat.python import cp_model

from smallball.pairing.greedy import greedy_teams
from smallball.pairing.lexico import Level, solve_levels
from smallball.pairing.rules import Pool, group_violations
from smallball.pairing.score import lex_key

CELL_CAP = 30_000  # players x slots beyond which CP-SAT is not tried


@dataclass(frozen=True, slots=True)
class TeamSolution:
    teams: tuple[tuple[int, ...], ...]
    proven: bool
    method: str


def max_slots(pool: Pool) -> int:
    rule = pool.problem.gender_rule
    n = len(pool.players)
    slots = n // pool.k
    women = sum(p.gender == "F" for p in pool.players)
    men = sum(p.gender == "M" for p in pool.players)
    if rule.min_women:
        slots = min(slots, women // rule.min_women)
    if rule.min_men:
        slots = min(slots, men // rule.min_men)
    return slots


def solve_teams(pool: Pool, deadline: float) -> TeamSolution:
    slots = max_slots(pool)
    start = greedy_teams(pool, slots)
    if slots == 0:
        return TeamSolution((), True, "bound")
    if len(pool.players) * slots > CELL_CAP:
        return TeamSolution(_improve(pool, start, deadline), False, "greedy+swaps")
    return _cp_sat(pool, slots, start, deadline)


def _improve(pool: Pool, teams: list[list[int]], deadline: float) -> tuple[tuple[int, ...], ...]:
    """Swap two players between teams whenever the lexicographic objective gets better."""
    rng = random.Random(0)
    teams = [list(t) for t in teams]
    current = lex_key(pool, teams)
    if len(teams) < 2:
        return tuple(tuple(sorted(t)) for t in teams)
    while time.monotonic() < deadline - 0.05:
        a, b = rng.sample(range(len(teams)), 2)
        i, j = rng.randrange(pool.k), rng.randrange(pool.k)
        teams[a][i], teams[b][j] = teams[b][j], teams[a][i]
        if not group_violations(pool, teams[a]) and not group_violations(pool, teams[b]):
            key = lex_key(pool, teams)
            if key <= current:
                current = key
                continue
        teams[a][i], teams[b][j] = teams[b][j], teams[a][i]
    return tuple(tuple(sorted(t)) for t in teams)


def _cp_sat(pool: Pool, slots: int, start: list[list[int]], deadline: float) -> TeamSolution:
    problem = pool.problem
    rule = problem.gender_rule
    k = pool.k
    n = len(pool.players)
    players = pool.players
    model = cp_model.CpModel()
    y = [[model.new_bool_var(f"y{p}_{t}") for t in range(slots)] for p in range(n)]
    use = [model.new_bool_var(f"use{t}") for t in range(slots)]
    for p in range(n):
        model.add_at_most_one(y[p])
    for t in range(slots):
        model.add(sum(y[p][t] for p in range(n)) == k * use[t])
        if t + 1 < slots:
            model.add_implication(use[t + 1], use[t])
        women = [y[p][t] for p in range(n) if players[p].gender == "F"]
        men = [y[p][t] for p in range(n) if players[p].gender == "M"]
        if rule.min_women:
            model.add(sum(women) >= rule.min_women).only_enforce_if(use[t])
        if rule.min_men:
            model.add(sum(men) >= rule.min_men).only_enforce_if(use[t])
        if rule.same_gender:
            for g in ("F", "M", "X"):
                members = [y[p][t] for p in range(n) if players[p].gender == g]
                if members and len(members) < n:
                    flag = model.new_bool_var("")
                    others = [y[p][t] for p in range(n) if players[p].gender != g]
                    model.add(sum(members) == 0).only_enforce_if(flag.negated())
                    model.add(sum(others) == 0).only_enforce_if(flag)
    for pair in pool.avoid:
        a, b = tuple(pair)
        for t in range(slots):
            model.add_bool_or([y[a][t].negated(), y[b][t].negated()])
    if problem.same_age_group:
        for p in range(n):
            for q in range(p + 1, n):
                if players[p].age_group != players[q].age_group:
                    for t in range(slots):
                        model.add_bool_or([y[p][t].negated(), y[q][t].negated()])
    for block in pool.keep:
        for a, b in pairwise(block):
            for t in range(slots):
                model.add(y[a][t] == y[b][t])
    countries = sorted({p.country for p in players})
    present: list[list[cp_model.IntVar]] = []
    for t in range(slots):
        row = []
        for c in countries:
            members = [y[p][t] for p in range(n) if players[p].country == c]
            z = model.new_bool_var(f"z{c}_{t}")
            for m in members:
                model.add_implication(m, z)
            model.add(sum(members) >= 1).only_enforce_if(z)
            if problem.max_per_country is not None:
                model.add(sum(members) <= problem.max_per_country)
            row.append(z)
        present.append(row)
        distinct = sum(row)
        if problem.cross_national == "required":
            model.add(distinct >= 2).only_enforce_if(use[t])
        if problem.delegations is not None:
            for c in problem.delegations:
                if c in countries:
                    model.add(row[countries.index(c)] == 1).only_enforce_if(use[t])
                else:
                    model.add(use[t] == 0)
    cross = []
    for t in range(slots):
        flag = model.new_bool_var(f"cross{t}")
        model.add(sum(present[t]) >= 2).only_enforce_if(flag)
        cross.append(flag)
    languages = sorted({lang for p in players for lang in p.languages})
    speaks = []
    for t in range(slots):
        options = []
        for lang in languages:
            w = model.new_bool_var("")
            for p in range(n):
                if lang not in players[p].languages:
                    model.add_implication(w, y[p][t].negated())
            options.append(w)
        flag = model.new_bool_var(f"lang{t}")
        model.add_bool_or([*options, flag.negated()])
        model.add_implication(flag, use[t])
        if problem.shared_language == "required":
            model.add_implication(use[t], flag)
        speaks.append(flag)
    repeats = []
    for pair in pool.history:
        a, b = tuple(pair)
        for t in range(slots):
            r = model.new_bool_var("")
            model.add_bool_or([y[a][t].negated(), y[b][t].negated(), r])
            repeats.append(r)
    ratings = pool.rating
    big = k * max(ratings, default=0)
    sums = [sum(ratings[p] * y[p][t] for p in range(n)) for t in range(slots)]
    lo = model.new_int_var(0, big, "lo")
    hi = model.new_int_var(0, big, "hi")
    devs = []
    for t in range(slots):
        model.add(lo <= sums[t]).only_enforce_if(use[t])
        model.add(hi >= sums[t]).only_enforce_if(use[t])
        # |n·sum − k·total| on used slots; an unused slot counts nothing.
        scaled = model.new_int_var(-n * big - k * pool.total, n * big + k * pool.total, "")
        model.add(scaled == n * sums[t] - k * pool.total).only_enforce_if(use[t])
        model.add(scaled == 0).only_enforce_if(use[t].negated())
        dev = model.new_int_var(0, n * big + k * pool.total, "")
        model.add_abs_equality(dev, scaled)
        devs.append(dev)
    model.add(lo <= hi)
    expressions: dict[str, cp_model.LinearExprT] = {
        "groups": -sum(use),
        "cross_national": -sum(cross),
        "strength_spread": hi - lo,
        "strength_deviation": sum(devs),
        "shared_language": -sum(speaks),
        "repeats": sum(repeats),
        "diversity": -sum(sum(row) for row in present),
    }
    levels = [Level(o, expressions[o]) for o in ("groups", *problem.active_order)]
    decision = [v for row in y for v in row]
    hinted = _hint(model, decision, y, start, slots)
    outcome = solve_levels(model, decision, levels, hinted, deadline, problem.workers)
    if not outcome.found:
        return TeamSolution(tuple(tuple(t) for t in start), False, "greedy")
    teams: list[tuple[int, ...]] = []
    for t in range(slots):
        team = tuple(p for p in range(n) if outcome.values[p * slots + t])
        if team:
            teams.append(team)
    return TeamSolution(tuple(teams), outcome.proven, "cp-sat")


def _hint(
    model: cp_model.CpModel,
    decision: list[cp_model.IntVar],
    y: list[list[cp_model.IntVar]],
    start: list[list[int]],
    slots: int,
) -> list[int]:
    values = [0] * len(decision)
    for t, team in enumerate(start):
        for p in team:
            values[p * slots + t] = 1
    return values
