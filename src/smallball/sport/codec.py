"""The JSON shapes of ``smallball rules replay``: parsing with errors that name the field."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from smallball.errors import N_, InputError
from smallball.sport.events import (
    RALLY_A,
    RALLY_B,
    UNDO,
    Card,
    Disqualification,
    Event,
    Expedite,
    Retirement,
    Side,
    Timeout,
    Walkover,
)
from smallball.sport.match import Incident, MatchSetup, MatchState, RallyRecord, Replay

_SIDES = {"A": Side.A, "B": Side.B}
_RALLIES = {"A": RALLY_A, "B": RALLY_B}
_SETUP_KEYS = {
    "sport",
    "best_of",
    "play_all_games",
    "sides",
    "first_server",
    "first_receiver",
    "game_first_servers",
    "game_first_receivers",
    "handicap",
    "events",
}


def _side(value: object, field: str) -> Side:
    if isinstance(value, str) and value in _SIDES:
        return _SIDES[value]
    raise InputError(field, N_("unknown side {value!r} (expected 'A' or 'B')"), value=value)


def _flag(raw: Mapping[str, Any], key: str, field: str) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise InputError(f"{field}.{key}", N_("must be true or false, got {value!r}"), value=value)
    return value


def _int(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(field, N_("must be a whole number, got {value!r}"), value=value)
    return value


def _name(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InputError(field, N_("must be a player name, got {value!r}"), value=value)
    return value


def parse_event(raw: object, field: str) -> Event:
    """``"A"``/``"B"`` for a rally, or an object with a ``type``."""
    if isinstance(raw, str):
        if raw in _RALLIES:
            return _RALLIES[raw]
        raise InputError(field, N_("unknown side {value!r} (expected 'A' or 'B')"), value=raw)
    if not isinstance(raw, dict):
        raise InputError(field, N_("must be 'A', 'B' or an event object, got {value!r}"), value=raw)
    kind = raw.get("type")
    if kind == "rally":
        return RALLY_A if _side(raw.get("winner"), f"{field}.winner") is Side.A else RALLY_B
    if kind == "expedite":
        return Expedite(
            interrupted_rally=_flag(raw, "interrupted_rally", field),
            requested=_flag(raw, "requested", field),
        )
    if kind == "undo":
        return UNDO
    if kind == "walkover":
        # An explicit null winner: neither side came. A missing one is still an error.
        if "winner" in raw and raw["winner"] is None:
            return Walkover(None)
        return Walkover(_side(raw.get("winner"), f"{field}.winner"))
    by_side: dict[str, type[Timeout | Card | Retirement | Disqualification]] = {
        "timeout": Timeout,
        "card": Card,
        "retirement": Retirement,
        "disqualification": Disqualification,
    }
    if kind in by_side:
        return by_side[kind](_side(raw.get("side"), f"{field}.side"))
    known = "rally, expedite, timeout, card, walkover, retirement, disqualification, undo"
    raise InputError(
        f"{field}.type", N_("unknown event type {kind!r} (known: {known})"), kind=kind, known=known
    )


def _choices(raw: object, field: str) -> Mapping[int, str]:
    if raw is None:
        return MappingProxyType({})
    if not isinstance(raw, dict):
        raise InputError(field, N_("must be an object such as {example}"), example='{"2": "B1"}')
    out: dict[int, str] = {}
    for key, value in raw.items():
        if not (str(key).isascii() and str(key).isdigit()):
            raise InputError(f"{field}.{key}", N_("the key must be a game number"))
        out[int(key)] = _name(value, f"{field}.{key}")
    return MappingProxyType(out)


def parse_setup(raw: object) -> MatchSetup:
    if not isinstance(raw, dict):
        raise InputError("input", N_("must be a JSON object"))
    for key in raw:
        if key not in _SETUP_KEYS:
            raise InputError(key, N_("unknown field"))
    sides_raw = raw.get("sides")
    if (
        not isinstance(sides_raw, list)
        or len(sides_raw) != 2
        or not all(isinstance(side, list) for side in sides_raw)
    ):
        raise InputError("sides", N_('must be two lists of players, e.g. [["A"], ["B"]]'))
    sides = tuple(
        tuple(_name(p, f"sides[{i}][{j}]") for j, p in enumerate(side))
        for i, side in enumerate(sides_raw)
    )
    if "first_server" not in raw:
        raise InputError("first_server", N_("is required"))
    receiver = raw.get("first_receiver")
    handicap_raw = raw.get("handicap", [0, 0])
    if not isinstance(handicap_raw, list) or len(handicap_raw) != 2:
        raise InputError("handicap", N_("must be two start scores, e.g. [3, 0]"))
    return MatchSetup(
        sides=(sides[0], sides[1]),
        first_server=_name(raw["first_server"], "first_server"),
        first_receiver=None if receiver is None else _name(receiver, "first_receiver"),
        best_of=_int(raw.get("best_of", 5), "best_of"),
        play_all_games=_flag(raw, "play_all_games", "input"),
        game_first_servers=_choices(raw.get("game_first_servers"), "game_first_servers"),
        game_first_receivers=_choices(raw.get("game_first_receivers"), "game_first_receivers"),
        handicap=(
            _int(handicap_raw[0], "handicap[0]"),
            _int(handicap_raw[1], "handicap[1]"),
        ),
    )


def parse_events(raw: object) -> list[Event]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise InputError("events", N_("must be a list"))
    return [parse_event(item, f"events[{i}]") for i, item in enumerate(raw)]


def _label(side: Side | None) -> str | None:
    return None if side is None else side.label


def rally_json(record: RallyRecord) -> dict[str, Any]:
    out: dict[str, Any] = {
        "game": record.game,
        "server": record.server,
        "receiver": record.receiver,
        "winner": record.winner.label,
        "score_after": list(record.score_after),
        "switch_ends_after": record.switch_ends_after,
    }
    if record.court is not None:
        out["court"] = record.court
        out["interval_after"] = record.interval_after
    return out


def incident_json(incident: Incident) -> dict[str, Any]:
    return {
        "event": incident.index,
        "game": incident.game,
        "type": incident.kind,
        "side": _label(incident.side),
        "detail": incident.detail,
        "score_after": list(incident.score_after),
        "switch_ends_after": incident.switch_ends_after,
    }


def current_json(state: MatchState) -> dict[str, Any] | None:
    if state.over:
        return None
    out: dict[str, Any] = {
        "game": state.game,
        "score": list(state.score),
        "server": state.server,
        "receiver": state.receiver,
        "expedite": state.expedite,
    }
    if state.court is not None:
        out["court"] = state.court
    return out


def replay_json(result: Replay) -> dict[str, Any]:
    state = result.state
    return {
        "winner": _label(state.winner),
        "status": state.status,
        "games": [list(g) for g in state.games],
        "rallies": [rally_json(r) for r in result.rallies],
        "incidents": [incident_json(i) for i in result.incidents],
        "current": current_json(state),
        "timeouts_taken": {"A": state.timeouts_taken[0], "B": state.timeouts_taken[1]},
        "cards": {"A": state.cards[0], "B": state.cards[1]},
        "penalty_points": {"A": state.penalty_points[0], "B": state.penalty_points[1]},
    }
