"""What a match starts from (its setup) and what the fold of its events gives (its state)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from smallball.errors import N_, InputError
from smallball.sport.events import Side

_EMPTY: Mapping[int, str] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class MatchSetup:
    """Everything decided before the first rally: players, format, toss and choices.

    ``sides`` holds one name per player: one per side for singles, two for doubles.
    ``play_all_games``: play exactly ``best_of`` games (a Mixed Team World Cup rubber).
    ``game_first_servers``: in doubles, the serving pair's choice of server in later games.
    ``game_first_receivers``: badminton doubles only; table tennis derives the receiver.
    ``handicap``: start score of every game, for club friendlies.
    """

    sides: tuple[tuple[str, ...], tuple[str, ...]]
    first_server: str
    first_receiver: str | None = None
    best_of: int = 5
    play_all_games: bool = False
    game_first_servers: Mapping[int, str] = field(default_factory=lambda: _EMPTY)
    game_first_receivers: Mapping[int, str] = field(default_factory=lambda: _EMPTY)
    handicap: tuple[int, int] = (0, 0)

    @property
    def doubles(self) -> bool:
        return len(self.sides[0]) == 2

    def side_of(self, player: str) -> Side:
        if player in self.sides[0]:
            return Side.A
        if player in self.sides[1]:
            return Side.B
        raise KeyError(player)

    def partner(self, player: str) -> str:
        pair = self.sides[self.side_of(player)]
        return pair[1] if pair[0] == player else pair[0]

    def receiver_for(self, server: str) -> str:
        """The first receiver when ``server`` serves first and nobody has chosen."""
        return self.sides[self.side_of(server).other][0]

    def check_common(self) -> None:
        """The checks every sport shares; each failure names the field."""
        sizes = {len(self.sides[0]), len(self.sides[1])}
        if sizes not in ({1}, {2}):
            raise InputError(
                "sides", N_("each side must have one player (singles) or two (doubles)")
            )
        names = [*self.sides[0], *self.sides[1]]
        for i, name in enumerate(names):
            if not name:
                raise InputError("sides", N_("player {number} has an empty name"), number=i + 1)
        if len(set(names)) != len(names):
            raise InputError("sides", N_("a player appears twice"))
        if self.best_of < 1 or self.best_of % 2 == 0:
            raise InputError(
                "best_of", N_("must be an odd number of games, got {value}"), value=self.best_of
            )
        if self.first_server not in names:
            raise InputError(
                "first_server",
                N_("{player!r} is not one of the players"),
                player=self.first_server,
            )
        if self.first_receiver is not None:
            if self.first_receiver not in names:
                raise InputError(
                    "first_receiver",
                    N_("{player!r} is not one of the players"),
                    player=self.first_receiver,
                )
            if self.side_of(self.first_receiver) == self.side_of(self.first_server):
                raise InputError(
                    "first_receiver",
                    N_("{player!r} is on the serving side"),
                    player=self.first_receiver,
                )
        elif self.doubles:
            raise InputError("first_receiver", N_("doubles needs the first receiver"))
        for number in self.game_first_servers:
            if not 2 <= number <= self.best_of:
                raise InputError(
                    f"game_first_servers.{number}",
                    N_("there is no game {game} to choose for"),
                    game=number,
                )


@dataclass(frozen=True, slots=True)
class MatchState:
    """The state after a sequence of events: score, games and who serves next.

    ``server``/``receiver``/``court`` describe the next rally; all are None once it is over.
    ``status`` is one of ``in_progress``, ``completed``, ``walkover``, ``retired``,
    ``disqualified``.
    """

    status: str
    winner: Side | None
    games: tuple[tuple[int, int], ...]
    game: int | None
    score: tuple[int, int]
    server: str | None
    receiver: str | None
    expedite: bool = False
    court: str | None = None
    timeouts_taken: tuple[bool, bool] = (False, False)
    cards: tuple[int, int] = (0, 0)
    penalty_points: tuple[int, int] = (0, 0)

    @property
    def over(self) -> bool:
        return self.status != "in_progress"


@dataclass(frozen=True, slots=True)
class RallyRecord:
    """One rally as the point log shows it: who served to whom and what followed."""

    game: int
    server: str
    receiver: str
    winner: Side
    score_after: tuple[int, int]
    switch_ends_after: bool
    court: str | None = None
    interval_after: bool = False


@dataclass(frozen=True, slots=True)
class Incident:
    """Any event other than a rally: expedite, time-out, card, walkover, retirement."""

    index: int
    game: int
    kind: str
    side: Side | None
    detail: str
    score_after: tuple[int, int]
    switch_ends_after: bool = False


@dataclass(frozen=True, slots=True)
class Replay:
    state: MatchState
    rallies: tuple[RallyRecord, ...]
    incidents: tuple[Incident, ...]
