"""Order of play in a round-robin group: Berger rounds by the circle method.

Every entry plays once per round; with an odd number of entries one sits out each round (a
bye) and nobody sits out twice. Table tennis has no home side, so the order within a pairing
only says who is named first on the score sheet; it alternates for the fixed entry so that the
same entry is not always named first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from smallball.errors import N_, InputError


@dataclass(frozen=True, slots=True)
class Round:
    number: int
    pairings: tuple[tuple[str, str], ...]
    bye: str | None = None


def berger_rounds(entries: Sequence[str]) -> tuple[Round, ...]:
    """All rounds of a single round robin: n-1 rounds for even n, n rounds for odd n."""
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        if entry in seen:
            raise InputError(f"entries[{i}]", N_("{entry} is listed twice"), entry=entry)
        seen.add(entry)
    if len(entries) < 2:
        return ()
    slots: list[str | None] = list(entries)
    if len(slots) % 2:
        slots.append(None)  # whoever meets the empty slot has the bye
    n = len(slots)
    fixed, ring = slots[-1], slots[:-1]
    rounds = []
    for r in range(n - 1):
        current = [*ring[r:], *ring[:r]]
        pairs: list[tuple[str | None, str | None]] = [
            (fixed, current[0]) if r % 2 else (current[0], fixed)
        ]
        pairs += [(current[i], current[n - 1 - i]) for i in range(1, n // 2)]
        bye = None
        pairings: list[tuple[str, str]] = []
        for a, b in pairs:
            if a is None or b is None:
                bye = b if a is None else a
            else:
                pairings.append((a, b))
        rounds.append(Round(number=r + 1, pairings=tuple(pairings), bye=bye))
    return tuple(rounds)
