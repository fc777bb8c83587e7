"""Swiss system for big open friendlies: score groups, no repeat opponents, Buchholz.

Table tennis has no colours and no draws: a win is 1 point and a bye is worth ``bye_points``.
A round is paired as one minimum-cost perfect matching (networkx, exact integer weights) whose
costs are tiered so that each rule strictly outranks the ones below it:

1. no one meets the same opponent twice (while that is possible at all);
2. no one gets a second bye (while possible);
3. the bye goes to the lowest-ranked entry still without one;
4. entries meet others with the same score (the fewest and smallest floats between groups,
   and the one who floats down is the lowest of the group above);
5. within a score group, the top half meets the bottom half (1 v 1 + g/2, as in the Dutch
   system).

The matching is polynomial (about n^3), so even rounds of a few hundred entries pair exactly.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from smallball.competition.round_robin import Round
from smallball.errors import N_, InputError


@dataclass(frozen=True, slots=True)
class SwissGame:
    a: str
    b: str | None
    """None: ``a`` had the bye."""
    winner: str | None = None
    """None for a bye, or for a game paired but not yet played."""


@dataclass(frozen=True, slots=True)
class SwissRow:
    entry: str
    rank: int
    score: float
    buchholz: float
    median_buchholz: float
    opponents: tuple[str, ...]
    byes: int


def _check(entries: Sequence[str], rounds: Sequence[Sequence[SwissGame]]) -> None:
    index = {e: i for i, e in enumerate(entries)}
    if len(index) != len(entries):
        raise InputError("entries", N_("an entry is listed twice"))
    # A repeat is not refused: when no repeat-free round exists, swiss_pairing makes one.
    for r, games in enumerate(rounds):
        busy: set[str] = set()
        for g, game in enumerate(games):
            field = f"rounds[{r}][{g}]"
            for side, name in (("a", game.a), ("b", game.b)):
                if name is None:
                    continue
                if name not in index:
                    raise InputError(f"{field}.{side}", N_("{entry} is not an entry"), entry=name)
                if name in busy:
                    raise InputError(
                        f"{field}.{side}",
                        N_("{entry} already plays in round {round}"),
                        entry=name,
                        round=r + 1,
                    )
                busy.add(name)
            if game.a == game.b:
                raise InputError(
                    f"{field}.b", N_("{entry} cannot play against itself"), entry=game.a
                )
            if game.winner is not None and game.winner not in (game.a, game.b):
                raise InputError(
                    f"{field}.winner", N_("{entry} does not play in this game"), entry=game.winner
                )


def swiss_standings(
    entries: Sequence[str],
    rounds: Sequence[Sequence[SwissGame]],
    bye_points: float = 1.0,
) -> tuple[SwissRow, ...]:
    """Score, then Buchholz (sum of opponents' scores), then median-Buchholz (without the
    highest and lowest, once there are three or more opponents). A bye adds nothing to
    Buchholz. Entries level on all three share a rank, listed in ``entries`` order."""
    _check(entries, rounds)
    score = {e: 0.0 for e in entries}
    opponents: dict[str, list[str]] = {e: [] for e in entries}
    byes = dict.fromkeys(entries, 0)
    for games in rounds:
        for game in games:
            if game.b is None:
                score[game.a] += bye_points
                byes[game.a] += 1
                continue
            opponents[game.a].append(game.b)
            opponents[game.b].append(game.a)
            if game.winner is not None:
                score[game.winner] += 1
    rows = []
    for e in entries:
        opp = sorted(score[o] for o in opponents[e])
        buchholz = sum(opp)
        median = sum(opp[1:-1]) if len(opp) >= 3 else buchholz
        rows.append((e, score[e], buchholz, median))
    order = {e: i for i, e in enumerate(entries)}
    rows.sort(key=lambda r: (-r[1], -r[2], -r[3], order[r[0]]))
    out: list[SwissRow] = []
    for i, (e, s, b, m) in enumerate(rows):
        rank = (
            out[-1].rank
            if out and (out[-1].score, out[-1].buchholz, out[-1].median_buchholz) == (s, b, m)
            else i + 1
        )
        out.append(SwissRow(e, rank, s, b, m, tuple(opponents[e]), byes[e]))
    return tuple(out)


_BYE = "\0bye"


def swiss_pairing(
    entries: Sequence[str],
    rounds: Sequence[Sequence[SwissGame]] = (),
    random_seed: int | None = None,
    bye_points: float = 1.0,
) -> Round:
    """Pair the next round. ``entries`` is the starting rank order (strongest first); with a
    ``random_seed`` that order is first shuffled by lot, reproducibly."""
    for games in rounds:
        for game in games:
            if game.b is not None and game.winner is None:
                raise InputError("rounds", N_("every game of the earlier rounds needs its winner"))
    start = list(entries)
    if random_seed is not None:
        random.Random(random_seed).shuffle(start)
    table = swiss_standings(start, rounds, bye_points)
    ranked = [row.entry for row in table]
    n = len(ranked)
    if n < 2:
        raise InputError("entries", N_("a Swiss round needs at least 2 entries"))
    rank = {e: i for i, e in enumerate(ranked)}
    score = {row.entry: row.score for row in table}
    had_bye = {row.entry for row in table if row.byes}
    met = {frozenset((g.a, g.b)) for games in rounds for g in games if g.b is not None}
    groups: dict[float, list[str]] = {}
    for e in ranked:
        groups.setdefault(score[e], []).append(e)
    place = {e: (i, len(group)) for group in groups.values() for i, e in enumerate(group)}
    levels = sorted(groups, reverse=True)
    level = {s: i for i, s in enumerate(levels)}

    # Tiers: each weight exceeds the largest total the tiers below it can add up to.
    edges = n // 2 + 1
    t_group = edges * n + 1
    w_score = t_group
    t_score = edges * (len(levels) ** 2 * w_score + 2 * n) + t_group
    w_bye_rank = t_score
    t_bye = t_score + n * w_bye_rank
    bye_again = t_bye + 1
    repeat = edges * (bye_again + t_bye) + 1

    def cost(x: str, y: str) -> int:
        if y == _BYE:
            return (bye_again if x in had_bye else 0) + (n - 1 - rank[x]) * w_bye_rank
        if rank[x] > rank[y]:
            x, y = y, x
        c = repeat if frozenset((x, y)) in met else 0
        (px, gx), (py, _) = place[x], place[y]
        if score[x] == score[y]:
            return c + abs(abs(px - py) - gx // 2)
        gap = level[score[y]] - level[score[x]]
        # the higher entry should be the lowest of its group, the lower one the top of its own
        return c + gap * gap * w_score + (gx - 1 - px) + py

    players = [*ranked, _BYE] if n % 2 else ranked
    top = repeat * 2 + t_bye * 2
    graph = nx.Graph()
    for i, x in enumerate(players):
        for y in players[i + 1 :]:
            a, b = (y, x) if x == _BYE else (x, y)
            graph.add_edge(a, b, weight=top - cost(a, b))
    matching = nx.max_weight_matching(graph, maxcardinality=True)
    pairings: list[tuple[str, str]] = []
    bye = None
    for x, y in matching:
        if _BYE in (x, y):
            bye = y if x == _BYE else x
            continue
        pairings.append((x, y) if rank[x] < rank[y] else (y, x))
    pairings.sort(key=lambda p: rank[p[0]])
    return Round(number=len(rounds) + 1, pairings=tuple(pairings), bye=bye)
