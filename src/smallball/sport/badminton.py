"""Badminton by the BWF laws: rally scoring to 21, service courts by score parity.

Only the right-court player of each side is state; who serves and receives, and from which
court, follows from it and the serving side's score (Laws 10 and 11). shared/rules/badminton.md.
"""

from __future__ import annotations

from typing import ClassVar

from smallball.errors import N_, InputError
from smallball.sport.events import Side
from smallball.sport.match import MatchSetup
from smallball.sport.scoring import Scorer

POINTS_TO_WIN = 21
POINT_CAP = 30
INTERVAL_AT = 11


class BadmintonScorer(Scorer):
    STATE: ClassVar[tuple[str, ...]] = (*Scorer.STATE, "serving", "right_court", "interval_done")

    def __init__(self, setup: MatchSetup) -> None:
        self.serving = setup.side_of(setup.first_server)
        self.right_court: tuple[str, str] = ("", "")
        self.interval_done = False
        super().__init__(setup)

    def _start_game(self, number: int) -> None:
        setup = self.setup
        self.game = number
        self.a = self.b = 0
        self.interval_done = False
        self.decider_switched = False
        if number == 1:
            server = setup.first_server
            receiver = setup.first_receiver or setup.receiver_for(server)
        else:
            # The winner of a game serves first in the next (Law 7.6).
            self.serving = Side.A if self.games[-1][0] > self.games[-1][1] else Side.B
            serving_pair = setup.sides[self.serving]
            receiving_pair = setup.sides[self.serving.other]
            server = setup.game_first_servers.get(number, serving_pair[0])
            receiver = setup.game_first_receivers.get(number, receiving_pair[0])
            if server not in serving_pair:
                raise InputError(
                    f"game_first_servers.{number}",
                    N_("{player!r} is not on the serving side ({pair})"),
                    player=server,
                    pair=", ".join(serving_pair),
                )
            if receiver not in receiving_pair:
                raise InputError(
                    f"game_first_receivers.{number}",
                    N_("{player!r} is not on the receiving side ({pair})"),
                    player=receiver,
                    pair=", ".join(receiving_pair),
                )
        # At 0 the server stands in the right court, and so does the receiver opposite.
        self.right_court = (server, receiver) if self.serving is Side.A else (receiver, server)

    def _point(self, side: Side) -> None:
        if side == self.serving:
            if self.setup.doubles:  # the serving pair swaps courts
                partner = self.setup.partner(self.right_court[side])
                rc = self.right_court
                self.right_court = (partner, rc[1]) if side is Side.A else (rc[0], partner)
        else:
            self.serving = side
        if side:
            self.b += 1
        else:
            self.a += 1
        a, b = self.a, self.b
        self.last_score = (a, b)
        self.last_interval = False
        high, low = (a, b) if a >= b else (b, a)
        if (high >= POINTS_TO_WIN and high - low >= 2) or high == POINT_CAP:
            self._end_game(Side.A if a > b else Side.B)
            self.last_interval = self.status == "in_progress"
        elif high == INTERVAL_AT and not self.interval_done:
            self.interval_done = True
            self.last_interval = True
            # In the deciding game the ends change when the leader first reaches 11 (Law 8.1).
            self.last_switch_ends = self.game == self.last_game
            self.decider_switched = self.last_switch_ends
        else:
            self.last_switch_ends = False

    def next_service(self) -> tuple[str, str, str | None]:
        setup = self.setup
        s = self.serving
        even = (self.a if s is Side.A else self.b) % 2 == 0
        court = "right" if even else "left"
        if not setup.doubles:
            return setup.sides[s][0], setup.sides[s.other][0], court
        server = self.right_court[s]
        receiver = self.right_court[s.other]
        if not even:
            server, receiver = setup.partner(server), setup.partner(receiver)
        return server, receiver, court

    def _card_points(self, offence: int) -> int:
        # Law 16.7: a warning first, then each further misconduct is a fault (a point).
        return 0 if offence == 1 else 1


class Badminton:
    """The ``Sport`` for badminton."""

    key = "badminton"

    def check(self, setup: MatchSetup) -> None:
        setup.check_common()
        if setup.handicap != (0, 0):
            raise InputError("handicap", N_("badminton has no handicap start scores"))
        names = {*setup.sides[0], *setup.sides[1]}
        for label, choices in (
            ("game_first_servers", setup.game_first_servers),
            ("game_first_receivers", setup.game_first_receivers),
        ):
            for number, player in choices.items():
                if not 2 <= number <= setup.best_of:
                    raise InputError(
                        f"{label}.{number}", N_("there is no game {game}"), game=number
                    )
                if player not in names:
                    raise InputError(
                        f"{label}.{number}",
                        N_("{player!r} is not one of the players"),
                        player=player,
                    )

    def start(self, setup: MatchSetup) -> BadmintonScorer:
        self.check(setup)
        return BadmintonScorer(setup)
