"""Group composition: snake seeding, association separation, friendship spreading."""

from __future__ import annotations

import random
import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smallball.competition.groups import draw_groups, group_sizes, minimum_compatriot_pairs
from smallball.competition.knockout import Entry
from smallball.errors import InputError


def field(rs: int, count: int, countries: int, seeds: int) -> list[Entry]:
    rng = random.Random(rs)
    names = [f"C{i}" for i in range(countries)]
    weights = [rng.random() + 0.1 for _ in names]
    return [
        Entry(f"e{i}", (rng.choices(names, weights)[0],), i + 1 if i < seeds else None)
        for i in range(count)
    ]


def test_snake_seeding_of_the_top_entries() -> None:
    entries = [Entry(f"s{i + 1}", (f"A{i}",), i + 1) for i in range(8)]
    entries += [Entry(f"x{i}", (f"B{i}",)) for i in range(8)]
    draw = draw_groups(entries, 4, random_seed=5)
    assert [g[:2] for g in draw.groups] == [
        ("s1", "s8"),
        ("s2", "s7"),
        ("s3", "s6"),
        ("s4", "s5"),
    ]
    assert [len(g) for g in draw.groups] == [4, 4, 4, 4]


def test_group_sizes_differ_by_at_most_one() -> None:
    assert group_sizes(14, 4) == [4, 4, 3, 3]


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 10**6), st.integers(4, 80), st.integers(1, 12))
def test_separation_reaches_the_even_spread(rs: int, count: int, countries: int) -> None:
    groups = max(1, count // 4)
    entries = field(rs, count, countries, 0)
    draw = draw_groups(entries, groups, random_seed=rs)
    assert sorted(e for g in draw.groups for e in g) == sorted(e.id for e in entries)
    bound = minimum_compatriot_pairs(entries, groups)
    assert len(draw.compatriot_pairs) == bound


def test_friendship_spreads_country_pairs_in_groups() -> None:
    friendly, separate, plain = [], [], []
    for rs in range(10):
        entries = field(rs, 32, 10, 4)
        f = draw_groups(entries, 8, "friendship", random_seed=rs)
        s = draw_groups(entries, 8, "separate", random_seed=rs)
        r = draw_groups(entries, 8, "random", random_seed=rs)
        assert len(f.compatriot_pairs) <= len(s.compatriot_pairs)
        friendly.append(len(f.country_pairs))
        separate.append(len(s.country_pairs))
        plain.append(len(r.country_pairs))
    assert statistics.mean(friendly) > statistics.mean(separate)
    assert statistics.mean(friendly) > statistics.mean(plain)


def test_reproducible() -> None:
    entries = field(3, 30, 6, 4)
    assert draw_groups(entries, 6, "friendship", random_seed=9) == draw_groups(
        entries, 6, "friendship", random_seed=9
    )


@pytest.mark.parametrize(
    ("entries", "groups", "field_"),
    [
        ([Entry("a", ("X",)), Entry("b", ("Y",))], 2, "groups"),
        ([Entry("a", ("X",)), Entry("a", ("Y",))], 1, "entries[1].id"),
        ([Entry("a", ("X",), 2), Entry("b", ("Y",))], 1, "entries"),
    ],
)
def test_bad_input_names_the_field(entries: list[Entry], groups: int, field_: str) -> None:
    with pytest.raises(InputError) as info:
        draw_groups(entries, groups)
    assert info.value.field == field_
