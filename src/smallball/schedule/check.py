"""The checker: every constraint of an instance, tested on any plan, solver-made or hand-edited."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from smallball.schedule.model import Assignment, Instance, Plan, choice_key

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
    message: str


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
            message = f"{a.match}: not a match of the event"
            out.append(Violation("unknown_match", (a.match,), message))
        elif a.match in seen:
            out.append(Violation("duplicate_match", (a.match,), f"{a.match}: scheduled twice"))
        else:
            seen.add(a.match)
            known.append(a)
    for m in instance.matches:
        if m.id not in seen:
            out.append(Violation("missing_match", (m.id,), f"{m.id}: not scheduled"))
    return known


def _each(instance: Instance, known: list[Assignment], out: list[Violation]) -> None:
    for a in known:
        m = instance.by_id[a.match]
        if a.end - a.start != m.duration:
            out.append(
                Violation(
                    "wrong_duration",
                    (m.id,),
                    f"{m.id}: runs {a.end - a.start} min, expected {m.duration}",
                )
            )
        if not 1 <= a.table <= instance.tables:
            out.append(
                Violation(
                    "table_out_of_range",
                    (m.id,),
                    f"{m.id}: table {a.table} does not exist (1..{instance.tables})",
                )
            )
        elif m.featured and a.table not in instance.featured_tables:
            out.append(
                Violation("featured_table", (m.id,), f"{m.id}: on table {a.table}, not featured")
            )
        if m.table is not None and a.table != m.table:
            out.append(
                Violation(
                    "pinned_moved", (m.id,), f"{m.id}: pinned to table {m.table}, on {a.table}"
                )
            )
        if m.start is not None and a.start != m.start:
            out.append(
                Violation(
                    "pinned_moved",
                    (m.id,),
                    f"{m.id}: pinned to start at minute {m.start}, starts at {a.start}",
                )
            )
        if m.not_before is not None and a.start < m.not_before:
            out.append(
                Violation(
                    "before_earliest",
                    (m.id,),
                    f"{m.id}: starts at minute {a.start}, before {m.not_before}",
                )
            )
        if instance.session_of(a.start, a.end) is None:
            out.append(
                Violation(
                    "outside_sessions",
                    (m.id,),
                    f"{m.id}: minutes {a.start}-{a.end} are not inside one session",
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
                        f"{latest.match} and {a.match}: both on table {table} at minute {a.start}",
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
                    message = f"{pair[0]} and {pair[1]}: {player} plays both at minute {a.start}"
                    out.append(Violation("player_overlap", pair, message))
                else:
                    message = (
                        f"{pair[0]} and {pair[1]}: {player} rests {a.start - other.end} min,"
                        f" needs {rest}"
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
                        f"{a.match}: starts at minute {a.start}, before {before} ends ({b.end})",
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
                    f"{player}: {n} matches in session {session + 1}, at most {limit}",
                )
            )
