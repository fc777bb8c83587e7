"""Team ties: formats as data, line-ups, and a tie that stops when it is decided."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smallball.competition.team import AWAY, HOME, Lineup, lineup_players, tie_state
from smallball.competition.team_formats import (
    CORBILLON,
    FORMATS,
    MIXED_TEAM_WORLD_CUP,
    OLYMPIC,
    SWAYTHLING,
    WORLD_TEAM_CHAMPIONSHIPS,
    format_json,
    parse_format,
)
from smallball.errors import InputError

HOME_ABC = Lineup(positions={"A": "a1", "B": "b1", "C": "c1"})
AWAY_XYZ = Lineup(positions={"X": "x1", "Y": "y1", "Z": "z1"})
WIN = [(11, 5), (11, 5), (11, 5)]
LOSS = [(5, 11), (5, 11), (5, 11)]


def test_olympic_order_doubles_first() -> None:
    players = lineup_players(OLYMPIC, HOME, HOME_ABC, "home")
    assert players == (("b1", "c1"), ("a1",), ("c1",), ("a1",), ("b1",))
    away = lineup_players(OLYMPIC, AWAY, AWAY_XYZ, "away")
    assert away == (("y1", "z1"), ("x1",), ("z1",), ("y1",), ("x1",))


def test_world_team_championships_and_swaythling_orders() -> None:
    wtc = [(r.home[0].position, r.away[0].position) for r in WORLD_TEAM_CHAMPIONSHIPS.rubbers]
    assert wtc == [("A", "X"), ("B", "Y"), ("C", "Z"), ("A", "Y"), ("B", "X")]
    sway = ["".join(str(s.position) for s in (*r.home, *r.away)) for r in SWAYTHLING.rubbers]
    assert sway == ["AX", "BY", "CZ", "BX", "AZ", "CY", "BZ", "CX", "AY"]
    assert SWAYTHLING.target == 5


def test_tie_stops_at_three_rubbers() -> None:
    state = tie_state(OLYMPIC, HOME_ABC, AWAY_XYZ, [WIN, LOSS, WIN, WIN])
    assert state.decided and state.winner == HOME
    assert state.rubbers_won == (3, 1)
    assert state.next_rubber is None
    with pytest.raises(InputError) as err:
        tie_state(OLYMPIC, HOME_ABC, AWAY_XYZ, [WIN, LOSS, WIN, WIN, LOSS])
    assert err.value.field == "rubbers[4]"


def test_tie_in_progress() -> None:
    state = tie_state(WORLD_TEAM_CHAMPIONSHIPS, HOME_ABC, AWAY_XYZ, [WIN, [(11, 9), (3, 11)]])
    assert not state.decided and state.winner is None
    assert state.next_rubber == 1
    assert state.rubbers[1].games_won == (1, 1) and not state.rubbers[1].finished
    with pytest.raises(InputError) as err:
        tie_state(WORLD_TEAM_CHAMPIONSHIPS, HOME_ABC, AWAY_XYZ, [WIN, [(11, 9)], WIN])
    assert err.value.field == "rubbers[2]"


def test_games_past_the_end_of_a_rubber_are_refused() -> None:
    with pytest.raises(InputError) as err:
        tie_state(OLYMPIC, HOME_ABC, AWAY_XYZ, [[*WIN, (11, 3)]])
    assert err.value.field == "rubbers[0].games[3]"
    with pytest.raises(InputError) as err:
        tie_state(OLYMPIC, HOME_ABC, AWAY_XYZ, [[(11, 10)]])
    assert err.value.field == "rubbers[0].games[0]"


MEN = {"m1": "M", "m2": "M", "m3": "M"}
WOMEN = {"w1": "W", "w2": "W", "w3": "W"}


def mixed(side: str, named: dict[int, tuple[str, ...]]) -> Lineup:
    genders = {f"{side}{p}": g for p, g in {**MEN, **WOMEN}.items()}
    return Lineup(
        named={i: tuple(f"{side}{p}" for p in ps) for i, ps in named.items()}, genders=genders
    )


GOOD_MIXED = {0: ("m1", "w1"), 1: ("w2",), 2: ("m2",), 3: ("w1", "w3"), 4: ("m1", "m3")}
THREE = [(11, 5), (5, 11), (11, 5)]


def test_mixed_team_world_cup_first_to_eight_games_inside_a_rubber() -> None:
    home, away = mixed("h", GOOD_MIXED), mixed("a", GOOD_MIXED)
    # Home wins 3-0, 3-0, then 2 games of rubber 3: 8 games, decided inside rubber 3.
    state = tie_state(MIXED_TEAM_WORLD_CUP, home, away, [WIN, WIN, [(11, 5), (11, 5)]])
    assert state.games_won == (8, 0)
    assert state.decided and state.winner == HOME
    assert not state.rubbers[2].finished
    with pytest.raises(InputError) as err:
        tie_state(MIXED_TEAM_WORLD_CUP, home, away, [WIN, WIN, [(11, 5), (11, 5), (11, 5)]])
    assert err.value.field == "rubbers[2].games[2]"


def test_mixed_team_rubbers_are_exactly_three_games() -> None:
    home, away = mixed("h", GOOD_MIXED), mixed("a", GOOD_MIXED)
    # 2-1 rubbers: each is over after game 3 even though 2 games already won it
    state = tie_state(MIXED_TEAM_WORLD_CUP, home, away, [THREE, [(11, 5), (11, 5)]])
    assert state.rubbers[0].finished and state.rubbers[0].games_won == (2, 1)
    assert not state.rubbers[1].finished
    assert state.next_rubber == 1


@pytest.mark.parametrize(
    ("named", "field", "words"),
    [
        ({**GOOD_MIXED, 1: ("w1",)}, "home.rubbers.1", "mixed doubles"),  # singles after XD
        ({**GOOD_MIXED, 0: ("w1", "w2")}, "home.rubbers.0", "cannot play"),  # gender
        ({**GOOD_MIXED, 4: ("m1", "m2")}, "home", "at least 3"),  # m3 never plays
        ({**GOOD_MIXED, 3: ("w1",)}, "home.rubbers.3", "needs 2"),
    ],
)
def test_mixed_team_lineup_rules(named: dict[int, tuple[str, ...]], field: str, words: str) -> None:
    with pytest.raises(InputError) as err:
        lineup_players(MIXED_TEAM_WORLD_CUP, HOME, mixed("h", named), "home")
    assert err.value.field == field
    assert words in err.value.message


def test_at_most_two_rubbers_per_player() -> None:
    # In the ITTF formats the order itself keeps everyone to two; a custom one may not.
    fmt = parse_format(
        {
            "max_rubbers_per_player": 2,
            "rubbers": [{"home": ["A"], "away": [p]} for p in ("X", "Y", "Z")],
        }
    )
    with pytest.raises(InputError) as err:
        lineup_players(fmt, HOME, Lineup(positions={"A": "a1"}), "home")
    assert (err.value.field, err.value.message) == ("home", "a1 would play 3 rubbers (at most 2)")


def test_olympic_lineup_rules() -> None:
    with pytest.raises(InputError) as err:
        lineup_players(OLYMPIC, HOME, Lineup(positions={"A": "a1", "B": "b1"}), "home")
    assert err.value.field == "home.positions.C"
    with pytest.raises(InputError) as err:
        lineup_players(OLYMPIC, HOME, Lineup(positions={"A": "a1", "B": "a1", "C": "c1"}), "home")
    assert err.value.field == "home.positions.B"
    with pytest.raises(InputError) as err:
        lineup_players(
            OLYMPIC, HOME, Lineup(positions={"A": "a", "B": "b", "C": "c", "X": "x"}), "home"
        )
    assert err.value.field == "home.positions.X"
    with pytest.raises(InputError) as err:
        tie_state(OLYMPIC, HOME_ABC, Lineup(positions={"X": "a1", "Y": "y", "Z": "z"}), [])
    assert "also in the home team" in err.value.message


def test_corbillon_doubles_named_per_tie_and_needed_before_play() -> None:
    home = Lineup(positions={"A": "a1", "B": "b1"}, named={2: ("a1", "d1")})
    away = Lineup(positions={"X": "x1", "Y": "y1"})
    state = tie_state(CORBILLON, home, away, [WIN, LOSS])
    assert state.rubbers[1].home == ("b1",)
    assert state.next_rubber == 2
    with pytest.raises(InputError) as err:
        tie_state(CORBILLON, home, away, [WIN, LOSS, WIN])
    assert err.value.field == "away.rubbers.2"


def test_custom_format_round_trips_and_runs() -> None:
    for fmt in FORMATS.values():
        assert parse_format(format_json(fmt)) == fmt
    club = parse_format(
        {
            "name": "club-4",
            "home_positions": ["A", "B"],
            "away_positions": ["X", "Y"],
            "target": 3,
            "rubbers": [
                {"home": ["A"], "away": ["X"]},
                {"home": ["B"], "away": ["Y"]},
                {"home": ["A", "B"], "away": ["X", "Y"], "best_of": 3},
                {"home": ["A"], "away": ["Y"]},
                {"home": ["B"], "away": ["X"]},
            ],
        }
    )
    home = Lineup(positions={"A": "a", "B": "b"})
    away = Lineup(positions={"X": "x", "Y": "y"})
    state = tie_state(club, home, away, [LOSS, LOSS, [(11, 3), (11, 3)], WIN, WIN])
    assert state.decided and state.winner == HOME and state.rubbers_won == (3, 2)


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ("olympics", "format"),
        ({"rubbers": []}, "format.rubbers"),
        ({"rubbers": [{"home": ["Q"], "away": ["X"]}]}, "format.rubbers[0].home[0]"),
        ({"rubbers": [{"home": ["A"], "away": ["X"], "best_of": 4}]}, "format.rubbers[0].best_of"),
        (
            {"rubbers": [{"home": ["A"], "away": ["X"], "not_with": [0]}]},
            "format.rubbers[0].not_with[0]",
        ),
        (
            {"rubbers": [{"home": [{"gender": "F"}], "away": ["X"]}]},
            "format.rubbers[0].home[0].gender",
        ),
        ({"win_by": "points", "rubbers": [{"home": ["A"], "away": ["X"]}]}, "format.win_by"),
    ],
)
def test_bad_custom_formats_name_the_field(raw: object, field: str) -> None:
    with pytest.raises(InputError) as err:
        parse_format(raw)
    assert err.value.field == field


@given(st.lists(st.booleans(), min_size=0, max_size=12), st.sampled_from(["olympic", "swaythling"]))
def test_a_tie_never_accepts_a_rubber_after_it_is_decided(wins: list[bool], name: str) -> None:
    fmt = FORMATS[name]
    results = [WIN if w else LOSS for w in wins][: len(fmt.rubbers)]
    home_won = away_won = 0
    cut = len(results)
    for i, w in enumerate(wins[: len(fmt.rubbers)]):
        home_won, away_won = home_won + w, away_won + (not w)
        if max(home_won, away_won) == fmt.target:
            cut = i + 1
            break
    state = tie_state(fmt, HOME_ABC, AWAY_XYZ, results[:cut])
    assert state.decided == (max(state.rubbers_won) == fmt.target)
    assert max(state.rubbers_won) <= fmt.target
    if cut < len(results):
        with pytest.raises(InputError):
            tie_state(fmt, HOME_ABC, AWAY_XYZ, results[: cut + 1])
