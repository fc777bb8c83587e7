"""The checker on crafted plans: one broken constraint at a time."""

from __future__ import annotations

import pytest

from helpers import english_left
from smallball.schedule import Assignment, Instance, Match, Plan, Session, check
from smallball.schedule.check import KINDS

SESSIONS = (Session(0, 240, 0), Session(300, 540, 0))


def instance(**overrides: object) -> Instance:
    matches = (
        Match("a", ("p1", "p2"), 30),
        Match("b", ("p3", "p4"), 30),
        Match("c", ("p1", "p3"), 30, after=("a", "b")),
    )
    base: dict[str, object] = {
        "tables": 2,
        "sessions": SESSIONS,
        "matches": matches,
        "min_rest": 20,
        "featured_tables": frozenset({1}),
    }
    base.update(overrides)
    return Instance(**base)  # type: ignore[arg-type]


GOOD = (Assignment("a", 1, 0, 30), Assignment("b", 2, 0, 30), Assignment("c", 1, 60, 90))


def kinds(inst: Instance, *assignments: Assignment) -> set[str]:
    return {v.kind for v in check(inst, Plan(tuple(assignments)))}


def test_a_valid_plan_has_no_violation() -> None:
    assert check(instance(), Plan(GOOD)) == ()


@pytest.mark.parametrize(
    ("assignments", "expected"),
    [
        ((*GOOD, Assignment("x", 2, 100, 130)), "unknown_match"),
        ((*GOOD, Assignment("a", 2, 200, 230)), "duplicate_match"),
        (GOOD[:2], "missing_match"),
        ((GOOD[0], GOOD[1], Assignment("c", 1, 60, 100)), "wrong_duration"),
        ((GOOD[0], GOOD[1], Assignment("c", 3, 60, 90)), "table_out_of_range"),
        ((GOOD[0], GOOD[1], Assignment("c", 1, 230, 260)), "outside_sessions"),
        ((GOOD[0], GOOD[1], Assignment("c", 1, 250, 280)), "outside_sessions"),
        ((GOOD[0], Assignment("b", 1, 10, 40), Assignment("c", 1, 90, 120)), "table_overlap"),
        ((GOOD[0], GOOD[1], Assignment("c", 2, 20, 50)), "player_overlap"),
        ((GOOD[0], GOOD[1], Assignment("c", 1, 40, 70)), "rest_too_short"),
    ],
)
def test_each_broken_constraint_is_named(
    assignments: tuple[Assignment, ...], expected: str
) -> None:
    found = check(instance(), Plan(assignments))
    assert expected in {v.kind for v in found}
    assert all(v.message for v in found)


def test_precedence_broken_even_without_shared_players() -> None:
    inst = instance(matches=(Match("a", ("p1",), 30), Match("b", ("p2",), 30, after=("a",))))
    plan = (Assignment("a", 1, 0, 30), Assignment("b", 2, 10, 40))
    assert kinds(inst, *plan) == {"precedence"}


def test_earliest_start() -> None:
    inst = instance(matches=(Match("a", ("p1",), 30, not_before=60),))
    assert kinds(inst, Assignment("a", 1, 30, 60)) == {"before_earliest"}
    assert kinds(inst, Assignment("a", 1, 60, 90)) == set()


def test_pinned_table_and_start() -> None:
    inst = instance(matches=(Match("a", ("p1",), 30, table=2, start=300),))
    assert kinds(inst, Assignment("a", 1, 300, 330)) == {"pinned_moved"}
    assert kinds(inst, Assignment("a", 2, 320, 350)) == {"pinned_moved"}
    assert kinds(inst, Assignment("a", 2, 300, 330)) == set()


def test_featured_only_match_off_a_featured_table() -> None:
    inst = instance(matches=(Match("a", ("p1",), 30, featured=True),))
    assert kinds(inst, Assignment("a", 2, 0, 30)) == {"featured_table"}
    assert kinds(inst, Assignment("a", 1, 0, 30)) == set()


