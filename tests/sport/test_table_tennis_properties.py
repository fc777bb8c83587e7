"""Properties of the table tennis fold over random matches (hypothesis)."""

from __future__ import annotations

import itertools
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from oracle import expected_rallies

from smallball.sport import (
    RALLY_A,
    RALLY_B,
    UNDO,
    Card,
    Event,
    Expedite,
    MatchSetup,
    Side,
    TableTennis,
    Timeout,
    fold,
    replay,
)
from smallball.sport.table_tennis import serving_side

TT = TableTennis()


@st.composite
def matches(draw: st.DrawFn) -> tuple[MatchSetup, list[str]]:
    """A setup and the rally winners of a finished match (no other events)."""
    is_doubles = draw(st.booleans())
    sides = (("A1", "A2"), ("B1", "B2")) if is_doubles else (("A1",), ("B1",))
    best_of = draw(st.sampled_from([1, 3, 5, 7]))
    serving = draw(st.sampled_from([0, 1]))
    first_server = draw(st.sampled_from(sides[serving]))
    first_receiver = draw(st.sampled_from(sides[1 - serving])) if is_doubles else None
    setup = MatchSetup(
        sides=sides, first_server=first_server, first_receiver=first_receiver, best_of=best_of
    )
    choices = {}
    if is_doubles:
        for game in range(2, best_of + 1):
            choices[game] = draw(st.sampled_from(sides[serving_side(setup, game)]))
    setup = MatchSetup(
        sides=sides,
        first_server=first_server,
        first_receiver=first_receiver,
        best_of=best_of,
        game_first_servers=choices,
    )
    # Biased winners give both lopsided games and long deuces.
    bias = draw(st.floats(0.2, 0.8))
    coin = draw(st.randoms(use_true_random=False))
    scorer = TT.start(setup)
    winners: list[str] = []
    while scorer.status == "in_progress":
        w = "A" if coin.random() < bias else "B"
        scorer.apply(RALLY_A if w == "A" else RALLY_B)
        winners.append(w)
    return setup, winners


def events_of(winners: list[str]) -> list[Event]:
    return [RALLY_A if w == "A" else RALLY_B for w in winners]


@settings(max_examples=150, deadline=None)
@given(matches())
def test_games_end_exactly_when_the_laws_say(match: tuple[MatchSetup, list[str]]) -> None:
    setup, winners = match
    result = replay(TT, setup, events_of(winners))
    by_game: dict[int, list[tuple[int, int]]] = {}
    for rally in result.rallies:
        by_game.setdefault(rally.game, []).append(rally.score_after)
    for game, scores in by_game.items():
        final = scores[-1]
        assert max(final) >= 11 and abs(final[0] - final[1]) >= 2
        for a, b in scores[:-1]:
            assert not (max(a, b) >= 11 and abs(a - b) >= 2), (game, a, b)
        assert result.state.games[game - 1] == final
    won = Counter(Side.A if a > b else Side.B for a, b in result.state.games)
    assert result.state.winner is not None
    assert won[result.state.winner] == setup.best_of // 2 + 1


@settings(max_examples=150, deadline=None)
@given(matches())
def test_server_and_receiver_follow_the_laws(match: tuple[MatchSetup, list[str]]) -> None:
    setup, winners = match
    result = replay(TT, setup, events_of(winners))
    expected = expected_rallies(
        [list(s) for s in setup.sides],
        setup.best_of,
        setup.first_server,
        setup.first_receiver or setup.sides[1 - setup.side_of(setup.first_server)][0],
        dict(setup.game_first_servers),
        winners,
    )
    got = [(r.game, r.server, r.receiver) for r in result.rallies]
    assert got == [(e.game, e.server, e.receiver) for e in expected]


