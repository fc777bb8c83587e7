"""How fast the rules engine folds a point log: points per second on one core.

Target (issue 2): 1,000,000 points in under 2 s. The baseline in the same run is a bare
counter that only adds up points and games without any law of service or ends, so the
figure shows what the laws cost on top of counting.

Run: python bench/replay.py   (writes bench/results/replay.json)
"""

from __future__ import annotations

import json
import platform
import random
import time
from pathlib import Path

from smallball.sport import RALLY_A, RALLY_B, Event, MatchSetup, TableTennis, fold, replay

TARGET_POINTS = 1_000_000
TARGET_SECONDS = 2.0
RESULTS = Path(__file__).parent / "results" / "replay.json"


def generate(total: int, seed: int = 2026) -> list[tuple[MatchSetup, list[Event]]]:
    rng = random.Random(seed)
    tt = TableTennis()
    setups = [
        MatchSetup(sides=(("P",), ("Q",)), first_server="P", best_of=5),
        MatchSetup(sides=(("P",), ("Q",)), first_server="Q", best_of=7),
        MatchSetup(sides=(("A1", "A2"), ("B1", "B2")), first_server="A1", first_receiver="B2"),
    ]
    matches: list[tuple[MatchSetup, list[Event]]] = []
    points = 0
    while points < total:
        setup = rng.choice(setups)
        bias = rng.uniform(0.35, 0.65)
        scorer = tt.start(setup)
        events: list[Event] = []
        while scorer.status == "in_progress":
            event = RALLY_A if rng.random() < bias else RALLY_B
            scorer.apply(event)
            events.append(event)
        matches.append((setup, events))
        points += len(events)
    return matches


def bare_count(events: list[Event]) -> tuple[int, int]:
    """Points and games only: the floor any engine pays for walking the log."""
    a = b = won_a = won_b = 0
    for event in events:
        if event is RALLY_A:
            a += 1
        else:
            b += 1
        if (a >= 11 or b >= 11) and abs(a - b) >= 2:
            if a > b:
                won_a += 1
            else:
                won_b += 1
            a = b = 0
    return won_a, won_b


def best_of_runs(run: object, repeats: int = 3) -> float:
    assert callable(run)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    tt = TableTennis()
    matches = generate(TARGET_POINTS)
    points = sum(len(events) for _, events in matches)

    def run_fold() -> None:
        for setup, events in matches:
            fold(tt, setup, events)

    def run_replay() -> None:
        for setup, events in matches:
            replay(tt, setup, events)

    def run_bare() -> None:
        for _, events in matches:
            bare_count(events)

    fold_s = best_of_runs(run_fold)
    replay_s = best_of_runs(run_replay)
    bare_s = best_of_runs(run_bare)
    result = {
        "benchmark": "replay",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "matches": len(matches),
        "points": points,
        "fold_seconds": round(fold_s, 4),
        "fold_points_per_second": round(points / fold_s),
        "replay_with_log_seconds": round(replay_s, 4),
        "replay_with_log_points_per_second": round(points / replay_s),
        "baseline_bare_count_seconds": round(bare_s, 4),
        "fold_cost_over_bare_count": round(fold_s / bare_s, 2),
        "target": f"{TARGET_POINTS:,} points in under {TARGET_SECONDS} s",
        "target_met": fold_s * TARGET_POINTS / points < TARGET_SECONDS,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
