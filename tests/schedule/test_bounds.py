from __future__ import annotations

from smallball.schedule import Instance, Match, Session, lower_bounds


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
