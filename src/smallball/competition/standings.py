"""Group standings by ITTF Regulation 3.7.5, with every tie-break step told in plain English.

Match points: 2 for a win, 1 for a loss in a played match, 0 for a loss in an unplayed or
unfinished one (walkover, retirement, disqualification). Entries level on match points are
separated by the results among them only: match points, then (team events) rubbers ratio, then
games ratio, then points ratio. Ratios, not differences: x/0 is infinite, and 0/0 (nothing won
or lost among the tied) counts as 1, the same as winning exactly as much as was lost. As soon as a
step places some of the tied, their matches are set aside and the rest start again from match
points (3.7.5.3). What no step separates is reported as needing a lot (3.7.5.4) and shares a rank.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from smallball.errors import N_, InputError
from smallball.words import Entries, Entry, Listed, Said

Game = tuple[int, int]
"""A game's points, side a first."""

GAME_POINTS = 11


class Outcome(StrEnum):
    PLAYED = "played"
    WALKOVER = "walkover"
    RETIRED = "retired"
    DISQUALIFIED = "disqualified"


class Unfinished(StrEnum):
    """How an unplayed or unfinished match feeds the rubbers, games and points ratios.

    Regulation 3.7.5 does not say; referees differ, so the organiser chooses.
    """

    AWARD = "award"
    """Default. Games played stand; the unfinished game is completed for the winner (to 11, or
    by 2 past deuce) and the winner is given the games (and, in team events, the rubbers) still
    needed, each 11-0. A walkover is a full-score win, e.g. 3-0 with 11-0 games. The winner is
    not hurt by the opponent's failure, and a no-show cannot help the ratios of the one who
    failed to play."""
    AS_PLAYED = "as_played"
    """Only what was played counts: finished games (and rubbers), and every point scored,
    including those of the interrupted game. A walkover adds nothing."""
    IGNORE = "ignore"
    """The match counts for match points only, never for rubbers, games or points."""


@dataclass(frozen=True, slots=True)
class GroupMatch:
    """One match of the group. ``games`` (individual) or ``rubbers`` (team) read from ``a``.

    ``winner`` is the entry that won, with or without play; for a retirement or a
    disqualification the games played so far are kept and the last one may be unfinished.
    A walkover without a winner is a double walkover: neither entry played, so both lose
    with no match point and nothing for the ratios.
    """

    a: str
    b: str
    winner: str | None
    outcome: Outcome = Outcome.PLAYED
    games: tuple[Game, ...] = ()
    rubbers: tuple[tuple[Game, ...], ...] = ()

    @property
    def loser(self) -> str | None:
        """The entry that lost; None for a double walkover, where both did."""
        if self.winner is None:
            return None
        return self.b if self.winner == self.a else self.a


@dataclass(frozen=True, slots=True)
class GroupRules:
    team: bool = False
    best_of: int = 5
    """Games in a match (individual) or in a rubber (team)."""
    rubbers_to_win: int = 3
    """Team events: the rubbers that win a tie, used to award an unfinished one."""
    unfinished: Unfinished = Unfinished.AWARD


@dataclass(frozen=True, slots=True)
class Count:
    """What a match counts for each side after the ``Unfinished`` policy, ``a`` first."""

    rubbers: tuple[int, int]
    games: tuple[int, int]
    points: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Row:
    entry: str
    rank: int
    match_points: int
    won: int
    lost: int
    rubbers_won: int
    rubbers_lost: int
    games_won: int
    games_lost: int
    points_won: int
    points_lost: int


@dataclass(frozen=True, slots=True)
class Standings:
    rows: tuple[Row, ...]
    """In final order; entries that need a lot share a rank and keep their input order."""
    # English as str; worded again, with the entries' names, where shown (``words.localize``).
    steps: tuple[Said, ...]
    needs_lot: tuple[tuple[str, ...], ...]


# -- games -------------------------------------------------------------------------------


def game_finished(game: Game) -> bool:
    high, low = max(game), min(game)
    return high >= GAME_POINTS and (high - low >= 2 if high == GAME_POINTS else high - low == 2)


