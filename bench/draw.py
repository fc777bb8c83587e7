"""Benchmark: a 1,024-entry knockout with 32 seeds, separated, against a plain lot.

Run: ``python bench/draw.py``. Compares in the same run the ``separate`` policy with the
baseline ``random`` policy (seeds and byes by the regulations, the rest by plain lot) and
with ``friendship``: time per draw, first-round compatriot meetings, distinct country
pairs. Target: a separated 1,024-entry draw in under 100 ms. Writes bench/results/draw.json.
"""

from __future__ import annotations

import json
import platform
import random
import statistics
import sys
import time
from pathlib import Path

from smallball.competition.knockout import Entry, draw_knockout

ENTRIES = 1024
SEEDS = 32
ASSOCIATIONS = 40
RUNS = 15
TARGET_MS = 100.0


def field(rs: int) -> list[Entry]:
    """A skewed field: a few big associations (the largest near a quarter of the draw)."""
    rng = random.Random(rs)
    names = [f"A{i:02d}" for i in range(ASSOCIATIONS)]
    weights = [1.0 / (k + 1) for k in range(ASSOCIATIONS)]
    entries = []
    for i in range(ENTRIES):
        first = rng.choices(names, weights)[0]
        assoc = (first,) if rng.random() > 0.03 else (first, rng.choice(names))
        entries.append(Entry(f"e{i}", tuple(dict.fromkeys(assoc))))
    seeded = rng.sample(range(ENTRIES), SEEDS)
    for number, i in enumerate(seeded, start=1):
        entries[i] = Entry(entries[i].id, entries[i].associations, number)
    return entries


def measure(policy: str) -> dict[str, object]:
    times, meetings, pairs, unmet = [], [], [], []
    for run in range(RUNS):
        entries = field(run)
        start = time.perf_counter()
        draw = draw_knockout(entries, SEEDS, policy, random_seed=run)
        times.append((time.perf_counter() - start) * 1000)
        meetings.append(len(draw.compatriot_meetings))
        pairs.append(len(draw.country_pairs))
        unmet.append(len(draw.unmet))
    return {
        "policy": policy,
        "median_ms": round(statistics.median(times), 2),
        "max_ms": round(max(times), 2),
        "mean_compatriot_meetings": round(statistics.mean(meetings), 2),
        "mean_distinct_country_pairs": round(statistics.mean(pairs), 2),
        "mean_unmet_constraints": round(statistics.mean(unmet), 2),
    }


def time_one(run: int) -> float:
    entries = field(run)
    start = time.perf_counter()
    draw_knockout(entries, SEEDS, "separate", random_seed=run)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    draw_knockout(field(99), SEEDS)  # warm up imports and caches
    results = [measure(p) for p in ("random", "separate", "friendship")]
    separate_ms = statistics.median(time_one(run) for run in range(RUNS))
    report = {
        "benchmark": "draw",
        "entries": ENTRIES,
        "seeds": SEEDS,
        "associations": ASSOCIATIONS,
        "runs": RUNS,
        "target_ms": TARGET_MS,
        "separate_median_ms_rerun": round(separate_ms, 2),
        "separate_within_target": separate_ms < TARGET_MS,
        "python": sys.version.split()[0],
        "machine": platform.machine(),
        "results": results,
    }
    out = Path(__file__).resolve().parent / "results" / "draw.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    for r in results:
        print(
            f"{r['policy']:>10}: median {r['median_ms']} ms (max {r['max_ms']}), "
            f"meetings {r['mean_compatriot_meetings']}, "
            f"country pairs {r['mean_distinct_country_pairs']}"
        )
    print(f"written {out}")


if __name__ == "__main__":
    main()
