"""The JSON shapes of ``smallball standings``: parse with errors naming the field, and render."""

from __future__ import annotations

from typing import Any

from smallball.competition.standings import (
    Game,
    GroupMatch,
    GroupRules,
    Outcome,
    Standings,
    Unfinished,
    check_set,
)
from smallball.errors import N_, InputError

_KEYS = {"kind", "entries", "matches", "best_of", "rubbers_to_win", "unfinished"}
_MATCH_KEYS = {
    "a",
    "b",
    "games",
    "rubbers",
    "walkover",
    "double_walkover",
    "retired",
    "disqualified",
}
_KINDS = ("individual", "team")


def _int(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(field, N_("must be a whole number, got {value!r}"), value=value)
    return value


def _name(value: object, field: str) -> str:
    if not isinstance(value, str) or not value:
        raise InputError(field, N_("must be an entry name, got {value!r}"), value=value)
    return value


def _list(value: object, field: str) -> list[Any]:
    if not isinstance(value, list):
        raise InputError(field, N_("must be a list, got {value!r}"), value=value)
    return value


def parse_game(raw: object, field: str) -> Game:
    if not isinstance(raw, list) or len(raw) != 2:
        raise InputError(
            field, N_("must be a game score such as [11, 7], got {value!r}"), value=raw
        )
    return _int(raw[0], f"{field}[0]"), _int(raw[1], f"{field}[1]")


def parse_games(raw: object, field: str) -> tuple[Game, ...]:
    return tuple(parse_game(g, f"{field}[{i}]") for i, g in enumerate(_list(raw, field)))


def parse_rules(data: dict[str, Any]) -> GroupRules:
    kind = data.get("kind", "individual")
    if kind not in _KINDS:
        raise InputError("kind", N_("must be 'individual' or 'team', got {value!r}"), value=kind)
    unfinished = data.get("unfinished", Unfinished.AWARD.value)
    known = [u.value for u in Unfinished]
    if unfinished not in known:
        raise InputError(
            "unfinished",
            N_("must be one of {choices}, got {value!r}"),
            choices=", ".join(known),
            value=unfinished,
        )
    return GroupRules(
        team=kind == "team",
        best_of=_int(data.get("best_of", 5), "best_of"),
        rubbers_to_win=_int(data.get("rubbers_to_win", 3), "rubbers_to_win"),
        unfinished=Unfinished(unfinished),
    )


def parse_match(raw: object, field: str, rules: GroupRules) -> GroupMatch:
    if not isinstance(raw, dict):
        raise InputError(field, N_("must be an object with a, b and the result"))
    for key in raw:
        if key not in _MATCH_KEYS:
            raise InputError(f"{field}.{key}", N_("unknown field"))
    a = _name(raw.get("a"), f"{field}.a")
    b = _name(raw.get("b"), f"{field}.b")
    if a == b:
        raise InputError(f"{field}.b", N_("{entry} cannot play against itself"), entry=b)
    marks = [k for k in ("walkover", "double_walkover", "retired", "disqualified") if k in raw]
    if len(marks) > 1:
        raise InputError(
            f"{field}.{marks[1]}", N_("cannot be given together with {key}"), key=marks[0]
        )
    wrong_key = "games" if rules.team else "rubbers"
    if wrong_key in raw:
        raise InputError(
            f"{field}.{wrong_key}",
            N_("not used in an team group (use rubbers)")
            if rules.team
            else N_("not used in an individual group (use games)"),
        )
    games: tuple[Game, ...] = ()
    rubbers: tuple[tuple[Game, ...], ...] = ()
    if rules.team:
        rubber_list = _list(raw.get("rubbers", []), f"{field}.rubbers")
        parsed = []
        for i, rubber in enumerate(rubber_list):
            rubber_field = f"{field}.rubbers[{i}]"
            if not isinstance(rubber, dict) or "games" not in rubber:
                raise InputError(
                    rubber_field,
                    N_("must be an object such as {example}"),
                    example='{"games": [[11, 5]]}',
                )
            parsed.append(parse_games(rubber["games"], f"{rubber_field}.games"))
        rubbers = tuple(parsed)
    else:
        games = parse_games(raw.get("games", []), f"{field}.games")
    winner: str | None
    if not marks:
        outcome = Outcome.PLAYED
        winner = _played_winner(a, b, games, rubbers, rules, field)
    elif marks[0] == "double_walkover":
        # Neither entry came: both lose, with no match point (3.7.5.1).
        if raw["double_walkover"] is not True:
            raise InputError(f"{field}.double_walkover", N_("must be true when given"))
        outcome, winner = Outcome.WALKOVER, None
    else:
        mark = marks[0]
        named = _name(raw[mark], f"{field}.{mark}")
        if named not in (a, b):
            raise InputError(
                f"{field}.{mark}",
                N_("{entry} does not play in this match ({a} v {b})"),
                entry=named,
                a=a,
                b=b,
            )
        outcome = Outcome(mark)
        # a walkover names the winner; a retirement or disqualification names the loser
        winner = named if outcome is Outcome.WALKOVER else (b if named == a else a)
    return GroupMatch(a=a, b=b, winner=winner, outcome=outcome, games=games, rubbers=rubbers)


def _played_winner(
    a: str,
    b: str,
    games: tuple[Game, ...],
    rubbers: tuple[tuple[Game, ...], ...],
    rules: GroupRules,
    field: str,
) -> str:
    if not rules.team:
        if not games:
            raise InputError(
                f"{field}.games", N_("is required (or walkover, retired or disqualified)")
            )
        won = check_set(games, rules.best_of, f"{field}.games", finished=True)
        return a if won[0] > won[1] else b
    if not rubbers:
        raise InputError(
            f"{field}.rubbers", N_("is required (or walkover, retired or disqualified)")
        )
    score = [0, 0]
    for i, rubber in enumerate(rubbers):
        won = check_set(rubber, rules.best_of, f"{field}.rubbers[{i}].games", finished=True)
        score[0 if won[0] > won[1] else 1] += 1
    if score[0] == score[1]:
        raise InputError(
            f"{field}.rubbers", N_("{a}-{b} in rubbers has no winner"), a=score[0], b=score[1]
        )
    return a if score[0] > score[1] else b


def parse_group(data: object) -> tuple[list[str], list[GroupMatch], GroupRules]:
    if not isinstance(data, dict):
        raise InputError("input", N_("must be a JSON object"))
    for key in data:
        if key not in _KEYS:
            raise InputError(key, N_("unknown field"))
    rules = parse_rules(data)
    if "entries" not in data:
        raise InputError("entries", N_("is required"))
    raw_entries = _list(data["entries"], "entries")
    entries = [_name(e, f"entries[{i}]") for i, e in enumerate(raw_entries)]
    if len(entries) < 2:
        raise InputError("entries", N_("a group needs at least 2 entries"))
    seen: dict[str, int] = {}
    for i, e in enumerate(entries):
        if e in seen:
            raise InputError(
                f"entries[{i}]", N_("{entry} is already entries[{index}]"), entry=e, index=seen[e]
            )
        seen[e] = i
    raw_matches = _list(data.get("matches", []), "matches")
    matches = []
    for i, raw in enumerate(raw_matches):
        field = f"matches[{i}]"
        match = parse_match(raw, field, rules)
        for side, name in (("a", match.a), ("b", match.b)):
            if name not in seen:
                raise InputError(f"{field}.{side}", N_("{entry} is not in entries"), entry=name)
        matches.append(match)
    return entries, matches, rules


def standings_json(result: Standings, team: bool) -> dict[str, Any]:
    rows = []
    for row in result.rows:
        out: dict[str, Any] = {
            "entry": row.entry,
            "rank": row.rank,
            "match_points": row.match_points,
            "won": row.won,
            "lost": row.lost,
        }
        if team:
            out["rubbers_won"] = row.rubbers_won
            out["rubbers_lost"] = row.rubbers_lost
        out.update(
            games_won=row.games_won,
            games_lost=row.games_lost,
            points_won=row.points_won,
            points_lost=row.points_lost,
        )
        rows.append(out)
    return {
        "standings": rows,
        "steps": list(result.steps),
        "needs_lot": [list(block) for block in result.needs_lot],
    }