def check_game(game: Game, field: str, *, may_be_unfinished: bool = False) -> None:
    """A finished game by Law 2.11.1, or (if allowed) a score that a game can pass through."""
    a, b = game
    if a < 0 or b < 0:
        raise InputError(field, N_("{a}-{b}: points cannot be negative"), a=a, b=b)
    if game_finished(game):
        return
    high, low = max(game), min(game)
    reachable = high < GAME_POINTS or (low >= GAME_POINTS - 1 and high - low <= 1)
    if may_be_unfinished and reachable:
        return
    if high > GAME_POINTS and high - low > 2:
        raise InputError(
            field, N_("{a}-{b} is not a game score (past 10-10 a game ends 2 clear)"), a=a, b=b
        )
    if reachable:
        raise InputError(
            field, N_("{a}-{b} is not a finished game (11 points, win by 2)"), a=a, b=b
        )
    raise InputError(field, N_("{a}-{b} is not a game score"), a=a, b=b)


def _need(best_of: int) -> int:
    return best_of // 2 + 1


def check_best_of(best_of: int, field: str) -> None:
    if best_of < 1 or best_of % 2 == 0:
        raise InputError(
            field,
            N_("must be an odd number of games such as 3, 5 or 7, got {value}"),
            value=best_of,
        )


def _games_won(games: Iterable[Game]) -> tuple[int, int]:
    won = [0, 0]
    for a, b in games:
        if game_finished((a, b)):
            won[0 if a > b else 1] += 1
    return won[0], won[1]


def check_set(
    games: Sequence[Game], best_of: int, field: str, *, finished: bool
) -> tuple[int, int]:
    """Check a best-of-``best_of`` match or rubber; return the games won by each side.

    ``finished=False`` allows a set stopped early: nobody has won it and the last game may be
    unfinished.
    """
    need = _need(best_of)
    won = [0, 0]
    for i, game in enumerate(games):
        last = i == len(games) - 1
        check_game(game, f"{field}[{i}]", may_be_unfinished=not finished and last)
        if max(won) == need:
            raise InputError(
                f"{field}[{i}]", N_("the match was already won {a}-{b}"), a=won[0], b=won[1]
            )
        if game_finished(game):
            won[0 if game[0] > game[1] else 1] += 1
    if finished and max(won) != need:
        raise InputError(
            field,
            N_("{a}-{b} in games is not a finished best of {best_of}"),
            a=won[0],
            b=won[1],
            best_of=best_of,
        )
    if not finished and max(won) == need:
        raise InputError(
            field,
            N_("{a}-{b} is a finished match, yet it did not finish"),
            a=won[0],
            b=won[1],
        )
    return won[0], won[1]


# -- one match ---------------------------------------------------------------------------


def check_match(match: GroupMatch, rules: GroupRules, field: str) -> None:
    """Raise ``InputError`` naming the field if the match's result is not coherent."""
    if match.a == match.b:
        raise InputError(f"{field}.b", N_("{entry} cannot play against itself"), entry=match.b)
    if match.winner is None:
        if match.outcome is not Outcome.WALKOVER:
            raise InputError(f"{field}.winner", N_("only a double walkover has no winner"))
    elif match.winner not in (match.a, match.b):
        raise InputError(
            f"{field}.winner", N_("{entry} does not play in this match"), entry=match.winner
        )
    sets_field = f"{field}.rubbers" if rules.team else f"{field}.games"
    if rules.team and match.games:
        raise InputError(f"{field}.games", N_("not allowed in a team group"))
    if not rules.team and match.rubbers:
        raise InputError(f"{field}.rubbers", N_("not allowed in a individual group"))
    if match.outcome is Outcome.WALKOVER:
        if match.games or match.rubbers:
            raise InputError(sets_field, N_("a walkover has no games"))
        return
    finished = match.outcome is Outcome.PLAYED
    a_won = match.winner == match.a
    if not rules.team:
        if finished and not match.games:
            raise InputError(sets_field, N_("a played match needs its games"))
        won = check_set(match.games, rules.best_of, sets_field, finished=finished)
        if finished and (won[0] > won[1]) != a_won:
            raise _not_the_winner(field, match.winner, won)
        return
    if finished and not match.rubbers:
        raise InputError(sets_field, N_("a played team match needs its rubbers"))
    rubbers = [0, 0]
    for i, rubber in enumerate(match.rubbers):
        rubber_field = f"{sets_field}[{i}].games"
        last = i == len(match.rubbers) - 1
        won = check_set(rubber, rules.best_of, rubber_field, finished=finished or not last)
        if max(won) == _need(rules.best_of):
            rubbers[0 if won[0] > won[1] else 1] += 1
    if finished:
        if rubbers[0] == rubbers[1]:
            raise InputError(
                sets_field, N_("{a}-{b} in rubbers has no winner"), a=rubbers[0], b=rubbers[1]
            )
        if (rubbers[0] > rubbers[1]) != a_won:
            raise _not_the_winner(field, match.winner, rubbers)
    elif max(rubbers) >= rules.rubbers_to_win:
        raise InputError(
            sets_field, N_("{a}-{b} is a finished team match"), a=rubbers[0], b=rubbers[1]
        )


