"""What every sport's scorer shares: match status, games, cards, time-outs, walkovers.

A scorer is the mutable inside of a pure fold: ``fold`` creates one, feeds it the events and
returns a frozen ``MatchState``. Its fields are all immutable values, so a snapshot for undo
is a plain tuple of them.
"""

from __future__ import annotations

from typing import ClassVar

from smallball.errors import N_, RuleError, Term
from smallball.sport.events import (
    Card,
    Disqualification,
    Event,
    Expedite,
    Rally,
    Retirement,
    Side,
    Timeout,
    Walkover,
)
from smallball.sport.match import MatchSetup, MatchState

IN_PROGRESS = "in_progress"
COMPLETED = "completed"


class Scorer:
    """Base of the per-sport scorers; subclasses define the points, service and games."""

    # Names of the fields that make up the state; snapshot() copies exactly these.
    STATE: ClassVar[tuple[str, ...]] = (
        "game",
        "a",
        "b",
        "games",
        "won",
        "status",
        "winner",
        "timeouts",
        "cards",
        "penalties",
        "expedite",
        "decider_switched",
    )

    def __init__(self, setup: MatchSetup) -> None:
        self.setup = setup
        self.last_game = setup.best_of
        self.to_win = setup.best_of // 2 + 1
        self.game = 0
        self.a = 0
        self.b = 0
        self.games: tuple[tuple[int, int], ...] = ()
        self.won = (0, 0)
        self.status = IN_PROGRESS
        self.winner: Side | None = None
        self.timeouts = (False, False)
        self.cards = (0, 0)
        self.penalties = (0, 0)
        self.expedite = False
        self.decider_switched = False
        # Read after each event when the log is recorded; not part of the state.
        self.last_score = (0, 0)
        self.last_switch_ends = False
        self.last_interval = False
        self.last_detail = ""
        self._start_game(1)

    # -- what subclasses provide -------------------------------------------------------
    def _start_game(self, number: int) -> None:
        raise NotImplementedError

    def _point(self, side: Side) -> None:
        raise NotImplementedError

    def next_service(self) -> tuple[str, str, str | None]:
        """(server, receiver, service court or None) of the next rally."""
        raise NotImplementedError

    def _expedite(self, event: Expedite) -> None:
        raise RuleError(N_("this sport has no expedite system"))

    def _timeout(self, side: Side) -> None:
        raise RuleError(N_("this sport has no time-outs"))

    def _card_points(self, offence: int) -> int:
        """Points awarded to the opponent for the n-th card shown to one side."""
        raise NotImplementedError

    def _card_limit(self, side: Side) -> None:
        """Raise if the laws stop play instead of showing another card."""

    # -- the fold step -----------------------------------------------------------------
    def apply(self, event: Event) -> None:
        if self.status != IN_PROGRESS:
            raise RuleError(
                N_("the match is already over ({status}, won by {side})"),
                status=Term(self.status),
                side=self.winner.label if self.winner is not None else Term(N_("nobody")),
            )
        cls = event.__class__
        if cls is Rally:
            self._point(event.winner)  # type: ignore[union-attr,arg-type]
            return
        self.last_switch_ends = False
        self.last_interval = False
        if isinstance(event, Expedite):
            self._expedite(event)
            self.last_detail = "interrupted rally" if event.interrupted_rally else ""
        elif isinstance(event, Timeout):
            self._timeout(event.side)
            self.last_detail = ""
        elif isinstance(event, Card):
            self._card(event.side)
        elif isinstance(event, Walkover):
            if self.games or self.a != self.setup.handicap[0] or self.b != self.setup.handicap[1]:
                raise RuleError(
                    N_("a walkover is only possible before play starts; record a retirement")
                )
            self._finish("walkover", event.winner)
            self.last_detail = ""
        elif isinstance(event, Retirement | Disqualification):
            status = "retired" if isinstance(event, Retirement) else "disqualified"
            self._finish(status, event.side.other)
            self.last_detail = ""
        else:  # pragma: no cover - Undo never reaches a scorer
            raise RuleError(N_("unexpected event {event!r}"), event=event)
        self.last_score = (self.a, self.b)

    def _card(self, side: Side) -> None:
        self._card_limit(side)
        offence = self.cards[side] + 1
        points = self._card_points(offence)
        self.cards = _bump(self.cards, side, 1)
        switch = False
        awarded = 0
        for _ in range(points):
            if self.status != IN_PROGRESS:
                break  # penalty points beyond the end of the match are not played
            self._point(side.other)
            awarded += 1
            switch = switch or self.last_switch_ends
        self.penalties = _bump(self.penalties, side, awarded)
        self.last_switch_ends = switch
        if awarded == 0:
            self.last_detail = "warning"
        else:
            self.last_detail = f"{awarded} penalty point{'s' if awarded > 1 else ''}"

    def _end_game(self, game_winner: Side) -> None:
        """Close the game at the current score; start the next one or end the match."""
        self.games = (*self.games, (self.a, self.b))
        self.won = _bump(self.won, game_winner, 1)
        if self.setup.play_all_games:
            over = self.game == self.last_game
            match_winner = Side.A if self.won[0] > self.won[1] else Side.B
        else:
            over = self.won[game_winner] == self.to_win
            match_winner = game_winner
        if over:
            self._finish(COMPLETED, match_winner)
            self.last_switch_ends = False
        else:
            self._start_game(self.game + 1)
            self.last_switch_ends = True

    def _finish(self, status: str, winner: Side | None) -> None:
        self.status = status
        self.winner = winner

    # -- undo and output ---------------------------------------------------------------
    def snapshot(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.STATE)

    def restore(self, snapshot: tuple[object, ...]) -> None:
        for name, value in zip(self.STATE, snapshot, strict=True):
            setattr(self, name, value)

    def state(self) -> MatchState:
        over = self.status != IN_PROGRESS
        server = receiver = court = None
        if not over:
            server, receiver, court = self.next_service()
        return MatchState(
            status=self.status,
            winner=self.winner,
            games=self.games,
            game=None if over else self.game,
            score=(self.a, self.b),
            server=server,
            receiver=receiver,
            expedite=self.expedite,
            court=court,
            timeouts_taken=self.timeouts,
            cards=self.cards,
            penalty_points=self.penalties,
        )


def _bump(pair: tuple[int, int], side: Side, by: int) -> tuple[int, int]:
    return (pair[0] + by, pair[1]) if side is Side.A else (pair[0], pair[1] + by)
