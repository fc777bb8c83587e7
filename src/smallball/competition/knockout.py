"""Knockout draws: size, byes, seeds (3.6.1-3.6.2) and association separation (3.6.3).

``draw_knockout`` checks the entries, numbers the associations, and hands the lot to
``separation.constrained_lot``. Policies:

* ``separate``: the current 3.6.3 rule. An association's nominated 1 and 2 in different
  halves, its 3 and 4 in the quarters not held by 1 and 2, everyone else kept apart in
  the first round. A pair from two associations counts for both.
* ``friendship``: the same separation, then first-round meetings spread over as many
  different country pairs as possible, pairs not in ``history`` counting a little more.
* ``random``: seeds and byes by the regulations, everyone else by plain lot (a baseline).

An association's nominated order is its entries by seed, then in input order.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from smallball.competition.seeding import draw_size, max_seeds
from smallball.competition.separation import (
    BYE,
    LotProblem,
    LotResult,
    constrained_lot,
    first_round_pairs,
    nominated_constraints,
)
from smallball.errors import N_, InputError

POLICIES = ("separate", "friendship", "random")


@dataclass(frozen=True, slots=True)
class Entry:
    """A player, pair or team in a draw; a pair from two associations lists both."""

    id: str
    associations: tuple[str, ...]
    seed: int | None = None


@dataclass(frozen=True, slots=True)
class CountryPair:
    first: str
    second: str
    matches: int
    new: bool
    """True when the pair is not in the history of pairs that have met before."""


@dataclass(frozen=True, slots=True)
class KnockoutDraw:
    size: int
    positions: tuple[str | None, ...]
    """Entry id at each position from the top of the bracket; None is a bye."""
    policy: str
    random_seed: int
    country_pairs: tuple[CountryPair, ...]
    """Pairs of different countries meeting in the first round."""
    compatriot_meetings: tuple[tuple[str, str], ...]
    unavoidable_meetings: int
    """A lower bound on compatriot meetings given where the seeds stand."""
    unmet: tuple[str, ...]
    """Each separation constraint the lot could not meet, in words."""

    def first_round(self) -> list[tuple[str | None, str | None]]:
        it = iter(self.positions)
        return list(zip(it, it, strict=True))


def nominated_orders(entries: Sequence[Entry]) -> dict[str, list[int]]:
    """Each association's entries, best first: by seed, then in input order."""
    orders: dict[str, list[int]] = {}
    ranked = sorted(
        range(len(entries)),
        key=lambda i: (entries[i].seed is None, entries[i].seed or 0, i),
    )
    for index in ranked:
        for association in entries[index].associations:
            orders.setdefault(association, []).append(index)
    return orders


def seed_numbers(entries: Sequence[Entry]) -> dict[int, int]:
    """Check ids, associations and seeds of an entry list; map each seed to its entry."""
    seen: dict[str, int] = {}
    seeded: dict[int, int] = {}
    for i, entry in enumerate(entries):
        if not entry.id:
            raise InputError(f"entries[{i}].id", N_("must not be empty"))
        if entry.id in seen:
            raise InputError(
                f"entries[{i}].id",
                N_("{entry!r} is also entries[{index}]"),
                entry=entry.id,
                index=seen[entry.id],
            )
        seen[entry.id] = i
        if not entry.associations:
            raise InputError(f"entries[{i}].associations", N_("must name at least one association"))
        for j, association in enumerate(entry.associations):
            if not association:
                raise InputError(f"entries[{i}].associations[{j}]", N_("must not be empty"))
        if entry.seed is not None:
            if entry.seed < 1:
                raise InputError(
                    f"entries[{i}].seed", N_("must be 1 or more, got {value}"), value=entry.seed
                )
            if entry.seed in seeded:
                other = seeded[entry.seed]
                raise InputError(
                    f"entries[{i}].seed",
                    N_("seed {number} is also given to entries[{index}]"),
                    number=entry.seed,
                    index=other,
                )
            seeded[entry.seed] = i
    return seeded


