"""Regulation 3.6.3 (association separation), pairs from two associations, friendship."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

from smallball.competition.knockout import Entry, KnockoutDraw, draw_knockout
from smallball.errors import InputError

EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "draw-knockout.in.json"


def half(draw: KnockoutDraw, entry: str) -> int:
    return draw.positions.index(entry) * 2 // draw.size


def quarter(draw: KnockoutDraw, entry: str) -> int:
    return draw.positions.index(entry) * 4 // draw.size


def meetings(draw: KnockoutDraw, assoc: dict[str, set[str]]) -> int:
    return sum(1 for a, b in draw.first_round() if a and b and assoc[a] & assoc[b])


def field_of(entries: list[Entry]) -> dict[str, set[str]]:
    return {e.id: set(e.associations) for e in entries}


def test_nominated_one_two_in_halves_three_four_in_other_quarters() -> None:
    # CHN's 1-4 are unseeded here, so only 3.6.3 (not 3.6.2) keeps them apart.
    entries = [Entry(f"s{i}", (f"S{i}",), i + 1) for i in range(4)]
    entries += [Entry(f"c{i}", ("CHN",)) for i in range(6)]
    entries += [Entry(f"x{i}", (f"X{i % 9}",)) for i in range(22)]
    for rs in range(25):
        draw = draw_knockout(entries, random_seed=rs)
        assert half(draw, "c0") != half(draw, "c1")
        quarters = {quarter(draw, f"c{i}") for i in range(4)}
        assert len(quarters) == 4, "3 and 4 take the quarters 1 and 2 do not hold"
        assert draw.unmet == ()


def test_seeded_nominated_overrides_the_plain_lot_of_three_and_four() -> None:
    # Seed 1 and seed 3 are both JPN: seed 3 must go to the top of the second half.
    entries = [
        Entry("j1", ("JPN",), 1),
        Entry("g2", ("GER",), 2),
        Entry("j3", ("JPN",), 3),
        Entry("k4", ("KOR",), 4),
    ] + [Entry(f"x{i}", (f"X{i}",)) for i in range(12)]
    for rs in range(20):
        draw = draw_knockout(entries, random_seed=rs)
        assert draw.positions.index("j3") == 8
        assert draw.positions.index("k4") == 7


def test_first_round_separation_when_possible() -> None:
    # 16 places, CHN has 8 entries: exactly one per first-round match.
    entries = [Entry(f"c{i}", ("CHN",)) for i in range(8)]
    entries += [Entry(f"o{i}", (["USA", "JPN", "KOR"][i % 3],)) for i in range(8)]
    assoc = field_of(entries)
    for rs in range(30):
        draw = draw_knockout(entries, random_seed=rs)
        assert meetings(draw, assoc) == 0
        assert draw.compatriot_meetings == ()


def test_pair_from_two_associations_counts_for_both() -> None:
    entries = [
        Entry("c1", ("CHN",), 1),
        Entry("g2", ("GER",), 2),
        Entry("u1", ("USA",), 3),
        Entry("k4", ("KOR",), 4),
        Entry("pair", ("USA", "CHN")),
        Entry("c2", ("CHN",)),
        Entry("u2", ("USA",)),
    ] + [Entry(f"x{i}", (f"X{i}",)) for i in range(9)]
    assoc = field_of(entries)
    for rs in range(30):
        draw = draw_knockout(entries, random_seed=rs)
        # The pair is CHN's 2 (other half from c1) and USA's 2 (other half from u1),
        # which also forces u1 (seed 3) to the bottom of the first half.
        assert half(draw, "pair") != half(draw, "c1")
        assert half(draw, "pair") != half(draw, "u1")
        assert draw.positions.index("u1") == 7
        assert draw.unmet == ()
        assert meetings(draw, assoc) == 0
        index = draw.positions.index("pair")
        assert draw.positions[index ^ 1] not in {"c1", "c2", "u1", "u2"}


def test_pair_nominated_order_is_by_seed_then_input_order() -> None:
    # The pair is listed before c3, so it is CHN's number 3 and c3 is number 4.
    entries = [
        Entry("c1", ("CHN",), 1),
        Entry("c2", ("CHN",), 2),
        Entry("pair", ("FRA", "CHN")),
        Entry("c3", ("CHN",)),
    ] + [Entry(f"x{i}", (f"X{i}",)) for i in range(12)]
    for rs in range(20):
        draw = draw_knockout(entries, random_seed=rs)
        assert len({quarter(draw, e) for e in ("c1", "c2", "pair", "c3")}) == 4


def test_pair_that_cannot_be_separated_is_reported() -> None:
    # CHN's 1 is seed 1 (top half), USA's 1 is seed 2 (bottom half): a CHN/USA pair
    # ranked 2 in both cannot be in the other half from both.
    entries = [
        Entry("c1", ("CHN",), 1),
        Entry("u1", ("USA",), 2),
        Entry("pair", ("USA", "CHN")),
    ] + [Entry(f"x{i}", (f"X{i}",)) for i in range(5)]
    draw = draw_knockout(entries, random_seed=3)
    assert len([n for n in draw.unmet if "nominated 1" in n and "(pair)" in n]) == 1


def test_impossible_separation_is_reported_not_hidden() -> None:
    entries = [Entry(f"c{i}", ("CHN",)) for i in range(12)]
    entries += [Entry(f"o{i}", ("USA",)) for i in range(4)]
    draw = draw_knockout(entries, random_seed=1)
    # 12 CHN in 8 first-round matches: at least 4 matches are all-CHN.
    assert draw.unavoidable_meetings == 4
    assert len(draw.compatriot_meetings) == 4
    assert sum(note.startswith("first round: c") for note in draw.unmet) == 4
    assert any("cannot be avoided" in note for note in draw.unmet)


def test_reproducible_from_random_seed() -> None:
    entries = [Entry(f"e{i}", (f"A{i % 7}",), i + 1 if i < 8 else None) for i in range(50)]
    first = draw_knockout(entries, policy="friendship", random_seed=42)
    again = draw_knockout(entries, policy="friendship", random_seed=42)
    assert first == again
    others = {draw_knockout(entries, random_seed=rs).positions for rs in range(5)}
    assert len(others) > 1, "another random seed gives another lot"


def test_example_input_draws_validly() -> None:
    data = json.loads(EXAMPLE.read_text())
    entries = [Entry(e["id"], tuple(e["associations"]), e.get("seed")) for e in data["entries"]]
    draw = draw_knockout(entries, data["seeds"], data["policy"], (), data["random_seed"])
    assert draw.size == 32
    assert sorted(p for p in draw.positions if p) == sorted(e.id for e in entries)
    assert draw.positions[0] == "p1" and draw.positions[-1] == "p2"
    assert len(draw.unmet) == len(draw.compatriot_meetings) + sum(
        "nominated" in note for note in draw.unmet
    ) + (1 if draw.unavoidable_meetings else 0)


def spread_field(rs: int) -> list[Entry]:
    import random

    rng = random.Random(rs)
    countries = [f"C{i}" for i in range(10)]
    weights = [10, 8, 6, 5, 4, 3, 3, 2, 2, 1]
    return [
        Entry(f"e{i}", (rng.choices(countries, weights)[0],), i + 1 if i < 8 else None)
        for i in range(60)
    ]


def test_friendship_spreads_country_pairs() -> None:
    separate, friendly, plain = [], [], []
    for rs in range(12):
        entries = spread_field(rs)
        s = len(draw_knockout(entries, policy="separate", random_seed=rs).country_pairs)
        f = len(draw_knockout(entries, policy="friendship", random_seed=rs).country_pairs)
        r = len(draw_knockout(entries, policy="random", random_seed=rs).country_pairs)
        assert f >= s
        separate.append(s)
        friendly.append(f)
        plain.append(r)
    assert statistics.mean(friendly) > statistics.mean(plain)
    assert statistics.mean(friendly) > statistics.mean(separate)


def test_friendship_favours_pairs_that_have_not_met() -> None:
    gains = []
    for rs in range(10):
        entries = spread_field(rs)
        history = [("C0", f"C{i}") for i in range(1, 10)] + [("C1", "C2"), ("C1", "C3")]
        with_history = draw_knockout(entries, policy="friendship", history=history, random_seed=rs)
        without = draw_knockout(entries, policy="friendship", random_seed=rs)
        new_with = sum(p.new for p in with_history.country_pairs)
        new_without = sum((p.first, p.second) not in set(history) for p in without.country_pairs)
        gains.append(new_with - new_without)
        assert not any(p.new for p in with_history.country_pairs if (p.first, p.second) in history)
    assert statistics.mean(gains) >= 0


@pytest.mark.parametrize(
    ("entries", "seeds", "field"),
    [
        ([Entry("a", ("X",))], None, "entries"),
        ([Entry("a", ("X",)), Entry("a", ("Y",))], None, "entries[1].id"),
        ([Entry("a", ("X",)), Entry("b", ())], None, "entries[1].associations"),
        ([Entry("a", ("X",), 1), Entry("b", ("Y",), 1)], None, "entries[1].seed"),
        ([Entry("a", ("X",), 2), Entry("b", ("Y",))], 2, "seeds"),
        ([Entry("a", ("X",), 3), Entry("b", ("Y",))], 2, "entries[0].seed"),
        ([Entry("a", ("X",), 1), Entry("b", ("Y",))], 3, "seeds"),
    ],
)
def test_bad_entries_name_the_field(entries: list[Entry], seeds: int | None, field: str) -> None:
    with pytest.raises(InputError) as info:
        draw_knockout(entries, seeds)
    assert info.value.field == field


def test_unknown_policy_is_refused() -> None:
    with pytest.raises(InputError) as info:
        draw_knockout([Entry("a", ("X",)), Entry("b", ("Y",))], policy="mixed")
    assert info.value.field == "policy"
