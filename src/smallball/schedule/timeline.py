"""Busy intervals of one table or one player, kept sorted for quick look-ups."""

from __future__ import annotations

from bisect import bisect_right, insort
from dataclasses import dataclass, field


@dataclass(slots=True)
class Timeline:
    """Disjoint intervals ``[start, end)``; starts and ends are sorted alike."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    def add(self, start: int, end: int) -> None:
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        insort(self.ends, end)

    def blocker(self, start: int, end: int, margin: int = 0) -> int | None:
        """End of an interval within ``margin`` of ``[start, end)``, if one is there."""
        i = bisect_right(self.ends, start - margin)
        if i < len(self.ends) and self.starts[i] < end + margin:
            return self.ends[i]
        return None
