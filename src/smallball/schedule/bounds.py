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

    @property
    def value(self) -> int:
        return max(self.table_load, self.player_chain, self.critical_path)


def lower_bounds(instance: Instance) -> LowerBounds:
    return LowerBounds(
        table_load=table_load(instance),
        player_chain=player_chain(instance),
        critical_path=critical_path(instance),
    )


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
