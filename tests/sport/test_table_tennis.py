"""Table tennis laws, one test per point of shared/rules/table-tennis.md §1–3 and §9."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smallball.errors import InputError
from smallball.sport import (
    RALLY_A,
    RALLY_B,
    Card,
    Event,
    Expedite,
    MatchSetup,
    Retirement,
    Side,
    TableTennis,
    Timeout,
    Walkover,
    fold,
    replay,
)
from smallball.sport.codec import parse_events, parse_setup, replay_json

TT = TableTennis()
SINGLES = MatchSetup(sides=(("P",), ("Q",)), first_server="P", best_of=5)
FIXTURES = Path(__file__).parent / "fixtures"


def rallies(pattern: str) -> list[Event]:
    return [RALLY_A if c == "A" else RALLY_B for c in pattern]


def doubles(best_of: int = 5, **choices: str) -> MatchSetup:
    return MatchSetup(
        sides=(("A", "B"), ("X", "Y")),
        first_server="A",
        first_receiver="X",
        best_of=best_of,
        game_first_servers={int(k[1:]): v for k, v in choices.items()},
    )


def services(setup: MatchSetup, events: list[Event]) -> list[tuple[int, str, str]]:
    return [(r.game, r.server, r.receiver) for r in replay(TT, setup, events).rallies]


def test_game_goes_to_eleven() -> None:
    state = fold(TT, SINGLES, rallies("A" * 11))
    assert state.games == ((11, 0),)
    assert state.game == 2 and state.score == (0, 0)


def test_from_ten_all_a_lead_of_two_is_needed() -> None:
    events = rallies("AB" * 10 + "A")  # 11-10: not over
    assert fold(TT, SINGLES, events).games == ()
    assert fold(TT, SINGLES, [*events, RALLY_A]).games == ((12, 10),)


def test_best_of_five_ends_at_three_games() -> None:
    state = fold(TT, SINGLES, rallies("A" * 33))
    assert state.status == "completed" and state.winner is Side.A
    assert state.games == ((11, 0),) * 3 and state.server is None


def test_exactly_three_games_plays_all_three() -> None:
    setup = MatchSetup(sides=(("P",), ("Q",)), first_server="P", best_of=3, play_all_games=True)
    after_two = fold(TT, setup, rallies("A" * 22))
    assert after_two.status == "in_progress" and after_two.game == 3
    final = fold(TT, setup, rallies("A" * 22 + "B" * 11))
    assert final.games == ((11, 0), (11, 0), (0, 11)) and final.winner is Side.A


def test_service_changes_every_two_points_then_every_point_from_ten_all() -> None:
    log = services(SINGLES, rallies("AB" * 11))
    servers = [s for _, s, _ in log]
    assert servers[:20] == ["P", "P", "Q", "Q"] * 5
    assert servers[20:] == ["P", "Q"]


def test_first_server_of_a_game_receives_first_in_the_next() -> None:
    log = services(SINGLES, rallies("A" * 12))
    assert log[0] == (1, "P", "Q") and log[11] == (2, "Q", "P")


def test_worked_example_games_one_to_three() -> None:
    """§1.4: A→X, X→B, B→Y, Y→A; game 2 Y chosen → Y→B; game 3 B chosen → B→Y."""
    setup = doubles(g2="Y", g3="B")
    log = services(setup, rallies("A" * 8 + "A" * 3 + "A" * 8))
    assert [(s, r) for _, s, r in log[0:8:2]] == [("A", "X"), ("X", "B"), ("B", "Y"), ("Y", "A")]
    game2 = [(s, r) for g, s, r in log if g == 2]
    assert game2[0:8:2] == [("Y", "B"), ("B", "X"), ("X", "A"), ("A", "Y")]
    state = fold(TT, setup, rallies("A" * 22))
    assert (state.game, state.server, state.receiver) == (3, "B", "Y")


def test_worked_example_deciding_game_switch_at_five() -> None:
    """§1.4 game 5 starting B→Y: at 4-2 X serves to B; at 5-2 X serves to A."""
    setup = doubles(g2="Y", g3="B", g4="Y", g5="B")
    games_two_all = rallies("A" * 11 + "B" * 11 + "A" * 11 + "B" * 11)
    start = fold(TT, setup, games_two_all)
    assert (start.game, start.server, start.receiver) == (5, "B", "Y")
    game5 = rallies("AABBAA")  # 4-2
    at_4_2 = fold(TT, setup, games_two_all + game5)
    assert (at_4_2.score, at_4_2.server, at_4_2.receiver) == ((4, 2), "X", "B")
    result = replay(TT, setup, [*games_two_all, *game5, RALLY_A])
    assert result.rallies[-1].switch_ends_after is True
    assert (result.state.server, result.state.receiver) == ("X", "A")
    later = services(setup, [*games_two_all, *game5, *rallies("ABBBBBBB")])
    after_switch = [(s, r) for g, s, r in later if g == 5][7:]
    assert after_switch[0] == ("X", "A")
    assert after_switch[1:7:2] == [("A", "Y"), ("Y", "B"), ("B", "X")]


def test_ends_change_after_every_game_but_the_last() -> None:
    result = replay(TT, SINGLES, rallies("A" * 33))
    switches = [i for i, r in enumerate(result.rallies) if r.switch_ends_after]
    assert switches == [10, 21]


def test_singles_deciding_game_changes_ends_at_five_only_once() -> None:
    events = rallies("A" * 22 + "B" * 22 + "ABABABABAB" + "BBBBBB")
    result = replay(TT, SINGLES, events)
    decider = [r for r in result.rallies if r.game == 5]
    flagged = [r.score_after for r in decider if r.switch_ends_after]
    assert flagged == [(5, 4)]


def test_example_fixture_matches_the_laws() -> None:
    data = json.loads((FIXTURES / "rules-replay-doubles.in.json").read_text())
    expected = json.loads((FIXTURES / "rules-replay-doubles.out.json").read_text())
    got = replay_json(replay(TT, parse_setup(data), parse_events(data["events"])))
    for key, value in expected.items():
        assert got[key] == value, key


def test_expedite_one_serve_each_to_the_end_of_the_match() -> None:
    events: list[Event] = [*rallies("AB"), Expedite(), *rallies("A" * 10)]
    log = services(SINGLES, events)
    # After 1-1 (P served both) the receiver of the last rally, Q, serves next.
    assert [s for _, s, _ in log[2:8]] == ["Q", "P", "Q", "P", "Q", "P"]
    state = fold(TT, SINGLES, events)
    assert state.game == 2 and state.expedite is True
    # Game 2 still opens with Q (Law 2.15.5) and alternates every point.
    game2 = [s for g, s, _ in services(SINGLES, [*events, *rallies("AAAA")]) if g == 2]
    assert game2 == ["Q", "P", "Q", "P"]


def test_expedite_interrupting_a_rally_keeps_its_server() -> None:
    events: list[Event] = [RALLY_A, Expedite(interrupted_rally=True)]
    assert fold(TT, SINGLES, events).server == "P"
    events = [RALLY_A, Expedite(interrupted_rally=False)]
    assert fold(TT, SINGLES, events).server == "Q"


def test_expedite_refused_at_eighteen_points_unless_both_ask() -> None:
    events = rallies("AB" * 9)
    with pytest.raises(InputError, match=r"events\[18\].*18 points.*Law 2.15.1"):
        fold(TT, SINGLES, [*events, Expedite()])
    assert fold(TT, SINGLES, [*events, Expedite(requested=True)]).expedite


def test_expedite_cannot_be_introduced_twice() -> None:
    with pytest.raises(InputError, match="already in force"):
        fold(TT, SINGLES, [Expedite(), RALLY_A, Expedite()])


def test_one_time_out_per_side_per_match() -> None:
    state = fold(TT, SINGLES, [Timeout(Side.A), RALLY_A, Timeout(Side.B)])
    assert state.timeouts_taken == (True, True)
    with pytest.raises(InputError, match=r"events\[2\].*side A.*time-out"):
        fold(TT, SINGLES, [Timeout(Side.A), RALLY_A, Timeout(Side.A)])


def test_cards_warn_then_award_one_then_two_points() -> None:
    events: list[Event] = [Card(Side.A)]
    assert fold(TT, SINGLES, events).score == (0, 0)
    events.append(Card(Side.A))
    assert fold(TT, SINGLES, events).score == (0, 1)
    events.append(Card(Side.A))
    state = fold(TT, SINGLES, events)
    assert state.score == (0, 3) and state.penalty_points == (3, 0)
    # Penalty points move the service on like any point: Q serves at 0-3 after 2 each.
    assert state.server == "Q"
    with pytest.raises(InputError, match="referee decides"):
        fold(TT, SINGLES, [*events, Card(Side.A)])


def test_penalty_points_can_end_a_game() -> None:
    events: list[Event] = [*rallies("B" * 10), Card(Side.A), Card(Side.A)]
    state = fold(TT, SINGLES, events)
    assert state.games == ((0, 11),)


def test_walkover_only_before_play() -> None:
    state = fold(TT, SINGLES, [Walkover(Side.B)])
    assert (state.status, state.winner) == ("walkover", Side.B)
    with pytest.raises(InputError, match="retirement"):
        fold(TT, SINGLES, [RALLY_A, Walkover(Side.B)])
    # Neither side came: the match is over with no winner, and nothing follows it.
    state = fold(TT, SINGLES, [Walkover(None)])
    assert (state.status, state.winner, state.games) == ("walkover", None, ())
    with pytest.raises(InputError, match="nobody"):
        fold(TT, SINGLES, [Walkover(None), RALLY_A])


def test_retirement_ends_the_match_for_the_opponent() -> None:
    state = fold(TT, SINGLES, [*rallies("A" * 15), Retirement(Side.A)])
    assert (state.status, state.winner, state.games) == ("retired", Side.B, ((11, 0),))


def test_no_event_after_the_match() -> None:
    with pytest.raises(InputError, match=r"events\[33\].*already over"):
        fold(TT, SINGLES, rallies("A" * 34))


def test_handicap_start_scores() -> None:
    setup = MatchSetup(sides=(("P",), ("Q",)), first_server="P", best_of=3, handicap=(4, 0))
    state = fold(TT, setup, rallies("A" * 7))
    assert state.games == ((11, 0),) and state.score == (4, 0)


@pytest.mark.parametrize(
    ("setup", "field"),
    [
        (MatchSetup(sides=(("P",), ("Q",)), first_server="P", best_of=4), "best_of"),
        (MatchSetup(sides=(("P",), ("Q",)), first_server="Z"), "first_server"),
        (MatchSetup(sides=(("P",), ("Q", "R")), first_server="P"), "sides"),
        (MatchSetup(sides=(("P",), ("P",)), first_server="P"), "sides"),
        (MatchSetup(sides=(("A", "B"), ("X", "Y")), first_server="A"), "first_receiver"),
        (doubles(g2="A"), "game_first_servers.2"),
        (doubles(g3="X"), "game_first_servers.3"),
        (MatchSetup(sides=(("P",), ("Q",)), first_server="P", handicap=(10, 0)), "handicap[0]"),
    ],
)
def test_bad_setups_name_the_field(setup: MatchSetup, field: str) -> None:
    with pytest.raises(InputError) as raised:
        TT.start(setup)
    assert raised.value.field == field


@pytest.mark.parametrize("key", ["x", "²", "٣"])
def test_a_game_key_that_is_not_a_plain_number_names_the_field(key: str) -> None:
    # "²" and "٣" are digits to str.isdigit but not plain game numbers.
    raw = {"sides": [["P", "A"], ["Q", "X"]], "first_server": "P"}
    with pytest.raises(InputError) as raised:
        parse_setup({**raw, "game_first_servers": {key: "A"}})
    assert raised.value.field == f"game_first_servers.{key}"


def test_a_walkover_read_from_json_needs_its_winner_said() -> None:
    assert parse_events([{"type": "walkover", "winner": "B"}]) == [Walkover(Side.B)]
    assert parse_events([{"type": "walkover", "winner": None}]) == [Walkover(None)]
    with pytest.raises(InputError) as missing:
        parse_events([{"type": "walkover"}])
    assert missing.value.field == "events[0].winner"
