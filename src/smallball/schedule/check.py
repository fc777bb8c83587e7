"""The checker: every constraint of an instance, tested on any plan, solver-made or hand-edited."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from smallball.schedule.model import Assignment, Instance, Plan, choice_key
from smallball.words import N_, Said

# The kinds of violation, in the order the checker looks for them.
KINDS = (
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
)


@dataclass(frozen=True, slots=True)
class Violation:
    kind: str
    matches: tuple[str, ...]
    # English as a str; worded again in the reader's language where shown (``localize``).
    message: Said


def check(instance: Instance, plan: Plan) -> tuple[Violation, ...]:
    """Every broken constraint of ``plan``; empty when the plan is valid."""
    out: list[Violation] = []
    known = _identity(instance, plan, out)
    _each(instance, known, out)
    _tables(known, out)
    _players(instance, known, out)
    _precedence(instance, known, out)
    _per_session(instance, known, out)
    return tuple(out)


def _identity(instance: Instance, plan: Plan, out: list[Violation]) -> list[Assignment]:
    seen: set[str] = set()
    known: list[Assignment] = []
    for a in plan.assignments:
        if a.match not in instance.by_id:
            message = Said(N_("{match}: not a match of the event"), match=a.match)
            out.append(Violation("unknown_match", (a.match,), message))
        elif a.match in seen:
            out.append(
                Violation(
                    "duplicate_match",
                    (a.match,),
                    Said(N_("{match}: scheduled twice"), match=a.match),
                )
            )
        else:
            seen.add(a.match)
            known.append(a)
    for m in instance.matches:
        if m.id not in seen:
            out.append(
                Violation("missing_match", (m.id,), Said(N_("{match}: not scheduled"), match=m.id))
            )
    return known


def _each(instance: Instance, known: list[Assignment], out: list[Violation]) -> None:
    for a in known:
        m = instance.by_id[a.match]
        if a.end - a.start != m.duration:
            out.append(
                Violation(
                    "wrong_duration",
                    (m.id,),
                    Said(
                        N_("{match}: runs {minutes} min, expected {expected}"),
                        match=m.id,
                        minutes=a.end - a.start,
                        expected=m.duration,
                    ),
                )
            )
        if not 1 <= a.table <= instance.tables:
            out.append(
                Violation(
                    "table_out_of_range",
                    (m.id,),
                    Said(
                        N_("{match}: table {table} does not exist (1..{tables})"),
                        match=m.id,
                        table=a.table,
                        tables=instance.tables,
                    ),
                )
            )
        elif m.featured and a.table not in instance.featured_tables:
            out.append(
                Violation(
                    "featured_table",
                    (m.id,),
                    Said(N_("{match}: on table {table}, not featured"), match=m.id, table=a.table),
                )
            )
        if m.table is not None and a.table != m.table:
            out.append(
                Violation(
                    "pinned_moved",
                    (m.id,),
                    Said(
                        N_("{match}: pinned to table {pinned}, on {table}"),
                        match=m.id,
                        pinned=m.table,
                        table=a.table,
                    ),
                )
            )
        if m.start is not None and a.start != m.start:
            out.append(
                Violation(
                    "pinned_moved",
                    (m.id,),
                    Said(
                        N_("{match}: pinned to start at minute {pinned}, starts at {start}"),
                        match=m.id,
                        pinned=m.start,
                        start=a.start,
                    ),
                )
            )
        if m.not_before is not None and a.start < m.not_before:
            out.append(
                Violation(
                    "before_earliest",
                    (m.id,),
                    Said(
                        N_("{match}: starts at minute {start}, before {earliest}"),
                        match=m.id,
                        start=a.start,
                        earliest=m.not_before,
                    ),
                )
            )
        if instance.session_of(a.start, a.end) is None:
            out.append(
                Violation(
                    "outside_sessions",
                    (m.id,),
                    Said(
                        N_("{match}: minutes {start}-{end} are not inside one session"),
                        match=m.id,
                        start=a.start,
                        end=a.end,
                    ),
                )
            )


def _tables(known: list[Assignment], out: list[Violation]) -> None:
    by_table: dict[int, list[Assignment]] = defaultdict(list)
    for a in known:
        by_table[a.table].append(a)
    for table, items in by_table.items():
        items.sort(key=lambda a: (a.start, a.end))
        latest: Assignment | None = None
        for a in items:
            if latest is not None and a.start < latest.end:
                out.append(
                    Violation(
                        "table_overlap",
                        (latest.match, a.match),
                        Said(
                            N_("{first} and {second}: both on table {table} at minute {start}"),
                            first=latest.match,
                            second=a.match,
                            table=table,
                            start=a.start,
                        ),
                    )
                )
            if latest is None or a.end > latest.end:
                latest = a


def _players(instance: Instance, known: list[Assignment], out: list[Violation]) -> None:
    # Two matches of a player clash only when the player could play both: not alternatives
    # (the same round). In start order, each match is checked against the latest-ending match
    # of any other round; keeping the two latest-ending rounds is enough to find it.
    by_player: dict[str, list[tuple[Assignment, tuple[str, str]]]] = defaultdict(list)
    for a in known:
        m = instance.by_id[a.match]
        key = choice_key(m)
        for p in m.players:
            by_player[p].append((a, key))
    for player, items in by_player.items():
        rest = instance.rest(player)
        items.sort(key=lambda item: (item[0].start, item[0].end))
        latest: list[tuple[Assignment, tuple[str, str]]] = []
        for a, key in items:
            other = next((b for b, k in latest if k != key), None)
            if other is not None and a.start < other.end + rest:
                pair = (other.match, a.match)
                if a.start < other.end:
                    message = Said(
                        N_("{first} and {second}: {player} plays both at minute {start}"),
                        first=pair[0],
                        second=pair[1],
                        player=player,
                        start=a.start,
                    )
                    out.append(Violation("player_overlap", pair, message))
                else:
                    message = Said(
                        N_("{first} and {second}: {player} rests {minutes} min, needs {rest}"),
                        first=pair[0],
                        second=pair[1],
                        player=player,
                        minutes=a.start - other.end,
                        rest=rest,
                    )
                    out.append(Violation("rest_too_short", pair, message))
            latest = _two_latest(latest, a, key)


def _two_latest(
    latest: list[tuple[Assignment, tuple[str, str]]], a: Assignment, key: tuple[str, str]
) -> list[tuple[Assignment, tuple[str, str]]]:
    """The latest-ending match of the two rounds that end latest, with ``a`` added."""
    same = [b for b, k in latest if k == key]
    best = same[0] if same and same[0].end >= a.end else a
    kept = [(b, k) for b, k in latest if k != key]
    kept.append((best, key))
    kept.sort(key=lambda item: -item[0].end)
    return kept[:2]


def _precedence(instance: Instance, known: list[Assignment], out: list[Violation]) -> None:
    at = {a.match: a for a in known}
    for a in known:
        for before in instance.by_id[a.match].after:
            b = at.get(before)
            if b is not None and a.start < b.end:
                out.append(
                    Violation(
                        "precedence",
                        (before, a.match),
                        Said(
                            N_("{match}: starts at minute {start}, before {before} ends ({end})"),
                            match=a.match,
                            start=a.start,
                            before=before,
                            end=b.end,
                        ),
                    )
                )


def _per_session(instance: Instance, known: list[Assignment], out: list[Violation]) -> None:
    limit = instance.max_matches_per_session
    if limit is None:
        return
    # A player's alternatives in one session count once: they play at most one of them.
    rounds: dict[tuple[str, int], set[tuple[str, str]]] = defaultdict(set)
    for a in known:
        session = instance.session_of(a.start, a.end)
        if session is None:
            continue
        m = instance.by_id[a.match]
        for p in m.players:
            rounds[p, session].add(choice_key(m))
    counts = Counter({k: len(v) for k, v in rounds.items()})
    for (player, session), n in sorted(counts.items()):
        if n > limit:
            ids = tuple(
                a.match
                for a in known
                if player in instance.by_id[a.match].players
                and instance.session_of(a.start, a.end) == session
            )
            out.append(
                Violation(
                    "too_many_in_session",
                    ids,
                    Said(
                        N_("{player}: {count} matches in session {session}, at most {limit}"),
                        player=player,
                        count=n,
                        session=session + 1,
                        limit=limit,
                    ),
                )
            )