def _not_the_winner(field: str, winner: str | None, won: Sequence[int]) -> InputError:
    """The match names a winner that the games (or rubbers) won do not make."""
    return InputError(
        f"{field}.winner", N_("{entry} did not win {a}-{b}"), entry=winner, a=won[0], b=won[1]
    )


def _award_set(games: Sequence[Game], winner: int, best_of: int) -> list[Game]:
    """Complete a stopped set for side ``winner`` (0 = a): finish the game, add 11-0 games."""
    out = list(games)
    if out and not game_finished(out[-1]):
        pts = list(out[-1])
        pts[winner] = max(GAME_POINTS, pts[1 - winner] + 2)
        out[-1] = (pts[0], pts[1])
    full: Game = (GAME_POINTS, 0) if winner == 0 else (0, GAME_POINTS)
    while _games_won(out)[winner] < _need(best_of):
        out.append(full)
    return out


def _points(games: Iterable[Game]) -> tuple[int, int]:
    pa = pb = 0
    for a, b in games:
        pa, pb = pa + a, pb + b
    return pa, pb


def count(match: GroupMatch, rules: GroupRules) -> Count:
    """Rubbers, games and points that the match counts for, after the ``Unfinished`` policy."""
    played = match.outcome is Outcome.PLAYED
    if match.winner is None or (not played and rules.unfinished is Unfinished.IGNORE):
        return Count((0, 0), (0, 0), (0, 0))
    winner = 0 if match.winner == match.a else 1
    award = not played and rules.unfinished is Unfinished.AWARD
    if not rules.team:
        games = _award_set(match.games, winner, rules.best_of) if award else list(match.games)
        return Count((0, 0), _games_won(games), _points(games))
    rubbers = [list(r) for r in match.rubbers]
    need = _need(rules.best_of)
    if award:
        if rubbers and max(_games_won(rubbers[-1])) < need:
            rubbers[-1] = _award_set(rubbers[-1], winner, rules.best_of)
        while sum(1 for r in rubbers if _games_won(r)[winner] == need) < rules.rubbers_to_win:
            rubbers.append(_award_set([], winner, rules.best_of))
    won = [0, 0]
    game_total = [0, 0]
    point_total = [0, 0]
    for rubber in rubbers:
        g = _games_won(rubber)
        if max(g) == need:
            won[0 if g[0] > g[1] else 1] += 1
        p = _points(rubber)
        for side in (0, 1):
            game_total[side] += g[side]
            point_total[side] += p[side]
    return Count((won[0], won[1]), (game_total[0], game_total[1]), (point_total[0], point_total[1]))


# -- the table ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Tally:
    match_points: int = 0
    won: int = 0
    lost: int = 0
    rubbers: tuple[int, int] = (0, 0)
    games: tuple[int, int] = (0, 0)
    points: tuple[int, int] = (0, 0)


def _add(x: tuple[int, int], y: tuple[int, int]) -> tuple[int, int]:
    return x[0] + y[0], x[1] + y[1]


