"""Table tennis by the ITTF laws: scoring, service order, ends, expedite, time-outs, cards.

Server and receiver are derived from the game's service cycle and the index ``k`` of the next
server in it, never stored as a pointer, so that a correction is a recompute (Law 2.14).
Law and regulation numbers: shared/rules/table-tennis.md.
"""

from __future__ import annotations

from typing import ClassVar

from smallball.errors import N_, InputError, RuleError
from smallball.sport.events import Expedite, Side
from smallball.sport.match import MatchSetup
from smallball.sport.scoring import Scorer

POINTS_TO_WIN = 11
EXPEDITE_POINT_LIMIT = 18
MAX_PENALTY_POINTS = 3

ServiceCycle = tuple[tuple[str, str], ...]


def service_cycle(setup: MatchSetup, server: str, receiver: str) -> ServiceCycle:
    """The (server, receiver) pairs of one game in order (Laws 2.8.2 and 2.13.5)."""
    if not setup.doubles:
        return ((server, receiver), (receiver, server))
    partner_s, partner_r = setup.partner(server), setup.partner(receiver)
    return ((server, receiver), (receiver, partner_s), (partner_s, partner_r), (partner_r, server))


def serving_side(setup: MatchSetup, game: int) -> Side:
    """The side serving first in ``game``: it alternates every game (Law 2.13.6)."""
    first = setup.side_of(setup.first_server)
    return first if game % 2 == 1 else first.other


class TableTennisScorer(Scorer):
    STATE: ClassVar[tuple[str, ...]] = (
        *Scorer.STATE,
        "cycle",
        "k",
        "serves_left",
        "prev_k",
    )

    def __init__(self, setup: MatchSetup) -> None:
        self.cycle: ServiceCycle = ()
        self.k = 0
        self.serves_left = 2
        self.prev_k: int | None = None
        super().__init__(setup)

    def _start_game(self, number: int) -> None:
        setup = self.setup
        previous = self.cycle
        self.game = number
        self.a, self.b = setup.handicap
        self.k = 0
        self.prev_k = None
        self.serves_left = 1 if self.expedite else 2
        self.decider_switched = False
        if number == 1:
            server = setup.first_server
            receiver = setup.first_receiver or setup.receiver_for(server)
        else:
            side = serving_side(setup, number)
            server = setup.game_first_servers.get(number, setup.sides[side][0])
            # Later games: the receiver is whoever served to the new server last game.
            receiver = next(s for s, r in previous if r == server)
        self.cycle = service_cycle(setup, server, receiver)

    def _point(self, side: Side) -> None:
        if side:
            self.b += 1
        else:
            self.a += 1
        a, b = self.a, self.b
        self.prev_k = self.k
        self.serves_left -= 1
        if self.serves_left == 0:
            self.k += 1
            self.serves_left = 1 if self.expedite or (a >= 10 and b >= 10) else 2
        self.last_score = (a, b)
        if (a >= POINTS_TO_WIN or b >= POINTS_TO_WIN) and (a - b >= 2 or b - a >= 2):
            self._end_game(Side.A if a > b else Side.B)
        elif (a >= 5 or b >= 5) and not self.decider_switched and self.game == self.last_game:
            self._switch_in_last_game()
            self.last_switch_ends = True
        else:
            self.last_switch_ends = False

    def _switch_in_last_game(self) -> None:
        """Ends change at 5 in the last possible game; in doubles the receivers swap."""
        self.decider_switched = True
        if not self.setup.doubles:
            return
        size = len(self.cycle)
        server, receiver = self.cycle[self.k % size]
        base = service_cycle(self.setup, server, self.setup.partner(receiver))
        # Keep the index k pointing at the current server: rotate the new cycle onto it.
        self.cycle = tuple(base[(i - self.k) % size] for i in range(size))

    def next_service(self) -> tuple[str, str, str | None]:
        server, receiver = self.cycle[self.k % len(self.cycle)]
        return server, receiver, None

    def _expedite(self, event: Expedite) -> None:
        if self.expedite:
            raise RuleError(
                N_(
                    "the expedite system is already in force; it lasts to the end of the match"
                    " (Law 2.15.6)"
                )
            )
        played = self.a + self.b - sum(self.setup.handicap)
        if played >= EXPEDITE_POINT_LIMIT and not event.requested:
            raise RuleError(
                N_(
                    "the expedite system cannot be introduced: {played} points have been scored"
                    " in game {game}, and at {limit} or more it comes in only if both sides ask"
                    " (Law 2.15.1)"
                ),
                played=played,
                game=self.game,
                limit=EXPEDITE_POINT_LIMIT,
            )
        self.expedite = True
        # Law 2.15.3: an interrupted rally is served again by its server; otherwise the
        # receiver of the previous rally serves, and from now on one serve each.
        if not event.interrupted_rally and self.prev_k is not None:
            self.k = self.prev_k + 1
        self.serves_left = 1

    def _timeout(self, side: Side) -> None:
        if self.timeouts[side]:
            raise RuleError(
                N_(
                    "side {side} has already taken its one time-out of the match (Regulation 3.4.4)"
                ),
                side=side.label,
            )
        self.timeouts = (True, self.timeouts[1]) if side is Side.A else (self.timeouts[0], True)

    def _card_limit(self, side: Side) -> None:
        if self.penalties[side] >= MAX_PENALTY_POINTS:
            raise RuleError(
                N_(
                    "side {side} has conceded {points} penalty points: play is suspended and the"
                    " referee decides (Regulation 3.5.2); record a disqualification if the"
                    " referee so rules"
                ),
                side=side.label,
                points=MAX_PENALTY_POINTS,
            )

    def _card_points(self, offence: int) -> int:
        # Regulation 3.5.2: warning, then 1 point, then 2 points for each further offence.
        return 0 if offence == 1 else 1 if offence == 2 else 2


class TableTennis:
    """The ``Sport`` for table tennis."""

    key = "table-tennis"

    def check(self, setup: MatchSetup) -> None:
        setup.check_common()
        for i, start in enumerate(setup.handicap):
            if not 0 <= start < POINTS_TO_WIN - 1:
                raise InputError(f"handicap[{i}]", N_("must be 0 to 9, got {value}"), value=start)
        if setup.game_first_receivers:
            raise InputError(
                "game_first_receivers",
                N_("in table tennis the receiver of a later game follows from Law 2.13.4"),
            )
        if not setup.doubles and setup.game_first_servers:
            raise InputError(
                "game_first_servers",
                N_("in singles the server of each game follows from Law 2.13.6"),
            )
        for number, server in setup.game_first_servers.items():
            pair = setup.sides[serving_side(setup, number)]
            if server not in pair:
                raise InputError(
                    f"game_first_servers.{number}",
                    N_("{player!r} is not in the serving pair ({pair})"),
                    player=server,
                    pair=", ".join(pair),
                )

    def start(self, setup: MatchSetup) -> TableTennisScorer:
        self.check(setup)
        return TableTennisScorer(setup)
