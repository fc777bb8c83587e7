"""Badminton by the BWF laws (shared/rules/badminton.md)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smallball.errors import InputError
from smallball.sport import (
    RALLY_A,
    RALLY_B,
    Badminton,
    Card,
    Event,
    Expedite,
    MatchSetup,
    Side,
    Timeout,
    fold,
    replay,
)

BWF = Badminton()
SINGLES = MatchSetup(sides=(("P",), ("Q",)), first_server="P", best_of=3)
DOUBLES = MatchSetup(
    sides=(("A", "B"), ("C", "D")), first_server="A", first_receiver="C", best_of=3
)


def rallies(pattern: str) -> list[Event]:
    return [RALLY_A if c == "A" else RALLY_B for c in pattern]


def test_game_to_21_win_by_two_capped_at_30() -> None:
    assert fold(BWF, SINGLES, rallies("A" * 21)).games == ((21, 0),)
    deuce = rallies("AB" * 20)
    assert fold(BWF, SINGLES, deuce + rallies("A")).games == ()
    assert fold(BWF, SINGLES, deuce + rallies("AA")).games == ((22, 20),)
    capped = rallies("AB" * 29 + "B")
    assert fold(BWF, SINGLES, capped).games == ((29, 30),)


def test_winner_of_a_game_serves_first_in_the_next() -> None:
    state = fold(BWF, SINGLES, rallies("B" * 21))
    assert (state.game, state.server) == (2, "Q")


def test_singles_service_court_by_server_score_parity() -> None:
    log = replay(BWF, SINGLES, rallies("AABA")).rallies
    assert [(r.server, r.court) for r in log] == [
        ("P", "right"),
        ("P", "left"),
        ("P", "right"),
        ("Q", "left"),  # Q serves with 1 point: left court
    ]


def test_doubles_sequence_of_the_laws() -> None:
    """Law 11 example: A→C, A→D (left), D→A (left), D→B (right), B→D (right)."""
    log = replay(BWF, DOUBLES, rallies("ABBA")).rallies
    assert [(r.server, r.receiver, r.court) for r in log] == [
        ("A", "C", "right"),
        ("A", "D", "left"),
        ("D", "A", "left"),
        ("D", "B", "right"),
    ]
    state = fold(BWF, DOUBLES, rallies("ABBA"))
    assert (state.server, state.receiver, state.court) == ("B", "D", "right")


def test_interval_at_eleven_and_ends_change_in_the_third_game() -> None:
    log = replay(BWF, SINGLES, rallies("A" * 21 + "B" * 21 + "A" * 11)).rallies
    intervals = [(r.game, r.score_after) for r in log if r.interval_after]
    assert intervals == [(1, (11, 0)), (1, (21, 0)), (2, (0, 11)), (2, (0, 21)), (3, (11, 0))]
    switches = [(r.game, r.score_after) for r in log if r.switch_ends_after]
    assert switches == [(1, (21, 0)), (2, (0, 21)), (3, (11, 0))]


def test_no_expedite_or_time_outs_in_badminton() -> None:
    with pytest.raises(InputError, match="expedite"):
        fold(BWF, SINGLES, [Expedite()])
    with pytest.raises(InputError, match="time-outs"):
        fold(BWF, SINGLES, [Timeout(Side.A)])


def test_misconduct_warning_then_faults() -> None:
    state = fold(BWF, SINGLES, [Card(Side.A), Card(Side.A), Card(Side.A)])
    assert state.score == (0, 2) and state.server == "Q"


def test_later_game_server_must_be_on_the_serving_side() -> None:
    setup = MatchSetup(
        sides=(("A", "B"), ("C", "D")),
        first_server="A",
        first_receiver="C",
        game_first_servers={2: "C"},
        best_of=3,
    )
    with pytest.raises(InputError, match=r"game_first_servers\.2.*serving side"):
        fold(BWF, setup, rallies("A" * 21))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from("AB"), min_size=1, max_size=200), st.booleans())
def test_doubles_court_rules_hold(pattern: list[str], doubles: bool) -> None:
    setup = DOUBLES if doubles else SINGLES
    scorer = BWF.start(setup)
    events = []
    for c in pattern:
        if scorer.status != "in_progress":
            break
        events.append(RALLY_A if c == "A" else RALLY_B)
        scorer.apply(events[-1])
    log = replay(BWF, setup, events).rallies
    for prev, cur in itertools.pairwise(log):
        if prev.game != cur.game:
            continue
        serving = setup.side_of(cur.server)
        served_at = prev.score_after[serving]
        assert cur.court == ("right" if served_at % 2 == 0 else "left"), served_at
        assert setup.side_of(cur.receiver) is serving.other
        if prev.winner is setup.side_of(prev.server):
            assert cur.server == prev.server  # the server keeps serving
        else:
            assert setup.side_of(cur.server) is prev.winner  # service passes to the winner
        if doubles and prev.winner is not setup.side_of(prev.server):
            # Nobody changes court: the receiver now is who stood in that court.
            assert cur.receiver in setup.sides[serving.other]
