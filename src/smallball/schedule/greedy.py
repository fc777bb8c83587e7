"""The greedy list scheduler: the baseline, the fallback and the CP-SAT warm start.

A serial schedule generation scheme: matches are taken in a priority order that respects
precedence, and each goes to the earliest moment (and a table) where its players are rested,
a table is free for its whole length, and it fits in a session; earlier gaps get filled. When
the tables are all alike and nothing is pinned, the builder counts busy tables per minute
instead and numbers the tables once the plan is made.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import replace

from smallball.schedule.model import Assignment, Instance, Match, Plan, choice_key
from smallball.schedule.tables import assign_tables
from smallball.schedule.timeline import Timeline

# ``work-W`` dispatches, among the matches that can start within the same W-minute window, the
# one whose busiest player has the most play and rest still to come (most work remaining, the
# classic job-shop rule: here the players, not the tables, are the bottleneck); ``-tail`` adds
# the longest chain of later rounds to that work.
_WORK_RULES = ("work-0", "work-15", "work-60", "work-0-tail", "work-15-tail", "work-60-tail")
_CLASSIC_RULES = ("earliest", "tail", "load")
_RULES = (*_CLASSIC_RULES, *_WORK_RULES)


def priorities(instance: Instance, rule: str = "tail") -> dict[str, tuple[int, int]]:
    """Smaller first. ``tail``: the longest chain of matches still to come after this one;
    ``load``: the busiest player's total work first."""
    tail: dict[str, int] = {}
    for mid in reversed(instance.topological):
        m = instance.by_id[mid]
        after = (tail[s] + instance.gap(m, instance.by_id[s]) for s in instance.successors[mid])
        tail[mid] = m.duration + max(after, default=0)
    work = {p: _chain(instance, p, groups) for p, groups in instance.choices.items()}
    load = {m.id: max((work[p] for p in m.players), default=0) for m in instance.matches}
    if rule == "load":
        return {mid: (-load[mid], -tail[mid]) for mid in tail}
    return {mid: (-tail[mid], -load[mid]) for mid in tail}


def _chain(instance: Instance, player: str, groups: tuple[tuple[str, ...], ...]) -> int:
    """The player's play and rest to come: the longest match of each round (alternatives)."""
    rest = instance.rest(player)
    return sum(max(instance.by_id[i].duration for i in ids) + rest for ids in groups)


def order(instance: Instance, rule: str = "tail") -> list[str]:
    """A precedence-respecting order, highest priority first among the matches that are ready."""
    key = priorities(instance, rule)
    indegree = {m.id: sum(1 for a in m.after if a in instance.by_id) for m in instance.matches}
    index = {m.id: i for i, m in enumerate(instance.matches)}
    heap = [(key[mid], index[mid], mid) for mid, n in indegree.items() if n == 0]
    heapq.heapify(heap)
    out: list[str] = []
    while heap:
        _, _, mid = heapq.heappop(heap)
        out.append(mid)
        for s in instance.successors[mid]:
            indegree[s] -= 1
            if indegree[s] == 0:
                heapq.heappush(heap, (key[s], index[s], s))
    return out


