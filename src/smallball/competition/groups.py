"""Composition of round-robin groups: snake seeding, then a separated or friendly lot.

Seeded entries go by snake (seeds 1..G into groups 1..G, seeds G+1..2G back from G to 1,
and so on). The others are drawn by lot:

* ``separate``: an association's entries spread over the groups as evenly as the group
  sizes allow (fewest compatriot pairs inside groups);
* ``friendship``: the same, then the groups composed so that the country pairs meeting
  inside them are as many and as new as possible;
* ``random``: plain lot after the snake (a baseline).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from smallball.competition.knockout import POLICIES, CountryPair, Entry, seed_numbers
from smallball.errors import N_, InputError


@dataclass(frozen=True, slots=True)
class GroupDraw:
    groups: tuple[tuple[str, ...], ...]
    policy: str
    random_seed: int
    country_pairs: tuple[CountryPair, ...]
    """Pairs of different countries that meet inside the groups."""
    compatriot_pairs: tuple[tuple[str, str], ...]
    unavoidable_compatriot_pairs: int


def group_sizes(entries: int, groups: int) -> list[int]:
    """Sizes differing by at most one, the larger groups first."""
    base, extra = divmod(entries, groups)
    return [base + (1 if g < extra else 0) for g in range(groups)]


def _pairs_in(
    members: Iterable[int], assoc: Sequence[frozenset[str]]
) -> tuple[Counter[tuple[str, str]], int]:
    pairs: Counter[tuple[str, str]] = Counter()
    compatriots = 0
    items = list(members)
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if not assoc[a].isdisjoint(assoc[b]):
                compatriots += 1
            for x in assoc[a]:
                for y in assoc[b]:
                    if x != y:
                        pairs[(x, y) if x < y else (y, x)] += 1
    return pairs, compatriots


def minimum_compatriot_pairs(entries: Sequence[Entry], groups: int) -> int:
    """A lower bound: each association spread as evenly as possible over the groups."""
    counts: Counter[str] = Counter(a for e in entries for a in e.associations)
    total = 0
    for count in counts.values():
        q, r = divmod(count, groups)
        total += r * (q + 1) * q // 2 + (groups - r) * q * (q - 1) // 2
    return total


def check_groups(entries: Sequence[Entry], groups: int) -> None:
    if groups < 1:
        raise InputError("groups", N_("must be 1 or more, got {value}"), value=groups)
    if len(entries) < 2 * groups:
        raise InputError(
            "groups",
            N_("{groups} groups need at least {needed} entries"),
            groups=groups,
            needed=2 * groups,
        )
    seeded = seed_numbers(entries)
    for number in range(1, len(seeded) + 1):
        if number not in seeded:
            raise InputError(
                "entries",
                N_("seeds must be numbered 1..{count}; {number} is missing"),
                count=len(seeded),
                number=number,
            )


def draw_groups(
    entries: Sequence[Entry],
    groups: int,
    policy: str = "separate",
    history: Iterable[tuple[str, str]] = (),
    random_seed: int = 0,
) -> GroupDraw:
    """Compose ``groups`` round-robin groups; the same input and seed give the same groups."""
    if policy not in POLICIES:
        raise InputError(
            "policy",
            N_("unknown policy {value!r} (expected one of {choices})"),
            value=policy,
            choices=POLICIES,
        )
    check_groups(entries, groups)
    rng = random.Random(random_seed)
    sizes = group_sizes(len(entries), groups)
    assoc = [frozenset(e.associations) for e in entries]
    met = {tuple(sorted(pair)) for pair in history}
    members: list[list[int]] = [[] for _ in range(groups)]
    seeded = sorted((e.seed, i) for i, e in enumerate(entries) if e.seed is not None)
    fixed: set[int] = set()
    for k, (_, i) in enumerate(seeded):
        lap, step = divmod(k, groups)
        g = step if lap % 2 == 0 else groups - 1 - step
        if len(members[g]) >= sizes[g]:
            g = next(h for h in range(groups) if len(members[h]) < sizes[h])
        members[g].append(i)
        fixed.add(i)
    rest = [i for i in range(len(entries)) if i not in fixed]
    if policy == "random":
        rng.shuffle(rest)
        for i in rest:
            g = next(h for h in range(groups) if len(members[h]) < sizes[h])
            members[g].append(i)
    else:
        _separated_lot(members, sizes, rest, assoc, rng)
        _improve(members, fixed, assoc, met, rng, policy == "friendship")
    return _describe(entries, members, assoc, met, policy, random_seed, groups)


def _separated_lot(
    members: list[list[int]],
    sizes: list[int],
    rest: list[int],
    assoc: Sequence[frozenset[str]],
    rng: random.Random,
) -> None:
    """Largest associations first, each entry to the open group with fewest compatriots."""
    counts: Counter[str] = Counter(a for i in rest for a in assoc[i])
    tiebreak = {i: rng.random() for i in rest}
    order = sorted(rest, key=lambda i: (-max(counts[a] for a in assoc[i]), tiebreak[i]))
    for i in order:
        options = [g for g in range(len(members)) if len(members[g]) < sizes[g]]

        def clash(g: int, entry: int = i) -> tuple[int, int, float]:
            same = sum(not assoc[entry].isdisjoint(assoc[j]) for j in members[g])
            return same, -(sizes[g] - len(members[g])), rng.random()

        members[min(options, key=clash)].append(i)


def _improve(
    members: list[list[int]],
    fixed: set[int],
    assoc: Sequence[frozenset[str]],
    met: set[tuple[str, ...]],
    rng: random.Random,
    friendly: bool,
) -> None:
    """Swaps of unseeded entries between groups that never lower the score.

    Score: fewest compatriot pairs first; with ``friendly``, then the most distinct
    country pairs, then the most pairs not met before.
    """
    slots = [
        (g, k) for g, group in enumerate(members) for k, i in enumerate(group) if i not in fixed
    ]
    if len(slots) < 2 or len(members) < 2:
        return
    total: Counter[tuple[str, str]] = Counter()
    for group in members:
        total.update(_pairs_in(group, assoc)[0])

    def value(pair: tuple[str, str]) -> int:
        return 1000 + (pair not in met) if friendly else 0

    rounds = min(30 * len(slots), 8000) if friendly else min(10 * len(slots), 4000)
    for _ in range(rounds):
        (g, k), (h, m) = rng.sample(slots, 2)
        if g == h:
            continue
        old_g, same_g = _pairs_in(members[g], assoc)
        old_h, same_h = _pairs_in(members[h], assoc)
        members[g][k], members[h][m] = members[h][m], members[g][k]
        new_g, new_same_g = _pairs_in(members[g], assoc)
        new_h, new_same_h = _pairs_in(members[h], assoc)
        delta = -1_000_000 * (new_same_g + new_same_h - same_g - same_h)
        if friendly:
            for pair, n in (old_g + old_h).items():
                total[pair] -= n
                if total[pair] == 0:
                    delta -= value(pair)
            for pair, n in (new_g + new_h).items():
                if total[pair] == 0:
                    delta += value(pair)
                total[pair] += n
        if delta < 0:
            if friendly:
                total.subtract(new_g + new_h)
                total.update(old_g + old_h)
            members[g][k], members[h][m] = members[h][m], members[g][k]


def _describe(
    entries: Sequence[Entry],
    members: list[list[int]],
    assoc: Sequence[frozenset[str]],
    met: set[tuple[str, ...]],
    policy: str,
    random_seed: int,
    groups: int,
) -> GroupDraw:
    total: Counter[tuple[str, str]] = Counter()
    compatriots: list[tuple[str, str]] = []
    for group in members:
        pairs, _ = _pairs_in(group, assoc)
        total.update(pairs)
        for k, a in enumerate(group):
            for b in group[k + 1 :]:
                if not assoc[a].isdisjoint(assoc[b]):
                    compatriots.append((entries[a].id, entries[b].id))
    return GroupDraw(
        groups=tuple(tuple(entries[i].id for i in group) for group in members),
        policy=policy,
        random_seed=random_seed,
        country_pairs=tuple(
            CountryPair(a, b, n, (a, b) not in met) for (a, b), n in sorted(total.items())
        ),
        compatriot_pairs=tuple(compatriots),
        unavoidable_compatriot_pairs=minimum_compatriot_pairs(entries, groups),
    )
