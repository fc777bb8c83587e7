"""Teams of k: a greedy deal, then CP-SAT large-neighbourhood search, then (when small) an
exact CP-SAT model that tries to prove the lexicographic optimum.

Every CP-SAT call uses one worker, a fixed seed and a deterministic work limit, and the
neighbourhoods come from a seeded generator, so the same input and ``seed`` give the same
teams on any machine unless the wall-clock limit cuts the search short (a note says so).
Optimality is also proven without the exact model whenever every objective reaches a bound
that no grouping can beat (``bounds``): e.g. all teams filled, all cross-national, and a
strength spread of 0.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from math import gcd

from ortools.sat.python import cp_model

from smallball.pairing.greedy import greedy_teams
from smallball.pairing.lexico import Level, solve_levels
from smallball.pairing.rules import Pool, group_violations, shared_languages
from smallball.pairing.score import deviation_units, is_cross, keys, lex_key, repeats_in

EXACT_CELLS = 1_500  # players x slots up to which the exact model is tried after the search
NEIGHBOURHOOD = 6  # teams freed at a time
FREE_PLAYERS = 6  # unplaced players offered to a neighbourhood
STALL = 80  # neighbourhoods in a row without improvement before the search stops
ROUNDS_PER_SECOND = 40  # neighbourhood budget per second of time limit (deterministic)
SUB_WORK_MOST = 0.3  # ... at most, on small instances where few rounds are needed
SUB_WORK = 0.04  # CP-SAT deterministic time per neighbourhood level
QUIET = 20  # batches of random swaps in a row without improvement before the swaps stop
TRIES_PER_SECOND = 30_000  # swap tries per second of time limit (deterministic)
EXACT_WORK_PER_SECOND = 0.25  # deterministic time per second of time limit for the exact model

Teams = list[list[int]]


@dataclass(frozen=True, slots=True)
class TeamSolution:
    teams: tuple[tuple[int, ...], ...]
    proven: bool
    method: str
    cut_short: bool = False  # the wall clock, not the deterministic budget, ended the search


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


def bounds(pool: Pool, slots: int, formed: int) -> dict[str, int]:
    """A value no grouping can beat, per objective (in ``keys`` units, minimised).

    The bounds after ``groups`` assume ``formed`` teams: they are only used once the
    grouping reaches the ``groups`` bound, so ``formed == slots`` then.
    """
    k = pool.k
    n = len(pool.players)
    ratings = sorted(pool.rating)
    step = 0
    for r in ratings:
        step = gcd(step, r)
    spread = 0
    # Every team sum is a multiple of ``step``; with nobody left over they average
    # total / formed, so unequal sums are forced when that is not a multiple of ``step``.
    if formed and n == k * formed and step and pool.total % (formed * step):
        spread = step
    leftover = n - k * formed
    deviation = 0
    if leftover == 1:
        deviation = min(abs(pool.total - n * r) for r in ratings)
    elif leftover == 2:
        deviation = _closest_pair(ratings, 2 * pool.total, n)
    speakers = Counter(lang for p in pool.players for lang in p.languages)
    language = min(formed, sum(c // k for c in speakers.values()))
    countries = len({p.country for p in pool.players})
    return {
        "groups": -slots,
        "cross_national": -formed if countries > 1 else 0,
        "strength_spread": spread,
        "strength_deviation": deviation,
        "shared_language": -language,
        "repeats": 0,
        "diversity": -formed * min(k, countries),
    }


def _closest_pair(ratings: Sequence[int], total2: int, n: int) -> int:
    """min over two players of |2·total − n·(a + b)|, by two pointers on sorted ratings."""
    best = abs(total2 - n * (ratings[0] + ratings[1]))
    lo, hi = 0, len(ratings) - 1
    while lo < hi:
        value = total2 - n * (ratings[lo] + ratings[hi])
        best = min(best, abs(value))
        if value > 0:
            lo += 1
        else:
            hi -= 1
    return best


def _at_bound(pool: Pool, teams: Teams, slots: int) -> list[bool]:
    """Per level (groups first, then the active order): whether it has reached its bound."""
    values = keys(pool, teams)
    bound = bounds(pool, slots, len(teams))
    names = ("groups", *pool.problem.active_order)
    out = []
    ok = True
    for name in names:
        ok = ok and values[name] <= bound[name]
        out.append(ok)
    return out


def solve_teams(pool: Pool, deadline: float) -> TeamSolution:
    slots = max_slots(pool)
    if slots == 0:
        return TeamSolution((), True, "bound")
    problem = pool.problem
    started = time.monotonic()
    teams = [list(t) for t in greedy_teams(pool, slots)]
    if all(_at_bound(pool, teams, slots)):
        return TeamSolution(_canonical(teams), True, "greedy")
    cells = len(pool.players) * slots
    budget = problem.time_limit_s
    small = cells <= EXACT_CELLS
    # Small instances go from the swap search straight to the exact model, which can prove.
    search_end = started + (deadline - started) / 3 if small else deadline
    cut = False
    if len(teams) < slots and not small:
        # Fill the teams first: that objective comes before all others.
        teams, cut = _search(pool, teams, slots, search_end, budget, fill=True)
    if not cut:
        teams, cut = _local(pool, teams, search_end, budget)
    if not small and not cut and not all(_at_bound(pool, teams, slots)):
        teams, cut = _search(pool, teams, slots, search_end, budget)
    if all(_at_bound(pool, teams, slots)):
        return TeamSolution(_canonical(teams), True, "cp-sat-lns", cut)
    if not small:
        return TeamSolution(_canonical(teams), False, "cp-sat-lns", cut)
    return _exact(pool, teams, slots, deadline, cut)


def _terms(pool: Pool, team: Sequence[int]) -> tuple[int, ...] | None:
    """The additive objectives of one team (``keys`` units), or None if it breaks a rule."""
    if group_violations(pool, team):
        return None
    total = sum(pool.rating[i] for i in team)
    return (
        -int(is_cross(pool, team)),
        deviation_units(pool, total),
        -int(bool(shared_languages(pool, team))),
        repeats_in(pool, team),
        -len({pool.players[i].country for i in team}),
    )


_TERM = {
    "cross_national": 0,
    "strength_deviation": 1,
    "shared_language": 2,
    "repeats": 3,
    "diversity": 4,
}


def _local(pool: Pool, teams: Teams, deadline: float, budget: float) -> tuple[Teams, bool]:
    """Swap search, evaluated incrementally: a player of the strongest or weakest team for
    one of another team (or an unplaced player) while that improves the objective, then
    random swaps. A fixed number of tries per second of time limit, seeded: reproducible."""
    order = pool.problem.active_order
    rng = random.Random(pool.problem.seed)
    teams = [list(t) for t in teams]
    if not teams:
        return teams, False
    kept = {i for block in pool.keep for i in block}
    placed = {i for t in teams for i in t}
    bench = [i for i in range(len(pool.players)) if i not in placed and i not in kept]
    sums = [sum(pool.rating[i] for i in t) for t in teams]
    terms: list[tuple[int, ...]] = []
    for t in teams:
        got = _terms(pool, t)
        assert got is not None, "the greedy start breaks a rule"
        terms.append(got)
    totals = [sum(col) for col in zip(*terms, strict=True)]

    def key(spread: int, tot: Sequence[int]) -> tuple[int, ...]:
        return tuple(spread if o == "strength_spread" else tot[_TERM[o]] for o in order)

    current = key(max(sums) - min(sums), totals)
    tries = int(TRIES_PER_SECOND * budget)

    def attempt(a: int, x: int, b: int, y: int) -> bool:
        """Swap teams[a][x] with teams[b][y] (b == -1: the unplaced player bench[y])."""
        nonlocal current, totals
        pa = teams[a][x]
        pb = bench[y] if b < 0 else teams[b][y]
        if pa in kept or pb in kept or (pool.rating[pa] == pool.rating[pb] and b >= 0):
            return False
        new_a = [*teams[a][:x], pb, *teams[a][x + 1 :]]
        ta = _terms(pool, new_a)
        if ta is None:
            return False
        new_sums = list(sums)
        new_sums[a] = sums[a] - pool.rating[pa] + pool.rating[pb]
        new_totals = [v - terms[a][n] + ta[n] for n, v in enumerate(totals)]
        tb: tuple[int, ...] | None = None
        if b >= 0:
            new_b = [*teams[b][:y], pa, *teams[b][y + 1 :]]
            tb = _terms(pool, new_b)
            if tb is None:
                return False
            new_sums[b] = sums[b] - pool.rating[pb] + pool.rating[pa]
            new_totals = [v - terms[b][n] + tb[n] for n, v in enumerate(new_totals)]
        candidate = key(max(new_sums) - min(new_sums), new_totals)
        if candidate >= current:
            return False
        teams[a] = new_a
        terms[a] = ta
        if b >= 0 and tb is not None:
            teams[b] = new_b
            terms[b] = tb
        else:
            bench[y] = pa
        sums[:] = new_sums
        totals = new_totals
        current = candidate
        return True

    k = pool.k
    used = quiet = 0
    while used < tries:
        if time.monotonic() > deadline - 0.05:
            return teams, True
        improved = False
        # The extremes first: a swap that pulls the strongest or weakest team inwards.
        for a in (
            max(range(len(teams)), key=sums.__getitem__),
            min(range(len(teams)), key=sums.__getitem__),
        ):
            others = list(range(-1, len(teams)))
            rng.shuffle(others)
            for b in others:
                if b == a:
                    continue
                width = len(bench) if b < 0 else k
                for x in range(k):
                    for y in range(width):
                        used += 1
                        if attempt(a, x, b, y):
                            improved = True
                            break
                    if improved:
                        break
                if improved:
                    break
            if improved:
                break
        if improved:
            continue
        # Stuck at the extremes: random swaps for the other objectives.
        for _ in range(min(200, tries - used)):
            used += 1
            a = rng.randrange(len(teams))
            b = rng.randrange(-1 if bench else 0, len(teams))
            if a == b:
                continue
            y = rng.randrange(len(bench) if b < 0 else k)
            if attempt(a, rng.randrange(k), b, y):
                improved = True
        quiet = 0 if improved else quiet + 1
        if quiet >= QUIET:
            break
    return teams, False


def _canonical(teams: Sequence[Sequence[int]]) -> tuple[tuple[int, ...], ...]:
    return tuple(sorted(tuple(sorted(t)) for t in teams))


def _search(
    pool: Pool, teams: Teams, slots: int, deadline: float, budget: float, *, fill: bool = False
) -> tuple[Teams, bool]:
    """Large-neighbourhood search: free a few teams (the strongest and weakest two rounds in
    three, so the spread can shrink; random ones otherwise) and some unplaced players, re-solve them
    exactly with CP-SAT against the fixed rest, keep the result (never worse)."""
    problem = pool.problem
    rng = random.Random(problem.seed)
    current = lex_key(pool, teams)
    rounds = max(20, int(ROUNDS_PER_SECOND * budget))
    stall = 0
    for count in range(rounds):
        # When one neighbourhood holds every team, a round is an exact re-solve already.
        limit = STALL if len(teams) > NEIGHBOURHOOD else 2
        if stall >= limit or all(_at_bound(pool, teams, slots)):
            return teams, False
        if fill and (len(teams) == slots or stall >= STALL // 4):
            return teams, False
        if time.monotonic() > deadline - 0.05:
            return teams, True
        chosen = _neighbourhood(pool, teams, rng, count)
        free = _free_units(pool, teams, rng)
        fixed = [t for n, t in enumerate(teams) if n not in chosen]
        members = sorted({p for n in chosen for p in teams[n]} | set(free))
        extra = min(slots - len(teams), len(free) // pool.k)
        hint = [teams[n] for n in sorted(chosen)]
        work = min(SUB_WORK_MOST, max(SUB_WORK, SUB_WORK * NEIGHBOURHOOD * 10 / max(1, len(teams))))
        found = _solve(
            pool, members, len(chosen) + extra, fixed, hint, slots, deadline, work, count
        )
        if found is None:
            stall += 1
            continue
        candidate = fixed + found
        key = lex_key(pool, candidate)
        if key < current:
            teams, current, stall = candidate, key, 0
        else:
            if key == current:
                teams = candidate  # equal moves keep the search moving
            stall += 1
    return teams, False


def _neighbourhood(pool: Pool, teams: Teams, rng: random.Random, count: int) -> set[int]:
    size = min(len(teams), NEIGHBOURHOOD)
    chosen: set[int] = set()
    if count % 3 != 2 and teams:
        # The heaviest and lightest teams together: their sums can meet in the middle.
        sums = [sum(pool.rating[i] for i in t) for t in teams]
        ranked = sorted(range(len(teams)), key=lambda n: (sums[n], n))
        half = size // 2
        chosen.update(ranked[:half])
        chosen.update(ranked[len(ranked) - (size - half) :])
    while len(chosen) < size:
        chosen.add(rng.randrange(len(teams)))
    return chosen


def _free_units(pool: Pool, teams: Teams, rng: random.Random) -> list[int]:
    placed = {i for t in teams for i in t}
    units: list[list[int]] = []
    seen: set[int] = set()
    for i in range(len(pool.players)):
        if i in placed or i in seen:
            continue
        block = pool.kept_with.get(i)
        unit = list(pool.keep[block]) if block is not None else [i]
        seen.update(unit)
        units.append(unit)
    rng.shuffle(units)
    out: list[int] = []
    for unit in units:
        if len(out) + len(unit) <= FREE_PLAYERS:
            out.extend(unit)
    return out


def _exact(pool: Pool, teams: Teams, slots: int, deadline: float, cut: bool) -> TeamSolution:
    members = list(range(len(pool.players)))
    work = EXACT_WORK_PER_SECOND * pool.problem.time_limit_s
    found = _solve(pool, members, slots, [], teams, slots, deadline, work, 0, prove=True)
    if found is None:
        return TeamSolution(_canonical(teams), False, "cp-sat-lns", cut)
    proven, result = found.proven, [list(t) for t in found]
    if lex_key(pool, result) > lex_key(pool, teams):
        result = teams
    return TeamSolution(_canonical(result), proven, "cp-sat", cut or found.cut)


class _Found(list[list[int]]):
    """Teams from a sub-solve; ``proven``/``cut`` are set for the exact model."""

    proven: bool = False
    cut: bool = False


def _solve(
    pool: Pool,
    members: list[int],
    slots: int,
    fixed: Teams,
    hint: Teams,
    total_slots: int,
    deadline: float,
    work: float,
    seed: int,
    *,
    prove: bool = False,
) -> _Found | None:
    """Re-group ``members`` into at most ``slots`` teams, the ``fixed`` teams unchanged,
    optimising the global lexicographic objective; ``hint`` is a feasible grouping of them."""
    problem = pool.problem
    rule = problem.gender_rule
    k = pool.k
    players = pool.players
    local = {p: n for n, p in enumerate(members)}
    m = len(members)
    model = cp_model.CpModel()
    y = [[model.new_bool_var(f"y{p}_{t}") for t in range(slots)] for p in members]
    use = [model.new_bool_var(f"use{t}") for t in range(slots)]
    for row in y:
        model.add_at_most_one(row)
    for t in range(slots):
        model.add(sum(y[a][t] for a in range(m)) == k * use[t])
        if t + 1 < slots:
            model.add_implication(use[t + 1], use[t])
    # Teams are interchangeable: a player sits in a slot no later than its own position,
    # and each slot's first member comes after the previous slot's (one order per grouping).
    for a in range(m):
        for t in range(a + 1, slots):
            model.add(y[a][t] == 0)
        for t in range(1, min(a + 1, slots)):
            model.add(sum(y[b][t - 1] for b in range(a)) >= 1).only_enforce_if(y[a][t])
    for t in range(slots):
        women = [y[a][t] for a, p in enumerate(members) if players[p].gender == "F"]
        men = [y[a][t] for a, p in enumerate(members) if players[p].gender == "M"]
        if rule.min_women:
            model.add(sum(women) >= rule.min_women).only_enforce_if(use[t])
        if rule.min_men:
            model.add(sum(men) >= rule.min_men).only_enforce_if(use[t])
        if rule.same_gender:
            for g in ("F", "M", "X"):
                inside = [y[a][t] for a, p in enumerate(members) if players[p].gender == g]
                if inside and len(inside) < m:
                    flag = model.new_bool_var("")
                    others = [y[a][t] for a, p in enumerate(members) if players[p].gender != g]
                    model.add(sum(inside) == 0).only_enforce_if(flag.negated())
                    model.add(sum(others) == 0).only_enforce_if(flag)
    for pair in pool.avoid:
        a, b = tuple(pair)
        if a in local and b in local:
            for t in range(slots):
                model.add_bool_or([y[local[a]][t].negated(), y[local[b]][t].negated()])
    if problem.same_age_group:
        for a in range(m):
            for b in range(a + 1, m):
                if players[members[a]].age_group != players[members[b]].age_group:
                    for t in range(slots):
                        model.add_bool_or([y[a][t].negated(), y[b][t].negated()])
    for block in pool.keep:
        inside_block = [local[p] for p in block if p in local]
        for a, b in pairwise(inside_block):
            for t in range(slots):
                model.add(y[a][t] == y[b][t])
    countries = sorted({players[p].country for p in members})
    present: list[list[cp_model.IntVar]] = []
    for t in range(slots):
        row = []
        for c in countries:
            inside = [y[a][t] for a, p in enumerate(members) if players[p].country == c]
            z = model.new_bool_var(f"z{c}_{t}")
            for v in inside:
                model.add_implication(v, z)
            model.add(sum(inside) >= 1).only_enforce_if(z)
            if problem.max_per_country is not None:
                model.add(sum(inside) <= problem.max_per_country)
            row.append(z)
        present.append(row)
        if problem.cross_national == "required":
            model.add(sum(row) >= 2).only_enforce_if(use[t])
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
    languages = sorted({lang for p in members for lang in players[p].languages})
    speaks = []
    for t in range(slots):
        options = []
        for lang in languages:
            w = model.new_bool_var("")
            for a, p in enumerate(members):
                if lang not in players[p].languages:
                    model.add_implication(w, y[a][t].negated())
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
        if a in local and b in local:
            for t in range(slots):
                r = model.new_bool_var("")
                model.add_bool_or([y[local[a]][t].negated(), y[local[b]][t].negated(), r])
                repeats.append(r)
    ratings = pool.rating
    n = len(players)
    top = k * max((abs(r) for r in ratings), default=0)
    sums = [sum(ratings[p] * y[a][t] for a, p in enumerate(members)) for t in range(slots)]
    lo = model.new_int_var(-top, top, "lo")
    hi = model.new_int_var(-top, top, "hi")
    fixed_sums = [sum(ratings[p] for p in team) for team in fixed]
    if fixed_sums:
        model.add(lo <= min(fixed_sums))
        model.add(hi >= max(fixed_sums))
    reach = n * top + k * abs(pool.total)
    devs = []
    for t in range(slots):
        model.add(lo <= sums[t]).only_enforce_if(use[t])
        model.add(hi >= sums[t]).only_enforce_if(use[t])
        # |n·sum − k·total| on used slots; an unused slot counts nothing.
        scaled = model.new_int_var(-reach, reach, "")
        model.add(scaled == n * sums[t] - k * pool.total).only_enforce_if(use[t])
        model.add(scaled == 0).only_enforce_if(use[t].negated())
        dev = model.new_int_var(0, reach, "")
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
    # Levels already at their global bound cannot improve: kept as constraints, not solved.
    hint_teams = sorted((sorted(local[p] for p in team) for team in hint), key=lambda t: t[0])
    whole = fixed + hint
    at_bound = _at_bound(pool, whole, total_slots)
    values = keys(pool, [[members[a] for a in team] for team in hint_teams])
    values["strength_spread"] = keys(pool, whole)["strength_spread"]
    names = ("groups", *problem.active_order)
    # The hint is feasible, so the first level still to improve cannot end up worse than
    # the hint has it (later levels may, when an earlier one improves).
    for name, done in zip(names, at_bound, strict=True):
        model.add(expressions[name] <= values[name])
        if not done:
            break
    levels = [
        Level(name, expressions[name], values[name] if done else None)
        for name, done in zip(names, at_bound, strict=True)
    ]
    decision = [v for row in y for v in row]
    start = [0] * len(decision)
    for t, team in enumerate(hint_teams):
        for a in team:
            start[a * slots + t] = 1
    outcome = solve_levels(
        model, decision, levels, start, deadline, 1, seed=seed, work=work, settle=not prove
    )
    if not outcome.found and not prove:
        return None
    found = _Found(
        [members[a] for a in range(m) if outcome.values[a * slots + t]] for t in range(slots)
    )
    found[:] = [t for t in found if t]
    found.proven = outcome.proven
    found.cut = time.monotonic() >= deadline - 0.06
    return found
