"""A search over which stage of which event to play first: priority offsets for the work rule.

The work rule (``greedy``) calls the match whose busiest player has the most play still to come.
On a multi-event open that is not enough: whether the men's doubles knockout is played before
or after the men's singles groups decides whether the singles knockout can start on time, and
the players' remaining work does not see that. So each match gets the offset of its *class*, an
event (a part of the draw linked by precedence) and a stage within it (groups, early rounds,
late rounds), added to its work; a search tries offsets, each tried order is built backwards
from the last session (finals packed against the end) and shifted early, and the best valid plan
is kept.

The search mixes fresh random offsets (a jump to another order of the events) with small
changes to the offsets it holds; a try's offsets are held when its plan is no worse than the
held one's: the makespan, then the sum of ends, which moves play earlier on plateaus where the
makespan does not change. It is seeded, so the same seed and number of tries give the same plan.
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from smallball.schedule.check import check
from smallball.schedule.greedy import greedy, rank_plan
from smallball.schedule.justify import backward_greedy, mirror, mirrorable
from smallball.schedule.model import Instance, Plan

_RULE = "work-0"
# Minutes of remaining work: a fresh draw, and the steps of a small change.
_DRAWS = (0, 0, 100, 200, 400, 800, -200)
_STEPS = (-300, -150, -60, 60, 150, 300)
_START_UP_S = 1.5
# Below this many matches a try takes milliseconds: a process would cost more than it gives.
_PARALLEL_FROM = 200


def match_classes(instance: Instance) -> dict[str, tuple[int, int]]:
    """Per match, (event, stage): the event is the set of matches linked by precedence (groups
    and the knockout they feed); the stage is 0 for a match that depends on none, 1 for the
    next two rounds, 2 for the later ones. Matches linked to none share one class."""
    parent = {m.id: m.id for m in instance.matches}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for m in instance.matches:
        for before in m.after:
            if before in parent:
                parent[root(before)] = root(m.id)
    depth: dict[str, int] = {}
    for mid in instance.topological:
        after = [depth[a] for a in instance.by_id[mid].after if a in depth]
        depth[mid] = 1 + max(after) if after else 0
    events: dict[str, int] = {}
    out: dict[str, tuple[int, int]] = {}
    for m in instance.matches:
        if depth[m.id] == 0 and not instance.successors[m.id]:
            out[m.id] = (-1, 0)
            continue
        event = events.setdefault(root(m.id), len(events))
        out[m.id] = (event, 0 if depth[m.id] == 0 else 1 if depth[m.id] <= 2 else 2)
    return out


def biased_plan(
    instance: Instance,
    offsets: Mapping[tuple[int, int], int],
    classes: Mapping[str, tuple[int, int]],
    mirrored: Instance | None,
) -> Plan:
    """The work rule with each match's class offset added; backwards when the instance can be
    mirrored (no pins, no earliest starts), else forwards."""
    bias = {mid: offsets.get(c, 0) for mid, c in classes.items()}
    if mirrored is not None:
        plan = backward_greedy(instance, _RULE, bias, mirrored)
    else:
        plan = greedy(instance, _RULE, bias)
    return Plan(plan.assignments, solver="greedy-stages", status="FEASIBLE")


def search_stages(
    instance: Instance,
    seconds: float,
    seed: int = 0,
    max_tries: int | None = None,
    workers: int = 1,
    floor: int = 0,
) -> Plan | None:
    """The best valid plan over the tried offsets (the first try has none); None when no try
    is valid. A search stops after ``seconds``, ``max_tries`` or a plan ending at ``floor`` (a
    lower bound: nothing is shorter); not when it stalls, as it still finds shorter plans late
    (on the club bench event it did better with the whole share than CP-SAT with what a stall
    left it).
    With ``workers`` above one on a large instance, that many searches run in separate
    processes, seeded ``seed``, ``seed + 1`` ...: each try is pure Python, so a second core
    doubles the tries."""
    if not instance.matches or not instance.sessions:
        return None
    if workers <= 1 or len(instance.matches) < _PARALLEL_FROM:
        return _search(instance, seconds, seed, max_tries, floor)
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        # A process starts in about a second (imports); each search gets what is left.
        left = max(0.0, seconds - _START_UP_S)
        runs = [
            pool.submit(_search, instance, left, seed + i, max_tries, floor) for i in range(workers)
        ]
        plans = [p for p in (run.result() for run in runs) if p is not None]
    return min(plans, key=lambda p: rank_plan(instance, p)) if plans else None


def _search(
    instance: Instance, seconds: float, seed: int, max_tries: int | None, floor: int
) -> Plan | None:
    began = time.monotonic()
    rng = random.Random(seed)
    classes = match_classes(instance)
    kinds = sorted(set(classes.values()))
    mirrored = mirror(instance) if mirrorable(instance) else None
    best: tuple[tuple[int, int, int], Plan] | None = None
    current: dict[tuple[int, int], int] = dict.fromkeys(kinds, 0)
    current_rank: tuple[int, int, int] | None = None
    tries = 0
    while True:
        if max_tries is not None and tries >= max_tries:
            break
        if tries > 0 and time.monotonic() - began >= seconds:
            break
        if best is not None and best[0][0] == 0 and best[0][1] <= floor:
            break
        if tries == 0:
            offsets = dict(current)
        elif rng.random() < 0.5:
            offsets = {k: rng.choice(_DRAWS) for k in kinds}
        else:
            offsets = dict(current)
            for k in rng.sample(kinds, min(len(kinds), rng.choice((1, 2, 3)))):
                offsets[k] += rng.choice(_STEPS)
        tries += 1
        plan = biased_plan(instance, offsets, classes, mirrored)
        rank = rank_plan(instance, plan)
        if current_rank is None or rank <= current_rank:
            current, current_rank = offsets, rank
        if (best is None or rank < best[0]) and not check(instance, plan):
            best = (rank, plan)
    return best[1] if best is not None else None
