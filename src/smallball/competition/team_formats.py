"""Team match systems as data: the ITTF formats, and custom ones parsed from JSON-able dicts.

A rubber's side is a tuple of slots. A slot is either a line-up position (the letters A, B, C
against X, Y, Z fixed before the tie) or a free slot whose player is named for that rubber only,
as the doubles pairs of the Corbillon Cup or the Mixed Team World Cup are. A slot may require a
gender ("M" or "W") where the format needs it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from smallball.errors import N_, InputError


class WinBy(StrEnum):
    RUBBERS = "rubbers"
    GAMES = "games"


GENDERS = ("M", "W")


@dataclass(frozen=True, slots=True)
class Slot:
    position: str | None = None
    """A line-up letter; None for a player named for this rubber only."""
    gender: str | None = None


@dataclass(frozen=True, slots=True)
class RubberSpec:
    name: str
    home: tuple[Slot, ...]
    away: tuple[Slot, ...]
    best_of: int = 5
    all_games: bool = False
    """Every game is played (the Mixed Team World Cup's exactly 3), not first to a majority."""
    not_with: tuple[int, ...] = ()
    """Rubbers (by index) whose players may not play this one for the same team."""


@dataclass(frozen=True, slots=True)
class TeamFormat:
    name: str
    rubbers: tuple[RubberSpec, ...]
    win_by: WinBy = WinBy.RUBBERS
    target: int = 3
    """Rubbers (or games, for ``WinBy.GAMES``) that win the tie."""
    home_positions: tuple[str, ...] = ("A", "B", "C")
    away_positions: tuple[str, ...] = ("X", "Y", "Z")
    max_rubbers_per_player: int | None = None
    min_players: tuple[tuple[str, int], ...] = ()
    """Per gender, the fewest different players a team must field (all 3 men, all 3 women)."""


def _pos(*letters: str) -> tuple[Slot, ...]:
    return tuple(Slot(position=letter) for letter in letters)


def _free(*genders: str | None) -> tuple[Slot, ...]:
    return tuple(Slot(gender=g) for g in genders)


def _singles(pairs: str, best_of: int = 5) -> tuple[RubberSpec, ...]:
    return tuple(
        RubberSpec(name=f"{p[0]} v {p[1]}", home=_pos(p[0]), away=_pos(p[1]), best_of=best_of)
        for p in pairs.split()
    )


OLYMPIC = TeamFormat(
    name="olympic",
    rubbers=(
        RubberSpec(name="B & C v Y & Z", home=_pos("B", "C"), away=_pos("Y", "Z")),
        *_singles("AX CZ AY BX"),
    ),
    max_rubbers_per_player=2,
)
WORLD_TEAM_CHAMPIONSHIPS = TeamFormat(
    name="world-team-championships",
    rubbers=_singles("AX BY CZ AY BX"),
    max_rubbers_per_player=2,
)
CORBILLON = TeamFormat(
    name="corbillon",
    rubbers=(
        *_singles("AX BY"),
        RubberSpec(name="doubles", home=_free(None, None), away=_free(None, None)),
        *_singles("AY BX"),
    ),
)
SWAYTHLING = TeamFormat(
    name="swaythling",
    rubbers=_singles("AX BY CZ BX AZ CY BZ CX AY"),
    target=5,
)


def _mixed_team(name: str, men_first: bool) -> TeamFormat:
    def rubber(title: str, genders: tuple[str, ...], not_with: tuple[int, ...] = ()) -> RubberSpec:
        return RubberSpec(
            name=title,
            home=_free(*genders),
            away=_free(*genders),
            best_of=3,
            all_games=True,
            not_with=not_with,
        )

    doubles = [rubber("women's doubles", ("W", "W")), rubber("men's doubles", ("M", "M"))]
    if men_first:
        doubles.reverse()
    return TeamFormat(
        name=name,
        rubbers=(
            rubber("mixed doubles", ("M", "W")),
            rubber("women's singles", ("W",), (0,)),
            rubber("men's singles", ("M",), (0,)),
            *doubles,
        ),
        win_by=WinBy.GAMES,
        target=8,
        home_positions=(),
        away_positions=(),
        max_rubbers_per_player=2,
        min_players=(("M", 3), ("W", 3)),
    )


# The lower-ranked team's captain chooses which doubles comes fourth: two named formats.
MIXED_TEAM_WORLD_CUP = _mixed_team("mixed-team-world-cup", men_first=False)
MIXED_TEAM_WORLD_CUP_MD_FIRST = _mixed_team("mixed-team-world-cup-md-first", men_first=True)

FORMATS: dict[str, TeamFormat] = {
    f.name: f
    for f in (
        OLYMPIC,
        WORLD_TEAM_CHAMPIONSHIPS,
        CORBILLON,
        SWAYTHLING,
        MIXED_TEAM_WORLD_CUP,
        MIXED_TEAM_WORLD_CUP_MD_FIRST,
    )
}


# -- custom formats as data ----------------------------------------------------------------


def _int(value: object, field: str, least: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise InputError(
            field,
            N_("must be a whole number of at least {low}, got {value!r}"),
            low=least,
            value=value,
        )
    return value


def _letters(value: object, field: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise InputError(
            field, N_("must be a list of position letters, got {value!r}"), value=value
        )
    if len(set(value)) != len(value):
        raise InputError(field, N_("a position is listed twice"))
    return tuple(value)


def _slot(raw: object, positions: tuple[str, ...], field: str) -> Slot:
    if isinstance(raw, str):
        if raw not in positions:
            raise InputError(
                field,
                N_("{value!r} is not one of the positions {positions}"),
                value=raw,
                positions=list(positions),
            )
        return Slot(position=raw)
    if isinstance(raw, dict):
        gender = raw.get("gender")
        if gender is not None and gender not in GENDERS:
            raise InputError(
                f"{field}.gender", N_("must be 'M' or 'W', got {value!r}"), value=gender
            )
        if set(raw) - {"gender"}:
            raise InputError(field, N_("a free slot takes only 'gender'"))
        return Slot(gender=gender)
    raise InputError(
        field,
        N_("must be a position letter or a free slot such as {example}"),
        example='{"gender": "W"}',
    )


def parse_format(raw: object, field: str = "format") -> TeamFormat:
    """A format name, or a custom format given as data (see docs/cli-standings.md)."""
    if isinstance(raw, str):
        if raw not in FORMATS:
            raise InputError(
                field,
                N_("unknown format {value!r} (known: {known})"),
                value=raw,
                known=", ".join(FORMATS),
            )
        return FORMATS[raw]
    if not isinstance(raw, dict):
        raise InputError(field, N_("must be a format name or a format object"))
    known = {
        "name",
        "rubbers",
        "win_by",
        "target",
        "home_positions",
        "away_positions",
        "max_rubbers_per_player",
        "min_players",
    }
    for key in raw:
        if key not in known:
            raise InputError(f"{field}.{key}", N_("unknown field"))
    win_by = raw.get("win_by", "rubbers")
    if win_by not in ("rubbers", "games"):
        raise InputError(
            f"{field}.win_by", N_("must be 'rubbers' or 'games', got {value!r}"), value=win_by
        )
    home_positions = _letters(raw.get("home_positions", ["A", "B", "C"]), f"{field}.home_positions")
    away_positions = _letters(raw.get("away_positions", ["X", "Y", "Z"]), f"{field}.away_positions")
    rubbers_raw = raw.get("rubbers")
    if not isinstance(rubbers_raw, list) or not rubbers_raw:
        raise InputError(f"{field}.rubbers", N_("must be a non-empty list of rubbers"))
    rubbers = [
        _rubber(r, i, home_positions, away_positions, f"{field}.rubbers[{i}]")
        for i, r in enumerate(rubbers_raw)
    ]
    cap = raw.get("max_rubbers_per_player")
    min_raw = raw.get("min_players", {})
    if not isinstance(min_raw, dict) or any(g not in GENDERS for g in min_raw):
        raise InputError(
            f"{field}.min_players",
            N_("must be an object such as {example}"),
            example='{"M": 3, "W": 3}',
        )
    name = raw.get("name", "custom")
    if not isinstance(name, str):
        raise InputError(f"{field}.name", N_("must be text"))
    return TeamFormat(
        name=name,
        rubbers=tuple(rubbers),
        win_by=WinBy(win_by),
        target=_int(raw.get("target", 3), f"{field}.target", 1),
        home_positions=home_positions,
        away_positions=away_positions,
        max_rubbers_per_player=None
        if cap is None
        else _int(cap, f"{field}.max_rubbers_per_player", 1),
        min_players=tuple(
            (g, _int(n, f"{field}.min_players.{g}", 0)) for g, n in sorted(min_raw.items())
        ),
    )


def _rubber(
    raw: object, index: int, home: tuple[str, ...], away: tuple[str, ...], field: str
) -> RubberSpec:
    if not isinstance(raw, dict):
        raise InputError(field, N_("must be a rubber object with home and away"))
    for key in raw:
        if key not in {"name", "home", "away", "best_of", "all_games", "not_with"}:
            raise InputError(f"{field}.{key}", N_("unknown field"))
    sides = []
    for key, positions in (("home", home), ("away", away)):
        slots = raw.get(key)
        if not isinstance(slots, list) or len(slots) not in (1, 2):
            raise InputError(f"{field}.{key}", N_("must list 1 (singles) or 2 (doubles) slots"))
        sides.append(tuple(_slot(s, positions, f"{field}.{key}[{j}]") for j, s in enumerate(slots)))
    if len(sides[0]) != len(sides[1]):
        raise InputError(f"{field}.away", N_("must have as many players as home"))
    best_of = _int(raw.get("best_of", 5), f"{field}.best_of", 1)
    if best_of % 2 == 0:
        raise InputError(f"{field}.best_of", N_("must be odd, got {value}"), value=best_of)
    all_games = raw.get("all_games", False)
    if not isinstance(all_games, bool):
        raise InputError(f"{field}.all_games", N_("must be true or false"))
    not_with_raw = raw.get("not_with", [])
    if not isinstance(not_with_raw, list):
        raise InputError(f"{field}.not_with", N_("must be a list of rubber numbers"))
    not_with = []
    for j, other in enumerate(not_with_raw):
        if isinstance(other, bool) or not isinstance(other, int) or not 0 <= other < index:
            raise InputError(f"{field}.not_with[{j}]", N_("must be the index of an earlier rubber"))
        not_with.append(other)
    name = raw.get("name", f"rubber {index + 1}")
    return RubberSpec(
        name=str(name),
        home=sides[0],
        away=sides[1],
        best_of=best_of,
        all_games=all_games,
        not_with=tuple(not_with),
    )


def format_json(fmt: TeamFormat) -> dict[str, Any]:
    """The data form of a format, accepted back by ``parse_format``."""

    def slot(s: Slot) -> Any:
        if s.position is not None:
            return s.position
        return {} if s.gender is None else {"gender": s.gender}

    out: dict[str, Any] = {
        "name": fmt.name,
        "win_by": fmt.win_by.value,
        "target": fmt.target,
        "home_positions": list(fmt.home_positions),
        "away_positions": list(fmt.away_positions),
        "rubbers": [
            {
                "name": r.name,
                "home": [slot(s) for s in r.home],
                "away": [slot(s) for s in r.away],
                "best_of": r.best_of,
                "all_games": r.all_games,
                "not_with": list(r.not_with),
            }
            for r in fmt.rubbers
        ],
        "min_players": dict(fmt.min_players),
    }
    if fmt.max_rubbers_per_player is not None:
        out["max_rubbers_per_player"] = fmt.max_rubbers_per_player
    return out


def positions_of(fmt: TeamFormat, side: str) -> tuple[str, ...]:
    return fmt.home_positions if side == "home" else fmt.away_positions


def min_players(fmt: TeamFormat) -> Mapping[str, int]:
    return dict(fmt.min_players)
