"""Where seeds and byes go in a knockout draw (Regulations 3.6.1 and 3.6.2).

Positions are numbered 0..size-1 from the top of the bracket; a first-round match is the
pair of positions ``(2k, 2k+1)``. Seeds come in lot groups: seed 1 alone, seed 2 alone,
then 3-4, 5-8, 9-16, ... Group ``k`` (seeds ``2**k + 1 .. 2**(k+1)``) is drawn by lot into
the bottoms of the odd-numbered and the tops of the even-numbered ``2**k``-ths of the
draw, which is one line in each such section. The same lines, continued past the real
seeds ("virtual seeds"), say where byes go: against seeds in seeding order, spread evenly.
"""

from __future__ import annotations

import random
from collections.abc import Sequence


def draw_size(entries: int) -> int:
    """The nominal size: the smallest power of two holding every entry (at least 2)."""
    size = 2
    while size < entries:
        size *= 2
    return size


def max_seeds(size: int) -> int:
    """No more seeds than places in the second round, so seeds never meet in round one."""
    return 2 if size == 2 else size // 2


def seed_groups(size: int, count: int) -> list[list[int]]:
    """The lot groups of seed numbers 1..count: [[1], [2], [3, 4], [5..8], ...]."""
    groups: list[list[int]] = []
    if count >= 1:
        groups.append([1])
    if count >= 2:
        groups.append([2])
    low = 3
    while low <= count:
        high = min(count, 2 * (low - 1))
        groups.append(list(range(low, high + 1)))
        low = 2 * (low - 1) + 1
    return groups


def group_lines(size: int, group_index: int) -> list[int]:
    """The positions open to lot group ``group_index`` (0: seed 1, 1: seed 2, 2: 3-4, ...)."""
    if group_index == 0:
        return [0]
    if group_index == 1:
        return [size - 1]
    level = group_index - 1
    section = size >> level
    lines: list[int] = []
    for j in range(1, 1 << level, 2):
        lines.extend((j * section - 1, j * section))
    return lines


def group_of_seed(seed: int) -> int:
    """The lot group index of a seed number (1-based)."""
    if seed <= 2:
        return seed - 1
    return (seed - 1).bit_length()


def section_of(position: int, size: int, parts: int) -> int:
    """Which of ``parts`` equal sections (halves: 2, quarters: 4, ...) holds a position."""
    return position // (size // parts)


def balanced_pick(lines: Sequence[int], wanted: int, rng: random.Random) -> list[int]:
    """Pick ``wanted`` of a group's lines so every half, quarter, ... gets its fair share.

    The lines of one lot group lie one per section, in bracket order, so splitting the
    list in halves splits the draw in halves; an odd share goes to a side chosen by lot.
    """
    if wanted <= 0:
        return []
    if wanted >= len(lines):
        return list(lines)
    middle = len(lines) // 2
    first = wanted // 2
    if wanted % 2 and rng.random() < 0.5:
        first += 1
    first = min(first, middle)
    second = wanted - first
    return balanced_pick(lines[:middle], first, rng) + balanced_pick(lines[middle:], second, rng)


def bye_lines(size: int, byes: int, rng: random.Random) -> tuple[list[int], int]:
    """The seed lines that get a bye, and the index of the group only partly served.

    Returns the lines of every fully served group plus a balanced pick inside the partial
    group; the bye itself stands at ``line ^ 1``. The partial group index is -1 when none.
    """
    chosen: list[int] = []
    remaining = byes
    index = 0
    partial = -1
    while remaining > 0:
        lines = group_lines(size, index)
        if remaining >= len(lines):
            chosen.extend(lines)
            remaining -= len(lines)
        else:
            chosen.extend(balanced_pick(lines, remaining, rng))
            partial = index
            remaining = 0
        index += 1
    return chosen, partial
