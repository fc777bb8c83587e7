"""A knockout bracket as a fold of its results: byes advance, winners move on.

A bracket is its first-round positions plus the recorded results; every later match is
derived, so a corrected result flows through (a later result whose winner is no longer
in that match is ignored). Rounds are numbered from 1; matches within a round from 0.
The third-place match, when asked for, is match 1 of the last round.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Final

from smallball.errors import N_, InputError

BYE: Final = "BYE"
"""An empty place: a bye in round one, or no one to come (both sides empty, a double walkover)."""

HOW = ("played", "walkover", "retired")


@dataclass(frozen=True, slots=True)
class Result:
    winner: str
    """The entry that goes through; ``BYE`` for a double walkover (neither came)."""
    how: str = "played"
    """``played``, ``walkover`` (the loser did not play) or ``retired`` (during the match)."""


@dataclass(frozen=True, slots=True)
class Match:
    round: int
    number: int
    a: str | None
    """An entry id, ``BYE``, or None while still to be decided."""
    b: str | None
    winner: str | None = None
    how: str | None = None
    """``played``, ``walkover``, ``retired`` or ``bye``."""

    @property
    def loser(self) -> str | None:
        """None until decided, after a bye, and after a double walkover (both lost)."""
        if self.winner is None or self.winner == BYE or self.how == "bye":
            return None
        return self.b if self.winner == self.a else self.a

    @property
    def ready(self) -> bool:
        """Both players known and no result yet: the match can be called."""
        return self.winner is None and _real(self.a) and _real(self.b)


def _real(side: str | None) -> bool:
    return side is not None and side != BYE


@dataclass(frozen=True, slots=True)
class Bracket:
    positions: tuple[str | None, ...]
    """Entry id per position, top to bottom; None is a bye."""
    third_place: bool = False
    results: Mapping[tuple[int, int], Result] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def size(self) -> int:
        return len(self.positions)

    @property
    def round_count(self) -> int:
        return self.size.bit_length() - 1


def make_bracket(positions: Sequence[str | None], third_place: bool = False) -> Bracket:
    size = len(positions)
    if size < 2 or size & (size - 1):
        raise InputError(
            "positions", N_("must be a power of two long (2 or more), got {value}"), value=size
        )
    seen: set[str] = set()
    for i, entry in enumerate(positions):
        if entry is not None:
            if entry in seen or entry == BYE:
                raise InputError(
                    f"positions[{i}]", N_("{entry!r} is not a new entry id"), entry=entry
                )
            seen.add(entry)
    return Bracket(tuple(positions), third_place and size >= 4)


def _decide(
    round_: int,
    number: int,
    a: str | None,
    b: str | None,
    results: Mapping[tuple[int, int], Result],
) -> Match:
    if a == BYE and b == BYE:
        return Match(round_, number, a, b, BYE, "bye")
    if a == BYE and b is not None:
        return Match(round_, number, a, b, b, "bye")
    if b == BYE and a is not None:
        return Match(round_, number, a, b, a, "bye")
    result = results.get((round_, number))
    if result is not None and _real(a) and _real(b):
        if result.winner in (a, b):
            return Match(round_, number, a, b, result.winner, result.how)
        if result.winner == BYE:
            # A double walkover: no one goes through, so the next opponent has a bye.
            return Match(round_, number, a, b, BYE, result.how)
    return Match(round_, number, a, b)


def rounds(bracket: Bracket) -> list[list[Match]]:
    """Every match of every round as the results stand; the third-place match last."""
    sides: list[str | None] = [BYE if p is None else p for p in bracket.positions]
    out: list[list[Match]] = []
    for round_ in range(1, bracket.round_count + 1):
        matches = [
            _decide(round_, k, sides[2 * k], sides[2 * k + 1], bracket.results)
            for k in range(len(sides) // 2)
        ]
        out.append(matches)
        sides = [m.winner for m in matches]
    if bracket.third_place:
        semis = out[-2]
        losers = [_semi_loser(m) for m in semis]
        out[-1].append(_decide(len(out), 1, losers[0], losers[1], bracket.results))
    return out


def _semi_loser(match: Match) -> str | None:
    if match.winner is None:
        return None
    if match.how == "bye" or match.winner == BYE:
        return BYE
    return match.loser


def record(
    bracket: Bracket, round_: int, number: int, winner: str | None, how: str = "played"
) -> Bracket:
    """Record a result; the winner goes through to the next round. No winner: a double
    walkover (``how`` must say so), and no one goes through."""
    field_ = f"results[{round_}][{number}]"
    if how not in HOW:
        raise InputError(
            f"{field_}.how",
            N_("unknown result {value!r} (expected one of {choices})"),
            value=how,
            choices=HOW,
        )
    all_rounds = rounds(bracket)
    if not 1 <= round_ <= len(all_rounds) or not 0 <= number < len(all_rounds[round_ - 1]):
        raise InputError(field_, N_("no such match"))
    match = all_rounds[round_ - 1][number]
    if not (_real(match.a) and _real(match.b)):
        raise InputError(field_, N_("both players of this match are not known yet"))
    if winner is None:
        if how != "walkover":
            raise InputError(f"{field_}.winner", N_("only a double walkover has no winner"))
    elif winner not in (match.a, match.b):
        raise InputError(f"{field_}.winner", N_("{entry!r} is not in this match"), entry=winner)
    results = dict(bracket.results)
    results[round_, number] = Result(BYE if winner is None else winner, how)
    return replace(bracket, results=MappingProxyType(results))


def champion(bracket: Bracket) -> str | None:
    final = rounds(bracket)[-1][0]
    return final.winner if _real(final.winner) else None


def first_match_losers(bracket: Bracket) -> list[str]:
    """Losers of their first match (after a bye, their first real one), for a plate.

    Entries that gave a walkover did not play, so they are left out.
    """
    out: list[str] = []
    played: set[str] = set()
    for matches in rounds(bracket)[: bracket.round_count]:
        for m in matches:
            if not (_real(m.a) and _real(m.b)):
                continue
            loser = m.loser
            if loser is not None and loser not in played and m.how != "walkover":
                out.append(loser)
            played.update(x for x in (m.a, m.b) if x is not None)
    return out
