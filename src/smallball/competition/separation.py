"""The constrained lot of a knockout draw: association separation (3.6.3) and friendship.

The lot runs on entry indices. Associations are small integers; an entry may belong to
several (a pair from two associations counts for both). Three kinds of constraint:

* nominated: an association's numbers 1 and 2 in different halves, its 1-4 in four
  different quarters (so 3 and 4 take the quarters not held by 1 and 2);
* first round: no two entries sharing an association meet in the first round;
* friendship (optional objective): first-round meetings spread over as many different
  country pairs as possible, pairs that have not met before counting a little more.

Steps: seeds by constrained lot inside their seed groups (with the bye lines), looking
ahead so unseeded nominated entries keep a quarter open; then everyone else by a striped
lot that separates in round one every association small enough to be separated (see
``_stripe``), repaired by min-conflict swaps (meetings and nominated faults), retried with
fresh lots and fresh seed lots while faults remain; draws of up to 64 places that still
have faults go to CP-SAT, which is exact for them. Last, random swaps that add no fault
stir the lot, and ``friendship`` hill-climbs on country pairs. A lower bound says when
first-round meetings could not be avoided.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from smallball.competition.seeding import bye_lines, group_lines, group_of_seed, seed_groups

BYE = -1
_EMPTY = -2
_NODE_BUDGET = 4000
_ATTEMPTS = 3
_SEED_ATTEMPTS = 3
_EXACT_SIZE = 64


@dataclass(frozen=True, slots=True)
class Nominated:
    """Two entries of one association that must sit in different ``parts`` (2 or 4)."""

    first: int
    second: int
    parts: int
    association: int
    ranks: tuple[int, int]


@dataclass(frozen=True, slots=True)
class LotProblem:
    size: int
    associations: tuple[frozenset[int], ...]
    seeds: tuple[int, ...]
    """Entry index of seed 1, seed 2, ... in seeding order."""
    nominated: tuple[Nominated, ...]
    history: frozenset[tuple[int, int]] = frozenset()


@dataclass(frozen=True, slots=True)
class LotResult:
    positions: tuple[int, ...]
    """Entry index at each position, or ``BYE``."""
    nominated_unmet: tuple[Nominated, ...]
    meetings: tuple[int, ...]
    """First-round matches (index k: positions 2k, 2k+1) between compatriots."""
    unavoidable: int
    """A lower bound on first-round compatriot meetings, given where the seeds stand."""


def nominated_constraints(size: int, nominated: Sequence[Sequence[int]]) -> list[Nominated]:
    """The 3.6.3 constraints from each association's nominated order (best first)."""
    out: dict[tuple[int, int, int], Nominated] = {}
    for association, order in enumerate(nominated):
        top = list(order[:4])
        for i in range(len(top)):
            for j in range(i + 1, len(top)):
                parts = 2 if (i, j) == (0, 1) else 4
                if parts > size:
                    continue
                a, b = sorted((top[i], top[j]))
                key = (a, b, parts)
                if key not in out:
                    out[key] = Nominated(top[i], top[j], parts, association, (i + 1, j + 1))
    return list(out.values())


def first_round_pairs(
    positions: Sequence[int], associations: Sequence[frozenset[int]]
) -> Counter[tuple[int, int]]:
    """Country pairs (a < b) met in the first round, counted once per match."""
    pairs: Counter[tuple[int, int]] = Counter()
    for k in range(0, len(positions), 2):
        pairs.update(_match_pairs(positions[k], positions[k + 1], associations))
    return pairs


def _match_pairs(a: int, b: int, associations: Sequence[frozenset[int]]) -> set[tuple[int, int]]:
    if a < 0 or b < 0:
        return set()
    return {(x, y) if x < y else (y, x) for x in associations[a] for y in associations[b] if x != y}