class _Builder:
    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.tables = {t: Timeline() for t in range(1, instance.tables + 1)}
        # Per player, one timeline per round (alternatives may overlap each other) and one for
        # all the matches without a round; a match avoids every one but its own round's.
        self.players: dict[str, dict[tuple[str, str] | None, Timeline]] = {}
        # Per player, everything they may play in one timeline: free there means free in every
        # line, so most checks look at one timeline, not one per round.
        self.busy: dict[str, Timeline] = {}
        self.per_session: dict[tuple[str, int], set[tuple[str, str]]] = {}
        self.placed: dict[str, Assignment] = {}
        featured = instance.featured_tables
        # Ordinary matches try ordinary tables first, keeping featured tables for featured play.
        self.ordinary = [t for t in self.tables if t not in featured] + sorted(
            t for t in self.tables if t in featured
        )
        self.featured = sorted(t for t in self.tables if t in featured)
        # With identical tables and no pins, only how many tables are busy matters: matches
        # that never exceed the tables at any minute can always be given table numbers by start
        # (``tables``). Counting per minute is much quicker than looking for one table free
        # over the whole match, and no less: a match may use parts of two tables' gaps.
        self.counting = not featured and all(
            m.table is None and m.start is None and not m.featured for m in instance.matches
        )
        self.in_use: list[int] = []
        self.claimed = {m.table for m in instance.matches if m.table is not None}

    def allowed(self, m: Match) -> list[int]:
        if m.table is not None:
            return [m.table] if m.table in self.tables else []
        return self.featured if m.featured else self.ordinary

    def place(self, m: Match, table: int, start: int) -> None:
        end = start + m.duration
        if self.counting:
            self._grow(end)
            for minute in range(start, end):
                self.in_use[minute] += 1
        if table in self.tables:
            self.tables[table].add(start, end)
        key = choice_key(m)
        line_key = key if m.round is not None else None
        for p in m.players:
            self.players.setdefault(p, {}).setdefault(line_key, Timeline()).add(start, end)
            self.busy.setdefault(p, Timeline()).add(start, end)
        session = self.instance.session_of(start, end)
        if session is not None:
            for p in m.players:
                self.per_session.setdefault((p, session), set()).add(key)
        self.placed[m.id] = Assignment(m.id, table, start, end)

    def ready_time(self, m: Match) -> int:
        t = m.not_before if m.not_before is not None else 0
        for before in m.after:
            a = self.placed.get(before)
            if a is not None:
                t = max(t, a.end)
        return t

    def pinned(self, m: Match) -> None:
        """Place a match pinned in time; ``pinned_first`` gives the order that never double-books
        a table while the pins alone can be given table numbers."""
        assert m.start is not None
        start, end = m.start, m.start + m.duration
        tables = self.allowed(m) or [1]
        free = [t for t in tables if self.tables[t].blocker(start, end) is None]
        # A table some match is pinned to last: that match can use no other.
        free.sort(key=lambda t: t in self.claimed)
        self.place(m, (free or tables)[0], start)

    def earliest(self, m: Match) -> tuple[int, int]:
        """The earliest (start, table) for ``m`` given everything placed so far (table 0 while
        tables are only counted: ``assignments`` numbers them)."""
        inst = self.instance
        limit = inst.max_matches_per_session
        last = inst.sessions[-1].end if inst.sessions else 0
        tables = self.allowed(m) or list(self.tables)
        key = choice_key(m)
        own = key if m.round is not None else None
        t = self.ready_time(m)
        while True:
            fitted = inst.fit(t, m.duration)
            t = fitted if fitted is not None else max(t, last)
            end = t + m.duration
            blocked = self._player_blocker(m, own, t, end)
            if blocked is not None:
                t = blocked
                continue
            session = inst.session_of(t, end) if fitted is not None else None
            if (
                limit is not None
                and session is not None
                and any(self._full(p, session, key, limit) for p in m.players)
            ):
                nxt = session + 1
                t = inst.sessions[nxt].start if nxt < len(inst.sessions) else last
                continue
            if self.counting:
                self._grow(end)
                span = self.in_use[t:end]
                if not span or max(span) < inst.tables:
                    return t, 0
                full = len(span) - 1
                while span[full] < inst.tables:
                    full -= 1
                t += full + 1
                continue
            best: tuple[int, int] | None = None
            soonest: int | None = None
            for table in tables:
                line = self.tables[table]
                blocked = line.blocker(t, end)
                if blocked is None:
                    # Best fit: the table idle the shortest time before this match.
                    i = bisect_right(line.ends, t)
                    idle = t - line.ends[i - 1] if i else t
                    if best is None or idle < best[0]:
                        best = (idle, table)
                elif soonest is None or blocked < soonest:
                    soonest = blocked
            if best is not None:
                return t, best[1]
            assert soonest is not None
            t = soonest

    def _grow(self, end: int) -> None:
        if end > len(self.in_use):
            self.in_use.extend([0] * (end - len(self.in_use) + 24 * 60))

    def assignments(self, ids: list[str]) -> tuple[Assignment, ...]:
        """The placed matches ``ids``, in that order, with their table numbers."""
        if not self.counting:
            return tuple(self.placed[mid] for mid in ids)
        placed = self.instance
        if len(ids) < len(placed.matches):
            wanted = set(ids)
            placed = replace(placed, matches=tuple(m for m in placed.matches if m.id in wanted))
        numbered = assign_tables(placed, {mid: self.placed[mid].start for mid in ids})
        # Never more matches than tables at any minute, so numbering by start cannot fail.
        assert numbered is not None
        by_id = {a.match: a for a in numbered}
        return tuple(by_id[mid] for mid in ids)

    def _player_blocker(
        self, m: Match, own: tuple[str, str] | None, start: int, end: int
    ) -> int | None:
        """The first moment a player of ``m`` is rested after a clash with ``[start, end)``."""
        for p in m.players:
            lines = self.players.get(p)
            if lines is None:
                continue
            rest = self.instance.rest(p)
            if self.busy[p].blocker(start, end, rest) is None:
                continue
            for key, line in lines.items():
                if key is not None and key == own:
                    continue
                blocked = line.blocker(start, end, rest)
                if blocked is not None:
                    return blocked + rest
        return None

    def _full(self, player: str, session: int, key: tuple[str, str], limit: int) -> bool:
        rounds = self.per_session.get((player, session))
        return rounds is not None and key not in rounds and len(rounds) >= limit


