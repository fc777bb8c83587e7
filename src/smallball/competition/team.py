"""Team ties: line-ups checked against a format, and the state of a tie from its results.

A tie takes rubbers in the format's order, game by game; once it is decided (first to the
format's target in rubbers, or in games for the Mixed Team World Cup, which can end inside a
rubber) it accepts nothing more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from smallball.competition.standings import Game, check_game
from smallball.competition.team_formats import TeamFormat, WinBy, positions_of
from smallball.errors import N_, InputError

HOME, AWAY = "home", "away"


@dataclass(frozen=True, slots=True)
class Lineup:
    """One team's nomination: letters to players, and players named for free slots."""

    positions: Mapping[str, str] = field(default_factory=dict)
    named: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    """Rubber index -> the players of its free slots, in slot order."""
    genders: Mapping[str, str] = field(default_factory=dict)


Players = tuple[str, ...]


def lineup_players(
    fmt: TeamFormat, side: str, lineup: Lineup, where: str
) -> tuple[Players | None, ...]:
    """Who plays each rubber for ``side``; None where a free slot is not named yet.

    Raises ``InputError`` (field under ``where``) for any breach of the format's rules.
    """
    letters = positions_of(fmt, side)
    used = {s.position for r in fmt.rubbers for s in getattr(r, side) if s.position}
    for letter in lineup.positions:
        if letter not in letters:
            raise InputError(
                f"{where}.positions.{letter}",
                N_("not a home position of {format}")
                if side == HOME
                else N_("not a away position of {format}"),
                format=fmt.name,
            )
    for letter in sorted(used):
        if letter not in lineup.positions:
            raise InputError(f"{where}.positions.{letter}", N_("is required"))
    holder: dict[str, str] = {}
    for letter, player in lineup.positions.items():
        if player in holder:
            raise InputError(
                f"{where}.positions.{letter}",
                N_("{player} already plays as {position}"),
                player=player,
                position=holder[player],
            )
        holder[player] = letter
    for index in lineup.named:
        if not 0 <= index < len(fmt.rubbers):
            raise InputError(f"{where}.rubbers.{index}", N_("no such rubber in the format"))
    per_rubber: list[Players | None] = []
    for i, rubber in enumerate(fmt.rubbers):
        slots = getattr(rubber, side)
        free = [s for s in slots if s.position is None]
        named = lineup.named.get(i)
        rf = f"{where}.rubbers.{i}"
        if not free:
            if named is not None:
                raise InputError(
                    rf,
                    N_("{rubber} has no players to name: its positions are set"),
                    rubber=rubber.name,
                )
        elif named is None:
            per_rubber.append(None)
            continue
        elif len(named) != len(free):
            raise InputError(
                rf,
                N_("{rubber} needs {needed} player(s), got {count}"),
                rubber=rubber.name,
                needed=len(free),
                count=len(named),
            )
        names = iter(named or ())
        players = tuple(lineup.positions[s.position] if s.position else next(names) for s in slots)
        if len(set(players)) != len(players):
            raise InputError(
                rf, N_("{rubber}: a player cannot partner themself"), rubber=rubber.name
            )
        for slot, player in zip(slots, players, strict=True):
            if slot.gender is None:
                continue
            gender = lineup.genders.get(player)
            if gender is None:
                raise InputError(
                    f"{where}.genders.{player}", N_("is required for {rubber}"), rubber=rubber.name
                )
            if gender != slot.gender:
                raise InputError(
                    rf,
                    N_("{player} ({gender}) cannot play in {rubber}"),
                    player=player,
                    gender=gender,
                    rubber=rubber.name,
                )
        for other in rubber.not_with:
            before = per_rubber[other]
            clash = sorted(set(players) & set(before or ()))
            if clash:
                raise InputError(
                    rf,
                    N_("{players} played {other}, so cannot play {rubber}"),
                    players=", ".join(clash),
                    other=fmt.rubbers[other].name,
                    rubber=rubber.name,
                )
        per_rubber.append(players)
    played = Counter(p for players in per_rubber if players for p in players)
    cap = fmt.max_rubbers_per_player
    if cap is not None:
        for player, n in played.items():
            if n > cap:
                raise InputError(
                    where,
                    N_("{player} would play {count} rubbers (at most {most})"),
                    player=player,
                    count=n,
                    most=cap,
                )
    if all(p is not None for p in per_rubber):
        for gender, least in fmt.min_players:
            fielded = {p for p in played if lineup.genders.get(p) == gender}
            if len(fielded) < least:
                raise InputError(
                    where,
                    N_("must field at least {least} players of gender {gender}, got {count}"),
                    least=least,
                    gender=gender,
                    count=len(fielded),
                )
    return tuple(per_rubber)


