"""The JSON shapes of ``smallball tie``: a team tie's format, line-ups and rubbers in, its state
out. Errors name the field."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from smallball.competition.standings import Game
from smallball.competition.standings_codec import parse_games
from smallball.competition.team import Lineup, TieState, tie_state
from smallball.competition.team_formats import GENDERS, parse_format
from smallball.errors import N_, InputError

_KEYS = {"format", "home", "away", "rubbers"}
# ``rubbers``: the players named for a rubber's free slots, by the rubber's index (the core's
# errors name them ``home.rubbers.2``, so the input uses the same path).
_LINEUP_KEYS = {"positions", "rubbers", "genders"}


def _object(raw: object, field: str) -> Mapping[str, Any]:
    if not isinstance(raw, dict):
        raise InputError(field, N_("must be an object"))
    return raw


def _player(raw: object, field: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise InputError(field, N_("must be a player name, got {value!r}"), value=raw)
    return raw


def parse_lineup(raw: object, field: str) -> Lineup:
    data = _object(raw, field)
    for key in data:
        if key not in _LINEUP_KEYS:
            raise InputError(f"{field}.{key}", N_("unknown field"))
    positions = {
        str(letter): _player(p, f"{field}.positions.{letter}")
        for letter, p in _object(data.get("positions", {}), f"{field}.positions").items()
    }
    named: dict[int, tuple[str, ...]] = {}
    for key, players in _object(data.get("rubbers", {}), f"{field}.rubbers").items():
        where = f"{field}.rubbers.{key}"
        if not (key.isascii() and key.isdigit()):
            raise InputError(where, N_("the key must be a rubber index, counted from 0"))
        if not isinstance(players, list) or not players:
            raise InputError(where, N_("must be a list of player names"))
        # Indexes as in the ``rubbers`` list, so an error's path and the input agree.
        named[int(key)] = tuple(_player(p, f"{where}[{i}]") for i, p in enumerate(players))
    genders = {}
    for player, gender in _object(data.get("genders", {}), f"{field}.genders").items():
        if gender not in GENDERS:
            raise InputError(
                f"{field}.genders.{player}", N_("must be M or W, got {value!r}"), value=gender
            )
        genders[str(player)] = str(gender)
    return Lineup(positions=positions, named=named, genders=genders)


def parse_tie(data: object) -> tuple[Any, Lineup, Lineup, list[tuple[Game, ...]]]:
    tie = _object(data, "input")
    for key in tie:
        if key not in _KEYS:
            raise InputError(key, N_("unknown field"))
    if "format" not in tie:
        raise InputError("format", N_("is required: a format name or a format object"))
    fmt = parse_format(tie["format"])
    home = parse_lineup(tie.get("home", {}), "home")
    away = parse_lineup(tie.get("away", {}), "away")
    rubbers = tie.get("rubbers", [])
    if not isinstance(rubbers, list):
        raise InputError("rubbers", N_("must be a list of rubbers, each a list of games"))
    results = [parse_games(r, f"rubbers[{i}]") for i, r in enumerate(rubbers)]
    return fmt, home, away, results


def tie_json(state: TieState) -> dict[str, Any]:
    def players(side: tuple[str, ...] | None) -> list[str] | None:
        return None if side is None else list(side)

    return {
        "format": state.format,
        "decided": state.decided,
        "winner": state.winner,
        "rubbers_won": list(state.rubbers_won),
        "games_won": list(state.games_won),
        "next_rubber": state.next_rubber,
        "rubbers": [
            {
                "index": r.index,
                "name": r.name,
                "home": players(r.home),
                "away": players(r.away),
                "games": [list(g) for g in r.games],
                "games_won": list(r.games_won),
                "finished": r.finished,
                "winner": r.winner,
            }
            for r in state.rubbers
        ],
    }


def run_tie(data: object) -> dict[str, Any]:
    fmt, home, away, results = parse_tie(data)
    return tie_json(tie_state(fmt, home, away, results))
