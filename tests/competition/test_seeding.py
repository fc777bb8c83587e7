"""Regulations 3.6.1-3.6.2: draw size, seed lines and byes, checked against the text."""

from __future__ import annotations

import pytest

from smallball.competition.knockout import Entry, draw_knockout
from smallball.competition.seeding import draw_size, max_seeds


def expected_lines(seed: int, size: int) -> set[int]:
    """Seed lines written straight from 3.6.2, section by section (1-based sections)."""
    if seed == 1:
        return {0}
    if seed == 2:
        return {size - 1}
    level = 1
    while seed > 2 ** (level + 1):
        level += 1
    sections = 2**level
    width = size // sections
    lines = set()
    for i in range(1, sections + 1):
        if i % 2 == 1:
            lines.add(i * width - 1)  # bottom of an odd-numbered section
        else:
            lines.add((i - 1) * width)  # top of an even-numbered section
    return lines


def entries(count: int, seeds: int) -> list[Entry]:
    return [Entry(f"e{i}", (f"A{i}",), i + 1 if i < seeds else None) for i in range(count)]


def test_draw_size_is_next_power_of_two() -> None:
    assert [draw_size(n) for n in (2, 3, 4, 5, 8, 9, 23, 513, 1024)] == [
        2,
        4,
        4,
        8,
        8,
        16,
        32,
        1024,
        1024,
    ]


def test_seeds_three_and_four_sit_either_side_of_the_middle() -> None:
    seen = set()
    for rs in range(20):
        draw = draw_knockout(entries(16, 4), random_seed=rs)
        seen.add((draw.positions.index("e2"), draw.positions.index("e3")))
    assert seen == {(7, 8), (8, 7)}, "3 and 4 are drawn by lot between the two lines"


@pytest.mark.parametrize(
    ("seeds", "size"),
    [
        (seeds, size)
        for seeds in (2, 4, 8, 16, 32)
        for size in (8, 16, 32, 64, 128, 256, 512, 1024)
        if seeds <= max_seeds(size)
    ],
)
def test_seed_positions(seeds: int, size: int) -> None:
    draw = draw_knockout(entries(size, seeds), random_seed=size + seeds)
    for number in range(1, seeds + 1):
        assert draw.positions.index(f"e{number - 1}") in expected_lines(number, size), number


@pytest.mark.parametrize("count", [5, 9, 17, 23, 33, 100, 300, 513])
def test_byes_face_top_seeds_and_spread_evenly(count: int) -> None:
    size = draw_size(count)
    byes = size - count
    seeds = min(8, max_seeds(size))
    draw = draw_knockout(entries(count, seeds), random_seed=count)
    first_round = draw.first_round()
    assert sum(p is None for p in draw.positions) == byes
    assert all(a is not None or b is not None for a, b in first_round), "no bye meets a bye"
    with_bye = {a if b is None else b for a, b in first_round if a is None or b is None}
    for number in range(1, seeds + 1):
        assert (f"e{number - 1}" in with_bye) == (number <= byes), number
    parts = 2
    while size // parts >= 2:
        width = size // parts
        per_part = [
            sum(p is None for p in draw.positions[k * width : (k + 1) * width])
            for k in range(parts)
        ]
        assert max(per_part) - min(per_part) <= 1, (parts, per_part)
        parts *= 2


def test_too_many_seeds_is_refused() -> None:
    from smallball.errors import InputError

    with pytest.raises(InputError) as info:
        draw_knockout(entries(9, 9))
    assert info.value.field == "seeds"