@dataclass(frozen=True, slots=True)
class RubberState:
    index: int
    name: str
    home: Players | None
    away: Players | None
    games: tuple[Game, ...]
    games_won: tuple[int, int]
    finished: bool
    winner: str | None


@dataclass(frozen=True, slots=True)
class TieState:
    format: str
    rubbers: tuple[RubberState, ...]
    rubbers_won: tuple[int, int]
    games_won: tuple[int, int]
    decided: bool
    winner: str | None
    next_rubber: int | None
    """The rubber to play or to go on with; None once the tie is decided or all are played."""


def _rubber_over(won: tuple[int, int], played: int, best_of: int, all_games: bool) -> bool:
    return played == best_of if all_games else max(won) == best_of // 2 + 1


def tie_state(
    fmt: TeamFormat,
    home: Lineup,
    away: Lineup,
    results: Sequence[Sequence[Game]],
) -> TieState:
    """The tie after ``results`` (each rubber's finished games, home first)."""
    home_players = lineup_players(fmt, HOME, home, "home")
    away_players = lineup_players(fmt, AWAY, away, "away")
    both = {p for r in home_players if r for p in r} & {p for r in away_players if r for p in r}
    if both:
        raise InputError("away", N_("{player} is also in the home team"), player=sorted(both)[0])
    if len(results) > len(fmt.rubbers):
        raise InputError(
            f"rubbers[{len(fmt.rubbers)}]",
            N_("{format} has {count} rubbers"),
            format=fmt.name,
            count=len(fmt.rubbers),
        )
    rubbers_won = [0, 0]
    games_won = [0, 0]
    states: list[RubberState] = []
    decided = False
    for i, games in enumerate(results):
        spec = fmt.rubbers[i]
        rf = f"rubbers[{i}]"
        if decided:
            raise InputError(rf, N_("the tie is already decided"))
        if states and not states[-1].finished:
            raise InputError(rf, N_("{rubber} is not finished"), rubber=states[-1].name)
        if games and (home_players[i] is None or away_players[i] is None):
            side = HOME if home_players[i] is None else AWAY
            raise InputError(
                f"{side}.rubbers.{i}", N_("name the players of {rubber} first"), rubber=spec.name
            )
        won = [0, 0]
        finished = False
        for j, game in enumerate(games):
            gf = f"{rf}.games[{j}]"
            if decided:
                raise InputError(gf, N_("the tie is already decided"))
            if finished:
                raise InputError(gf, N_("{rubber} is already over"), rubber=spec.name)
            check_game(game, gf)
            took = 0 if game[0] > game[1] else 1
            won[took] += 1
            games_won[took] += 1
            finished = _rubber_over((won[0], won[1]), j + 1, spec.best_of, spec.all_games)
            decided = fmt.win_by is WinBy.GAMES and max(games_won) >= fmt.target
        winner = None
        if finished:
            winner = HOME if won[0] > won[1] else AWAY
            rubbers_won[0 if won[0] > won[1] else 1] += 1
            decided = decided or (fmt.win_by is WinBy.RUBBERS and max(rubbers_won) >= fmt.target)
        states.append(
            RubberState(
                index=i,
                name=spec.name,
                home=home_players[i],
                away=away_players[i],
                games=tuple(games),
                games_won=(won[0], won[1]),
                finished=finished,
                winner=winner,
            )
        )
    score = games_won if fmt.win_by is WinBy.GAMES else rubbers_won
    tie_winner = (HOME if score[0] > score[1] else AWAY) if decided else None
    if decided:
        next_rubber = None
    elif states and not states[-1].finished:
        next_rubber = len(states) - 1
    else:
        next_rubber = len(states) if len(states) < len(fmt.rubbers) else None
    return TieState(
        format=fmt.name,
        rubbers=tuple(states),
        rubbers_won=(rubbers_won[0], rubbers_won[1]),
        games_won=(games_won[0], games_won[1]),
        decided=decided,
        winner=tie_winner,
        next_rubber=next_rubber,
    )


__all__ = [
    "AWAY",
    "HOME",
    "Lineup",
    "RubberState",
    "TieState",
    "lineup_players",
    "tie_state",
]
