"""The JSON shapes of ``smallball pair``: parsing with errors that name the field."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from smallball.errors import InputError
from smallball.pairing.model import (
    CROSS_RULES,
    DEFAULT_ORDER,
    LANGUAGE_RULES,
    MODES,
    OBJECTIVES,
    Evaluation,
    GenderRule,
    PairingProblem,
    PairingResult,
    Player,
    Score,
)

_KEYS = {
    "mode",
    "team_size",
    "players",
    "cross_national",
    "shared_language",
    "avoid",
    "keep",
    "history",
    "sit_out",
    "max_per_country",
    "gender_rule",
    "delegations",
    "same_age_group",
    "objective_order",
    "time_limit_s",
    "workers",
    "seed",
    "groups",
}
_PLAYER_KEYS = {"id", "country", "gender", "rating", "languages", "age_group"}
_GENDERS = ("M", "F", "X")


def _text(value: object, field: str, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(field, f"must be {what}, got {value!r}")
    return value


def _whole(value: object, field: str, least: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(field, f"must be a whole number, got {value!r}")
    if value < least:
        raise InputError(field, f"must be at least {least}, got {value}")
    return value


def _number(value: object, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(field, f"must be a number, got {value!r}")
    return float(value)


def _flag(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise InputError(field, f"must be true or false, got {value!r}")
    return value


def _player(raw: object, field: str) -> Player:
    if not isinstance(raw, dict):
        raise InputError(field, "must be an object with id, country, gender and rating")
    for key in raw:
        if key not in _PLAYER_KEYS:
            raise InputError(f"{field}.{key}", "unknown field")
    pid = _text(raw.get("id"), f"{field}.id", "a player id")
    country = _text(raw.get("country"), f"{field}.country", "an association code such as 'CHN'")
    gender = raw.get("gender", "X")
    if gender not in _GENDERS:
        raise InputError(f"{field}.gender", f"must be 'M', 'F' or 'X', got {gender!r}")
    if "rating" not in raw:
        raise InputError(f"{field}.rating", "is required")
    rating = _number(raw["rating"], f"{field}.rating")
    if abs(rating) > 1e6:
        raise InputError(f"{field}.rating", f"is out of range: {rating}")
    languages_raw = raw.get("languages", [])
    if not isinstance(languages_raw, list):
        raise InputError(f"{field}.languages", "must be a list of language codes")
    languages = frozenset(
        _text(lang, f"{field}.languages[{n}]", "a language code")
        for n, lang in enumerate(languages_raw)
    )
    age = raw.get("age_group")
    if age is not None:
        age = _text(age, f"{field}.age_group", "an age group name")
    return Player(pid, country, str(gender), rating, languages, age)


def _id_groups(
    raw: Mapping[str, Any], key: str, known: set[str], sizes: tuple[int, int | None]
) -> tuple[tuple[str, ...], ...]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise InputError(key, 'must be a list of player id lists such as [["p1", "p2"]]')
    least, most = sizes
    out = []
    for n, group in enumerate(value):
        field = f"{key}[{n}]"
        if not isinstance(group, list):
            raise InputError(field, 'must be a list of player ids such as ["p1", "p2"]')
        if len(group) < least or (most is not None and len(group) > most):
            size = f"{least}" if most == least else f"{least} or more"
            raise InputError(field, f"must list {size} player ids, got {len(group)}")
        for m, pid in enumerate(group):
            if not isinstance(pid, str):
                raise InputError(f"{field}[{m}]", f"must be a player id, got {pid!r}")
            if key != "history" and pid not in known:
                raise InputError(f"{field}[{m}]", f"unknown player {pid!r}")
        if len(set(group)) != len(group):
            raise InputError(field, "lists a player twice")
        out.append(tuple(group))
    return tuple(out)


def _gender_rule(raw: object, mode: str) -> GenderRule:
    if mode == "mixed-doubles":
        if raw is not None:
            raise InputError("gender_rule", "mixed doubles is always one man and one woman")
        return GenderRule(min_women=1, min_men=1)
    if raw is None:
        return GenderRule()
    if not isinstance(raw, dict):
        raise InputError("gender_rule", 'must be an object such as {"min_women": 1}')
    for key in raw:
        if key not in ("min_women", "min_men", "same_gender"):
            raise InputError(f"gender_rule.{key}", "unknown field")
    return GenderRule(
        min_women=_whole(raw.get("min_women", 0), "gender_rule.min_women", 0),
        min_men=_whole(raw.get("min_men", 0), "gender_rule.min_men", 0),
        same_gender=_flag(raw.get("same_gender", False), "gender_rule.same_gender"),
    )


def _order(raw: object) -> tuple[str, ...]:
    if raw is None:
        return DEFAULT_ORDER
    if not isinstance(raw, list):
        raise InputError("objective_order", "must be a list of objective names")
    out: list[str] = []
    for n, name in enumerate(raw):
        names = ["strength_spread", "strength_deviation"] if name == "strength" else [name]
        for item in names:
            if item not in OBJECTIVES:
                known = ", ".join(("strength", *OBJECTIVES))
                raise InputError(f"objective_order[{n}]", f"unknown objective {name!r} ({known})")
            if item in out:
                raise InputError(f"objective_order[{n}]", f"{item} is listed twice")
            out.append(item)
    return tuple(out)


def parse_problem(raw: object) -> PairingProblem:
    if not isinstance(raw, dict):
        raise InputError("input", "must be a JSON object")
    for key in raw:
        if key not in _KEYS:
            raise InputError(key, "unknown field")
    mode = raw.get("mode", "doubles")
    if mode not in MODES:
        raise InputError("mode", f"must be one of {', '.join(MODES)}, got {mode!r}")
    if mode == "teams":
        team_size = _whole(raw.get("team_size", 3), "team_size", 2)
    else:
        team_size = _whole(raw.get("team_size", 2), "team_size", 2)
        if team_size != 2:
            raise InputError("team_size", f"{mode} has 2 players per pair, got {team_size}")
    players_raw = raw.get("players")
    if not isinstance(players_raw, list):
        raise InputError("players", "must be a list of player objects")
    players = tuple(_player(p, f"players[{n}]") for n, p in enumerate(players_raw))
    seen: set[str] = set()
    for n, p in enumerate(players):
        if p.id in seen:
            raise InputError(f"players[{n}].id", f"duplicate player id {p.id!r}")
        seen.add(p.id)
    cross = raw.get("cross_national", "preferred")
    if cross not in CROSS_RULES:
        raise InputError(
            "cross_national", f"must be one of {', '.join(CROSS_RULES)}, got {cross!r}"
        )
    language = raw.get("shared_language", False)
    if language is True:
        language = "preferred"
    elif language is False:
        language = "off"
    if language not in LANGUAGE_RULES:
        raise InputError(
            "shared_language", f"must be true, false, 'required' or 'preferred', got {language!r}"
        )
    pair_size = (2, 2) if team_size == 2 else (2, team_size)
    sit_out_raw = raw.get("sit_out", [])
    if not isinstance(sit_out_raw, list):
        raise InputError("sit_out", "must be a list of player ids")
    for n, pid in enumerate(sit_out_raw):
        if pid not in seen:
            raise InputError(f"sit_out[{n}]", f"unknown player {pid!r}")
    cap = raw.get("max_per_country")
    if cap is not None:
        cap = _whole(cap, "max_per_country", 1)
    delegations = raw.get("delegations")
    if delegations is not None:
        if (
            not isinstance(delegations, list)
            or len(delegations) != 2
            or not all(isinstance(d, str) and d for d in delegations)
            or delegations[0] == delegations[1]
        ):
            raise InputError("delegations", 'must name two associations, such as ["CHN", "USA"]')
        delegations = (delegations[0], delegations[1])
    limit = _number(raw.get("time_limit_s", 10), "time_limit_s")
    if not 0 < limit <= 3600:
        raise InputError("time_limit_s", f"must be more than 0 and at most 3600, got {limit:g}")
    return PairingProblem(
        players=players,
        mode=mode,
        team_size=team_size,
        gender_rule=_gender_rule(raw.get("gender_rule"), mode),
        cross_national=cross,
        shared_language=language,
        avoid=tuple((g[0], g[1]) for g in _id_groups(raw, "avoid", seen, (2, 2))),
        keep=_id_groups(raw, "keep", seen, pair_size),
        history=tuple(
            (a, b)
            for g in _id_groups(raw, "history", seen, (2, None))
            for n, a in enumerate(g)
            for b in g[n + 1 :]
        ),
        sit_out=frozenset(sit_out_raw),
        max_per_country=cap,
        delegations=delegations,
        same_age_group=_flag(raw.get("same_age_group", False), "same_age_group"),
        objective_order=_order(raw.get("objective_order")),
        time_limit_s=limit,
        workers=_whole(raw.get("workers", 2), "workers", 1),
        seed=_whole(raw.get("seed", 0), "seed", 0),
    )


def parse_groups(raw: object) -> tuple[tuple[str, ...], ...]:
    if not isinstance(raw, list):
        raise InputError("groups", "must be a list of player id lists")
    out = []
    for n, group in enumerate(raw):
        if not isinstance(group, list) or not all(isinstance(p, str) for p in group):
            raise InputError(f"groups[{n}]", "must be a list of player ids")
        out.append(tuple(group))
    return tuple(out)


def score_json(score: Score) -> dict[str, Any]:
    return {
        "cross_national": score.cross_national,
        "strength_spread": score.strength_spread,
        "strength_deviation": score.strength_deviation,
        "shared_language": score.shared_language,
        "repeats": score.repeats,
        "diversity": score.diversity,
        "groups": score.groups,
        "assigned_players": score.assigned_players,
    }


def result_json(result: PairingResult) -> dict[str, Any]:
    return {
        "groups": [list(g) for g in result.groups],
        "unassigned": list(result.unassigned),
        "sitting_out": list(result.sitting_out),
        "optimal": result.optimal,
        "objective": score_json(result.score),
        "strengths": list(result.strengths),
        "notes": list(result.notes),
        "method": result.method,
    }


def evaluation_json(evaluation: Evaluation) -> dict[str, Any]:
    return {
        "objective": score_json(evaluation.score),
        "strengths": list(evaluation.strengths),
        "unassigned": list(evaluation.unassigned),
        "violations": list(evaluation.violations),
    }
