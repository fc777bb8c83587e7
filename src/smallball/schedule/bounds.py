"""Lower bounds on the makespan: no plan can end before any of them, so the gap between a plan
and their maximum is an honest quality figure for organisers."""

from __future__ import annotations

from dataclasses import dataclass

from smallball.schedule.model import Instance


@dataclass(frozen=True, slots=True)
class LowerBounds:
    """Minutes from the origin. ``critical_path`` also holds pinned starts and earliest starts."""

    table_load: int
    player_chain: int
    critical_path: int
    # The tables' load of every match with a long enough chain still to come, followed by the
    # shortest such chain through the sessions (0 when not computed).
    load_tail: int = 0
    # CP-SAT's proven bound on a relaxation: the last rounds alone, each released no earlier
    # than its feeders' load allows (0 when not computed; see ``relax``).
    relaxation: int = 0
    # The busiest player's matches packed into the sessions with rests and release times
    # (0 when not computed; see ``packing``).
    player_sessions: int = 0

    @property
    def value(self) -> int:
        return max(
            self.table_load,
            self.player_chain,
            self.critical_path,
            self.load_tail,
            self.relaxation,
            self.player_sessions,
        )

    @property
    def binding(self) -> str:
        """The name of the largest bound."""
        names = (
            "table_load",
            "player_chain",
            "critical_path",
            "load_tail",
            "relaxation",
            "player_sessions",
        )
        return max(names, key=lambda n: int(getattr(self, n)))


def lower_bounds(instance: Instance) -> LowerBounds:
    """The quick bounds (no solver), each snapped to the calendar: the makespan is the end of
    a match inside a session."""
    # Imported here: the packing bound is built on this module's helpers.
    from smallball.schedule.packing import player_sessions

    return LowerBounds(
        table_load=snap(instance, table_load(instance)),
        player_chain=snap(instance, player_chain(instance)),
        critical_path=critical_path(instance),
        load_tail=snap(instance, load_tail(instance)),
        player_sessions=snap(instance, player_sessions(instance)),
    )


def snap(instance: Instance, bound: int) -> int:
    """The earliest moment >= ``bound`` at which a match can end inside a session: the last
    match of a valid plan ends in some session, at least its shortest match after its start."""
    if not instance.matches or not instance.sessions:
        return bound
    shortest = min(m.duration for m in instance.matches)
    for s in instance.sessions:
        if s.end >= bound and s.length >= shortest:
            return max(bound, s.start + shortest)
    return bound


def _available(instance: Instance, until: int) -> int:
    return sum(max(0, min(until, s.end) - s.start) for s in instance.sessions)


def _first_time_with(instance: Instance, need: int, per_session_credit: int = 0) -> int:
    """The first moment by which ``need`` minutes of session time have gone by, each session
    after the first adding ``per_session_credit`` (a rest that a break between sessions absorbs).
    Past the last session, time is counted as if play went on."""
    if need <= 0:
        return instance.sessions[0].start if instance.sessions else 0
    done = 0
    for i, s in enumerate(instance.sessions):
        credit = per_session_credit if i > 0 else 0
        if done + credit + s.length >= need:
            return s.start + max(0, need - done - credit)
        done += credit + s.length
    last = instance.sessions[-1].end if instance.sessions else 0
    return last + need - done


def _usable(length: int, durations: frozenset[int]) -> int:
    """The most play one table holds in a session of ``length`` minutes: a match never crosses
    a break, so the largest sum of durations (each used any number of times) that fits."""
    if not durations:
        return length
    reach = [False] * (length + 1)
    reach[0] = True
    for t in range(1, length + 1):
        reach[t] = any(d <= t and reach[t - d] for d in durations)
    return max(t for t in range(length + 1) if reach[t])


