"""Group standings by ITTF Regulation 3.7.5. Expected orders are worked out by hand in comments."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smallball.competition.standings import (
    Count,
    GroupMatch,
    GroupRules,
    Outcome,
    Unfinished,
    count,
    ratio,
    standings,
)
from smallball.competition.standings_codec import parse_group
from smallball.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures"
Games = list[tuple[int, int]]

# Games that win 3-0 and 3-1 for the first named side, for building rubbers quickly.
THREE_NIL: Games = [(11, 1), (11, 1), (11, 1)]
NIL_THREE: Games = [(1, 11), (1, 11), (1, 11)]


def played(a: str, b: str, games: Games) -> GroupMatch:
    a_games = sum(1 for x, y in games if x > y)
    winner = a if a_games > len(games) - a_games else b
    return GroupMatch(a=a, b=b, winner=winner, games=tuple(games))


def order(result: object) -> list[str]:
    return [row.entry for row in result.rows]  # type: ignore[attr-defined]


def ranks(result: object) -> dict[str, int]:
    return {row.entry: row.rank for row in result.rows}  # type: ignore[attr-defined]


def mps(result: object) -> dict[str, int]:
    return {row.entry: row.match_points for row in result.rows}  # type: ignore[attr-defined]


# -- 3.7.5.1: match points ---------------------------------------------------------------


def test_example_fixture_worked_out_from_the_regulations() -> None:
    data = json.loads((FIXTURES / "standings-group.in.json").read_text())
    expected = json.loads((FIXTURES / "standings-group.expected.json").read_text())
    result = standings(*parse_group(data))
    assert order(result) == expected["order"]
    assert [list(b) for b in result.needs_lot] == expected["needs_lot"]
    assert mps(result) == expected["match_points"]


def test_match_points_two_for_a_win_one_for_a_played_loss_zero_unplayed() -> None:
    entries = ["A", "B", "C", "D", "E", "F", "G", "H"]
    matches = [
        played("A", "B", [(11, 5), (11, 5), (11, 5)]),
        GroupMatch("C", "D", winner="C", outcome=Outcome.WALKOVER),
        GroupMatch("E", "F", winner="E", outcome=Outcome.RETIRED, games=((11, 3), (4, 2))),
        GroupMatch("G", "H", winner="H", outcome=Outcome.DISQUALIFIED, games=((11, 3),)),
    ]
    points = mps(standings(entries, matches))
    assert points == {"A": 2, "B": 1, "C": 2, "D": 0, "E": 2, "F": 0, "G": 0, "H": 2}


def test_double_walkover_is_a_loss_for_both_with_no_match_point() -> None:
    # A and B never came to their match; A beat C 3-0, C beat B 3-1.
    entries = ["A", "B", "C"]
    matches = [
        GroupMatch("A", "B", winner=None, outcome=Outcome.WALKOVER),
        played("A", "C", THREE_NIL),
        played("C", "B", [(11, 4), (9, 11), (11, 4), (11, 4)]),
    ]
    result = standings(entries, matches)
    rows = {r.entry: r for r in result.rows}
    assert mps(result) == {"A": 2, "B": 1, "C": 3}
    assert order(result) == ["C", "A", "B"]
    assert (rows["A"].won, rows["A"].lost, rows["B"].won, rows["B"].lost) == (1, 1, 0, 2)
    # Nothing is awarded for the ratios, under any policy: no one won it.
    for policy in Unfinished:
        counted = standings(entries, matches, GroupRules(unfinished=policy))
        a = next(r for r in counted.rows if r.entry == "A")
        assert (a.games_won, a.games_lost, a.points_won, a.points_lost) == (3, 0, 33, 3)
    assert count(matches[0], GroupRules()) == Count((0, 0), (0, 0), (0, 0))


def test_only_a_walkover_can_have_no_winner() -> None:
    for outcome in (Outcome.PLAYED, Outcome.RETIRED, Outcome.DISQUALIFIED):
        with pytest.raises(InputError) as caught:
            standings(["A", "B"], [GroupMatch("A", "B", winner=None, outcome=outcome)])
        assert caught.value.field == "matches[0].winner"


def test_double_walkover_read_from_json() -> None:
    group = {"entries": ["A", "B"], "matches": [{"a": "A", "b": "B", "double_walkover": True}]}
    entries, matches, rules = parse_group(group)
    assert matches[0].winner is None and matches[0].outcome is Outcome.WALKOVER
    assert mps(standings(entries, matches, rules)) == {"A": 0, "B": 0}
    for match, field in (
        ({"a": "A", "b": "B", "double_walkover": False}, "matches[0].double_walkover"),
        ({"a": "A", "b": "B", "double_walkover": True, "games": [[11, 3]]}, "matches[0].games"),
        (
            {"a": "A", "b": "B", "walkover": "A", "double_walkover": True},
            "matches[0].double_walkover",
        ),
    ):
        with pytest.raises(InputError) as caught:
            standings(*parse_group({"entries": ["A", "B"], "matches": [match]}))
        assert caught.value.field == field


def test_order_is_by_match_points_first() -> None:
    # A beats everyone, B beats C, C loses all: 4, 3, 2 match points; no tie to break.
    result = standings(
        ["C", "B", "A"],
        [
            played("A", "B", [(11, 5), (11, 5), (11, 5)]),
            played("A", "C", [(11, 5), (11, 5), (11, 5)]),
            played("B", "C", [(5, 11), (11, 5), (11, 5), (11, 5)]),
        ],
    )
    assert order(result) == ["A", "B", "C"]
    assert [r.rank for r in result.rows] == [1, 2, 3]
    assert result.needs_lot == ()


# -- 3.7.5.2: among the tied only, ratios not differences ---------------------------------


def test_points_ratio_not_difference() -> None:
    # X beat Y 3-1, Y beat P 3-1, P beat X 3-1; Q lost all three (played): X, Y, P on 5.
    # Among them: match points 3 each, games 4/4 each. Points:
    #   X v Y 11-0 11-0 0-11 11-0  -> X 33, Y 11
    #   Y v P 11-0 11-0 5-11 11-0  -> Y 38, P 11
    #   P v X 11-0 20-18 18-20 20-18 -> P 69, X 56
    #   X 89/80 = 1.1125 (difference +9), Y 49/44 = 1.1136 (+5), P 80/94 (-14).
    # By ratio Y is first although X has the larger difference.
    q_loses = [(11, 2), (11, 2), (11, 2)]
    result = standings(
        ["X", "Y", "P", "Q"],
        [
            played("X", "Y", [(11, 0), (11, 0), (0, 11), (11, 0)]),
            played("Y", "P", [(11, 0), (11, 0), (5, 11), (11, 0)]),
            played("P", "X", [(11, 0), (20, 18), (18, 20), (20, 18)]),
            played("X", "Q", q_loses),
            played("Y", "Q", q_loses),
            played("P", "Q", q_loses),
        ],
    )
    assert order(result) == ["Y", "X", "P", "Q"]
    assert any("49/44" in s and "89/80" in s for s in result.steps)


def test_team_rubbers_ratio_comes_before_games_and_is_a_ratio() -> None:
    # X beat Y 3-0, Y beat Z 3-2, Z beat X 3-1 (rubbers): 3 each among them.
    # Rubbers: X 4/3 = 1.333 (+1), Z 5/4 = 1.25 (+1), Y 3/5 = 0.6 (-2).
    # The differences would leave X and Z level; the ratios place X first.
    def tie(a: str, b: str, won: int, lost: int) -> GroupMatch:
        rubbers = [THREE_NIL] * won + [NIL_THREE] * lost
        return GroupMatch(a=a, b=b, winner=a, rubbers=tuple(tuple(r) for r in rubbers))

    result = standings(
        ["Y", "Z", "X"],
        [tie("X", "Y", 3, 0), tie("Y", "Z", 3, 2), tie("Z", "X", 3, 1)],
        GroupRules(team=True),
    )
    assert order(result) == ["X", "Z", "Y"]
    rows = {r.entry: r for r in result.rows}
    assert (rows["X"].rubbers_won, rows["X"].rubbers_lost) == (4, 3)
    assert (rows["Z"].rubbers_won, rows["Z"].rubbers_lost) == (5, 4)
    assert any(s.startswith("Y, Z and X: rubbers ratio") for s in result.steps)


def test_head_to_head_decides_a_two_way_tie() -> None:
    # A and B both 3 (one win each). A beat B, so A is above B whatever the other scores.
    result = standings(
        ["B", "A", "C"],
        [
            played("A", "B", [(11, 9), (9, 11), (11, 9), (9, 11), (11, 9)]),
            played("B", "C", [(11, 0), (11, 0), (11, 0)]),
            played("C", "A", [(11, 0), (11, 0), (11, 0)]),
        ],
    )
    # C: beat A, lost B = 3 as well, so all three are level: a cycle. Games among them:
    # A 3/2 + 0/3 = 3/5, B 2/3 + 3/0 = 5/3, C 0/3 + 3/0 = 3/3 -> B, C, A.
    assert order(result) == ["B", "C", "A"]
    two = standings(["B", "A"], [played("A", "B", [(11, 9), (9, 11), (11, 9), (9, 11), (11, 9)])])
    assert order(two) == ["A", "B"]


# -- 3.7.5.3: placed members' matches removed, restart from match points ---------------------


def test_three_way_tie_restarts_on_the_two_still_level() -> None:
    # The fixture: CHN, USA, JPN each 1-1 among them, games 4/4 each; points ratio places USA
    # third (73/79) and leaves CHN and JPN level at 81/78. Restarting between the two only,
    # JPN beat CHN, so JPN first: the restart decides, not a lot.
    data = json.loads((FIXTURES / "standings-group.in.json").read_text())
    result = standings(*parse_group(data))
    assert order(result)[:3] == ["JPN-1", "CHN-1", "USA-1"]
    assert any("3.7.5.3" in s and "CHN-1 and JPN-1" in s for s in result.steps)
    assert result.needs_lot == ()


def test_four_way_tie_splits_in_two_pairs_each_restarting_with_ignore_policy() -> None:
    # Among A, B, C, D (4 match points each):
    #   A beat C 3-0 and D 3-0, lost to B by walkover        -> 2+2+0
    #   B beat A by walkover and C 3-0, lost to D by walkover -> 2+2+0
    #   C beat D 3-1, lost to A and B in play                 -> 2+1+1
    #   D beat B by walkover, lost to A and C in play         -> 2+1+1
    # Walkovers ignored for games: A 6/0 and B 3/0 are both infinite; C 3/7, D 1/6.
    # C and D are placed by games ratio; A and B restart: B beat A (walkover), 2 v 0.
    w = Outcome.WALKOVER
    matches = [
        played("A", "C", [(11, 5)] * 3),
        played("A", "D", [(11, 5)] * 3),
        GroupMatch("A", "B", winner="B", outcome=w),
        played("B", "C", [(11, 5)] * 3),
        GroupMatch("B", "D", winner="D", outcome=w),
        played("C", "D", [(11, 5), (5, 11), (11, 5), (11, 5)]),
    ]
    result = standings(["A", "B", "C", "D"], matches, GroupRules(unfinished=Unfinished.IGNORE))
    assert set(mps(result).values()) == {4}
    assert order(result) == ["B", "A", "C", "D"]
    assert any("A 6/0 = infinite" in s and "B 3/0 = infinite" in s for s in result.steps)
    assert sum("3.7.5.3" in s for s in result.steps) == 1


def test_four_way_tie_with_match_points_among_them_then_head_to_head() -> None:
    # A, B, C, D, E. Among A-D: A beat B and C, lost D; B beat C and D; C beat D; so wins
    # 2, 2, 1, 1 -> match points among them 5, 5, 4, 4. E beat A and B in play and lost to
    # C and D by walkover: A, B, C, D all on 6, E on 4.
    # Split {A, B} above {C, D}; restart each pair: A beat B, C beat D.
    g = [(11, 7)] * 3
    w = Outcome.WALKOVER
    matches = [
        played("A", "B", g),
        played("A", "C", g),
        played("D", "A", g),
        played("B", "C", g),
        played("B", "D", g),
        played("C", "D", g),
        played("E", "A", g),
        played("E", "B", g),
        GroupMatch("C", "E", winner="C", outcome=w),
        GroupMatch("D", "E", winner="D", outcome=w),
    ]
    result = standings(["D", "C", "B", "A", "E"], matches)
    assert mps(result) == {"A": 6, "B": 6, "C": 6, "D": 6, "E": 4}
    assert order(result) == ["A", "B", "C", "D", "E"]
    assert [r.rank for r in result.rows] == [1, 2, 3, 4, 5]


# -- 3.7.5.4: lots -------------------------------------------------------------------------


def test_perfectly_symmetric_cycle_needs_a_lot_and_shares_the_rank() -> None:
    g = [(11, 7), (7, 11), (11, 7), (11, 7)]
    result = standings(
        ["A", "B", "C", "D"],
        [
            played("A", "B", g),
            played("B", "C", g),
            played("C", "A", g),
            played("A", "D", g),
            played("B", "D", g),
            played("C", "D", g),
        ],
    )
    assert result.needs_lot == (("A", "B", "C"),)
    assert ranks(result) == {"A": 1, "B": 1, "C": 1, "D": 4}
    assert "lot" in result.steps[-1]


def test_entries_that_have_not_met_need_a_lot() -> None:
    # A group in progress: P5 and P6 each beat P7, and have not met each other yet.
    g = [(11, 7)] * 3
    result = standings(["P5", "P6", "P7"], [played("P5", "P7", g), played("P6", "P7", g)])
    assert result.needs_lot == (("P5", "P6"),)
    assert ranks(result) == {"P5": 1, "P6": 1, "P7": 3}


# -- unplayed and unfinished matches in the ratios ----------------------------------------


def test_ratio_keys() -> None:
    assert ratio(3, 0) > ratio(1000, 1)
    assert ratio(0, 0) == ratio(5, 5)
    assert ratio(0, 1) < ratio(0, 0) < ratio(2, 1)
    assert ratio(2, 4) == (0, Fraction(1, 2))


RETIRED = GroupMatch("E", "F", winner="E", outcome=Outcome.RETIRED, games=((11, 3), (4, 2)))


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        # award: 11-3 stands, 4-2 completed to 11-2, one more game 11-0 -> 3-0, 33-5
        (Unfinished.AWARD, Count((0, 0), (3, 0), (33, 5))),
        # as played: one finished game, all 20 points scored
        (Unfinished.AS_PLAYED, Count((0, 0), (1, 0), (15, 5))),
        (Unfinished.IGNORE, Count((0, 0), (0, 0), (0, 0))),
    ],
)
def test_retirement_under_each_policy(policy: Unfinished, expected: Count) -> None:
    assert count(RETIRED, GroupRules(unfinished=policy)) == expected


def test_award_completes_a_deuce_game_for_the_winner() -> None:
    # F retires at 12-13 in the second game, 1-0 up in games: E gets 15-13 (2 clear), then
    # two games 11-0.
    m = GroupMatch("E", "F", winner="E", outcome=Outcome.RETIRED, games=((5, 11), (12, 13)))
    assert count(m, GroupRules()) == Count((0, 0), (3, 1), (5 + 15 + 22, 11 + 13))


def test_walkover_award_individual_and_team() -> None:
    wo = GroupMatch("A", "B", winner="B", outcome=Outcome.WALKOVER)
    assert count(wo, GroupRules()) == Count((0, 0), (0, 3), (0, 33))
    assert count(wo, GroupRules(best_of=7)) == Count((0, 0), (0, 4), (0, 44))
    assert count(wo, GroupRules(team=True)) == Count((0, 3), (0, 9), (0, 99))
    assert count(wo, GroupRules(unfinished=Unfinished.AS_PLAYED)) == Count((0, 0), (0, 0), (0, 0))


def test_team_retirement_award_keeps_played_rubbers() -> None:
    # B retires during rubber 3 at 1-1 in games, having won rubber 2: A gets rubber 3 and 4.
    m = GroupMatch(
        "A",
        "B",
        winner="A",
        outcome=Outcome.RETIRED,
        rubbers=(tuple(THREE_NIL), tuple(NIL_THREE), ((11, 5), (5, 11), (3, 1))),
    )
    c = count(m, GroupRules(team=True))
    assert c.rubbers == (3, 1)
    assert c.games == (3 + 0 + 3 + 3, 0 + 3 + 1 + 0)


def test_walkover_changes_ratios_by_policy_in_a_tie() -> None:
    # A beat B 3-2 in play, B beat C by walkover, C beat A 3-0: A 2+1 = 3, B 1+2 = 3,
    # C 0+2 = 2. C is third on match points; A is above B on match points between the two
    # (A beat B). The policy for unplayed matches must not change that.
    matches = [
        played("A", "B", [(11, 9), (9, 11), (11, 9), (9, 11), (11, 9)]),
        GroupMatch("B", "C", winner="B", outcome=Outcome.WALKOVER),
        played("C", "A", [(11, 9)] * 3),
    ]
    for policy in Unfinished:
        result = standings(["A", "B", "C"], matches, GroupRules(unfinished=policy))
        assert order(result) == ["A", "B", "C"]
        assert mps(result) == {"A": 3, "B": 3, "C": 2}


# -- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("matches", "field"),
    [
        ([GroupMatch("A", "A", winner="A", outcome=Outcome.WALKOVER)], "matches[0].b"),
        ([GroupMatch("A", "Z", winner="A", outcome=Outcome.WALKOVER)], "matches[0].b"),
        ([played("A", "B", [(11, 10), (11, 0), (11, 0)])], "matches[0].games[0]"),
        ([played("A", "B", [(12, 5), (11, 0), (11, 0)])], "matches[0].games[0]"),
        ([played("A", "B", [(11, 0), (11, 0)])], "matches[0].games"),
        ([played("A", "B", [(11, 0), (11, 0), (11, 0), (11, 0)])], "matches[0].games[3]"),
        (
            [
                GroupMatch("A", "B", winner="A", outcome=Outcome.WALKOVER),
                GroupMatch("B", "A", winner="A", outcome=Outcome.WALKOVER),
            ],
            "matches[1]",
        ),
        ([GroupMatch("A", "B", winner="C", outcome=Outcome.WALKOVER)], "matches[0].winner"),
        (
            [GroupMatch("A", "B", winner="B", games=((11, 0), (11, 0), (11, 0)))],
            "matches[0].winner",
        ),
        (
            [GroupMatch("A", "B", winner="B", outcome=Outcome.RETIRED, games=((11, 0),) * 3)],
            "matches[0].games",
        ),
    ],
)
def test_bad_matches_name_the_field(matches: list[GroupMatch], field: str) -> None:
    with pytest.raises(InputError) as err:
        standings(["A", "B", "C"], matches)
    assert err.value.field == field


# -- properties ------------------------------------------------------------------------------

GAME = st.sampled_from([(11, 0), (11, 9), (12, 10), (11, 5), (0, 11), (9, 11), (10, 12), (6, 11)])


@st.composite
def groups(draw: st.DrawFn) -> tuple[list[str], list[GroupMatch], GroupRules]:
    size = draw(st.integers(2, 6))
    entries = [f"E{i}" for i in range(size)]
    matches = []
    for i in range(size):
        for j in range(i + 1, size):
            if draw(st.integers(0, 9)) == 0:
                continue  # not played yet
            a, b = entries[i], entries[j]
            kind = draw(st.sampled_from(["played"] * 6 + ["walkover", "retired", "double"]))
            if kind == "double":
                matches.append(GroupMatch(a, b, winner=None, outcome=Outcome.WALKOVER))
                continue
            if kind == "walkover":
                matches.append(
                    GroupMatch(a, b, winner=draw(st.sampled_from([a, b])), outcome=Outcome.WALKOVER)
                )
                continue
            games: Games = []
            won = [0, 0]
            while max(won) < 3:
                g = draw(GAME)
                games.append(g)
                won[0 if g[0] > g[1] else 1] += 1
            if kind == "retired":
                cut = draw(st.integers(0, len(games) - 1))
                games = games[:cut]
                matches.append(
                    GroupMatch(
                        a,
                        b,
                        winner=draw(st.sampled_from([a, b])),
                        outcome=Outcome.RETIRED,
                        games=tuple(games),
                    )
                )
            else:
                matches.append(played(a, b, games))
    policy = draw(st.sampled_from(list(Unfinished)))
    return entries, matches, GroupRules(unfinished=policy)


@settings(max_examples=150, deadline=None)
@given(groups(), st.randoms(use_true_random=False))
def test_standings_properties(
    group: tuple[list[str], list[GroupMatch], GroupRules], rnd: object
) -> None:
    entries, matches, rules = group
    result = standings(entries, matches, rules)
    names = [r.entry for r in result.rows]
    assert sorted(names) == sorted(entries)
    unplayed = sum(m.outcome is not Outcome.PLAYED and m.winner is not None for m in matches)
    doubles = sum(m.winner is None for m in matches)
    played_out = len(matches) - unplayed - doubles
    assert sum(r.match_points for r in result.rows) == 3 * played_out + 2 * unplayed
    # every match is a loss for someone, a double walkover for both
    assert sum(r.won for r in result.rows) == len(matches) - doubles
    assert sum(r.lost for r in result.rows) == len(matches) + doubles
    # rows are in match-point order; ranks are 1 + the entries above, shared only in lots
    assert all(
        x.match_points >= y.match_points for x, y in zip(result.rows, result.rows[1:], strict=False)
    )
    for i, row in enumerate(result.rows):
        first = next(j for j, r in enumerate(result.rows) if r.rank == row.rank)
        assert row.rank == first + 1
        assert row.rank <= i + 1
    shared = {r.rank for r in result.rows if sum(x.rank == r.rank for x in result.rows) > 1}
    lot_ranks = {ranks(result)[b[0]] for b in result.needs_lot}
    assert shared == lot_ranks
    # a 2-way tie on match points between entries that met goes to the winner of that match
    by_mp: dict[int, list[str]] = {}
    for r in result.rows:
        by_mp.setdefault(r.match_points, []).append(r.entry)
    for level in by_mp.values():
        if len(level) == 2:
            met = [m for m in matches if {m.a, m.b} == set(level)]
            if met and met[0].winner is not None and met[0].loser is not None:
                assert names.index(met[0].winner) < names.index(met[0].loser)
    # the order does not depend on the order entries or matches are listed in
    shuffled_entries = list(entries)
    shuffled_matches = list(matches)
    rnd.shuffle(shuffled_entries)  # type: ignore[attr-defined]
    rnd.shuffle(shuffled_matches)  # type: ignore[attr-defined]
    again = standings(shuffled_entries, shuffled_matches, rules)
    assert ranks(again) == ranks(result)
    assert {frozenset(b) for b in again.needs_lot} == {frozenset(b) for b in result.needs_lot}


@settings(max_examples=150, deadline=None)
@given(groups())
def test_every_step_is_worded_in_chinese(
    group: tuple[list[str], list[GroupMatch], GroupRules],
) -> None:
    from helpers import english_left

    entries, matches, rules = group
    steps = standings(entries, matches, rules).steps
    assert {step: left for step in steps if (left := english_left(step))} == {}


def test_steps_name_entries_as_the_page_does() -> None:
    from smallball.i18n import translations
    from smallball.words import localize

    matches = [
        played("1", "2", [(11, 5), (11, 5), (11, 5)]),
        played("2", "3", [(11, 5), (11, 5), (11, 5)]),
        played("3", "1", [(11, 5), (11, 5), (11, 5)]),
    ]
    steps = list(standings(["1", "2", "3"], matches).steps)
    names = {"1": "王楠", "2": "Ma Long", "3": "张怡宁"}
    chinese = localize(steps, translations("zh_CN").gettext, names)
    assert chinese[0] == "积分：王楠 3、Ma Long 3、张怡宁 3。"  # type: ignore[index]
    assert chinese[1].startswith("王楠、Ma Long和张怡宁同为 3 积分")  # type: ignore[index]
    english = localize(steps, translations("en").gettext, names)
    assert english[1].startswith("王楠, Ma Long and 张怡宁 level on 3 match points")  # type: ignore[index]
    assert steps[1].startswith("1, 2 and 3 level on 3 match points")
