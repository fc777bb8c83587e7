from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from smallball.schedule import (
    Instance,
    Match,
    Session,
    lower_bounds,
)
from smallball.schedule.bounds import load_tail
from smallball.schedule.packing import release_times
from smallball.schedule.relax import relaxation_bound, tail_instance

from .oracles import proven_optimum
from .strategies import instances, slow_settings


def test_table_load_uses_session_time_only() -> None:
    # 10 matches of 30 minutes on 2 tables need 150 minutes of play: 120 before the break,
    # then 30 more from minute 180.
    matches = tuple(Match(f"m{i}", (f"p{i}",), 30) for i in range(10))
    inst = Instance(2, (Session(0, 120), Session(180, 400)), matches)
    assert lower_bounds(inst).table_load == 210


def test_player_chain_counts_rests() -> None:
    matches = tuple(Match(f"m{i}", ("star", f"p{i}"), 20) for i in range(4))
    inst = Instance(4, (Session(0, 600),), matches, min_rest=10)
    assert lower_bounds(inst).player_chain == 4 * 20 + 3 * 10


def test_critical_path_follows_precedence_and_sessions() -> None:
    matches = (
        Match("r1", ("a", "b"), 40),
        Match("r2", ("a", "b", "c", "d"), 40, after=("r1",)),
        Match("f", ("a", "b", "c", "d"), 40, after=("r2",)),
    )
    inst = Instance(8, (Session(0, 100), Session(200, 400)), matches, min_rest=15)
    # r1 0-40, r2 55-95, the final cannot fit before 100 so it starts at 200.
    assert lower_bounds(inst).critical_path == 240
    assert lower_bounds(inst).value == 240


def test_table_load_counts_what_fits_before_a_break() -> None:
    # Three 40-minute matches on one table: only two fit in the first 100-minute session (80
    # minutes of play), so the third ends at 240, not at 220 as plain session time would say.
    matches = tuple(Match(f"m{i}", (f"p{i}",), 40) for i in range(3))
    inst = Instance(1, (Session(0, 100), Session(200, 400)), matches)
    assert lower_bounds(inst).table_load == 240


def test_bounds_snap_to_the_end_of_a_match_in_a_session() -> None:
    # The chain of two 30-minute matches needs 60 minutes of play; the first session has 50,
    # so the second match ends no earlier than 30 minutes into the next session.
    matches = (Match("a", ("p",), 30), Match("b", ("p",), 30))
    inst = Instance(2, (Session(0, 50), Session(100, 300)), matches)
    assert lower_bounds(inst).player_chain == 130


def test_load_tail_adds_the_final_after_the_load_of_its_feeders() -> None:
    # Four independent 30-minute matches on two tables take two waves (60 minutes); the final
    # comes after all of them: 90 is the optimum, while the table load alone says 75.
    quarter = tuple(Match(f"q{i}", (f"p{2 * i}", f"p{2 * i + 1}"), 30) for i in range(4))
    final = Match("f", ("x", "y"), 30, after=tuple(q.id for q in quarter))
    inst = Instance(2, (Session(0, 600),), (*quarter, final))
    bounds = lower_bounds(inst)
    assert bounds.table_load == 75
    assert bounds.load_tail == 90 == bounds.value


def test_load_tail_follows_the_calendar() -> None:
    # As above, but the session ends at 70: the final cannot start before the next session.
    quarter = tuple(Match(f"q{i}", (f"p{2 * i}", f"p{2 * i + 1}"), 30) for i in range(4))
    final = Match("f", ("x", "y"), 30, after=tuple(q.id for q in quarter))
    inst = Instance(2, (Session(0, 70), Session(200, 400)), (*quarter, final))
    assert lower_bounds(inst).load_tail == 230


def test_release_times_wait_for_the_feeders_load() -> None:
    quarter = tuple(Match(f"q{i}", (f"p{i}",), 30) for i in range(4))
    final = Match("f", ("x",), 30, after=tuple(q.id for q in quarter))
    inst = Instance(2, (Session(0, 600),), (*quarter, final))
    assert release_times(inst)["f"] == 60
    tail = tail_instance(inst, 1)
    assert [(m.id, m.after, m.not_before) for m in tail.matches] == [("f", (), 60)]
    assert relaxation_bound(inst, 5, 1, size=1) == 90


def test_relaxation_proves_a_round_robin_optimum() -> None:
    # Four players, six 30-minute matches, two tables, 10-minute rest: three rounds, 110.
    players = ["a", "b", "c", "d"]
    matches = tuple(
        Match(f"{x}{y}", (x, y), 30) for i, x in enumerate(players) for y in players[i + 1 :]
    )
    inst = Instance(2, (Session(0, 600),), matches, min_rest=10)
    assert relaxation_bound(inst, 5, 1) == 110


@slow_settings(30)
@given(instances(max_matches=7, alternatives=True), st.integers(2, 7))
def test_new_bounds_never_exceed_a_proven_optimum(instance: Instance, size: int) -> None:
    best = proven_optimum(instance)
    if best is None:
        return
    assert load_tail(instance) <= best
    assert lower_bounds(instance).value <= best
    assert relaxation_bound(instance, 2, 1, size=size) <= best
