"""The events an umpire can record: the point log of a match is a list of these."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Side(IntEnum):
    """The two sides of a match; ``A`` is listed first in the setup."""

    A = 0
    B = 1

    @property
    def other(self) -> Side:
        return Side.B if self is Side.A else Side.A

    @property
    def label(self) -> str:
        return "A" if self is Side.A else "B"


@dataclass(frozen=True, slots=True)
class Rally:
    """A rally won by ``winner``."""

    winner: Side


@dataclass(frozen=True, slots=True)
class Expedite:
    """The expedite system is introduced (Law 2.15).

    ``interrupted_rally``: the umpire stopped a rally in play to introduce it.
    ``requested``: both players or pairs asked for it, which the laws allow at any score.
    """

    interrupted_rally: bool = False
    requested: bool = False


@dataclass(frozen=True, slots=True)
class Timeout:
    side: Side


@dataclass(frozen=True, slots=True)
class Card:
    """Misbehaviour by ``side``; warning or penalty points follow from earlier cards."""

    side: Side


@dataclass(frozen=True, slots=True)
class Walkover:
    """The match is not played; ``winner`` goes through. None: neither side came (a double
    walkover), so no one does."""

    winner: Side | None


@dataclass(frozen=True, slots=True)
class Retirement:
    """``side`` retires during the match."""

    side: Side


@dataclass(frozen=True, slots=True)
class Disqualification:
    side: Side


@dataclass(frozen=True, slots=True)
class Undo:
    """Takes back the last event that has not been undone already."""


Event = Rally | Expedite | Timeout | Card | Walkover | Retirement | Disqualification | Undo

# Rallies are most of every log: sharing two instances keeps parsing and folding cheap.
RALLY_A = Rally(Side.A)
RALLY_B = Rally(Side.B)
UNDO = Undo()
