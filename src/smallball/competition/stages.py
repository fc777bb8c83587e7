"""From one stage to the next: group qualifiers into a knockout, first-match losers into a plate.

Groups to knockout (no ITTF text was found; this is the common practice named in
shared/rules/table-tennis.md §4.4): group winners take the seed lines in group order
(winner of group 1 is seed 1, ...); a group is treated like an association in 3.6.3, so
its runner-up goes into the other half from its winner, its third into a quarter held by
neither, and two qualifiers from one group never meet in the first round.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from smallball.competition.bracket import Bracket, first_match_losers, make_bracket
from smallball.competition.knockout import Entry, KnockoutDraw, draw_knockout
from smallball.competition.seeding import draw_size, max_seeds
from smallball.errors import N_, InputError


def group_label(index: int) -> str:
    return f"group {index + 1}"


def qualifiers_draw(
    finishing_orders: Sequence[Sequence[str]], qualifiers: int, random_seed: int = 0
) -> KnockoutDraw:
    """A knockout of the first ``qualifiers`` of each group (groups in seeding order)."""
    if qualifiers < 1:
        raise InputError("qualifiers", N_("must be 1 or more, got {value}"), value=qualifiers)
    if not finishing_orders:
        raise InputError("groups", N_("must list at least one group"))
    for g, order in enumerate(finishing_orders):
        if len(order) < qualifiers:
            raise InputError(
                f"groups[{g}]",
                N_("has {entries} entries but {qualifiers} qualify from it"),
                entries=len(order),
                qualifiers=qualifiers,
            )
    total = qualifiers * len(finishing_orders)
    if total < 2:
        raise InputError("qualifiers", N_("a knockout needs at least 2 qualifiers"))
    seeds = min(len(finishing_orders), max_seeds(draw_size(total)))
    entries = []
    for rank in range(qualifiers):
        for g, order in enumerate(finishing_orders):
            seed = g + 1 if rank == 0 and g < seeds else None
            entries.append(Entry(order[rank], (group_label(g),), seed))
    return draw_knockout(entries, seeds=seeds, policy="separate", random_seed=random_seed)


def plate_draw(
    bracket: Bracket,
    associations: Mapping[str, Sequence[str]] | None = None,
    policy: str = "separate",
    random_seed: int = 0,
) -> Bracket:
    """A consolation (plate) bracket of the main draw's first-match losers.

    With ``associations`` the plate is separated like the main draw; without, every
    entry counts as its own association, so the lot is plain.
    """
    losers = first_match_losers(bracket)
    if len(losers) < 2:
        raise InputError("bracket", N_("a plate needs at least 2 first-match losers"))
    entries = [
        Entry(
            loser,
            tuple(associations[loser]) if associations and loser in associations else (loser,),
        )
        for loser in losers
    ]
    draw = draw_knockout(entries, seeds=0, policy=policy, random_seed=random_seed)
    return make_bracket(draw.positions)
