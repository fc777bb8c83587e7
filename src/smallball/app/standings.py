"""Live group tables: the standings core over the results recorded so far."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from smallball.app.context import Context
from smallball.app.errors import Conflict
from smallball.competition.standings import GroupMatch, GroupRules, Outcome, Standings
from smallball.competition.standings import standings as rank_group
from smallball.db.models import Competition, Draw, Match
from smallball.i18n import N_

OUTCOME_OF_STATUS = {
    "completed": Outcome.PLAYED,
    "walkover": Outcome.WALKOVER,
    "retired": Outcome.RETIRED,
    "disqualified": Outcome.DISQUALIFIED,
}


def group_tables(ctx: Context, competition: Competition) -> list[tuple[list[str], Standings]]:
    """Per group: its entry ids (as drawn) and its standings as the results stand."""
    draw = ctx.session.scalars(
        select(Draw)
        .where(Draw.competition_id == competition.id, Draw.stage == "groups")
        .order_by(Draw.id.desc())
    ).first()
    if draw is None:
        return []
    rules = GroupRules(team=competition.entry_kind == "team", best_of=competition.best_of)
    tables = []
    for g, group in enumerate(draw.data["groups"], start=1):
        entries = [str(e) for e in group]
        matches = ctx.session.scalars(
            select(Match).where(
                Match.competition_id == competition.id,
                Match.stage == "groups",
                Match.group_number == g,
            )
        )
        played = [gm for m in matches if (gm := group_match(m)) is not None]
        tables.append((entries, rank_group(entries, played, rules)))
    return tables


def group_match(match: Match) -> GroupMatch | None:
    """The recorded result as the standings core reads it; None while there is none. A
    walkover without a winner is a double walkover."""
    if match.result is None:
        return None
    if match.winner_entry_id is None and match.status != "walkover":
        return None
    result: dict[str, Any] = match.result
    games = tuple((int(a), int(b)) for a, b in result.get("games", []))
    rubbers = tuple(
        tuple((int(a), int(b)) for a, b in rubber.get("games", []))
        for rubber in result.get("rubbers", [])
    )
    return GroupMatch(
        a=str(match.entry_a_id),
        b=str(match.entry_b_id),
        winner=None if match.winner_entry_id is None else str(match.winner_entry_id),
        outcome=OUTCOME_OF_STATUS.get(match.status, Outcome.PLAYED),
        games=games,
        rubbers=rubbers,
    )


def group_finishing_orders(
    ctx: Context, competition: Competition, lots: dict[int, list[int]]
) -> list[list[str]]:
    """Every group's final order; refuses while matches are open or a lot is undecided."""
    open_matches = ctx.session.scalars(
        select(Match.code).where(
            Match.competition_id == competition.id,
            Match.stage == "groups",
            Match.result.is_(None),
        )
    ).all()
    if open_matches:
        raise Conflict(
            N_("{count} group matches have no result yet"), field="groups", count=len(open_matches)
        )
    orders = []
    for g, (_entries, standings) in enumerate(group_tables(ctx, competition), start=1):
        order = [row.entry for row in standings.rows]
        if standings.needs_lot:
            decided = [str(e) for e in lots.get(g, [])]
            for tied in standings.needs_lot:
                if sorted(decided) != sorted(tied) and not set(tied) <= set(decided):
                    raise Conflict(
                        N_("group {group} needs a lot between entries {entries}"),
                        field=f"lots.{g}",
                        group=g,
                        entries=", ".join(tied),
                    )
            # The lot's order replaces the tied block's order, in place.
            for tied in standings.needs_lot:
                ranked = [e for e in decided if e in tied]
                slots = sorted(order.index(e) for e in tied)
                for slot, entry in zip(slots, ranked, strict=True):
                    order[slot] = entry
        orders.append(order)
    return orders
