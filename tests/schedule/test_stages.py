"""The search over the order of events and stages: classes, offsets, validity, seeding."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings

from smallball.schedule import Instance, Match, Session, check, greedy, stages
from smallball.schedule.greedy import rank_plan
from smallball.schedule.justify import backward_greedy
from smallball.schedule.stages import match_classes, search_stages

from .strategies import instances

DAY = (Session(0, 600, 0), Session(1440, 2040, 1))


def two_events() -> Instance:
    """Event A: two groups of two, then a four-round chain; event B: a straight knockout of
    four; one friendly linked to nothing."""
    a = [
        Match("a-g0", ("a1", "a2"), 20),
        Match("a-g1", ("a3", "a4"), 20),
        Match("a-r1", ("a1", "a2", "a3", "a4"), 20, after=("a-g0", "a-g1")),
        Match("a-r2", ("a1", "a2", "a3", "a4"), 20, after=("a-r1",)),
        Match("a-r3", ("a1", "a2", "a3", "a4"), 20, after=("a-r2",)),
    ]
    b = [
        Match("b-r1-0", ("b1", "b2"), 20, round="b-r1"),
        Match("b-r1-1", ("b3", "b4"), 20, round="b-r1"),
        Match("b-f", ("b1", "b2", "b3", "b4"), 20, after=("b-r1-0", "b-r1-1")),
    ]
    return Instance(2, DAY, (*a, *b, Match("friendly", ("a1", "b1"), 20)), min_rest=10)


def test_classes_are_events_linked_by_precedence_and_stages_by_depth() -> None:
    classes = match_classes(two_events())
    a_event = classes["a-g0"][0]
    b_event = classes["b-f"][0]
    assert a_event != b_event
    assert {classes[m][0] for m in ("a-g1", "a-r1", "a-r2", "a-r3")} == {a_event}
    assert [classes[m][1] for m in ("a-g0", "a-g1", "a-r1", "a-r2", "a-r3")] == [0, 0, 1, 1, 2]
    assert classes["b-r1-0"] == (b_event, 0) and classes["b-f"] == (b_event, 1)
    assert classes["friendly"] == (-1, 0)


def test_an_offset_changes_which_match_the_work_rule_calls_first() -> None:
    # One table, two unrelated matches ready at once: the one with more work to come goes
    # first, unless the other's offset outweighs that.
    inst = Instance(
        1,
        DAY,
        (
            Match("busy", ("x",), 30),
            Match("busy-2", ("x",), 30, after=("busy",)),
            Match("quiet", ("y",), 30),
        ),
    )
    plain = greedy(inst, "work-0").by_match()
    assert plain["busy"].start < plain["quiet"].start
    pushed = greedy(inst, "work-0", {"quiet": 200}).by_match()
    assert pushed["quiet"].start < pushed["busy"].start
    assert check(inst, greedy(inst, "work-0", {"quiet": 200})) == ()


def test_the_search_is_seeded_and_never_worse_than_no_offsets() -> None:
    inst = two_events()
    first = search_stages(inst, 60, seed=3, max_tries=12)
    again = search_stages(inst, 60, seed=3, max_tries=12)
    assert first is not None and again is not None
    assert first.assignments == again.assignments
    assert check(inst, first) == ()
    plain = backward_greedy(inst, "work-0")
    assert rank_plan(inst, first) <= rank_plan(inst, plain)


@settings(max_examples=30, deadline=None)
@given(instances(alternatives=True))
def test_every_plan_of_the_search_passes_the_checker(instance: Instance) -> None:
    plan = search_stages(instance, 60, seed=1, max_tries=6)
    assert plan is not None
    assert check(instance, plan) == ()
    assert {a.match for a in plan.assignments} == {m.id for m in instance.matches}


def test_an_instance_survives_pickling_for_a_search_in_another_process() -> None:
    inst = two_events()
    inst = Instance(inst.tables, inst.sessions, inst.matches, min_rest=10, player_rest={"a1": 25})
    assert inst.by_id  # a cached look-up, not carried over
    copy = pickle.loads(pickle.dumps(inst))
    assert copy.matches == inst.matches and copy.rest("a1") == 25 and copy.rest("b1") == 10
    assert copy.successors == inst.successors


def test_searches_in_two_processes_return_the_better_valid_plan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Processes only pay on large events; here the small one goes through them all the same.
    monkeypatch.setattr(stages, "_PARALLEL_FROM", 0)
    inst = two_events()
    both = search_stages(inst, 60, seed=5, max_tries=6, workers=2)
    each = [search_stages(inst, 60, seed=s, max_tries=6) for s in (5, 6)]
    assert both is not None and all(p is not None for p in each)
    assert check(inst, both) == ()
    assert rank_plan(inst, both) == min(rank_plan(inst, p) for p in each if p is not None)