class _Lot:
    def __init__(self, problem: LotProblem, rng: random.Random) -> None:
        self.p = problem
        self.rng = rng
        self.size = problem.size
        self.assoc = problem.associations
        self.pos = [_EMPTY] * problem.size
        self.where = [-1] * len(problem.associations)
        self.fixed: set[int] = set()
        self.constraints: dict[int, list[Nominated]] = {}
        for c in problem.nominated:
            self.constraints.setdefault(c.first, []).append(c)
            self.constraints.setdefault(c.second, []).append(c)

    # -- constraints -------------------------------------------------------------------

    def _violates(self, c: Nominated, entry: int, position: int) -> bool:
        other = c.second if c.first == entry else c.first
        where = self.where[other]
        if where < 0:
            return False
        width = self.size // c.parts
        return where // width == position // width

    def nominated_cost(self, entry: int, position: int) -> int:
        return sum(self._violates(c, entry, position) for c in self.constraints.get(entry, ()))

    def conflict(self, match: int) -> bool:
        a = self.pos[2 * match]
        b = self.pos[2 * match + 1]
        return a >= 0 and b >= 0 and not self.assoc[a].isdisjoint(self.assoc[b])

    def put(self, entry: int, position: int) -> None:
        self.pos[position] = entry
        self.where[entry] = position

    # -- seeds -------------------------------------------------------------------------

    def place_seeds(self, byes: int, separate: bool) -> None:
        """Seeds by lot in their groups, bye lines chosen evenly; retried if 3.6.3 fails."""
        best: tuple[int, list[int], list[int]] | None = None
        for _ in range(12):
            for entry in self.p.seeds:
                self.where[entry] = -1
            lines_with_bye, _partial = bye_lines(self.size, byes, self.rng)
            with_bye = set(lines_with_bye)
            ok = True
            for index, group in enumerate(seed_groups(self.size, len(self.p.seeds))):
                lines = group_lines(self.size, index)
                items = []
                for number in group:
                    wants_bye = number <= byes
                    options = [line for line in lines if (line in with_bye) == wants_bye]
                    items.append((self.p.seeds[number - 1], options))
                ok = self._assign(items, separate) and ok
            cost = sum(self.nominated_cost(e, self.where[e]) for e in self.p.seeds)
            if separate:
                cost += self._lookahead()
            if best is None or cost < best[0]:
                best = (cost, [self.where[e] for e in self.p.seeds], lines_with_bye)
            if not separate or (ok and cost == 0):
                break
        assert best is not None
        _, seat, lines_with_bye = best
        for entry, position in zip(self.p.seeds, seat, strict=True):
            self.put(entry, position)
            self.fixed.add(position)
        for line in lines_with_bye:
            self.pos[line ^ 1] = BYE
            self.fixed.add(line ^ 1)

    def _lookahead(self) -> int:
        """Unseeded nominated entries left with no quarter clear of the seeds' sections."""
        seeds = set(self.p.seeds)
        parts = min(4, self.size)
        width = self.size // parts
        return sum(
            min(self.nominated_cost(entry, q * width) for q in range(parts))
            for entry in self.constraints
            if entry not in seeds
        )

    def _assign(self, items: list[tuple[int, list[int]]], separate: bool) -> bool:
        """Backtracking lot of one seed group; falls back to the least-violating lot."""
        used: set[int] = set()
        nodes = 0
        shuffled = [(e, self.rng.sample(opts, len(opts))) for e, opts in items]

        def search(k: int) -> bool:
            nonlocal nodes
            if k == len(shuffled):
                return True
            entry, options = shuffled[k]
            for line in options:
                if line in used:
                    continue
                nodes += 1
                if nodes > _NODE_BUDGET:
                    return False
                if separate and self.nominated_cost(entry, line):
                    continue
                used.add(line)
                self.where[entry] = line
                if search(k + 1):
                    return True
                used.discard(line)
                self.where[entry] = -1
            return False

        if search(0):
            return True
        for entry, _ in shuffled:
            self.where[entry] = -1
        used.clear()
        for entry, options in shuffled:
            free = [line for line in options if line not in used]
            line = min(free, key=lambda x: (self.nominated_cost(entry, x), self.rng.random()))
            used.add(line)
            self.where[entry] = line
        return False

    # -- everyone else -----------------------------------------------------------------

    def place_rest(self, rest: list[int], separate: bool) -> None:
        empty = [p for p in range(self.size) if self.pos[p] == _EMPTY]
        if not separate:
            self.rng.shuffle(rest)
            for entry, p in zip(rest, empty, strict=True):
                self.put(entry, p)
            return
        for entry, p in zip(self._grouped(rest), self._stripe(empty), strict=True):
            self.put(entry, p)

    def _grouped(self, rest: list[int]) -> list[int]:
        """Entries in blocks by association, blocks in random order."""
        counts: Counter[int] = Counter()
        for entry in rest:
            counts.update(self.assoc[entry])
        tiebreak = {a: self.rng.random() for a in counts}

        def home(entry: int) -> int:
            return max(self.assoc[entry], key=lambda a: (counts[a], tiebreak[a]))

        blocks: dict[int, list[int]] = {}
        for entry in rest:
            blocks.setdefault(home(entry), []).append(entry)
        order = list(blocks)
        self.rng.shuffle(order)
        out: list[int] = []
        for a in order:
            members = blocks[a]
            self.rng.shuffle(members)
            out.extend(members)
        return out

    def _stripe(self, empty: list[int]) -> list[int]:
        """Empty places ordered so that partners are exactly L places apart.

        Order: first halves of open matches, then places facing a seed or a bye, then the
        second halves in the same match order. Partners are L apart, L being the number
        of matches with an open place, so a block of at most L entries of one association
        never meets itself: that is also the most a separated association can have.
        """
        open_set = set(empty)
        doubles = [p for p in empty if p % 2 == 0 and p + 1 in open_set]
        singles = [p for p in empty if p ^ 1 not in open_set]
        self.rng.shuffle(doubles)
        self.rng.shuffle(singles)
        return doubles + singles + [p + 1 for p in doubles]

    def movable(self) -> list[int]:
        seeds = set(self.p.seeds)
        return [p for p in range(self.size) if self.pos[p] >= 0 and self.pos[p] not in seeds]

    def _may_swap(self, p: int, q: int) -> bool:
        """A swap must not break a nominated constraint (it may mend one)."""
        a, b = self.pos[p], self.pos[q]
        if a not in self.constraints and b not in self.constraints:
            return True
        before = self.nominated_cost(a, p) + self.nominated_cost(b, q)
        self._swap(p, q)
        after = self.nominated_cost(a, q) + self.nominated_cost(b, p)
        self._swap(p, q)
        return after <= before

    def _swap(self, p: int, q: int) -> None:
        a, b = self.pos[p], self.pos[q]
        self.put(b, p)
        self.put(a, q)

    def _local_cost(self, p: int, q: int) -> int:
        """Compatriot meetings in the two matches plus nominated faults of the two entries."""
        cost = self.conflict(p >> 1) + self.conflict(q >> 1)
        for x in (p, q):
            entry = self.pos[x]
            if entry in self.constraints:
                cost += self.nominated_cost(entry, x)
        return cost

    def _faulty(self, entry: int) -> bool:
        return entry >= 0 and self.nominated_cost(entry, self.where[entry]) > 0

    def _targets(self, p: int, movable: list[int]) -> list[int]:
        """Where a nominated entry may go without a fault; anywhere for the others."""
        entry = self.pos[p]
        if entry not in self.constraints or self.size < 4:
            return movable
        width = self.size // 4
        good = [q for q in range(4) if self.nominated_cost(entry, q * width) == 0]
        if not good or len(good) == 4:
            return movable
        pool = [
            x
            for q in good
            for x in range(q * width, (q + 1) * width)
            if self.pos[x] >= 0 and x not in self.fixed
        ]
        return pool or movable

    def repair(self, movable: list[int], floor: int) -> None:
        """Min-conflict swaps until the constraints hold, the bound is hit or time is up."""
        bad = {m for m in range(self.size // 2) if self.conflict(m)}
        faulty = {e for e in self.constraints if self._faulty(e)}
        budget = 30 * (len(bad) + len(faulty)) + 300
        while (len(bad) > floor or faulty) and budget > 0:
            budget -= 1
            if faulty and (len(bad) <= floor or self.rng.random() < 0.5):
                entry = self.rng.choice(sorted(faulty))
                sides = [self.where[entry]]
                if sides[0] in self.fixed:
                    sides = [
                        self.where[x]
                        for c in self.constraints[entry]
                        for x in (c.first, c.second)
                        if x != entry
                        and self._violates(c, entry, sides[0])
                        and self.where[x] not in self.fixed
                    ]
                if not sides:
                    faulty.discard(entry)
                    continue
            else:
                match = self.rng.choice(sorted(bad)) if len(bad) < 32 else next(iter(bad))
                sides = [p for p in (2 * match, 2 * match + 1) if self.where_movable(p)]
                if not sides:
                    bad.discard(match)
                    continue
            p = self.rng.choice(sides)
            pool = self._targets(p, movable)
            chosen: int | None = None
            sideways: int | None = None
            for _ in range(32):
                q = self.rng.choice(pool)
                if q >> 1 == p >> 1:
                    continue
                before = self._local_cost(p, q)
                self._swap(p, q)
                after = self._local_cost(p, q)
                self._swap(p, q)
                if after < before:
                    chosen = q
                    break
                if after == before and sideways is None:
                    sideways = q
            if chosen is None and sideways is not None and self.rng.random() < 0.5:
                chosen = sideways
            if chosen is None:
                continue
            touched = {self.pos[p], self.pos[chosen]}
            self._swap(p, chosen)
            for m in (p >> 1, chosen >> 1):
                if self.conflict(m):
                    bad.add(m)
                else:
                    bad.discard(m)
            for entry in list(touched):
                touched.update(
                    x for c in self.constraints.get(entry, ()) for x in (c.first, c.second)
                )
            for entry in touched:
                if self._faulty(entry):
                    faulty.add(entry)
                else:
                    faulty.discard(entry)

    def clear_rest(self) -> None:
        seeds = set(self.p.seeds)
        for p, entry in enumerate(self.pos):
            if entry >= 0 and entry not in seeds:
                self.pos[p] = _EMPTY
                self.where[entry] = -1

    def load(self, positions: Sequence[int]) -> None:
        self.pos = list(positions)
        seeds = set(self.p.seeds)
        self.fixed = set()
        for p, entry in enumerate(positions):
            if entry >= 0:
                self.where[entry] = p
            if entry == BYE or entry in seeds:
                self.fixed.add(p)

    def faults(self, floor: int) -> int:
        meetings = sum(self.conflict(m) for m in range(self.size // 2))
        nominated = sum(
            1 for c in self.p.nominated if self._violates(c, c.first, self.where[c.first])
        )
        return max(0, meetings - floor) + nominated

    def where_movable(self, position: int) -> bool:
        entry = self.pos[position]
        return entry >= 0 and position not in self.fixed

    def stir(self, movable: list[int], rounds: int) -> None:
        """Random swaps that add no compatriot meeting, so the lot is not left striped."""
        for _ in range(rounds):
            p = self.rng.choice(movable)
            q = self.rng.choice(movable)
            if p >> 1 == q >> 1 or not self._may_swap(p, q):
                continue
            before = self.conflict(p >> 1) + self.conflict(q >> 1)
            self._swap(p, q)
            if self.conflict(p >> 1) + self.conflict(q >> 1) > before:
                self._swap(p, q)

    def befriend(self, movable: list[int], rounds: int) -> None:
        """Hill-climb on (fewest meetings, most distinct country pairs, most new pairs)."""
        history = self.p.history
        counts: Counter[tuple[int, int]] = first_round_pairs(self.pos, self.assoc)

        def pairs(match: int) -> set[tuple[int, int]]:
            return _match_pairs(self.pos[2 * match], self.pos[2 * match + 1], self.assoc)

        def value(pair: tuple[int, int]) -> int:
            return 1000 + (pair not in history)

        for _ in range(rounds):
            p = self.rng.choice(movable)
            q = self.rng.choice(movable)
            mp, mq = p >> 1, q >> 1
            if mp == mq or not self._may_swap(p, q):
                continue
            old = pairs(mp), pairs(mq)
            clash = self.conflict(mp) + self.conflict(mq)
            self._swap(p, q)
            new = pairs(mp), pairs(mq)
            delta = -1_000_000 * (self.conflict(mp) + self.conflict(mq) - clash)
            for pair in (*old[0], *old[1]):
                counts[pair] -= 1
                if counts[pair] == 0:
                    delta -= value(pair)
            for pair in (*new[0], *new[1]):
                if counts[pair] == 0:
                    delta += value(pair)
                counts[pair] += 1
            if delta < 0:
                for pair in (*new[0], *new[1]):
                    counts[pair] -= 1
                for pair in (*old[0], *old[1]):
                    counts[pair] += 1
                self._swap(p, q)

    # -- bounds ------------------------------------------------------------------------

    def unavoidable(self) -> int:
        """At least this many compatriot meetings, whatever the lot of the unseeded.

        An association's unseeded entries can stand alone only in matches with an open
        place and none of its seeds; each meeting adds room for one more.
        """
        seeds = set(self.p.seeds)
        open_matches = [
            m
            for m in range(self.size // 2)
            if not all(self.pos[q] == BYE or self.pos[q] in seeds for q in (2 * m, 2 * m + 1))
        ]
        seed_assoc = []
        for m in open_matches:
            found: frozenset[int] = frozenset()
            for q in (2 * m, 2 * m + 1):
                if self.pos[q] in seeds:
                    found = self.assoc[self.pos[q]]
            seed_assoc.append(found)
        unseeded: Counter[int] = Counter()
        multi = False
        for entry, assoc in enumerate(self.assoc):
            if entry not in seeds:
                unseeded.update(assoc)
                multi = multi or len(assoc) > 1
        excess = []
        for a, count in unseeded.items():
            room = sum(1 for s in seed_assoc if a not in s)
            excess.append(max(0, count - room))
        # Seeds facing seeds (only in a draw of 2) meet whatever the lot.
        fixed = sum(
            1
            for m in range(self.size // 2)
            if self.pos[2 * m] in seeds and self.pos[2 * m + 1] in seeds and self.conflict(m)
        )
        if not excess:
            return fixed
        return fixed + (max(excess) if multi else sum(excess))

    def result(self) -> LotResult:
        unmet = [
            c
            for c in self.p.nominated
            if (self.where[c.first] // (self.size // c.parts))
            == (self.where[c.second] // (self.size // c.parts))
        ]
        meetings = tuple(m for m in range(self.size // 2) if self.conflict(m))
        return LotResult(tuple(self.pos), tuple(unmet), meetings, self.unavoidable())


def constrained_lot(problem: LotProblem, policy: str, rng: random.Random) -> LotResult:
    """Run the lot. ``policy``: ``separate``, ``friendship`` or ``random`` (seeds only)."""
    entries = len(problem.associations)
    if policy == "random":
        lot = _Lot(problem, rng)
        lot.place_seeds(problem.size - entries, separate=False)
        lot.place_rest([e for e in range(entries) if lot.where[e] < 0], separate=False)
        return lot.result()
    best: tuple[int, _Lot, list[int]] | None = None
    # A few seed lots (and bye lines), each with a few lots of the rest: the seeds and
    # byes decide what is left possible for the others.
    for _ in range(_SEED_ATTEMPTS):
        lot = _Lot(problem, rng)
        lot.place_seeds(problem.size - entries, separate=True)
        rest = [e for e in range(entries) if lot.where[e] < 0]
        floor = lot.unavoidable()
        for _ in range(_ATTEMPTS):
            lot.clear_rest()
            lot.place_rest(list(rest), separate=True)
            lot.repair(lot.movable(), floor)
            faults = lot.faults(0)
            if best is None or faults < best[0]:
                best = (faults, lot, list(lot.pos))
            if lot.faults(floor) == 0:
                break
        assert best is not None
        if best[1] is lot and lot.faults(floor) == 0:
            break
    assert best is not None
    faults, lot, positions = best
    lot.load(positions)
    if lot.faults(lot.unavoidable()) and problem.size <= _EXACT_SIZE:
        exact = _exact(problem, rng)
        if exact is not None and lot_faults(problem, exact, 0) < faults:
            positions = exact
    lot.load(positions)
    movable = lot.movable()
    if movable:
        lot.stir(movable, 2 * len(movable))
        if policy == "friendship":
            lot.befriend(movable, min(40 * len(movable), 80_000))
    return lot.result()


def lot_faults(problem: LotProblem, positions: Sequence[int], floor: int) -> int:
    lot = _Lot(problem, random.Random(0))
    lot.load(positions)
    return lot.faults(floor)


def _certain(value: object) -> bool:
    return isinstance(value, int) and value == 1


def _exact(problem: LotProblem, rng: random.Random) -> list[int] | None:
    """CP-SAT for small draws the swaps could not settle: fewest faults, then a random lot.

    Seeds stay on their own group's lines; the byes of fully served seed groups stay put,
    and the group served only in part chooses its bye lines here, evenly spread.
    Faults weigh as in the swaps: a nominated fault or a compatriot meeting, one each.
    """
    from ortools.sat.python import cp_model

    size = problem.size
    byes = size - len(problem.associations)
    model = cp_model.CpModel()
    has_bye: dict[int, cp_model.IntVar | int] = {}
    remaining, index = byes, 0
    while remaining > 0:
        lines = group_lines(size, index)
        if remaining >= len(lines):
            has_bye.update((line, 1) for line in lines)
            remaining -= len(lines)
        else:
            chosen = {line: model.new_bool_var("") for line in lines}
            model.add(sum(chosen.values()) == remaining)
            parts = 2
            while parts <= len(lines):
                share = len(lines) // parts
                for k in range(parts):
                    count = sum(chosen[line] for line in lines[k * share : (k + 1) * share])
                    model.add(count >= remaining // parts)
                    model.add(count <= -(-remaining // parts))
                parts *= 2
            has_bye.update(chosen)
            remaining = 0
        index += 1
    seed_of = {entry: number for number, entry in enumerate(problem.seeds, start=1)}
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    for entry in range(len(problem.associations)):
        if entry in seed_of:
            number = seed_of[entry]
            allowed = group_lines(size, group_of_seed(number))
        else:
            allowed = [p for p in range(size) if not _certain(has_bye.get(p ^ 1, 0))]
        for p in allowed:
            x[entry, p] = model.new_bool_var("")
            if entry in seed_of:
                bye = has_bye.get(p, 0)
                model.add(x[entry, p] <= (bye if seed_of[entry] <= byes else 1 - bye))
        model.add_exactly_one(x[entry, p] for p in allowed)
    for p in range(size):
        here = [v for (e, q), v in x.items() if q == p]
        model.add(sum(here) == 1 - has_bye.get(p ^ 1, 0))
    faults = []
    for c in problem.nominated:
        width = size // c.parts
        for section in range(c.parts):
            span = range(section * width, (section + 1) * width)
            here = [x[e, p] for e in (c.first, c.second) for p in span if (e, p) in x]
            fault = model.new_bool_var("")
            model.add(sum(here) <= 1 + fault)
            faults.append(fault)
    members: dict[int, list[int]] = {}
    for entry, assoc in enumerate(problem.associations):
        for a in assoc:
            members.setdefault(a, []).append(entry)
    for m in range(size // 2):
        for group in members.values():
            here = [x[e, p] for e in group for p in (2 * m, 2 * m + 1) if (e, p) in x]
            if len(here) > 1:
                fault = model.new_bool_var("")
                model.add(sum(here) <= 1 + fault)
                faults.append(fault)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    # Deterministic time, not wall time, so a loaded machine gives the same draw.
    solver.parameters.max_deterministic_time = 2.0
    solver.parameters.random_seed = rng.randrange(1 << 30)
    model.minimize(sum(faults))
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    model.add(sum(faults) <= round(solver.objective_value))
    model.minimize(sum(rng.randrange(8) * v for v in x.values()))
    solver.parameters.max_deterministic_time = 0.2
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    positions = [BYE] * size
    for (entry, p), v in x.items():
        if solver.value(v):
            positions[p] = entry
    return positions