def check_entries(entries: Sequence[Entry], seeds: int | None) -> int:
    """Raise ``InputError`` for a bad entry list; return the number of seeds."""
    if len(entries) < 2:
        raise InputError("entries", N_("a knockout needs at least 2 entries"))
    seeded = seed_numbers(entries)
    count = len(seeded) if seeds is None else seeds
    size = draw_size(len(entries))
    if count < 0:
        raise InputError("seeds", N_("must be 0 or more, got {value}"), value=count)
    if count > len(entries):
        raise InputError(
            "seeds",
            N_("{count} seeds but only {entries} entries"),
            count=count,
            entries=len(entries),
        )
    if count > max_seeds(size):
        raise InputError(
            "seeds",
            N_(
                "{count} seeds but a draw of {size} allows at most {most} "
                "(seeds must not meet in the first round)"
            ),
            count=count,
            size=size,
            most=max_seeds(size),
        )
    for number, i in seeded.items():
        if number > count:
            raise InputError(
                f"entries[{i}].seed",
                N_("seed {number} but only {count} seeds"),
                number=number,
                count=count,
            )
    for number in range(1, count + 1):
        if number not in seeded:
            raise InputError(
                "seeds",
                N_("{count} seeds but no entry has seed {number}"),
                count=count,
                number=number,
            )
    return count


def draw_knockout(
    entries: Sequence[Entry],
    seeds: int | None = None,
    policy: str = "separate",
    history: Iterable[tuple[str, str]] = (),
    random_seed: int = 0,
) -> KnockoutDraw:
    """Make a knockout draw; the same input and ``random_seed`` give the same draw."""
    if policy not in POLICIES:
        raise InputError(
            "policy",
            N_("unknown policy {value!r} (expected one of {choices})"),
            value=policy,
            choices=POLICIES,
        )
    check_entries(entries, seeds)
    size = draw_size(len(entries))
    names: dict[str, int] = {}
    for entry in entries:
        for association in entry.associations:
            names.setdefault(association, len(names))
    orders = nominated_orders(entries)
    associations = tuple(frozenset(names[a] for a in e.associations) for e in entries)
    by_seed = sorted((e.seed, i) for i, e in enumerate(entries) if e.seed is not None)
    met = frozenset(
        (min(names[a], names[b]), max(names[a], names[b]))
        for a, b in history
        if a in names and b in names and a != b
    )
    nominated = [orders[name] for name in names]
    problem = LotProblem(
        size=size,
        associations=associations,
        seeds=tuple(i for _, i in by_seed),
        nominated=tuple(nominated_constraints(size, nominated)),
        history=met,
    )
    lot = constrained_lot(problem, policy, random.Random(random_seed))
    return _describe(entries, list(names), problem, lot, policy, random_seed)


def _describe(
    entries: Sequence[Entry],
    label: list[str],
    problem: LotProblem,
    lot: LotResult,
    policy: str,
    random_seed: int,
) -> KnockoutDraw:
    positions = lot.positions
    ids = tuple(None if p == BYE else entries[p].id for p in positions)
    pairs = first_round_pairs(positions, problem.associations)
    country_pairs = []
    for (a, b), n in pairs.items():
        first, second = sorted((label[a], label[b]))
        country_pairs.append(CountryPair(first, second, n, (a, b) not in problem.history))
    country_pairs.sort(key=lambda c: (c.first, c.second))
    meetings = tuple(
        (entries[positions[2 * m]].id, entries[positions[2 * m + 1]].id) for m in lot.meetings
    )
    unmet: list[str] = []
    if policy != "random":
        for c in lot.nominated_unmet:
            where = "half" if c.parts == 2 else "quarter"
            unmet.append(
                f"{label[c.association]}: nominated {c.ranks[0]} ({entries[c.first].id}) and "
                f"{c.ranks[1]} ({entries[c.second].id}) are in the same {where}"
            )
        for m in lot.meetings:
            a, b = positions[2 * m], positions[2 * m + 1]
            shared = sorted(label[x] for x in problem.associations[a] & problem.associations[b])
            unmet.append(
                f"first round: {entries[a].id} v {entries[b].id} are both {'/'.join(shared)}"
            )
        if lot.unavoidable:
            unmet.append(
                f"first round: at least {lot.unavoidable} compatriot meeting(s) cannot be "
                "avoided with these entries and seed positions"
            )
    return KnockoutDraw(
        size=problem.size,
        positions=ids,
        policy=policy,
        random_seed=random_seed,
        country_pairs=tuple(country_pairs),
        compatriot_meetings=meetings,
        unavoidable_meetings=lot.unavoidable,
        unmet=tuple(unmet),
    )
