"""The hard constraints, checked on a prepared pool of players."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from smallball.errors import N_, InputError
from smallball.pairing.model import PairingProblem, Player
from smallball.words import Said


@dataclass(frozen=True, slots=True)
class Pool:
    """The players who take part, indexed, with ratings in hundredths of a point."""

    problem: PairingProblem
    players: tuple[Player, ...]
    index: dict[str, int]
    rating: tuple[int, ...]
    avoid: frozenset[frozenset[int]]
    history: frozenset[frozenset[int]]
    keep: tuple[tuple[int, ...], ...]
    kept_with: dict[int, int]  # player -> index of its keep block
    out: tuple[str, ...]  # sitting out or outside the named delegations
    total: int  # sum of ``rating``; stored, as the hot loops read it often

    @property
    def k(self) -> int:
        return self.problem.team_size


def _union_keep(problem: PairingProblem, index: dict[str, int]) -> list[list[int]]:
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        while parent.setdefault(i, i) != i:
            i = parent[i]
        return i

    for group in problem.keep:
        for a, b in pairwise(group):
            parent[find(index[a])] = find(index[b])
        if len(group) == 1:
            find(index[group[0]])
    blocks: dict[int, list[int]] = {}
    for i in parent:
        blocks.setdefault(find(i), []).append(i)
    return [sorted(b) for b in blocks.values()]


def prepare(problem: PairingProblem) -> Pool:
    """Index the pool and refuse contradictory requests, naming the field."""
    known = {p.id for p in problem.players}
    out_ids = set(problem.sit_out)
    if problem.delegations is not None:
        out_ids |= {p.id for p in problem.players if p.country not in problem.delegations}
    players = tuple(p for p in problem.players if p.id not in out_ids)
    index = {p.id: i for i, p in enumerate(players)}
    for name, pairs in (("avoid", problem.avoid), ("keep", problem.keep)):
        for n, group in enumerate(pairs):
            for m, pid in enumerate(group):
                if pid not in known:
                    raise InputError(
                        f"{name}[{n}][{m}]", N_("unknown player {player!r}"), player=pid
                    )
                if pid not in index and name == "keep":
                    raise InputError(
                        f"{name}[{n}][{m}]", N_("player {player!r} does not take part"), player=pid
                    )
    avoid = frozenset(
        frozenset((index[a], index[b]))
        for a, b in problem.avoid
        if a != b and a in index and b in index
    )
    history = frozenset(
        frozenset((index[a], index[b]))
        for a, b in problem.history
        if a in index and b in index and a != b
    )
    blocks = _union_keep(problem, index)
    kept_with = {i: n for n, block in enumerate(blocks) for i in block}
    ratings = tuple(round(p.rating * 100) for p in players)
    pool = Pool(
        problem,
        players,
        index,
        ratings,
        avoid,
        history,
        tuple(tuple(b) for b in blocks),
        kept_with,
        tuple(p.id for p in problem.players if p.id in out_ids),
        sum(ratings),
    )
    _check_keep(pool)
    return pool


def _keep_field(pool: Pool, block: Sequence[int]) -> str:
    ids = {pool.players[i].id for i in block}
    for n, group in enumerate(pool.problem.keep):
        if ids & set(group):
            return f"keep[{n}]"
    return "keep"


def _check_keep(pool: Pool) -> None:
    k = pool.k
    for block in pool.keep:
        field = _keep_field(pool, block)
        names = ", ".join(pool.players[i].id for i in block)
        if len(block) > k:
            raise InputError(
                field,
                N_("{players} are kept together but a group has {size} players"),
                players=names,
                size=k,
            )
        for a in block:
            for b in block:
                if a < b and frozenset((a, b)) in pool.avoid:
                    ida, idb = pool.players[a].id, pool.players[b].id
                    raise InputError(
                        field,
                        N_("{first} and {second} are both kept together and avoided"),
                        first=ida,
                        second=idb,
                    )
        if len(block) == k:
            problems = group_violations(pool, block)
            if problems:
                raise InputError(
                    field,
                    N_("{players} cannot form a group: {reason}"),
                    players=names,
                    reason=problems[0],
                )
        elif reason := partial_violation(pool, block):
            raise InputError(
                field,
                N_("{players} cannot be in one group: {reason}"),
                players=names,
                reason=reason,
            )


def pair_allowed(pool: Pool, i: int, j: int) -> bool:
    """Whether two players may be in the same group (checks that hold pair by pair)."""
    if i == j or frozenset((i, j)) in pool.avoid:
        return False
    problem = pool.problem
    a, b = pool.players[i], pool.players[j]
    if problem.same_age_group and a.age_group != b.age_group:
        return False
    if problem.gender_rule.same_gender and a.gender != b.gender:
        return False
    ki, kj = pool.kept_with.get(i), pool.kept_with.get(j)
    if pool.k == 2:
        if ki is not None or kj is not None:
            return ki == kj
        return not group_violations(pool, (i, j))
    return True


def _gender_counts(pool: Pool, group: Iterable[int]) -> tuple[int, int]:
    genders = Counter(pool.players[i].gender for i in group)
    return genders["F"], genders["M"]


def partial_violation(pool: Pool, group: Sequence[int]) -> Said | None:
    """A reason why ``group`` can never grow into a valid group, if there is one."""
    problem = pool.problem
    rule = problem.gender_rule
    women, men = _gender_counts(pool, group)
    free = pool.k - len(group)
    if women + free < rule.min_women:
        return Said(N_("needs {count} women"), count=rule.min_women)
    if men + free < rule.min_men:
        return Said(N_("needs {count} men"), count=rule.min_men)
    countries = Counter(pool.players[i].country for i in group)
    cap = problem.max_per_country
    if cap is not None and max(countries.values(), default=0) > cap:
        return Said(N_("more than {cap} players of one association"), cap=cap)
    if problem.shared_language == "required" and not shared_languages(pool, group):
        return Said(N_("no shared language"))
    for a in group:
        for b in group:
            if a < b and not pair_allowed_basic(pool, a, b):
                return Said(
                    N_("{first} and {second} may not play together"),
                    first=pool.players[a].id,
                    second=pool.players[b].id,
                )
    return None


def pair_allowed_basic(pool: Pool, a: int, b: int) -> bool:
    problem = pool.problem
    pa, pb = pool.players[a], pool.players[b]
    if frozenset((a, b)) in pool.avoid:
        return False
    if problem.same_age_group and pa.age_group != pb.age_group:
        return False
    return not (problem.gender_rule.same_gender and pa.gender != pb.gender)


def shared_languages(pool: Pool, group: Iterable[int]) -> frozenset[str]:
    sets = [pool.players[i].languages for i in group]
    if not sets:
        return frozenset()
    return frozenset.intersection(*sets)


def group_violations(pool: Pool, group: Sequence[int]) -> list[Said]:
    """Every hard constraint a complete group breaks, in plain words."""
    problem = pool.problem
    out: list[Said] = []
    if len(group) != pool.k:
        out.append(Said(N_("has {size} players, not {k}"), size=len(group), k=pool.k))
    reason = partial_violation(pool, group)
    if reason:
        out.append(reason)
    countries = {pool.players[i].country for i in group}
    if problem.cross_national == "required" and len(countries) < 2:
        out.append(Said(N_("is not cross-national")))
    if problem.delegations is not None and not set(problem.delegations) <= countries:
        out.append(Said(N_("does not have players from both delegations")))
    members = set(group)
    for block in pool.keep:
        inside = members & set(block)
        if inside and inside != set(block):
            out.append(Said(N_("splits a kept group")))
    return out
