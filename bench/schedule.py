"""Table scheduling on generated events of three sizes: CP-SAT against greedy and the lower bound.

    python bench/schedule.py [--only club|national|world] [--time-limit S] [--workers N]

Writes bench/results/schedule.json. The greedy baseline is the best of the classic rules (call-up
desk, longest tail, busiest player); the final plan comes from the work-rule heuristics (forwards
and backwards, justified), the search over the order of events and stages (``stages``, one
process per worker) and CP-SAT warm-started from the best of them, within the time limit.

Events are generated from a fixed seed: singles in groups of four then a knockout of the top
two, doubles and mixed in groups of three (or straight knockout), with every player entered in
singles, doubles and mixed; a knockout match lists every player who could reach it, and an
event's knockout starts after all of its groups. Each knockout round of each event is a
``round`` key (alternatives: a player plays at most one match of a round, although before the
groups are played a group member is listed in two matches of every round); ``--no-alternatives``
generates the instances without them, as before, and does not write the results.

Sessions run 10:00-13:30 and 15:00-22:00 each day. Besides minutes, each result gives the day and
clock time at which the plan, the greedy plan and the lower bound end (``plan_ends`` ...): a gap
that spans a night is a day later, not a slower plan.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smallball.schedule import Instance, Match, Session, SolveOptions, check, make_plan
from smallball.schedule.durations import estimate_duration

RESULTS = Path(__file__).parent / "results" / "schedule.json"


@dataclass(frozen=True)
class EventSpec:
    name: str
    discipline: str  # singles | doubles | mixed
    gender: str  # M | W | X
    entries: int
    group_size: int  # 0: straight knockout
    best_of: int = 5


@dataclass(frozen=True)
class Size:
    name: str
    tables: int
    days: int
    men: int
    women: int
    events: tuple[EventSpec, ...]
    time_limit_s: float


SIZES = (
    Size(
        "club",
        tables=6,
        days=2,
        men=32,
        women=16,
        events=(
            EventSpec("MS", "singles", "M", 32, 4),
            EventSpec("WS", "singles", "W", 16, 4),
            EventSpec("MD", "doubles", "M", 16, 0),
            EventSpec("WD", "doubles", "W", 8, 0),
            EventSpec("XD", "mixed", "X", 16, 0),
        ),
        time_limit_s=20,
    ),
    Size(
        "national",
        tables=16,
        days=4,
        men=128,
        women=64,
        events=(
            EventSpec("MS", "singles", "M", 128, 4),
            EventSpec("WS", "singles", "W", 64, 4),
            EventSpec("MD", "doubles", "M", 64, 3),
            EventSpec("WD", "doubles", "W", 32, 0),
            EventSpec("XD", "mixed", "X", 64, 3),
        ),
        time_limit_s=40,
    ),
    Size(
        "world",
        tables=32,
        days=5,
        men=256,
        women=256,
        events=(
            EventSpec("MS", "singles", "M", 256, 4, best_of=7),
            EventSpec("WS", "singles", "W", 256, 4, best_of=7),
            EventSpec("MD", "doubles", "M", 96, 3),
            EventSpec("WD", "doubles", "W", 96, 3),
            EventSpec("XD", "mixed", "X", 128, 3),
        ),
        time_limit_s=55,
    ),
)


def _sessions(days: int) -> tuple[Session, ...]:
    # 10:00-13:30 and 15:00-22:00 each day, in minutes from 10:00 on the first day.
    out = []
    for day in range(days):
        base = day * 24 * 60
        out += [Session(base, base + 210, day), Session(base + 300, base + 720, day)]
    return tuple(out)


def _clock(minute: int) -> str:
    """When a minute from the origin falls on the event's clock: ``day 3 15:25`` (days from 1),
    so a gap that is a whole night shows as one."""
    day, into = divmod(minute, 24 * 60)
    at = 10 * 60 + into
    return f"day {day + 1} {at // 60:02d}:{at % 60:02d}"


def _entries(
    spec: EventSpec, men: list[str], women: list[str], rng: random.Random
) -> list[set[str]]:
    if spec.discipline == "singles":
        pool = men if spec.gender == "M" else women
        return [{p} for p in rng.sample(pool, spec.entries)]
    if spec.discipline == "doubles":
        pool = rng.sample(men if spec.gender == "M" else women, 2 * spec.entries)
        return [{pool[2 * i], pool[2 * i + 1]} for i in range(spec.entries)]
    m, w = rng.sample(men, spec.entries), rng.sample(women, spec.entries)
    return [{a, b} for a, b in zip(m, w, strict=True)]


def _knockout(
    spec: EventSpec,
    slots: list[set[str]],
    after: list[str],
    duration: int,
    alternatives: bool = True,
) -> list[Match]:
    """A bracket over ``slots`` (each the players who could fill it), byes at the top. With
    ``alternatives``, each round is a ``round`` key: a player plays at most one match of it."""
    size = 1
    while size < len(slots):
        size *= 2
    byes = size - len(slots)
    current: list[tuple[set[str], str | None]] = [(s, None) for s in slots]
    # Byes: the first ``byes`` slots go straight to round 2.
    matches: list[Match] = []
    round_no = 1
    level: list[tuple[set[str], str | None]] = current[:byes]
    pending = current[byes:]
    while len(level) + len(pending) > 1:
        nxt: list[tuple[set[str], str | None]] = []
        for i in range(0, len(pending) - 1, 2):
            (a, fa), (b, fb) = pending[i], pending[i + 1]
            mid = f"{spec.name}-r{round_no}-{i // 2}"
            feeders = [f for f in (fa, fb) if f is not None]
            deps = feeders or (after if round_no == 1 or not feeders else [])
            if not feeders:
                deps = after
            players = tuple(sorted(a | b))
            key = f"{spec.name}-r{round_no}" if alternatives else None
            matches.append(Match(mid, players, duration, after=tuple(deps), round=key))
            nxt.append((a | b, mid))
        pending = level + nxt if round_no == 1 else nxt
        level = []
        round_no += 1
    return matches


def generate(size: Size, seed: int = 7, alternatives: bool = True) -> Instance:
    rng = random.Random(seed)
    men = [f"m{i}" for i in range(size.men)]
    women = [f"w{i}" for i in range(size.women)]
    matches: list[Match] = []
    for spec in size.events:
        entries = _entries(spec, men, women, rng)
        duration = estimate_duration(spec.discipline, spec.best_of)
        if spec.group_size == 0:
            matches += _knockout(spec, entries, [], duration, alternatives)
            continue
        groups = [
            entries[i :: len(entries) // spec.group_size]
            for i in range(len(entries) // spec.group_size)
        ]
        group_ids: list[str] = []
        for g, members in enumerate(groups):
            for i in range(len(members)):
                for j in range(i + 1, len(members)):
                    mid = f"{spec.name}-g{g}-{i}{j}"
                    players = tuple(sorted(members[i] | members[j]))
                    matches.append(Match(mid, players, duration))
                    group_ids.append(mid)
        # Top two of each group; winners and runners-up in opposite halves of the draw.
        members_of = [set().union(*g) for g in groups]
        winners = members_of
        runners = members_of[::-1]
        slots = [s for pair in zip(winners, runners, strict=True) for s in pair]
        matches += _knockout(spec, slots, group_ids, duration, alternatives)
    return Instance(
        tables=size.tables, sessions=_sessions(size.days), matches=tuple(matches), min_rest=20
    )


def run(
    size: Size, time_limit: float | None, workers: int, alternatives: bool = True
) -> dict[str, Any]:
    instance = generate(size, alternatives=alternatives)
    began = time.monotonic()
    options = SolveOptions(time_limit_s=time_limit or size.time_limit_s, workers=workers)
    report = make_plan(instance, "cp-sat", options)
    seconds = time.monotonic() - began
    lb = report.lower_bound
    greedy = report.greedy.makespan
    best = report.makespan
    result = {
        "size": size.name,
        "alternatives": alternatives,
        "matches": len(instance.matches),
        "tables": size.tables,
        "players": len(instance.by_player),
        "lower_bound_minutes": lb,
        "lower_bounds": {
            "table_load": report.bounds.table_load,
            "player_chain": report.bounds.player_chain,
            "critical_path": report.bounds.critical_path,
            "load_tail": report.bounds.load_tail,
            "relaxation": report.bounds.relaxation,
            "player_sessions": report.bounds.player_sessions,
        },
        "binding_bound": report.bounds.binding,
        "greedy_solver": report.greedy.solver,
        "greedy_makespan_minutes": greedy,
        "makespan_minutes": best,
        "plan_ends": _clock(best),
        "bound_ends": _clock(lb),
        "greedy_ends": _clock(greedy),
        "gap_to_bound": round((best - lb) / lb, 4),
        "greedy_gap_to_bound": round((greedy - lb) / lb, 4),
        "gain_over_greedy": round((greedy - best) / greedy, 4),
        "player_waiting_minutes": report.waiting,
        "greedy_player_waiting_minutes": report.greedy_waiting,
        "solver": report.plan.solver,
        "status": report.plan.status,
        "violations": len(report.violations),
        "greedy_violations": len(check(instance, report.greedy)),
        "seconds": round(seconds, 2),
        "time_limit_s": options.time_limit_s,
        "workers": workers,
    }
    result["within_5pct_of_bound"] = result["gap_to_bound"] <= 0.05
    result["greedy_target_met"] = (
        result["greedy_gap_to_bound"] <= 0.10 or result["gain_over_greedy"] >= 0.10
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", choices=[s.name for s in SIZES])
    parser.add_argument("--time-limit", type=float)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--no-alternatives",
        action="store_true",
        help="the old instances: no round keys, so every slot a player could fill clashes",
    )
    args = parser.parse_args(argv)
    results = []
    for size in SIZES:
        if args.only and size.name != args.only:
            continue
        result = run(size, args.time_limit, args.workers, not args.no_alternatives)
        print(json.dumps(result), file=sys.stderr)
        results.append(result)
    if not args.only and not args.no_alternatives:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps({"results": results}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
