"""Groups to knockout (winners on seed lines, runners-up apart) and the plate draw."""

from __future__ import annotations

import pytest

from smallball.competition.bracket import make_bracket, record
from smallball.competition.seeding import max_seeds
from smallball.competition.stages import plate_draw, qualifiers_draw
from smallball.errors import InputError


def orders(groups: int, size: int) -> list[list[str]]:
    return [[f"g{g}r{r}" for r in range(size)] for g in range(groups)]


@pytest.mark.parametrize(
    ("groups", "qualifiers"), [(4, 2), (8, 2), (6, 2), (4, 3), (16, 2), (3, 3)]
)
def test_group_qualifiers_placement(groups: int, qualifiers: int) -> None:
    for rs in range(8):
        draw = qualifiers_draw(orders(groups, 4), qualifiers, random_seed=rs)
        where = {p: i for i, p in enumerate(draw.positions) if p}
        size = draw.size
        seeds = min(groups, max_seeds(size))
        assert where["g0r0"] == 0 and (seeds < 2 or where["g1r0"] == size - 1)
        if seeds >= 4:
            assert {where["g2r0"], where["g3r0"]} == {size // 2 - 1, size // 2}
        for g in range(groups):
            winner, runner_up = where[f"g{g}r0"], where[f"g{g}r1"]
            assert winner * 2 // size != runner_up * 2 // size, "runner-up in the other half"
            if qualifiers >= 3:
                third = where[f"g{g}r2"]
                assert third * 4 // size not in {winner * 4 // size, runner_up * 4 // size}
        for a, b in draw.first_round():
            if a and b:
                assert a.split("r")[0] != b.split("r")[0], "same group never meets in round 1"
        assert draw.unmet == ()


def test_qualifiers_input_errors() -> None:
    with pytest.raises(InputError) as info:
        qualifiers_draw([["a", "b"], ["c"]], 2)
    assert info.value.field == "groups[1]"


def test_plate_draw_of_first_round_losers() -> None:
    bracket = make_bracket([f"p{i}" for i in range(8)])
    for k in range(4):
        bracket = record(bracket, 1, k, f"p{2 * k}")
    plate = plate_draw(bracket, {f"p{i}": ["CHN" if i < 4 else "USA"] for i in range(8)})
    assert sorted(p for p in plate.positions if p) == ["p1", "p3", "p5", "p7"]
    for k in range(2):
        a, b = plate.positions[2 * k], plate.positions[2 * k + 1]
        assert (a in {"p1", "p3"}) != (b in {"p1", "p3"}), "plate is separated too"