def _tally(
    entries: Iterable[str], matches: Iterable[tuple[GroupMatch, Count]]
) -> dict[str, _Tally]:
    tally = {e: _Tally() for e in entries}
    for match, c in matches:
        for entry, flip in ((match.a, False), (match.b, True)):
            t = tally[entry]
            rubbers, games, points = c.rubbers, c.games, c.points
            if flip:
                rubbers, games, points = rubbers[::-1], games[::-1], points[::-1]
            t.rubbers = _add(t.rubbers, (rubbers[0], rubbers[1]))
            t.games = _add(t.games, (games[0], games[1]))
            t.points = _add(t.points, (points[0], points[1]))
        if match.winner is None or match.loser is None:
            tally[match.a].lost += 1
            tally[match.b].lost += 1
            continue
        win, lose = tally[match.winner], tally[match.loser]
        win.won += 1
        win.match_points += 2
        lose.lost += 1
        lose.match_points += 1 if match.outcome is Outcome.PLAYED else 0
    return tally


Key = tuple[int, Fraction]


def ratio(won: int, lost: int) -> Key:
    """Sort key of won/lost: infinite above every finite ratio; 0/0 counts as 1."""
    if lost == 0:
        return (1, Fraction(0)) if won else (0, Fraction(1))
    return (0, Fraction(won, lost))


def _show_ratio(won: int, lost: int) -> str:
    if lost == 0:
        return Said(N_("{won}/0 = infinite"), won=won) if won else Said(N_("0/0 (counted as 1)"))
    return f"{won}/{lost} = {won / lost:.3f}"


@dataclass(frozen=True, slots=True)
class _Criterion:
    name: Said
    key: Callable[[_Tally], Key]
    show: Callable[[_Tally], str]


_MATCH_POINTS = _Criterion(
    Said(N_("match points")),
    lambda t: (0, Fraction(t.match_points)),
    lambda t: str(t.match_points),
)
_RUBBERS = _Criterion(
    Said(N_("rubbers ratio")),
    lambda t: ratio(*t.rubbers),
    lambda t: _show_ratio(*t.rubbers),
)
_GAMES = _Criterion(
    Said(N_("games ratio")), lambda t: ratio(*t.games), lambda t: _show_ratio(*t.games)
)
_POINTS = _Criterion(
    Said(N_("points ratio")), lambda t: ratio(*t.points), lambda t: _show_ratio(*t.points)
)


def _placed(entry: str, n: int) -> Said:
    """``A 1st``: English picks the ordinal's suffix, so each is its own message."""
    suffixed = {1: N_("{entry} {place}st"), 2: N_("{entry} {place}nd"), 3: N_("{entry} {place}rd")}
    th = N_("{entry} {place}th")
    template = th if 10 <= n % 100 <= 20 else suffixed.get(n % 10, th)
    return Said(template, entry=Entry(entry), place=n)


def _values(shown: Mapping[str, object]) -> Listed:
    """Each entry with its value, in the mapping's order."""
    return Listed(Said(N_("{entry} {value}"), entry=Entry(e), value=v) for e, v in shown.items())