@settings(max_examples=150, deadline=None)
@given(matches())
def test_each_player_serves_the_right_number_of_points(
    match: tuple[MatchSetup, list[str]],
) -> None:
    setup, winners = match
    result = replay(TT, setup, events_of(winners))
    for game in range(1, len(result.state.games) + 1):
        rallies = [r for r in result.rallies if r.game == game]
        per_side = Counter(setup.side_of(r.server) for r in rallies)
        t = len(rallies)
        # Before 10-10 the sides alternate in blocks of two, then one each.
        regular = min(t, 20)
        first = setup.side_of(rallies[0].server)
        expected_first = sum(1 for i in range(regular) if (i // 2) % 2 == 0)
        expected_first += sum(1 for i in range(t - regular) if i % 2 == 0)
        assert per_side[first] == expected_first
        assert per_side[first.other] == t - expected_first


@settings(max_examples=150, deadline=None)
@given(matches())
def test_doubles_cycle_and_later_game_receiver(match: tuple[MatchSetup, list[str]]) -> None:
    setup, winners = match
    if not setup.doubles:
        return
    rallies = replay(TT, setup, events_of(winners)).rallies
    for prev, cur in itertools.pairwise(rallies):
        switched_here = prev.switch_ends_after and prev.game == cur.game
        if prev.game == cur.game and prev.server != cur.server and not switched_here:
            # Law 2.13.5: previous receiver serves, partner of previous server receives.
            assert cur.server == prev.receiver
            assert cur.receiver == setup.partner(prev.server)
        if cur.game == prev.game + 1:
            served_to = {r.receiver: r.server for r in rallies if r.game == prev.game}
            assert cur.receiver == served_to[cur.server]
            first_of_prev = next(r for r in rallies if r.game == prev.game)
            assert setup.side_of(cur.receiver) == setup.side_of(first_of_prev.server)


@settings(max_examples=150, deadline=None)
@given(matches())
def test_switch_at_five_once_and_only_in_the_last_possible_game(
    match: tuple[MatchSetup, list[str]],
) -> None:
    setup, winners = match
    result = replay(TT, setup, events_of(winners))
    n_games = len(result.state.games)
    for game in range(1, n_games + 1):
        rallies = [r for r in result.rallies if r.game == game]
        mid_game = [r for r in rallies[:-1] if r.switch_ends_after]
        if game == setup.best_of:
            first_five = next(r for r in rallies if max(r.score_after) == 5)
            assert mid_game == [first_five]
        else:
            assert mid_game == []
        assert rallies[-1].switch_ends_after == (game < n_games)


@settings(max_examples=150, deadline=None)
@given(matches(), st.data())
def test_undo_of_any_event_restores_the_state_before_it(
    match: tuple[MatchSetup, list[str]], data: st.DataObject
) -> None:
    setup, winners = match
    events = events_of(winners)
    extra = data.draw(
        st.sampled_from([Timeout(Side.A), Card(Side.B), Expedite(requested=True), None])
    )
    cut = data.draw(st.integers(0, len(events) - 1))
    prefix = events[:cut]
    if extra is not None:
        prefix = [*prefix, extra]
    before = fold(TT, setup, prefix)
    if before.over:
        return
    nxt = events[cut]
    assert fold(TT, setup, [*prefix, nxt, UNDO]) == before
    assert replay(TT, setup, [*prefix, nxt, UNDO]) == replay(TT, setup, prefix)


@settings(max_examples=100, deadline=None)
@given(matches(), st.data())
def test_expedite_keeps_the_sequence_and_lasts_to_the_end(
    match: tuple[MatchSetup, list[str]], data: st.DataObject
) -> None:
    setup, winners = match
    events = events_of(winners)
    at = data.draw(st.integers(0, len(events) - 1))
    scorer = TT.start(setup)
    for event in events[:at]:
        scorer.apply(event)
    if scorer.a + scorer.b >= 18:
        return
    server_before = scorer.next_service()[0]
    with_expedite: list[Event] = [*events[:at], Expedite(interrupted_rally=True), *events[at:]]
    result = replay(TT, setup, with_expedite)
    later = result.rallies[at:]
    assert later[0].server == server_before
    for prev, cur in itertools.pairwise(later):
        if prev.game == cur.game and not prev.switch_ends_after:
            assert cur.server == prev.receiver  # one serve each, same sequence
    assert result.state.expedite
