"""Random small instances for property tests: generous sessions, so a valid plan always exists."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from smallball.schedule import Instance, Match, Session, greedy

SESSIONS = tuple(Session(i * 300, i * 300 + 240, i // 4) for i in range(16))
PLAYERS = [f"p{i}" for i in range(6)]


def slow_settings(max_examples: int) -> settings:
    """For tests that solve each example (CP-SAT optima, heuristics) and filter some out."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )


@st.composite
def instances(draw: st.DrawFn, max_matches: int = 10, alternatives: bool = False) -> Instance:
    """With ``alternatives``, some matches get one of two rounds (a player plays at most one
    match of a round), drawn freely: any grouping is a valid instance."""
    n = draw(st.integers(1, max_matches))
    tables = draw(st.integers(1, 3))
    featured = draw(st.sampled_from([frozenset(), frozenset({1})]))
    matches = []
    for i in range(n):
        players = draw(st.lists(st.sampled_from(PLAYERS), min_size=1, max_size=4, unique=True))
        duration = draw(st.sampled_from([10, 15, 25, 30, 45, 60]))
        after = draw(st.lists(st.integers(0, i - 1), max_size=2, unique=True)) if i else []
        not_before = draw(st.one_of(st.none(), st.sampled_from([0, 35, 300, 620])))
        table = draw(st.one_of(st.none(), st.integers(1, tables)))
        is_featured = bool(featured) and table is None and draw(st.booleans())
        round_key = draw(st.sampled_from([None, "r1", "r2"])) if alternatives else None
        matches.append(
            Match(
                id=f"m{i}",
                players=tuple(players),
                duration=duration,
                after=tuple(f"m{a}" for a in after),
                not_before=not_before,
                table=table,
                featured=is_featured,
                round=round_key,
            )
        )
    return Instance(
        tables=tables,
        sessions=SESSIONS,
        matches=tuple(matches),
        min_rest=draw(st.sampled_from([0, 10, 20])),
        player_rest=draw(st.sampled_from([{}, {"p0": 40}])),
        featured_tables=featured,
        max_matches_per_session=draw(st.sampled_from([None, 3])),
    )


@st.composite
def pinned_instances(draw: st.DrawFn, max_matches: int = 8, tables: bool = True) -> Instance:
    """An instance with some matches pinned where a valid plan put them (so a valid plan
    exists): at its start, and at its table too when ``tables`` and a draw say so. Without
    ``tables``, no match is pinned to a table at all."""
    instance = draw(instances(max_matches=max_matches))
    if not tables:
        instance = replace(
            instance, matches=tuple(replace(m, table=None) for m in instance.matches)
        )
    at = greedy(instance, "tail").by_match()
    matches = []
    for m in instance.matches:
        if draw(st.booleans()):
            keep = tables and (m.table is not None or draw(st.booleans()))
            m = replace(m, start=at[m.id].start, table=at[m.id].table if keep else None)
        matches.append(m)
    return replace(instance, matches=tuple(matches))
