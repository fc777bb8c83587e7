"""The JSON shapes of ``smallball schedule``: parsing with errors that name the field, and the
plan back as JSON with times in the sessions' own UTC offset."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from smallball.errors import N_, InputError
from smallball.schedule.durations import estimate_duration
from smallball.schedule.model import Instance, Match, Session
from smallball.schedule.solve import Report

_TOP_KEYS = {
    "tables",
    "featured_tables",
    "sessions",
    "min_rest_minutes",
    "rest_minutes_by_player",
    "max_matches_per_session",
    "matches",
    "time_limit_s",
    "workers",
    "solver",
}
_MATCH_KEYS = {
    "id",
    "players",
    "duration_minutes",
    "discipline",
    "best_of",
    "after",
    "not_before",
    "table",
    "start",
    "featured",
    "round",
}
SOLVERS = ("cp-sat", "greedy")


def _int(value: object, field: str, low: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(field, N_("must be a whole number, got {value!r}"), value=value)
    if value < low:
        raise InputError(field, N_("must be at least {low}, got {value}"), low=low, value=value)
    return value


def _number(value: object, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise InputError(field, N_("must be a positive number, got {value!r}"), value=value)
    return float(value)


def _moment(value: object, field: str) -> datetime:
    if not isinstance(value, str):
        raise InputError(field, N_("must be an ISO 8601 date and time, got {value!r}"), value=value)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InputError(
            field, N_("not an ISO 8601 date and time: {value!r}"), value=value
        ) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InputError(field, N_("must carry a UTC offset, such as +08:00"))
    return moment


def _list(raw: Mapping[str, Any], key: str, field: str) -> list[Any]:
    value = raw.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(field, N_("must be a list"))
    return value


def _unknown_keys(raw: Mapping[str, Any], allowed: set[str], field: str) -> None:
    for key in raw:
        if key not in allowed:
            prefix = f"{field}." if field else ""
            raise InputError(f"{prefix}{key}", N_("unknown key"))


def parse_sessions(raw: object) -> tuple[datetime, list[tuple[datetime, datetime]]]:
    if not isinstance(raw, list) or not raw:
        raise InputError(
            "sessions", N_("must be a non-empty list of sessions, each with start and end")
        )
    windows: list[tuple[datetime, datetime]] = []
    for i, item in enumerate(raw):
        field = f"sessions[{i}]"
        if not isinstance(item, dict):
            raise InputError(field, N_("must be an object with start and end"))
        _unknown_keys(item, {"start", "end"}, field)
        start = _moment(item.get("start"), f"{field}.start")
        end = _moment(item.get("end"), f"{field}.end")
        if end <= start:
            raise InputError(f"{field}.end", N_("must be after the start"))
        if windows and start < windows[-1][1]:
            raise InputError(f"{field}.start", N_("sessions must be in order and not overlap"))
        windows.append((start, end))
    return windows[0][0], windows


def parse_instance(data: object) -> Instance:
    if not isinstance(data, dict):
        raise InputError("input", N_("must be a JSON object"))
    _unknown_keys(data, _TOP_KEYS, "")
    tables = _int(data.get("tables"), "tables", 1)
    origin, windows = parse_sessions(data.get("sessions"))
    sessions = []
    days: dict[object, int] = {}
    for start, end in windows:
        day = days.setdefault(start.date(), len(days))
        sessions.append(Session(_minutes(origin, start), _minutes(origin, end), day))
    rest = _int(data.get("min_rest_minutes", 0), "min_rest_minutes")
    player_rest = _player_rest(data.get("rest_minutes_by_player"))
    featured = set()
    for i, t in enumerate(_list(data, "featured_tables", "featured_tables")):
        table = _int(t, f"featured_tables[{i}]", 1)
        if table > tables:
            raise InputError(
                f"featured_tables[{i}]",
                N_("table {table} does not exist (1..{tables})"),
                table=table,
                tables=tables,
            )
        featured.add(table)
    limit = data.get("max_matches_per_session")
    per_session = None if limit is None else _int(limit, "max_matches_per_session", 1)
    raw_matches = data.get("matches")
    if not isinstance(raw_matches, list):
        raise InputError("matches", N_("must be a list"))
    matches = [_match(item, f"matches[{i}]", origin, tables) for i, item in enumerate(raw_matches)]
    _check_references(matches)
    for i, m in enumerate(matches):
        if m.featured and not featured:
            raise InputError(f"matches[{i}].featured", N_("no featured_tables are given"))
    return Instance(
        tables=tables,
        sessions=tuple(sessions),
        matches=tuple(matches),
        min_rest=rest,
        player_rest=player_rest,
        featured_tables=frozenset(featured),
        max_matches_per_session=per_session,
        origin=origin,
    )


def _minutes(origin: datetime, moment: datetime) -> int:
    seconds = (moment - origin).total_seconds()
    return int(seconds // 60)


def _player_rest(raw: object) -> dict[str, int]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise InputError("rest_minutes_by_player", N_("must be an object of player: minutes"))
    return {str(p): _int(v, f"rest_minutes_by_player.{p}") for p, v in raw.items()}


def _match(raw: object, field: str, origin: datetime, tables: int) -> Match:
    if not isinstance(raw, dict):
        raise InputError(field, N_("must be an object"))
    _unknown_keys(raw, _MATCH_KEYS, field)
    mid = raw.get("id")
    if not isinstance(mid, str) or not mid:
        raise InputError(f"{field}.id", N_("must be a non-empty string, got {value!r}"), value=mid)
    players = _list(raw, "players", f"{field}.players")
    for j, p in enumerate(players):
        if not isinstance(p, str) or not p:
            raise InputError(
                f"{field}.players[{j}]", N_("must be a player name, got {value!r}"), value=p
            )
    if len(set(players)) != len(players):
        raise InputError(f"{field}.players", N_("a player is listed twice"))
    duration = _duration(raw, field)
    after = _list(raw, "after", f"{field}.after")
    for j, a in enumerate(after):
        if not isinstance(a, str):
            raise InputError(
                f"{field}.after[{j}]", N_("must be a match id, got {value!r}"), value=a
            )
    not_before = raw.get("not_before")
    start = raw.get("start")
    table = raw.get("table")
    if table is not None:
        table = _int(table, f"{field}.table", 1)
        if table > tables:
            raise InputError(
                f"{field}.table",
                N_("table {table} does not exist (1..{tables})"),
                table=table,
                tables=tables,
            )
    featured = raw.get("featured", False)
    if not isinstance(featured, bool):
        raise InputError(
            f"{field}.featured", N_("must be true or false, got {value!r}"), value=featured
        )
    round_key = raw.get("round")
    if round_key is not None and (not isinstance(round_key, str) or not round_key):
        raise InputError(
            f"{field}.round", N_("must be a non-empty string, got {value!r}"), value=round_key
        )
    return Match(
        id=mid,
        players=tuple(players),
        duration=duration,
        after=tuple(after),
        not_before=None
        if not_before is None
        else _minutes(origin, _moment(not_before, f"{field}.not_before")),
        table=table,
        start=None if start is None else _minutes(origin, _moment(start, f"{field}.start")),
        featured=featured,
        round=round_key,
    )


def _duration(raw: Mapping[str, Any], field: str) -> int:
    if raw.get("duration_minutes") is not None:
        return _int(raw["duration_minutes"], f"{field}.duration_minutes", 1)
    discipline = raw.get("discipline")
    if discipline is None:
        raise InputError(
            f"{field}.duration_minutes", N_("required (or give discipline and best_of)")
        )
    best_of = _int(raw.get("best_of", 5), f"{field}.best_of", 1)
    try:
        return estimate_duration(str(discipline), best_of)
    except InputError as exc:
        raise InputError(f"{field}.{exc.field}", exc.template, **exc.params) from None


def _check_references(matches: list[Match]) -> None:
    index: dict[str, int] = {}
    for i, m in enumerate(matches):
        if m.id in index:
            raise InputError(f"matches[{i}].id", N_("duplicate id {match!r}"), match=m.id)
        index[m.id] = i
    for i, m in enumerate(matches):
        for j, a in enumerate(m.after):
            if a not in index:
                raise InputError(f"matches[{i}].after[{j}]", N_("unknown match {match!r}"), match=a)
    # A match after one of its own round that shares a player contradicts "at most one match
    # per round" (the winner of the first may play the second): most likely a round key that
    # names the event but not the round.
    for i, m in enumerate(matches):
        for before in m.after:
            b = matches[index[before]]
            if m.round is not None and b.round == m.round and set(m.players) & set(b.players):
                raise InputError(
                    f"matches[{i}].round",
                    N_("same round as {match!r}, which it comes after, and they share a player"),
                    match=before,
                )
    # Depth-first search for a cycle in "after"; report the first match found on one.
    state: dict[str, int] = {}
    for root in index:
        if root in state:
            continue
        stack = [(root, iter(matches[index[root]].after))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                raise InputError(f"matches[{index[child]}].after", N_("precedence has a cycle"))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(matches[index[child]].after)))


def options_from(data: Mapping[str, Any]) -> tuple[str, float, int]:
    """(solver, time limit in seconds, CP-SAT workers)."""
    solver = data.get("solver", "cp-sat")
    if solver not in SOLVERS:
        raise InputError(
            "solver",
            N_("must be one of {choices}, got {value!r}"),
            choices=", ".join(SOLVERS),
            value=solver,
        )
    limit = data.get("time_limit_s")
    seconds = 20.0 if limit is None else _number(limit, "time_limit_s")
    workers = _int(data.get("workers", 2), "workers", 1)
    return solver, seconds, workers


def offset_at(instance: Instance, sessions: list[tuple[datetime, datetime]], minute: int) -> Any:
    """The UTC offset of the session holding (or last starting before) ``minute``."""
    zone = sessions[0][0].tzinfo
    for (start, _), s in zip(sessions, instance.sessions, strict=True):
        if s.start <= minute:
            zone = start.tzinfo
    return zone


def clock(instance: Instance, sessions: list[tuple[datetime, datetime]], minute: int) -> str:
    moment = instance.origin + timedelta(minutes=minute)
    return moment.astimezone(offset_at(instance, sessions, minute)).isoformat()


def report_json(
    instance: Instance, sessions: list[tuple[datetime, datetime]], report: Report
) -> dict[str, Any]:
    plan = report.plan
    ordered = sorted(plan.assignments, key=lambda a: (a.start, a.table, a.match))
    return {
        "assignments": [
            {
                "match": a.match,
                "table": a.table,
                "start": clock(instance, sessions, a.start),
                "end": clock(instance, sessions, a.end),
            }
            for a in ordered
        ],
        "makespan_minutes": plan.makespan,
        "lower_bound_minutes": report.lower_bound,
        "optimal": plan.optimal,
        "violations": [
            {"kind": v.kind, "matches": list(v.matches), "message": v.message}
            for v in report.violations
        ],
        "lower_bounds": {
            "table_load_minutes": report.bounds.table_load,
            "player_chain_minutes": report.bounds.player_chain,
            "critical_path_minutes": report.bounds.critical_path,
            "load_tail_minutes": report.bounds.load_tail,
            "relaxation_minutes": report.bounds.relaxation,
            "player_sessions_minutes": report.bounds.player_sessions,
        },
        "player_waiting_minutes": report.waiting,
        "greedy_makespan_minutes": report.greedy.makespan,
        "greedy_player_waiting_minutes": report.greedy_waiting,
        "solver": plan.solver,
        "status": plan.status,
    }
