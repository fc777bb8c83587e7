"""The JSON shapes of ``smallball draw ...``: parsing with errors that name the field."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from smallball.competition.groups import GroupDraw, draw_groups
from smallball.competition.knockout import CountryPair, Entry, KnockoutDraw, draw_knockout
from smallball.competition.stages import qualifiers_draw
from smallball.errors import N_, InputError

BYE_JSON = "BYE"
_KNOCKOUT_KEYS = {"entries", "seeds", "policy", "history", "random_seed"}
_GROUPS_KEYS = {"entries", "groups", "policy", "history", "random_seed"}
_QUALIFIERS_KEYS = {"groups", "qualifiers", "random_seed"}
_ENTRY_KEYS = {"id", "associations", "seed"}


def _object(data: object, field: str, keys: set[str]) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise InputError(field, N_("must be a JSON object"))
    for key in data:
        if key not in keys:
            raise InputError(f"{field}.{key}" if field != "input" else key, N_("unknown field"))
    return data


def _int(value: object, field: str, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(field, N_("must be a whole number, got {value!r}"), value=value)
    if value < minimum:
        raise InputError(field, N_("must be {low} or more, got {value}"), low=minimum, value=value)
    return value


def _text(value: object, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(field, N_("must be a non-empty string, got {value!r}"), value=value)
    return value


def parse_entries(raw: object) -> list[Entry]:
    if not isinstance(raw, list):
        raise InputError("entries", N_("must be a list of entries"))
    entries = []
    for i, item in enumerate(raw):
        field = f"entries[{i}]"
        item = _object(item, field, _ENTRY_KEYS)
        if "id" not in item:
            raise InputError(f"{field}.id", N_("is missing"))
        entry_id = _text(item["id"], f"{field}.id")
        associations = item.get("associations")
        if not isinstance(associations, list) or not associations:
            raise InputError(
                f"{field}.associations", N_("must be a non-empty list of associations")
            )
        names = [_text(a, f"{field}.associations[{j}]") for j, a in enumerate(associations)]
        for j, name in enumerate(names):
            if name in names[:j]:
                raise InputError(
                    f"{field}.associations[{j}]",
                    N_("{association!r} is listed twice"),
                    association=name,
                )
        seed = item.get("seed")
        if seed is not None:
            seed = _int(seed, f"{field}.seed", minimum=1)
        entries.append(Entry(entry_id, tuple(names), seed))
    return entries


def parse_history(raw: object) -> list[tuple[str, str]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise InputError("history", N_("must be a list of country pairs such as ['CHN', 'USA']"))
    pairs = []
    for i, pair in enumerate(raw):
        if not isinstance(pair, list) or len(pair) != 2:
            raise InputError(
                f"history[{i}]", N_("must be a pair of countries, got {value!r}"), value=pair
            )
        pairs.append((_text(pair[0], f"history[{i}][0]"), _text(pair[1], f"history[{i}][1]")))
    return pairs


def _policy(data: dict[str, Any]) -> str:
    policy = data.get("policy", "separate")
    if not isinstance(policy, str):
        raise InputError("policy", N_("must be a string, got {value!r}"), value=policy)
    return policy


def _pairs_json(pairs: Sequence[CountryPair]) -> list[dict[str, Any]]:
    return [{"pair": [p.first, p.second], "matches": p.matches, "new": p.new} for p in pairs]


def knockout_json(draw: KnockoutDraw) -> dict[str, Any]:
    return {
        "size": draw.size,
        "positions": [BYE_JSON if p is None else p for p in draw.positions],
        "policy": draw.policy,
        "random_seed": draw.random_seed,
        "first_round_country_pairs": _pairs_json(draw.country_pairs),
        "distinct_country_pairs": len(draw.country_pairs),
        "new_country_pairs": sum(p.new for p in draw.country_pairs),
        "compatriot_meetings": [list(m) for m in draw.compatriot_meetings],
        "unavoidable_meetings": draw.unavoidable_meetings,
        "unmet_constraints": list(draw.unmet),
    }


def run_knockout(data: Any) -> dict[str, Any]:
    data = _object(data, "input", _KNOCKOUT_KEYS)
    if "entries" not in data:
        raise InputError("entries", N_("is missing"))
    entries = parse_entries(data["entries"])
    seeds = data.get("seeds")
    if seeds is not None:
        seeds = _int(seeds, "seeds")
    draw = draw_knockout(
        entries,
        seeds=seeds,
        policy=_policy(data),
        history=parse_history(data.get("history")),
        random_seed=_int(data.get("random_seed", 0), "random_seed"),
    )
    return knockout_json(draw)


def groups_json(draw: GroupDraw) -> dict[str, Any]:
    return {
        "groups": [list(g) for g in draw.groups],
        "policy": draw.policy,
        "random_seed": draw.random_seed,
        "country_pairs": _pairs_json(draw.country_pairs),
        "distinct_country_pairs": len(draw.country_pairs),
        "new_country_pairs": sum(p.new for p in draw.country_pairs),
        "compatriot_pairs": [list(p) for p in draw.compatriot_pairs],
        "unavoidable_compatriot_pairs": draw.unavoidable_compatriot_pairs,
    }


def run_groups(data: Any) -> dict[str, Any]:
    data = _object(data, "input", _GROUPS_KEYS)
    if "entries" not in data:
        raise InputError("entries", N_("is missing"))
    if "groups" not in data:
        raise InputError("groups", N_("is missing (the number of groups)"))
    draw = draw_groups(
        parse_entries(data["entries"]),
        groups=_int(data["groups"], "groups", minimum=1),
        policy=_policy(data),
        history=parse_history(data.get("history")),
        random_seed=_int(data.get("random_seed", 0), "random_seed"),
    )
    return groups_json(draw)


def run_qualifiers(data: Any) -> dict[str, Any]:
    data = _object(data, "input", _QUALIFIERS_KEYS)
    raw = data.get("groups")
    if not isinstance(raw, list) or not raw:
        raise InputError("groups", N_("must be a non-empty list of finishing orders"))
    orders: list[list[str]] = []
    seen: dict[str, str] = {}
    for g, order in enumerate(raw):
        if not isinstance(order, list):
            raise InputError(f"groups[{g}]", N_("must be a list of entry ids, winner first"))
        ids = []
        for k, item in enumerate(order):
            field = f"groups[{g}][{k}]"
            entry_id = _text(item, field)
            if entry_id in seen:
                raise InputError(
                    field, N_("{entry!r} is also {where}"), entry=entry_id, where=seen[entry_id]
                )
            seen[entry_id] = field
            ids.append(entry_id)
        orders.append(ids)
    draw = qualifiers_draw(
        orders,
        qualifiers=_int(data.get("qualifiers", 2), "qualifiers", minimum=1),
        random_seed=_int(data.get("random_seed", 0), "random_seed"),
    )
    return knockout_json(draw)