def time_for_load(instance: Instance, load: int, tables: int, durations: frozenset[int]) -> int:
    """The first moment by which ``tables`` tables can have played ``load`` minutes of matches
    with these durations, in session time only (the last session is counted as if it went on)."""
    if load <= 0 or not instance.sessions:
        return instance.sessions[0].start if instance.sessions else 0
    done = 0
    for s in instance.sessions:
        usable = _usable(s.length, durations) * tables
        if done + usable >= load:
            return s.start + -(-(load - done) // tables)
        done += usable
    last = instance.sessions[-1]
    return last.end + -(-(load - done) // tables)


def table_load(instance: Instance) -> int:
    """All play time spread over every table, in session time only; the featured-only matches
    spread over the featured tables alone."""
    total = sum(m.duration for m in instance.matches)
    bound = _first_time_with(instance, -(-total // instance.tables))
    featured = sum(m.duration for m in instance.matches if m.featured)
    if featured and instance.featured_tables:
        share = -(-featured // len(instance.featured_tables))
        bound = max(bound, _first_time_with(instance, share))
    return bound if instance.matches else 0


def chain_work(instance: Instance, player: str) -> tuple[int, int, int]:
    """(play and rest minutes, matches, shortest match) of the player's longest chain: the
    longest match of each round (alternatives: the player plays one of them) and every match
    without a round. Any two of those could both be the player's, so they cannot overlap and
    need the rest between them; no longer set of the player's matches is pairwise in conflict."""
    rest = instance.rest(player)
    longest = [max(instance.by_id[i].duration for i in ids) for ids in instance.choices[player]]
    return sum(longest) + (len(longest) - 1) * rest, len(longest), min(longest)


def player_chain(instance: Instance) -> int:
    """The busiest player's chain back to back with their rests (see ``chain_work``); a break
    between sessions can absorb one rest, and a per-session limit forces the chain over enough
    sessions."""
    bound = 0
    limit = instance.max_matches_per_session
    for player in instance.choices:
        rest = instance.rest(player)
        work, count, shortest = chain_work(instance, player)
        end = _first_time_with(instance, work, rest)
        if limit is not None and instance.sessions:
            needed = -(-count // limit)
            if needed <= len(instance.sessions):
                end = max(end, instance.sessions[needed - 1].start + shortest)
        bound = max(bound, end)
    return bound


def earliest_starts(instance: Instance) -> dict[str, int]:
    """Each match's earliest start from precedence, rests, earliest starts and sessions alone."""
    start: dict[str, int] = {}
    last = instance.sessions[-1].end if instance.sessions else 0
    for mid in instance.topological:
        m = instance.by_id[mid]
        if m.start is not None:
            start[mid] = m.start
            continue
        earliest = m.not_before if m.not_before is not None else 0
        for before in m.after:
            b = instance.by_id.get(before)
            if b is not None:
                earliest = max(earliest, start[before] + b.duration + instance.gap(b, m))
        fitted = instance.fit(earliest, m.duration)
        start[mid] = fitted if fitted is not None else max(earliest, last)
    return start


def critical_path(instance: Instance) -> int:
    start = earliest_starts(instance)
    return max((start[m.id] + m.duration for m in instance.matches), default=0)


def tails(instance: Instance) -> dict[str, int]:
    """Per match, the longest chain of later matches (durations and the rests between them)
    that must follow its end."""
    tail: dict[str, int] = {}
    for mid in reversed(instance.topological):
        m = instance.by_id[mid]
        tail[mid] = max(
            (
                instance.gap(m, instance.by_id[s]) + instance.by_id[s].duration + tail[s]
                for s in instance.successors[mid]
            ),
            default=0,
        )
    return tail


class _Chains:
    """The earliest end of the event once a match ends at a given moment: its successors in
    the sessions, each after its feeder plus the rest, and no earlier than its own earliest
    start (memoised; a lower bound, as other feeders and the players are left out)."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.head = earliest_starts(instance)
        self.last = instance.sessions[-1].end if instance.sessions else 0
        self.memo: dict[tuple[str, int], int] = {}

    def from_start(self, mid: str, t: int) -> int:
        key = (mid, t)
        found = self.memo.get(key)
        if found is not None:
            return found
        inst = self.instance
        m = inst.by_id[mid]
        if m.start is not None:
            start = m.start
        else:
            earliest = max(t, self.head[mid])
            fitted = inst.fit(earliest, m.duration)
            start = fitted if fitted is not None else max(earliest, self.last)
        end = start + m.duration
        out = max(
            [
                end,
                *(
                    self.from_start(s, end + inst.gap(m, inst.by_id[s]))
                    for s in inst.successors[mid]
                ),
            ]
        )
        self.memo[key] = out
        return out

    def after_end(self, mid: str, end: int) -> int:
        inst = self.instance
        m = inst.by_id[mid]
        return max(
            [
                end,
                *(
                    self.from_start(s, end + inst.gap(m, inst.by_id[s]))
                    for s in inst.successors[mid]
                ),
            ]
        )


def load_tail(instance: Instance) -> int:
    """For each length q, the matches followed by a chain of at least q minutes: all of them
    need the tables, so the last of them ends no earlier than the moment their load allows
    (``time_for_load``), and whichever it is, its own chain still follows, through the sessions.
    The smallest such end over the set is a bound; the largest over all q is kept."""
    if not instance.matches or not instance.sessions:
        return 0
    tail = tails(instance)
    chains = _Chains(instance)
    ranked = sorted(instance.matches, key=lambda m: -tail[m.id])
    durations: set[int] = set()
    load = 0
    bound = 0
    for i, m in enumerate(ranked):
        load += m.duration
        durations.add(m.duration)
        if i + 1 < len(ranked) and tail[ranked[i + 1].id] == tail[m.id]:
            continue
        members = ranked[: i + 1]
        moment = time_for_load(instance, load, instance.tables, frozenset(durations))
        # Matches that share a chain end at the same moment: evaluate each distinct one once.
        bound = max(bound, min(chains.after_end(x.id, moment) for x in members))
    return bound
