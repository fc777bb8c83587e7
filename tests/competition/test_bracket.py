"""Bracket progression: byes advance, results (walkovers, retirements) carried through."""

from __future__ import annotations

import pytest

from smallball.competition.bracket import (
    BYE,
    champion,
    first_match_losers,
    make_bracket,
    record,
    rounds,
)
from smallball.errors import InputError


def test_byes_advance_automatically() -> None:
    bracket = make_bracket(["a", None, "b", "c", "d", None, None, "e"])
    first = rounds(bracket)[0]
    assert [(m.winner, m.how) for m in first] == [
        ("a", "bye"),
        (None, None),
        ("d", "bye"),
        ("e", "bye"),
    ]
    second = rounds(bracket)[1]
    assert (second[0].a, second[0].b) == ("a", None)
    assert (second[1].a, second[1].b) == ("d", "e")
    assert second[1].ready and not second[0].ready


def test_results_walkovers_and_retirements_carry_through_to_the_champion() -> None:
    bracket = make_bracket(["a", "b", "c", "d", "e", "f", "g", "h"], third_place=True)
    bracket = record(bracket, 1, 0, "a")
    bracket = record(bracket, 1, 1, "d", "walkover")
    bracket = record(bracket, 1, 2, "e", "retired")
    bracket = record(bracket, 1, 3, "h")
    semis = rounds(bracket)[1]
    assert [(m.a, m.b) for m in semis] == [("a", "d"), ("e", "h")]
    bracket = record(bracket, 2, 0, "d", "retired")
    bracket = record(bracket, 2, 1, "e", "walkover")
    final, third = rounds(bracket)[2]
    assert (final.a, final.b) == ("d", "e")
    assert (third.a, third.b) == ("a", "h"), "semi-final losers play for third place"
    bracket = record(bracket, 3, 0, "e")
    bracket = record(bracket, 3, 1, "h")
    assert champion(bracket) == "e"
    final, third = rounds(bracket)[2]
    assert (final.loser, third.winner, third.loser) == ("d", "h", "a")
    assert final.how == "played" and rounds(bracket)[1][1].how == "walkover"


def test_correcting_an_early_result_drops_later_results_of_the_wrong_player() -> None:
    bracket = make_bracket(["a", "b", "c", "d"])
    bracket = record(bracket, 1, 0, "a")
    bracket = record(bracket, 1, 1, "c")
    bracket = record(bracket, 2, 0, "a")
    assert champion(bracket) == "a"
    bracket = record(bracket, 1, 0, "b")  # the umpire's sheet was wrong
    assert champion(bracket) is None
    assert (rounds(bracket)[1][0].a, rounds(bracket)[1][0].winner) == ("b", None)


def test_double_bye_gives_an_empty_place() -> None:
    bracket = make_bracket(["a", "b", None, None])
    second = rounds(bracket)[1][0]
    assert second.b == BYE
    bracket = record(bracket, 1, 0, "b")
    assert champion(bracket) == "b"


def test_plate_takes_first_match_losers_but_not_walkover_givers() -> None:
    bracket = make_bracket(["a", None, "b", "c", "d", "e", "f", "g"])
    bracket = record(bracket, 1, 1, "b")
    bracket = record(bracket, 1, 2, "d", "walkover")
    bracket = record(bracket, 1, 3, "g", "retired")
    bracket = record(bracket, 2, 0, "b")  # a lost its first real match after a bye
    assert first_match_losers(bracket) == ["c", "f", "a"]


def test_double_walkover_sends_no_one_through() -> None:
    bracket = make_bracket(["a", "b", "c", "d", "e", "f", "g", "h"], third_place=True)
    bracket = record(bracket, 1, 0, None, "walkover")  # neither a nor b came
    first = rounds(bracket)[0][0]
    assert (first.winner, first.how, first.loser, first.ready) == (BYE, "walkover", None, False)
    bracket = record(bracket, 1, 1, "c")
    semi = rounds(bracket)[1][0]
    # c's opponent never comes: c goes through without play, and the match is not called.
    assert (semi.a, semi.b, semi.winner, semi.how, semi.ready) == (BYE, "c", "c", "bye", False)
    for number, winner in ((2, "e"), (3, "g")):
        bracket = record(bracket, 1, number, winner)
    bracket = record(bracket, 2, 1, None, "walkover")  # e and g both absent from the semi
    final, third = rounds(bracket)[2]
    assert (final.a, final.b, final.winner) == ("c", BYE, "c")
    assert champion(bracket) == "c"
    # No semi-final loser on either side: the third place goes to no one.
    assert (third.a, third.b, third.winner) == (BYE, BYE, BYE)
    # The plate: losers of a played first match; a and b gave a walkover, so they are out.
    assert first_match_losers(bracket) == ["d", "f", "h"]


def test_only_a_walkover_can_have_no_winner() -> None:
    bracket = make_bracket(["a", "b"])
    for how in ("played", "retired"):
        with pytest.raises(InputError) as caught:
            record(bracket, 1, 0, None, how)
        assert caught.value.field == "results[1][0].winner"


@pytest.mark.parametrize(
    ("round_", "number", "winner", "how", "field"),
    [
        (1, 0, "z", "played", "results[1][0].winner"),
        (1, 9, "a", "played", "results[1][9]"),
        (2, 0, "a", "played", "results[2][0]"),
        (1, 0, "a", "forfeit", "results[1][0].how"),
    ],
)
def test_bad_results_name_the_field(
    round_: int, number: int, winner: str, how: str, field: str
) -> None:
    bracket = make_bracket(["a", "b", "c", "d"])
    with pytest.raises(InputError) as info:
        record(bracket, round_, number, winner, how)
    assert info.value.field == field


def test_bracket_size_must_be_a_power_of_two() -> None:
    with pytest.raises(InputError):
        make_bracket(["a", "b", "c"])
