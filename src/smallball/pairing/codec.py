"""The JSON shapes of ``smallball pair``: parsing with errors that name the field."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from smallball.errors import N_, InputError
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


def _text(value: object, field: str, message: str) -> str:
    """``value`` if it is a non-blank string; else ``message`` (a template with ``{value!r}``)."""
    if not isinstance(value, str) or not value.strip():
        raise InputError(field, message, value=value)
    return value


def _whole(value: object, field: str, least: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(field, N_("must be a whole number, got {value!r}"), value=value)
    if value < least:
        raise InputError(field, N_("must be at least {low}, got {value}"), low=least, value=value)
    return value


def _number(value: object, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(field, N_("must be a number, got {value!r}"), value=value)
    return float(value)


def _flag(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise InputError(field, N_("must be true or false, got {value!r}"), value=value)
    return value


def _player(raw: object, field: str) -> Player:
    if not isinstance(raw, dict):
        raise InputError(field, N_("must be an object with id, country, gender and rating"))
    for key in raw:
        if key not in _PLAYER_KEYS:
            raise InputError(f"{field}.{key}", N_("unknown field"))
    pid = _text(raw.get("id"), f"{field}.id", N_("must be a player id, got {value!r}"))
    country = _text(
        raw.get("country"),
        f"{field}.country",
        N_("must be an association code such as 'CHN', got {value!r}"),
    )
    gender = raw.get("gender", "X")
    if gender not in _GENDERS:
        raise InputError(
            f"{field}.gender", N_("must be 'M', 'F' or 'X', got {value!r}"), value=gender
        )
    if "rating" not in raw:
        raise InputError(f"{field}.rating", N_("is required"))
    rating = _number(raw["rating"], f"{field}.rating")
    if abs(rating) > 1e6:
        raise InputError(f"{field}.rating", N_("is out of range: {value}"), value=rating)
    languages_raw = raw.get("languages", [])
    if not isinstance(languages_raw, list):
        raise InputError(f"{field}.languages", N_("must be a list of language codes"))
    languages = frozenset(
        _text(lang, f"{field}.languages[{n}]", N_("must be a language code, got {value!r}"))
        for n, lang in enumerate(languages_raw)
    )
    age = raw.get("age_group")
    if age is not None:
        age = _text(age, f"{field}.age_group", N_("must be an age group name, got {value!r}"))
    return Player(pid, country, str(gender), rating, languages, age)


def _id_groups(
    raw: Mapping[str, Any], key: str, known: set[str], sizes: tuple[int, int | None]
) -> tuple[tuple[str, ...], ...]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise InputError(key, N_('must be a list of player id lists such as [["p1", "p2"]]'))
    least, most = sizes
    out = []
    for n, group in enumerate(value):
        field = f"{key}[{n}]"
        if not isinstance(group, list):
            raise InputError(field, N_('must be a list of player ids such as ["p1", "p2"]'))
        if len(group) < least or (most is not None and len(group) > most):
            raise InputError(
                field,
                N_("must list {count} player ids, got {value}")
                if most == least
                else N_("must list {count} or more player ids, got {value}"),
                count=least,
                value=len(group),
            )
        for m, pid in enumerate(group):
            if not isinstance(pid, str):
                raise InputError(
                    f"{field}[{m}]", N_("must be a player id, got {value!r}"), value=pid
                )
            if key != "history" and pid not in known:
                raise InputError(f"{field}[{m}]", N_("unknown player {player!r}"), player=pid)
        if len(set(group)) != len(group):
            raise InputError(field, N_("lists a player twice"))
        out.append(tuple(group))
    return tuple(out)


def _gender_rule(raw: object, mode: str) -> GenderRule:
    if mode == "mixed-doubles":
        if raw is not None:
            raise InputError("gender_rule", N_("mixed doubles is always one man and one woman"))
        return GenderRule(min_women=1, min_men=1)
    if raw is None:
        return GenderRule()
    if not isinstance(raw, dict):
        raise InputError(
            "gender_rule", N_("must be an object such as {example}"), example='{"min_women": 1}'
        )
    for key in raw:
        if key not in ("min_women", "min_men", "same_gender"):
            raise InputError(f"gender_rule.{key}", N_("unknown field"))
    return GenderRule(
        min_women=_whole(raw.get("min_women", 0), "gender_rule.min_women", 0),
        min_men=_whole(raw.get("min_men", 0), "gender_rule.min_men", 0),
        same_gender=_flag(raw.get("same_gender", False), "gender_rule.same_gender"),
    )


def _order(raw: object) -> tuple[str, ...]:
    if raw is None:
        return DEFAULT_ORDER
    if not isinstance(raw, list):
        raise InputError("objective_order", N_("must be a list of objective names"))
    out: list[str] = []
    for n, name in enumerate(raw):
        names = ["strength_spread", "strength_deviation"] if name == "strength" else [name]
        for item in names:
            if item not in OBJECTIVES:
                known = ", ".join(("strength", *OBJECTIVES))
                raise InputError(
                    f"objective_order[{n}]",
                    N_("unknown objective {objective!r} ({known})"),
                    objective=name,
                    known=known,
                )
            if item in out:
                raise InputError(
                    f"objective_order[{n}]", N_("{objective} is listed twice"), objective=item
                )
            out.append(item)
    return tuple(out)


def parse_problem(raw: object) -> PairingProblem:
    if not isinstance(raw, dict):
        raise InputError("input", N_("must be a JSON object"))
    for key in raw:
        if key not in _KEYS:
            raise InputError(key, N_("unknown field"))
    mode = raw.get("mode", "doubles")
    if mode not in MODES:
        raise InputError(
            "mode",
            N_("must be one of {choices}, got {value!r}"),
            choices=", ".join(MODES),
            value=mode,
        )
    if mode == "teams":
        team_size = _whole(raw.get("team_size", 3), "team_size", 2)
    else:
        team_size = _whole(raw.get("team_size", 2), "team_size", 2)
        if team_size != 2:
            raise InputError(
                "team_size",
                N_("{mode} has 2 players per pair, got {value}"),
                mode=mode,
                value=team_size,
            )
    players_raw = raw.get("players")
    if not isinstance(players_raw, list):
        raise InputError("players", N_("must be a list of player objects"))
    players = tuple(_player(p, f"players[{n}]") for n, p in enumerate(players_raw))
    seen: set[str] = set()
    for n, p in enumerate(players):
        if p.id in seen:
            raise InputError(f"players[{n}].id", N_("duplicate player id {player!r}"), player=p.id)
        seen.add(p.id)
    cross = raw.get("cross_national", "preferred")
    if cross not in CROSS_RULES:
        raise InputError(
            "cross_national",
            N_("must be one of {choices}, got {value!r}"),
            choices=", ".join(CROSS_RULES),
            value=cross,
        )
    language = raw.get("shared_language", False)
    if language is True:
        language = "preferred"
    elif language is False:
        language = "off"
    if language not in LANGUAGE_RULES:
        raise InputError(
            "shared_language",
            N_("must be true, false, 'required' or 'preferred', got {value!r}"),
            value=language,
        )
    pair_size = (2, 2) if team_size == 2 else (2, team_size)
    sit_out_raw = raw.get("sit_out", [])
    if not isinstance(sit_out_raw, list):
        raise InputError("sit_out", N_("must be a list of player ids"))
    for n, pid in enumerate(sit_out_raw):
        if pid not in seen:
            raise InputError(f"sit_out[{n}]", N_("unknown player {player!r}"), player=pid)
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
            raise InputError(
                "delegations", N_('must name two associations, such as ["CHN", "USA"]')
            )
        delegations = (delegations[0], delegations[1])
    limit = _number(raw.get("time_limit_s", 10), "time_limit_s")
    if not 0 < limit <= 3600:
        raise InputError(
            "time_limit_s",
            N_("must be more than 0 and at most 3600, got {value}"),
            value=f"{limit:g}",
        )
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
        raise InputError("groups", N_("must be a list of player id lists"))
    out = []
    for n, group in enumerate(raw):
        if not isinstance(group, list) or not all(isinstance(p, str) for p in group):
            raise InputError(f"groups[{n}]", N_("must be a list of player ids"))
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
