"""Durations, the iCalendar export and the live call-up."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smallball.errors import InputError
from smallball.schedule import Instance, Match, Session, check, estimate_duration, greedy
from smallball.schedule.callup import Progress, call_up, remaining_instance
from smallball.schedule.ical import player_calendar

from .strategies import instances


def test_durations_grow_with_games_and_players() -> None:
    assert estimate_duration("singles", 3) < estimate_duration("singles", 5)
    assert estimate_duration("singles", 5) < estimate_duration("singles", 7)
    assert estimate_duration("singles", 5) < estimate_duration("doubles", 5)
    assert estimate_duration("team") > 3 * estimate_duration("singles")
    assert all(estimate_duration(d, b) % 5 == 0 for d in ("singles", "mixed") for b in (3, 5, 7))
    with pytest.raises(InputError) as bad:
        estimate_duration("singles", 4)
    assert bad.value.field == "best_of"
    with pytest.raises(InputError):
        estimate_duration("polo")


def test_calendar_lists_only_the_players_matches() -> None:
    origin = datetime(2026, 5, 1, 1, 0, tzinfo=UTC)
    matches = (Match("MS,1", ("li", "smith"), 30), Match("WS-1", ("wang", "jones"), 30))
    inst = Instance(2, (Session(0, 600),), matches, origin=origin)
    text = player_calendar(inst, greedy(inst), "li", stamp=origin)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 1
    assert "DTSTART:20260501T010000Z" in text and "DTEND:20260501T013000Z" in text
    assert "SUMMARY:MS\\,1 on table" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_long_lines_are_folded() -> None:
    matches = (Match("x" * 200, ("li",), 30),)
    inst = Instance(1, (Session(0, 600),), matches)
    text = player_calendar(inst, greedy(inst), "li", stamp=datetime(2026, 1, 1, tzinfo=UTC))
    lines = text.split("\r\n")
    assert any(line.startswith(" ") for line in lines)
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "x" * 200 in text.replace("\r\n ", "")


@settings(max_examples=30, deadline=None)
@given(instances(), st.integers(0, 900), st.integers(0, 40))
def test_call_up_replans_validly(instance: Instance, now: int, late: int) -> None:
    plan = greedy(instance)
    progress = []
    for a in plan.assignments:
        if a.start <= now:
            # Matches run ``late`` minutes long; those not yet over are running.
            end = a.end + late
            progress.append(Progress(a.match, a.table, a.start, end if end <= now else None))
    result = call_up(instance, plan, now, progress)
    remaining = remaining_instance(instance, plan, now, progress)
    started = {p.match for p in progress}
    # What was played stays where it was; nothing new starts before now.
    at = result.plan.by_match()
    for p in progress:
        assert (at[p.match].start, at[p.match].table) == (p.start, p.table)
    assert all(a.start >= now for a in result.plan.assignments if a.match not in started)
    # Only the constraints reality already broke (late finishes) may show up.
    allowed = {"outside_sessions", "rest_too_short", "player_overlap", "table_overlap"}
    assert {v.kind for v in check(remaining, result.plan)} <= allowed
    fresh = [v for v in check(remaining, result.plan) if not set(v.matches) <= started]
    if late == 0:
        assert fresh == [] or all(v.kind == "outside_sessions" for v in fresh)
    for table in result.tables:
        assert len(table.calls) <= 3
        assert [c.start for c in table.calls] == sorted(c.start for c in table.calls)
        assert not {c.match for c in table.calls} & started


def test_call_up_names_the_next_three_per_table() -> None:
    matches = tuple(Match(f"m{i}", (f"a{i}", f"b{i}"), 30) for i in range(8))
    inst = Instance(2, (Session(0, 600),), matches, min_rest=0)
    plan = greedy(inst)
    first = sorted(plan.assignments, key=lambda a: (a.start, a.table))[:2]
    # One table's match ran long and is still on; the other finished on time.
    progress = [
        Progress(first[0].match, first[0].table, 0, None),
        Progress(first[1].match, first[1].table, 0, 30),
    ]
    result = call_up(inst, plan, 40, progress, horizon=0)
    busy = next(t for t in result.tables if t.table == first[0].table)
    free = next(t for t in result.tables if t.table == first[1].table)
    assert busy.running == first[0].match and not busy.free
    assert free.free and len(free.calls) == 3
    assert free.calls[0].ready and free.calls[0].start == 40
    assert all(c.start >= 45 for c in busy.calls)


def test_call_up_rejects_unknown_progress() -> None:
    inst = Instance(1, (Session(0, 600),), (Match("m", ("a",), 30),))
    with pytest.raises(InputError) as bad:
        call_up(inst, greedy(inst), 10, [Progress("zz", 1, 0)])
    assert bad.value.field == "progress[0].match"