def pinned_first(instance: Instance) -> list[Match]:
    """The matches pinned in time, those pinned to a table first, then by start: taking a free
    table in order of start colours intervals with no more tables than overlap at a minute, while
    the order of the input could double-book one (a table taken by a later pin, then an earlier
    pin that overlaps both)."""
    pins = [m for m in instance.matches if m.start is not None]
    return sorted(pins, key=lambda m: (m.table is None, m.start or 0, -m.duration))


def greedy(
    instance: Instance, rule: str = "earliest", bias: Mapping[str, int] | None = None
) -> Plan:
    """One greedy plan by a priority rule: ``earliest`` dispatches the match that can start
    first (ties to the longest tail), like a call-up desk; ``tail`` and ``load`` place matches
    in a fixed priority order, each at its earliest slot; ``work-W[-tail]`` dispatches by the
    players' remaining work (see ``_WORK_RULES``), plus ``bias`` minutes per match when given
    (``stages``)."""
    builder = _Builder(instance)
    for m in pinned_first(instance):
        builder.pinned(m)
    if rule == "earliest":
        _dispatch(instance, builder)
    elif rule.startswith("work-"):
        parts = rule.split("-")
        _dispatch_work(instance, builder, int(parts[1]), len(parts) > 2, bias or {})
    else:
        for mid in order(instance, rule):
            m = instance.by_id[mid]
            if m.start is None:
                start, table = builder.earliest(m)
                builder.place(m, table, start)
    assignments = builder.assignments([m.id for m in instance.matches])
    return Plan(assignments, solver=f"greedy-{rule}", status="FEASIBLE")


