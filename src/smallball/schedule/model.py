"""The scheduling instance and plan. Time is whole minutes from ``origin`` (the first session's
start), so the algorithms do integer arithmetic and the codec alone deals with datetimes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime, timedelta
from functools import cached_property
from types import MappingProxyType

_NO_REST: Mapping[str, int] = MappingProxyType({})
_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Session:
    """A window when the tables are in use: ``[start, end)`` in minutes from the origin.
    ``day`` groups the sessions of one calendar day (makespan per day, player waiting)."""

    start: int
    end: int
    day: int = 0

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Match:
    """One match (or a whole team tie) to put on a table.

    ``players`` are everyone who could play it: for a knockout match, every player who could
    reach it, so two matches that might share a player never overlap (unless they are
    alternatives, below).
    ``after``: matches that must end before this one starts (knockout feeders, the groups
    before a knockout, the earlier rubbers of a tie).
    ``table`` / ``start``: pins set by the organiser. ``featured``: must be on a featured table.
    ``round``: matches with the same round are *alternatives*: any one player plays at most one
    of them (one knockout round of one event: a player is in one place of the draw), so they
    need neither a player no-overlap nor a rest between them; precedence still holds.
    """

    id: str
    players: tuple[str, ...]
    duration: int
    after: tuple[str, ...] = ()
    not_before: int | None = None
    table: int | None = None
    start: int | None = None
    featured: bool = False
    round: str | None = None


def alternatives(first: Match, second: Match) -> bool:
    """No player can play both: the same round (a match is never its own alternative)."""
    return first.round is not None and first.round == second.round and first.id != second.id


def choice_key(m: Match) -> tuple[str, str]:
    """Matches of one player with the same key are alternatives; a match without a round is
    alone with its key."""
    return ("round", m.round) if m.round is not None else ("match", m.id)


@dataclass(frozen=True)
class Instance:
    """Everything the schedulers and the checker need. Tables are numbered 1..``tables``."""

    tables: int
    sessions: tuple[Session, ...]
    matches: tuple[Match, ...]
    min_rest: int = 0
    player_rest: Mapping[str, int] = field(default_factory=lambda: _NO_REST)
    featured_tables: frozenset[int] = frozenset()
    max_matches_per_session: int | None = None
    origin: datetime = _EPOCH

    def rest(self, player: str) -> int:
        return self.player_rest.get(player, self.min_rest)

    def __getstate__(self) -> dict[str, object]:
        # For a search in another process: the fields alone, the read-only mappings as dicts;
        # the cached look-ups are rebuilt there.
        state = {f.name: getattr(self, f.name) for f in fields(self)}
        state["player_rest"] = dict(self.player_rest)
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)

    @cached_property
    def by_id(self) -> Mapping[str, Match]:
        return MappingProxyType({m.id: m for m in self.matches})

    @cached_property
    def by_player(self) -> Mapping[str, tuple[str, ...]]:
        out: dict[str, list[str]] = {}
        for m in self.matches:
            for p in m.players:
                out.setdefault(p, []).append(m.id)
        return MappingProxyType({p: tuple(ids) for p, ids in out.items()})

    @cached_property
    def choices(self) -> Mapping[str, tuple[tuple[str, ...], ...]]:
        """Per player, the matches grouped by round: one group per round (its alternatives),
        one per match without a round. The player plays at most one match of each group, and
        any two matches from different groups may both be theirs."""
        out: dict[str, dict[tuple[str, str], list[str]]] = {}
        for m in self.matches:
            for p in m.players:
                out.setdefault(p, {}).setdefault(choice_key(m), []).append(m.id)
        return MappingProxyType(
            {p: tuple(tuple(ids) for ids in groups.values()) for p, groups in out.items()}
        )

    @cached_property
    def successors(self) -> Mapping[str, tuple[str, ...]]:
        out: dict[str, list[str]] = {m.id: [] for m in self.matches}
        for m in self.matches:
            for a in m.after:
                if a in out:
                    out[a].append(m.id)
        return MappingProxyType({k: tuple(v) for k, v in out.items()})

    @cached_property
    def topological(self) -> tuple[str, ...]:
        """Match ids with every match after the ones it depends on (the codec refuses cycles)."""
        indegree = {m.id: sum(1 for a in m.after if a in self.by_id) for m in self.matches}
        ready = [m.id for m in self.matches if indegree[m.id] == 0]
        order: list[str] = []
        while ready:
            mid = ready.pop()
            order.append(mid)
            for s in self.successors[mid]:
                indegree[s] -= 1
                if indegree[s] == 0:
                    ready.append(s)
        return tuple(order)

    def gap(self, first: Match, second: Match) -> int:
        """Minutes ``second`` waits after ``first`` ends: the longest rest of a shared player
        (none between alternatives: no player plays both)."""
        if alternatives(first, second):
            return 0
        shared = set(first.players).intersection(second.players)
        return max((self.rest(p) for p in shared), default=0)

    def session_of(self, start: int, end: int) -> int | None:
        """Index of the session holding ``[start, end)`` entirely, if any."""
        for i, s in enumerate(self.sessions):
            if s.start <= start and end <= s.end:
                return i
        return None

    def fit(self, earliest: int, duration: int) -> int | None:
        """The first start >= ``earliest`` where ``duration`` minutes fit in one session."""
        for s in self.sessions:
            start = max(earliest, s.start)
            if start + duration <= s.end:
                return start
        return None

    def at(self, minute: int) -> datetime:
        return self.origin + timedelta(minutes=minute)

    def minute(self, moment: datetime) -> int:
        return int((moment - self.origin).total_seconds() // 60)


@dataclass(frozen=True, slots=True)
class Assignment:
    match: str
    table: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Plan:
    """Where and when each match is played. ``status`` says which solver made it and how."""

    assignments: tuple[Assignment, ...]
    solver: str = "greedy"
    status: str = "FEASIBLE"
    optimal: bool = False

    @property
    def makespan(self) -> int:
        """Minutes from the origin (first session start) to the end of the last match."""
        return max((a.end for a in self.assignments), default=0)

    def by_match(self) -> dict[str, Assignment]:
        return {a.match: a for a in self.assignments}
