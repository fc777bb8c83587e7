"""A player's chain packed into the sessions: the exact earliest end of one player's matches,
one per round, played alone with their rests, release times and the breaks.

``player_chain`` spreads a player's play over plain session time; but a match never crosses a
break, a rest follows every match, and a knockout round cannot start before its feeders (and the
groups behind them) can have been played on the tables. So a morning of 210 minutes holds four
30-minute doubles with their rests, not seven, and the singles knockout cannot be in the first
morning when the singles groups fill it. Here the player's matches are placed one at a time by a
search over every order that precedence allows, keeping for each set of matches played the
earliest moment the last of them can end: the future of a one-player schedule depends only on
that moment, and earlier is never worse, so the search is exact for the relaxation.

Why it bounds every valid plan: take one match of each of the player's rounds (and every match
without a round). Any two of them could both be the player's, so a valid plan plays them one
after another with the player's rest in between, each inside one session, none before its
release (``release_times``: its own earliest start, and the table time of every match it depends
on), and a match after every one of them it depends on. That is a schedule of the relaxation, so
its last end is at least the relaxation's optimum; the event's makespan is at least that end.
Dropping the other players, the tables and the per-session limit only relaxes further.
"""

from __future__ import annotations

from collections.abc import Mapping

from smallball.schedule.bounds import earliest_starts, time_for_load
from smallball.schedule.model import Instance

# Above this many sets of played matches per player the search gives up on that player (the bound
# then rests on the others): a player with many unordered matches would need too many.
_MAX_STATES = 40_000


def ancestors(instance: Instance) -> dict[str, frozenset[str]]:
    """Every match each match depends on, directly or through others."""
    out: dict[str, frozenset[str]] = {}
    for mid in instance.topological:
        found: set[str] = set()
        for before in instance.by_id[mid].after:
            if before in instance.by_id:
                found.add(before)
                found |= out[before]
        out[mid] = frozenset(found)
    return out


def release_times(
    instance: Instance, above: Mapping[str, frozenset[str]] | None = None
) -> dict[str, int]:
    """Each match's earliest start from the critical path and from the table time its
    ancestors (every match it depends on) need before it."""
    head = earliest_starts(instance)
    above = above if above is not None else ancestors(instance)
    out: dict[str, int] = {}
    for m in instance.matches:
        anc = [instance.by_id[a] for a in above[m.id]]
        load = sum(a.duration for a in anc)
        durations = frozenset(a.duration for a in anc)
        by_load = time_for_load(instance, load, instance.tables, durations) if anc else 0
        out[m.id] = max(head[m.id], by_load)
    return out


def _representatives(
    instance: Instance,
    groups: tuple[tuple[str, ...], ...],
    above: Mapping[str, frozenset[str]],
    release: Mapping[str, int],
) -> list[str]:
    """One match per round of the player: latest rounds first, each the one that most of the
    matches already taken depend on (so precedence links them: a knockout path), then the one
    released latest. Any choice is valid; this one makes the bound strongest in brackets."""
    position = {mid: i for i, mid in enumerate(instance.topological)}
    chosen: list[str] = []
    for ids in sorted(groups, key=lambda g: -max(position[i] for i in g)):
        best = max(
            ids,
            key=lambda i: (sum(1 for c in chosen if i in above[c]), release[i], i),
        )
        chosen.append(best)
    return chosen


def _chain_end(instance: Instance, rest: int, jobs: list[tuple[int, int, int | None, int]]) -> int:
    """The earliest end of ``jobs`` (duration, release, pinned start, mask of the jobs that
    must come first) on one player, or 0 when the search is too large."""
    last = instance.sessions[-1].end if instance.sessions else 0
    fitted: dict[tuple[int, int], int] = {}

    def place(earliest: int, duration: int) -> int:
        key = (earliest, duration)
        found = fitted.get(key)
        if found is None:
            at = instance.fit(earliest, duration)
            found = at if at is not None else max(earliest, last)
            fitted[key] = found
        return found

    full = (1 << len(jobs)) - 1
    layer: dict[int, int] = {0: -1}
    seen = 1
    for _ in range(len(jobs)):
        nxt: dict[int, int] = {}
        for mask, end in layer.items():
            for j, (duration, release, pin, needs) in enumerate(jobs):
                bit = 1 << j
                if mask & bit or needs & ~mask:
                    continue
                earliest = release if end < 0 else max(release, end + rest)
                if pin is not None:
                    if pin < earliest:
                        continue
                    start = pin
                else:
                    start = place(earliest, duration)
                done = start + duration
                key = mask | bit
                if done < nxt.get(key, done + 1):
                    nxt[key] = done
        seen += len(nxt)
        if seen > _MAX_STATES or not nxt:
            return 0
        layer = nxt
    return layer.get(full, 0)


def player_sessions(instance: Instance) -> int:
    """The latest of the players' packed chains (see the module): the event ends no earlier."""
    if not instance.matches or not instance.sessions:
        return 0
    above = ancestors(instance)
    release = release_times(instance, above)
    memo: dict[tuple[int, tuple[tuple[int, int, int | None, int], ...]], int] = {}
    bound = 0
    for player, groups in instance.choices.items():
        reps = _representatives(instance, groups, above, release)
        # Twins (same length, release, pin and links) are interchangeable: a fixed order among
        # them keeps the search from trying each permutation.
        jobs: list[tuple[int, int, int | None, int]] = []
        for mid in reps:
            m = instance.by_id[mid]
            needs = 0
            for k, other in enumerate(reps):
                if other in above[mid]:
                    needs |= 1 << k
            jobs.append((m.duration, max(release[mid], m.not_before or 0), m.start, needs))
        jobs = _order_twins(jobs)
        key = (instance.rest(player), tuple(jobs))
        if key not in memo:
            memo[key] = _chain_end(instance, instance.rest(player), jobs)
        bound = max(bound, memo[key])
    return bound


def _order_twins(
    jobs: list[tuple[int, int, int | None, int]],
) -> list[tuple[int, int, int | None, int]]:
    """The same jobs, each made to follow its previous twin; also a canonical form for the
    memo (jobs with the same content and links get the same tuple)."""
    succ = [0] * len(jobs)
    for j, (_, _, _, needs) in enumerate(jobs):
        for k in range(len(jobs)):
            if needs >> k & 1:
                succ[k] |= 1 << j
    out = list(jobs)
    previous: dict[tuple[int, int, int | None, int, int], int] = {}
    for j, (duration, release, pin, needs) in enumerate(jobs):
        twin = (duration, release, pin, needs, succ[j])
        if pin is None and twin in previous:
            out[j] = (duration, release, pin, needs | 1 << previous[twin])
        previous[twin] = j
    return out
