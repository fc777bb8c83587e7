"""Busy intervals of one table or one player, kept sorted for quick look-ups."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(slots=True)
class Timeline:
    """Disjoint intervals ``[start, end)``; starts and ends are sorted alike. An interval added
    over others is merged with them (a player's alternatives may overlap; what counts is the
    time they cover)."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    def add(self, start: int, end: int) -> None:
        first = bisect_right(self.ends, start)
        last = first
        while last < len(self.starts) and self.starts[last] < end:
            last += 1
        if first < last:
            start = min(start, self.starts[first])
            end = max(end, self.ends[last - 1])
        self.starts[first:last] = [start]
        self.ends[first:last] = [end]

    def blocker(self, start: int, end: int, margin: int = 0) -> int | None:
        """End of an interval within ``margin`` of ``[start, end)``, if one is there."""
        i = bisect_right(self.ends, start - margin)
        if i < len(self.ends) and self.starts[i] < end + margin:
            return self.ends[i]
        return None
