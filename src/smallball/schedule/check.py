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


def _about(out: list[Violation], kind: str, match: str, template: str, /, **params: object) -> None:
    """A violation of one match, its sentence naming it first."""
    out.append(Violation(kind, (match,), Said(template, match=match, **params)))


def _between(
    out: list[Violation], kind: str, pair: tuple[str, str], template: str, /, **params: object
) -> None:
    """A violation of two matches, named ``first`` and ``second`` in its sentence."""
    said = Said(template, first=pair[0], second=pair[1], **params)
    out.append(Violation(kind, pair, said))


def _identity(instance: Instance, plan: Plan, out: list[Violation]) -> list[Assignment]:
    seen: set[str] = set()
    known: list[Assignment] = []
    for a in plan.assignments:
        if a.match not in instance.by_id:
            _about(out, "unknown_match", a.match, N_("{match}: not a match of the event"))
        elif a.match in seen:
            _about(out, "duplicate_match", a.match, N_("{match}: scheduled twice"))
        else:
            seen.add(a.match)
            known.append(a)
    for m in instance.matches:
        if m.id not in seen:
            _about(out, "missing_match", m.id, N_("{match}: not scheduled"))
    return known


def _each(instance: Instance, known: list[Assignment], out: list[Violation]) -> None:
    for a in known:
        m = instance.by_id[a.match]
        if a.end - a.start != m.duration:
            runs = N_("{match}: runs {minutes} min, expected {expected}")
            _about(out, "wrong_duration", m.id, runs, minutes=a.end - a.start, expected=m.duration)
        if not 1 <= a.table <= instance.tables:
            missing = N_("{match}: table {table} does not exist (1..{tables})")
            _about(out, "table_out_of_range", m.id, missing, table=a.table, tables=instance.tables)
        elif m.featured and a.table not in instance.featured_tables:
            plain = N_("{match}: on table {table}, not featured")
            _about(out, "featured_table", m.id, plain, table=a.table)
        if m.table is not None and a.table != m.table:
            moved = N_("{match}: pinned to table {pinned}, on {table}")
            _about(out, "pinned_moved", m.id, moved, pinned=m.table, table=a.table)
        if m.start is not None and a.start != m.start:
            moved = N_("{match}: pinned to start at minute {pinned}, starts at {start}")
            _about(out, "pinned_moved", m.id, moved, pinned=m.start, start=a.start)
        if m.not_before is not None and a.start < m.not_before:
            early = N_("{match}: starts at minute {start}, before {earliest}")
            _about(out, "before_earliest", m.id, early, start=a.start, earliest=m.not_before)
        if instance.session_of(a.start, a.end) is None:
            outside = N_("{match}: minutes {start}-{end} are not inside one session")
            _about(out, "outside_sessions", m.id, outside, start=a.start, end=a.end)


def _tables(known: list[Assignment], out: list[Violation]) -> None:
    by_table: dict[int, list[Assignment]] = defaultdict(list)
    for a in known:
        by_table[a.table].append(a)
    for table, items in by_table.items():
        items.sort(key=lambda a: (a.start, a.end))
        latest: Assignment | None = None
        for a in items:
            if latest is not None and a.start < latest.end:
                both = N_("{first} and {second}: both on table {table} at minute {start}")
                pair = (latest.match, a.match)
                _between(out, "table_overlap", pair, both, table=table, start=a.start)
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
                    both = N_("{first} and {second}: {player} plays both at minute {start}")
                    _between(out, "player_overlap", pair, both, player=player, start=a.start)
                else:
                    short = N_("{first} and {second}: {player} rests {minutes} min, needs {rest}")
                    minutes = a.start - other.end
                    _between(
                        out,
                        "rest_too_short",
                        pair,
                        short,
                        player=player,
                        minutes=minutes,
                        rest=rest,
                    )
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
                early = N_("{second}: starts at minute {start}, before {first} ends ({end})")
                _between(out, "precedence", (before, a.match), early, start=a.start, end=b.end)


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