class _Ranker:
    def __init__(
        self, entries: Sequence[str], counted: Sequence[tuple[GroupMatch, Count]], team: bool
    ) -> None:
        self.order = {e: i for i, e in enumerate(entries)}
        self.counted = counted
        self.criteria = (
            (_MATCH_POINTS, _RUBBERS, _GAMES, _POINTS) if team else (_MATCH_POINTS, _GAMES, _POINTS)
        )
        self.steps: list[Said] = []

    def _sorted(self, entries: Iterable[str]) -> list[str]:
        return sorted(entries, key=self.order.__getitem__)

    def split(self, tied: list[str], first_place: int) -> list[list[str]]:
        """Order ``tied`` by the results among them; blocks of more than one need a lot."""
        among = set(tied)
        sub = [(m, c) for m, c in self.counted if m.a in among and m.b in among]
        tally = _tally(tied, sub)
        names = Entries(tied)
        for criterion in self.criteria:
            keys = {e: criterion.key(tally[e]) for e in tied}
            values = _values({e: criterion.show(tally[e]) for e in tied})
            distinct = sorted(set(keys.values()), reverse=True)
            said = {"entries": names, "criterion": criterion.name, "values": values}
            if len(distinct) == 1:
                self.steps.append(
                    Said(N_("{entries}: {criterion} among them {values}: still level."), **said)
                )
                continue
            blocks = [self._sorted(e for e in tied if keys[e] == k) for k in distinct]
            result: list[list[str]] = []
            placed: list[Said] = []
            place = first_place
            for block in blocks:
                if len(block) == 1:
                    placed.append(_placed(block[0], place))
                place += len(block)
            if placed:
                step = N_("{entries}: {criterion} among them {values}: {placed}.")
                self.steps.append(Said(step, placed=Listed(placed), **said))
            else:
                self.steps.append(Said(N_("{entries}: {criterion} among them {values}."), **said))
            place = first_place
            for block in blocks:
                if len(block) > 1:
                    again = N_(
                        "{entries} still level: only the matches among them count now,"
                        " starting again from match points (3.7.5.3)."
                    )
                    self.steps.append(Said(again, entries=Entries(block)))
                    result.extend(self.split(block, place))
                else:
                    result.append(block)
                place += len(block)
            return result
        lot = N_(
            "{entries} cannot be separated by the results among them:"
            " their order must be decided by lot (3.7.5.4)."
        )
        self.steps.append(Said(lot, entries=names))
        return [self._sorted(tied)]


def standings(
    entries: Sequence[str], matches: Sequence[GroupMatch], rules: GroupRules = GroupRules()
) -> Standings:
    """Rank a group (complete or still being played) by Regulation 3.7.5."""
    known = set(entries)
    if len(known) != len(entries):
        seen: set[str] = set()
        for i, e in enumerate(entries):
            if e in seen:
                raise InputError(f"entries[{i}]", N_("{entry} is listed twice"), entry=e)
            seen.add(e)
    check_best_of(rules.best_of, "best_of")
    if rules.team and rules.rubbers_to_win < 1:
        raise InputError("rubbers_to_win", N_("must be at least 1"))
    pairs: dict[frozenset[str], int] = {}
    for i, match in enumerate(matches):
        for side in ("a", "b"):
            name = getattr(match, side)
            if name not in known:
                raise InputError(
                    f"matches[{i}].{side}", N_("{entry} is not an entry of the group"), entry=name
                )
        check_match(match, rules, f"matches[{i}]")
        pair = frozenset((match.a, match.b))
        if pair in pairs:
            raise InputError(
                f"matches[{i}]",
                N_("{a} and {b} already met in matches[{index}]"),
                a=match.a,
                b=match.b,
                index=pairs[pair],
            )
        pairs[pair] = i
    counted = [(m, count(m, rules)) for m in matches]
    total = _tally(entries, counted)
    ranker = _Ranker(entries, counted, rules.team)
    by_points = sorted(entries, key=lambda e: (-total[e].match_points, ranker.order[e]))
    points = _values({e: total[e].match_points for e in by_points})
    ranker.steps.append(Said(N_("Match points: {values}."), values=points))
    blocks: list[list[str]] = []
    place = 1
    for mp in sorted({t.match_points for t in total.values()}, reverse=True):
        level = [e for e in by_points if total[e].match_points == mp]
        if len(level) > 1:
            level_on = N_(
                "{entries} level on {points} match points:"
                " only the matches among them decide (3.7.5.2)."
            )
            ranker.steps.append(Said(level_on, entries=Entries(level), points=mp))
            blocks.extend(ranker.split(level, place))
        else:
            blocks.append(level)
        place += len(level)
    rows: list[Row] = []
    for block in blocks:
        rank = len(rows) + 1
        for e in block:
            t = total[e]
            rows.append(
                Row(
                    entry=e,
                    rank=rank,
                    match_points=t.match_points,
                    won=t.won,
                    lost=t.lost,
                    rubbers_won=t.rubbers[0],
                    rubbers_lost=t.rubbers[1],
                    games_won=t.games[0],
                    games_lost=t.games[1],
                    points_won=t.points[0],
                    points_lost=t.points[1],
                )
            )
    lots = tuple(tuple(b) for b in blocks if len(b) > 1)
    return Standings(rows=tuple(rows), steps=tuple(ranker.steps), needs_lot=lots)