def test_too_many_matches_in_a_session() -> None:
    matches = tuple(Match(f"m{i}", ("p1", f"q{i}"), 30) for i in range(3))
    inst = instance(matches=matches, max_matches_per_session=2, min_rest=0)
    same = tuple(Assignment(f"m{i}", 1, 40 * i, 40 * i + 30) for i in range(3))
    found = check(inst, Plan(same))
    assert [v.kind for v in found] == ["too_many_in_session"]
    assert "p1" in found[0].message and set(found[0].matches) == {"m0", "m1", "m2"}
    spread = (*same[:2], Assignment("m2", 1, 300, 330))
    assert kinds(inst, *spread) == set()


def test_rest_per_player_overrides_the_minimum() -> None:
    inst = instance(
        matches=(Match("a", ("p1",), 30), Match("b", ("p1",), 30)),
        min_rest=10,
        player_rest={"p1": 45},
    )
    assert kinds(inst, Assignment("a", 1, 0, 30), Assignment("b", 1, 60, 90)) == {"rest_too_short"}
    assert kinds(inst, Assignment("a", 1, 0, 30), Assignment("b", 1, 75, 105)) == set()


def test_partial_overlap_is_caught_in_both_orders() -> None:
    # [0, 30) and [20, 50) overlap: the classic bug is to miss partial overlaps.
    inst = instance(matches=(Match("a", ("p1",), 30), Match("b", ("p1",), 30)), min_rest=0)
    assert kinds(inst, Assignment("a", 1, 0, 30), Assignment("b", 2, 20, 50)) == {"player_overlap"}
    assert kinds(inst, Assignment("a", 1, 20, 50), Assignment("b", 2, 0, 30)) == {"player_overlap"}
    assert kinds(inst, Assignment("a", 1, 0, 30), Assignment("b", 2, 30, 60)) == set()


def test_every_kind_is_exercised() -> None:
    # Keep this list in step with KINDS: a new kind needs a crafted case above.
    assert set(KINDS) == {
        "unknown_match",
        "duplicate_match",
        "missing_match",
        "wrong_duration",
        "table_out_of_range",
        "featured_table",
        "pinned_moved",
        "before_earliest",
        "outside_sessions",
        "table_overlap",
        "player_overlap",
        "rest_too_short",
        "precedence",
        "too_many_in_session",
    }


def test_every_kind_is_worded_in_chinese() -> None:
    # One crafted plan per kind; each message must leave no English once worded in Chinese.
    pinned = instance(matches=(Match("a", ("p1",), 30, table=2, start=300),))
    later = instance(matches=(Match("a", ("p1",), 30, not_before=100, featured=True),))
    busy = instance(
        matches=tuple(Match(f"m{i}", ("p1", f"q{i}"), 30) for i in range(3)),
        max_matches_per_session=2,
        min_rest=0,
    )
    cases = [
        (instance(), (*GOOD, Assignment("x", 2, 100, 130), Assignment("a", 2, 200, 230))),
        (instance(), (GOOD[0], Assignment("c", 3, 60, 100))),
        (instance(), (GOOD[0], GOOD[1], Assignment("c", 1, 230, 260))),
        (instance(), (GOOD[0], Assignment("b", 1, 10, 40), Assignment("c", 1, 40, 70))),
        (instance(), (GOOD[0], GOOD[1], Assignment("c", 2, 20, 50))),
        (pinned, (Assignment("a", 1, 320, 350),)),
        (later, (Assignment("a", 2, 0, 30),)),
        (busy, tuple(Assignment(f"m{i}", 1, 40 * i, 40 * i + 30) for i in range(3))),
    ]
    found = [v for inst, plan in cases for v in check(inst, Plan(plan))]
    assert {v.kind for v in found} == set(KINDS)
    assert {v.kind: left for v in found if (left := english_left(v.message))} == {}
    # The detector itself sees English: the same sentences worded in English are full of it.
    assert all(english_left(v.message, "en") for v in found)
    # The English text is what it was.
    assert "x: not a match of the event" in [v.message for v in found]