def _dispatch(instance: Instance, builder: _Builder) -> None:
    # Earliest starts only grow as matches are placed, so a stale heap entry is only ever too
    # early: pop, recompute, and place it if it did not move, else push it back.
    key = priorities(instance, "tail")
    index = {m.id: i for i, m in enumerate(instance.matches)}
    waiting = {m.id: sum(1 for a in m.after if a in instance.by_id) for m in instance.matches}
    heap: list[tuple[int, tuple[int, int], int, str]] = []

    def release(mid: str) -> None:
        for s in instance.successors[mid]:
            waiting[s] -= 1
            if waiting[s] == 0 and instance.by_id[s].start is None:
                start, _ = builder.earliest(instance.by_id[s])
                heapq.heappush(heap, (start, key[s], index[s], s))

    for m in instance.matches:
        if waiting[m.id] == 0 and m.start is None:
            start, _ = builder.earliest(m)
            heap.append((start, key[m.id], index[m.id], m.id))
    heapq.heapify(heap)
    for m in instance.matches:
        if m.start is not None:
            release(m.id)
    while heap:
        start, k, i, mid = heapq.heappop(heap)
        m = instance.by_id[mid]
        now, table = builder.earliest(m)
        if now > start:
            heapq.heappush(heap, (now, k, i, mid))
            continue
        builder.place(m, table, now)
        release(mid)


def _dispatch_work(
    instance: Instance,
    builder: _Builder,
    window: int,
    with_tail: bool,
    bias: Mapping[str, int],
) -> None:
    # Both parts of the key only grow as matches are placed (earliest starts move later, the
    # remaining work shrinks), so a stale heap entry is only ever too early: pop, recompute,
    # and place it if the key did not change, else push it back.
    tail = {mid: -key[0] for mid, key in priorities(instance, "tail").items()}
    remaining = {p: _chain(instance, p, groups) for p, groups in instance.choices.items()}
    # A round of a player's stops counting once all its alternatives are placed.
    left = {
        (p, choice_key(instance.by_id[ids[0]])): len(ids)
        for p, groups in instance.choices.items()
        for ids in groups
    }
    longest = {
        (p, choice_key(instance.by_id[ids[0]])): max(instance.by_id[i].duration for i in ids)
        for p, groups in instance.choices.items()
        for ids in groups
    }
    waiting = {m.id: sum(1 for a in m.after if a in instance.by_id) for m in instance.matches}
    index = {m.id: i for i, m in enumerate(instance.matches)}
    heap: list[tuple[int, int, int, int, str]] = []

    def key(m: Match) -> tuple[int, int, int, int]:
        start, table = builder.earliest(m)
        work = max((remaining[p] for p in m.players), default=0) + bias.get(m.id, 0)
        if with_tail:
            work += tail[m.id]
        return (start // window if window else start), -work, start, table

    def settle(m: Match) -> None:
        own = choice_key(m)
        for p in m.players:
            left[p, own] -= 1
            if left[p, own] == 0:
                remaining[p] -= longest[p, own] + instance.rest(p)
        for s in instance.successors[m.id]:
            waiting[s] -= 1
            nxt = instance.by_id[s]
            if waiting[s] == 0 and nxt.start is None:
                heapq.heappush(heap, (*key(nxt)[:3], index[s], s))

    for m in instance.matches:
        if waiting[m.id] == 0 and m.start is None:
            heap.append((*key(m)[:3], index[m.id], m.id))
    heapq.heapify(heap)
    for m in instance.matches:
        if m.start is not None:
            settle(m)
    while heap:
        slot, work, at, i, mid = heapq.heappop(heap)
        m = instance.by_id[mid]
        now_slot, now_work, start, table = key(m)
        if (now_slot, now_work, start) != (slot, work, at):
            heapq.heappush(heap, (now_slot, now_work, start, i, mid))
            continue
        builder.place(m, table, start)
        settle(m)


def best_greedy(instance: Instance) -> Plan:
    """The baseline: the shortest of the greedy plans over the classic rules (call-up desk,
    longest tail, busiest player). ``justify.heuristic_plan`` adds the work rules."""
    plans = [greedy(instance, rule) for rule in _CLASSIC_RULES]

    return min(plans, key=lambda p: rank_plan(instance, p))


def rank_plan(instance: Instance, plan: Plan) -> tuple[int, int, int]:
    """Fewer matches outside the sessions, then shorter, then earlier on the whole."""
    outside = sum(1 for a in plan.assignments if instance.session_of(a.start, a.end) is None)
    return outside, plan.makespan, sum(a.end for a in plan.assignments)
