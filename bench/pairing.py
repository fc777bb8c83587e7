"""Pairing against greedy baselines on 40, 200 and 1,000 players from 10-60 associations.

Run: .venv/bin/python bench/pairing.py [--quick]. Writes bench/results/pairing.json.
Baselines: "greedy" sorts by rating and pairs each player with the next one in rating order
from another association (the organiser's by-hand method); "fold" pairs the strongest with the
weakest from another association (a stronger, balance-aware greedy). For teams, "greedy" deals
players (women first, strongest first) to the weakest team that may take them, respecting the
gender rule and cross-national rule: the organiser's draft, and the solver's own start.
Each teams case is run twice with the same seed to check that the output is reproducible.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from smallball.pairing import PairingProblem, Player, evaluate, pair
from smallball.pairing.codec import parse_problem
from smallball.pairing.greedy import greedy_teams
from smallball.pairing.rules import prepare
from smallball.pairing.teams import max_slots

LANGS = ["zh", "ko", "ja", "de", "fr", "es", "pt", "sv", "ru", "ar", "hi", "it"]


def instance(n: int, countries: int, mode: str, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    weights = [rng.uniform(1, 5) for _ in range(countries)]
    players = []
    for i in range(n):
        c = rng.choices(range(countries), weights)[0]
        langs = [LANGS[c % len(LANGS)]] + (["en"] if rng.random() < 0.6 else [])
        players.append(
            {
                "id": f"p{i + 1}",
                "country": f"C{c:02d}",
                "gender": "F" if i % 2 else "M",
                "rating": int(min(2800, max(800, rng.gauss(1700, 300)))),
                "languages": langs,
            }
        )
    data: dict[str, Any] = {
        "mode": mode,
        "players": players,
        "cross_national": "required",
        "shared_language": True,
        "time_limit_s": 10,
    }
    if mode == "teams":
        data["team_size"] = 3
        data["gender_rule"] = {"min_women": 1}
    return data


def _baseline(problem: PairingProblem, fold: bool) -> list[list[str]]:
    mixed = problem.mode == "mixed-doubles"
    order = sorted(problem.players, key=lambda p: -p.rating)
    free = {p.id for p in order}
    groups: list[list[str]] = []

    def fits(a: Player, b: Player) -> bool:
        return a.country != b.country and (not mixed or a.gender != b.gender)

    for p in order:
        if p.id not in free:
            continue
        free.discard(p.id)
        pool = [q for q in (reversed(order) if fold else order) if q.id in free]
        partner = next((q for q in pool if fits(p, q)), None)
        if partner is None:
            free.add(p.id)
            continue
        free.discard(partner.id)
        groups.append([p.id, partner.id])
    return groups


def _row(
    label: str,
    problem: PairingProblem,
    groups: list[list[str]],
    seconds: float,
    optimal: bool | None,
) -> dict[str, Any]:
    score = evaluate(problem, groups).score
    return {
        "method": label,
        "groups": score.groups,
        "assigned_players": score.assigned_players,
        "cross_national_share": round(score.cross_national / max(1, score.groups), 4),
        "strength_spread": score.strength_spread,
        "strength_deviation": score.strength_deviation,
        "shared_language": score.shared_language,
        "seconds": round(seconds, 3),
        "optimal": optimal,
    }


def run_case(n: int, countries: int, mode: str, seed: int) -> dict[str, Any]:
    problem = parse_problem(instance(n, countries, mode, seed))
    rows = []
    started = time.monotonic()
    result = pair(problem)
    rows.append(
        _row(
            "smallball",
            problem,
            [list(g) for g in result.groups],
            time.monotonic() - started,
            result.optimal,
        )
    )
    case: dict[str, Any] = {}
    if mode != "teams":
        for label, fold in (("greedy", False), ("fold", True)):
            started = time.monotonic()
            groups = _baseline(problem, fold)
            rows.append(_row(label, problem, groups, time.monotonic() - started, None))
    else:
        started = time.monotonic()
        pool = prepare(problem)
        dealt = greedy_teams(pool, max_slots(pool))
        groups = [[pool.players[i].id for i in t] for t in dealt]
        rows.append(_row("greedy", problem, groups, time.monotonic() - started, None))
        again = pair(problem)
        case["reproducible"] = again.groups == result.groups
    base = rows[1]["strength_spread"]
    case["spread_vs_greedy"] = round(rows[0]["strength_spread"] / base, 4) if base else None
    return {
        "players": n,
        "countries": countries,
        "mode": mode,
        "seed": seed,
        "method_used": result.method,
        **case,
        "rows": rows,
    }


def main(argv: list[str]) -> None:
    quick = "--quick" in argv
    cases: list[tuple[int, int, str]] = [
        (40, 10, "doubles"),
        (40, 10, "mixed-doubles"),
        (40, 10, "teams"),
        (200, 30, "doubles"),
        (200, 30, "mixed-doubles"),
        (200, 30, "teams"),
        (1000, 60, "doubles"),
        (1000, 60, "mixed-doubles"),
        (1000, 60, "teams"),
    ]
    if quick:
        cases = cases[:6]
    results = []
    report: Callable[[str], None] = lambda s: print(s, flush=True)  # noqa: E731
    for n, countries, mode in cases:
        case = run_case(n, countries, mode, seed=n + countries)
        results.append(case)
        extra = f"spread/greedy={case['spread_vs_greedy']}"
        if "reproducible" in case:
            extra += f" reproducible={case['reproducible']}"
        report(f"{n:5d} {mode:14s} {extra}")
        for row in case["rows"]:
            report(
                f"{n:5d} {mode:14s} {row['method']:10s} groups={row['groups']:4d} "
                f"cross={row['cross_national_share']:.3f} spread={row['strength_spread']:8.2f} "
                f"t={row['seconds']:6.2f}s optimal={row['optimal']}"
            )
    out = Path(__file__).parent / "results" / "pairing.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"cases": results}, indent=1) + "\n", encoding="utf-8")
    report(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
