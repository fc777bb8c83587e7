"""Swiss system: score groups, no repeats, byes, Buchholz."""

from __future__ import annotations

import random
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from smallball.competition.swiss import SwissGame, swiss_pairing, swiss_standings


def play(pairing: object, rnd: random.Random) -> list[SwissGame]:
    games = [SwissGame(a, b, rnd.choice([a, b])) for a, b in pairing.pairings]  # type: ignore[attr-defined]
    if pairing.bye:  # type: ignore[attr-defined]
        games.append(SwissGame(pairing.bye, None))  # type: ignore[attr-defined]
    return games


def perfect_without_repeats(
    players: list[str], met: set[frozenset[str]], no_bye: frozenset[str] = frozenset()
) -> bool:
    """Brute force: can ``players`` be paired (plus one bye if odd, not to anyone in
    ``no_bye``) with no repeat?"""
    if not players:
        return True
    if len(players) == 1:
        return players[0] not in no_bye
    first, rest = players[0], players[1:]
    if len(players) % 2 and first not in no_bye and perfect_without_repeats(rest, met, no_bye):
        return True  # first takes the bye
    for i, other in enumerate(rest):
        if frozenset((first, other)) not in met and perfect_without_repeats(
            rest[:i] + rest[i + 1 :], met, no_bye
        ):
            return True
    return False


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 9), st.integers(1, 8), st.integers(0, 10**6))
def test_never_repeats_while_a_repeat_free_pairing_exists(n: int, rounds: int, seed: int) -> None:
    entries = [f"P{i}" for i in range(n)]
    rnd = random.Random(seed)
    history: list[list[SwissGame]] = []
    for _ in range(rounds):
        met = {frozenset((g.a, g.b)) for r in history for g in r if g.b}
        pairing = swiss_pairing(entries, history)
        seated = [e for p in pairing.pairings for e in p] + ([pairing.bye] if pairing.bye else [])
        assert sorted(seated) == sorted(entries)
        assert (pairing.bye is None) == (n % 2 == 0)
        if perfect_without_repeats(entries, met):
            assert all(frozenset(p) not in met for p in pairing.pairings)
            byed = frozenset(g.a for r in history for g in r if g.b is None)
            # a second bye only when no repeat-free round can give it to someone else
            if pairing.bye in byed:
                assert not perfect_without_repeats(entries, met, byed)
        history.append(play(pairing, rnd))


def test_round_two_pairs_winners_with_winners_top_half_v_bottom_half() -> None:
    entries = [f"P{i}" for i in range(1, 9)]
    first = swiss_pairing(entries)
    # Dutch round 1: 1 v 5, 2 v 6, 3 v 7, 4 v 8
    assert first.pairings == (("P1", "P5"), ("P2", "P6"), ("P3", "P7"), ("P4", "P8"))
    history = [[SwissGame(a, b, a) for a, b in first.pairings]]
    second = swiss_pairing(entries, history)
    winners = {"P1", "P2", "P3", "P4"}
    for a, b in second.pairings:
        assert (a in winners) == (b in winners)
    assert ("P1", "P3") in second.pairings and ("P2", "P4") in second.pairings


def test_odd_score_group_floats_its_lowest_down() -> None:
    # 6 players; after round 1, P1, P2, P3 have 1 point. P3 (lowest of them) floats down.
    entries = [f"P{i}" for i in range(1, 7)]
    history = [
        [SwissGame("P1", "P4", "P1"), SwissGame("P2", "P5", "P2"), SwissGame("P3", "P6", "P3")]
    ]
    second = swiss_pairing(entries, history)
    assert ("P1", "P2") in second.pairings
    assert any(p[0] == "P3" for p in second.pairings)


def test_bye_goes_to_the_lowest_ranked_without_one() -> None:
    entries = ["P1", "P2", "P3", "P4", "P5"]
    first = swiss_pairing(entries)
    assert first.bye == "P5"
    history = [[SwissGame("P1", "P3", "P1"), SwissGame("P2", "P4", "P2"), SwissGame("P5", None)]]
    # P3 and P4 are lowest with 0; P5 has 1 point and a bye already.
    second = swiss_pairing(entries, history)
    assert second.bye == "P4"


def test_random_seed_is_reproducible() -> None:
    entries = [f"P{i}" for i in range(12)]
    assert swiss_pairing(entries, random_seed=5) == swiss_pairing(entries, random_seed=5)
    assert len({swiss_pairing(entries, random_seed=s).pairings for s in range(5)}) > 1


def test_buchholz_and_median_buchholz_by_hand() -> None:
    # Four rounds among A..E (C has the bye in round 1).
    rounds = [
        [SwissGame("A", "B", "A"), SwissGame("D", "E", "D"), SwissGame("C", None)],
        [SwissGame("A", "D", "A"), SwissGame("B", "C", "C"), SwissGame("E", None)],
        [SwissGame("A", "C", "C"), SwissGame("B", "E", "B"), SwissGame("D", None)],
    ]
    # Scores: A 2, B 1, C 3 (bye + 2 wins), D 2 (win + bye), E 1 (bye).
    rows = {r.entry: r for r in swiss_standings(["A", "B", "C", "D", "E"], rounds)}
    assert {e: r.score for e, r in rows.items()} == {"A": 2, "B": 1, "C": 3, "D": 2, "E": 1}
    # A met B (1), D (2), C (3): Buchholz 6, median (drop 1 and 3) 2.
    assert (rows["A"].buchholz, rows["A"].median_buchholz) == (6, 2)
    # D met E (1), A (2): 3, fewer than three opponents so median = Buchholz.
    assert (rows["D"].buchholz, rows["D"].median_buchholz) == (3, 3)
    # A and D both 2 points: A ahead on Buchholz.
    assert rows["C"].rank == 1 and rows["A"].rank == 2 and rows["D"].rank == 3


def test_more_rounds_than_possible_still_pairs_everyone() -> None:
    entries = ["P1", "P2", "P3", "P4"]
    rnd = random.Random(1)
    history: list[list[SwissGame]] = []
    for _ in range(5):  # only 3 repeat-free rounds exist
        pairing = swiss_pairing(entries, history)
        assert len(pairing.pairings) == 2
        history.append(play(pairing, rnd))
    met = [frozenset((g.a, g.b)) for r in history for g in r]
    assert {frozenset(p) for p in combinations(entries, 2)} <= set(met)
