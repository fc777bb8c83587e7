"""Round-robin order of play."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smallball.competition.round_robin import berger_rounds
from smallball.errors import InputError


@given(st.integers(2, 24))
def test_every_pair_meets_once_and_nobody_plays_twice_in_a_round(size: int) -> None:
    entries = [f"P{i}" for i in range(size)]
    rounds = berger_rounds(entries)
    assert len(rounds) == (size - 1 if size % 2 == 0 else size)
    met = [frozenset(p) for r in rounds for p in r.pairings]
    assert sorted(met, key=sorted) == sorted(
        (frozenset(p) for p in combinations(entries, 2)), key=sorted
    )
    for r in rounds:
        playing = [e for p in r.pairings for e in p]
        assert len(playing) == len(set(playing))
        # everyone plays, except the one entry with the bye when the group is odd
        assert set(playing) | ({r.bye} if r.bye else set()) == set(entries)
        assert (r.bye is None) == (size % 2 == 0)
    byes = [r.bye for r in rounds if r.bye]
    assert len(byes) == len(set(byes))


def test_four_entries_by_hand() -> None:
    rounds = berger_rounds(["A", "B", "C", "D"])
    assert [r.number for r in rounds] == [1, 2, 3]
    assert {frozenset(p) for p in rounds[0].pairings} == {frozenset("AD"), frozenset("BC")}


def test_three_entries_one_bye_each() -> None:
    rounds = berger_rounds(["A", "B", "C"])
    assert sorted(r.bye or "" for r in rounds) == ["A", "B", "C"]
    assert all(len(r.pairings) == 1 for r in rounds)


def test_duplicate_entry_is_named() -> None:
    with pytest.raises(InputError) as err:
        berger_rounds(["A", "B", "A"])
    assert err.value.field == "entries[2]"
