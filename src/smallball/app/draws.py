"""Draws: groups, knockouts and groups → knockout, made by the competition core and turned
into matches. A redraw is allowed until the first result of that stage."""

from __future__ import annotations

import random
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import delete, select

from smallball.app.context import Context
from smallball.app.entries import get_competition_row
from smallball.app.errors import Conflict
from smallball.app.permissions import require_organiser
from smallball.app.standings import group_finishing_orders
from smallball.app.validation import MAX_ROW_ID, RowId
from smallball.competition.bracket import BYE, make_bracket, record, rounds
from smallball.competition.draw_codec import groups_json, knockout_json
from smallball.competition.groups import draw_groups
from smallball.competition.knockout import Entry as DrawEntry
from smallball.competition.knockout import draw_knockout
from smallball.competition.round_robin import berger_rounds
from smallball.competition.stages import qualifiers_draw
from smallball.db.models import Competition, Draw, EntryPlayer, Match, Person
from smallball.db.models import Entry as EntryRow
from smallball.errors import InputError, Term
from smallball.i18n import N_


class DrawIn(BaseModel):
    stage: Literal["groups", "knockout", "qualifiers"]
    groups: int | None = Field(default=None, ge=1, le=128)
    seeds: int | None = Field(default=None, ge=0, le=32)
    policy: Literal["separate", "friendship", "random"] = "separate"
    random_seed: int | None = Field(default=None, ge=0, le=MAX_ROW_ID)
    third_place: bool = False
    qualifiers: int = Field(default=2, ge=1, le=8)  # per group, for stage "qualifiers"
    # Group number → entry ids in finishing order, where a tie was decided by lot.
    lots: dict[int, list[RowId]] = {}


def make_draw(ctx: Context, competition_id: int, data: DrawIn) -> dict[str, Any]:
    competition = get_competition_row(ctx, competition_id)
    require_organiser(ctx.actor, competition.event_id)
    seed = (
        data.random_seed
        if data.random_seed is not None
        else random.SystemRandom().randrange(1, 2**31)
    )
    stage = "groups" if data.stage == "groups" else "knockout"
    _clear_stage(ctx, competition, stage)
    history = _country_history(ctx, competition)
    if data.stage == "qualifiers":
        orders = group_finishing_orders(ctx, competition, data.lots)
        made = qualifiers_draw(orders, data.qualifiers, random_seed=seed)
        payload = knockout_json(made) | {"third_place": data.third_place, "from_groups": True}
    else:
        entries = draw_entries(ctx, competition)
        if data.stage == "groups":
            if data.groups is None:
                raise InputError("groups", N_("say how many groups"))
            group_draw = draw_groups(
                entries, data.groups, policy=data.policy, history=history, random_seed=seed
            )
            payload = groups_json(group_draw)
        else:
            made = draw_knockout(
                entries, data.seeds, policy=data.policy, history=history, random_seed=seed
            )
            payload = knockout_json(made) | {"third_place": data.third_place}
    draw = Draw(
        competition_id=competition.id,
        stage=stage,
        random_seed=seed,
        data=payload,
        created_at=ctx.now,
    )
    ctx.session.add(draw)
    ctx.session.flush()
    if stage == "groups":
        _group_matches(ctx, competition, draw)
    else:
        sync_bracket(ctx, competition, draw)
    ctx.audit(
        "draw.make",
        "draw",
        draw.id,
        event_id=competition.event_id,
        after={"stage": data.stage, "random_seed": seed, "policy": data.policy},
    )
    return {"draw_id": draw.id, "stage": stage, "random_seed": seed, **payload}


def draw_entries(ctx: Context, competition: Competition) -> list[DrawEntry]:
    """Approved entries as the draw sees them: id, associations (countries), seed."""
    rows = ctx.session.scalars(
        select(EntryRow)
        .where(EntryRow.competition_id == competition.id, EntryRow.status == "approved")
        .order_by(EntryRow.seed.is_(None), EntryRow.seed, EntryRow.id)
    ).all()
    if len(rows) < 2:
        raise InputError(
            "entries", N_("a draw needs 2 or more approved entries, not {count}"), count=len(rows)
        )
    out = []
    for row in rows:
        countries = ctx.session.scalars(
            select(Person.country)
            .join(EntryPlayer, EntryPlayer.person_id == Person.id)
            .where(EntryPlayer.entry_id == row.id)
            .order_by(EntryPlayer.position)
        ).all()
        out.append(DrawEntry(str(row.id), tuple(dict.fromkeys(countries)), row.seed))
    return out


def latest_draw(ctx: Context, competition_id: int, stage: str) -> Draw | None:
    return ctx.session.scalars(
        select(Draw)
        .where(Draw.competition_id == competition_id, Draw.stage == stage)
        .order_by(Draw.id.desc())
    ).first()


def _clear_stage(ctx: Context, competition: Competition, stage: str) -> None:
    old = ctx.session.scalars(
        select(Match).where(Match.competition_id == competition.id, Match.stage == stage)
    ).all()
    if any(m.result is not None and m.status != "bye" for m in old):
        raise Conflict(
            N_("results are recorded in the {stage} already; no redraw"),
            field="stage",
            stage=Term(stage),
        )
    ctx.session.execute(
        delete(Match).where(Match.competition_id == competition.id, Match.stage == stage)
    )
    ctx.session.execute(
        delete(Draw).where(Draw.competition_id == competition.id, Draw.stage == stage)
    )


def _country_history(ctx: Context, competition: Competition) -> list[tuple[str, str]]:
    """Country pairs that have met in this event's earlier draws, for the friendship policy."""
    pairs: list[tuple[str, str]] = []
    draws = ctx.session.scalars(
        select(Draw)
        .join(Competition, Competition.id == Draw.competition_id)
        .where(Competition.event_id == competition.event_id)
    )
    for draw in draws:
        met = draw.data.get("first_round_country_pairs") or draw.data.get("country_pairs") or []
        pairs.extend((pair["pair"][0], pair["pair"][1]) for pair in met)
    return pairs


def _group_matches(ctx: Context, competition: Competition, draw: Draw) -> None:
    for g, group in enumerate(draw.data["groups"], start=1):
        for rnd in berger_rounds([str(e) for e in group]):
            for n, (a, b) in enumerate(rnd.pairings, start=1):
                ctx.session.add(
                    Match(
                        competition_id=competition.id,
                        draw_id=draw.id,
                        code=f"G{g}-R{rnd.number}-{n}",
                        stage="groups",
                        group_number=g,
                        round_number=rnd.number,
                        number=n,
                        entry_a_id=int(a),
                        entry_b_id=int(b),
                    )
                )


def sync_bracket(ctx: Context, competition: Competition, draw: Draw) -> None:
    """Fold the recorded results into the bracket and make the match rows agree with it.

    A corrected result can take a player out of a later match; that match's result, if any,
    is then void and is cleared (and audited).
    """
    data = draw.data
    positions = [None if p in (None, BYE) else str(p) for p in data["positions"]]
    bracket = make_bracket(positions, third_place=bool(data.get("third_place")))
    rows = {
        m.code: m
        for m in ctx.session.scalars(
            select(Match).where(Match.competition_id == competition.id, Match.stage == "knockout")
        )
    }
    total = bracket.round_count
    for r in range(1, total + 1):
        # Recomputed each round: the results of round r decide who plays in round r + 1.
        for m in rounds(bracket)[r - 1]:
            third = bracket.third_place and r == total and m.number == 1
            code = "KO-3RD" if third else f"KO-R{r}-{m.number + 1}"
            row = rows.get(code)
            if row is None:
                row = Match(
                    competition_id=competition.id,
                    draw_id=draw.id,
                    code=code,
                    stage="knockout",
                    round_number=r,
                    number=m.number + 1,
                )
                ctx.session.add(row)
                rows[code] = row
            a = None if m.a in (None, BYE) else int(str(m.a))
            b = None if m.b in (None, BYE) else int(str(m.b))
            if (row.entry_a_id, row.entry_b_id) != (a, b) and row.result is not None:
                ctx.audit(
                    "result.void",
                    "match",
                    row.id,
                    event_id=competition.event_id,
                    before={"result": row.result},
                    after=None,
                )
                row.result, row.winner_entry_id, row.status = None, None, "scheduled"
            row.entry_a_id, row.entry_b_id = a, b
            if m.how == "bye":
                row.status = "bye"
                row.winner_entry_id = None if m.winner in (None, BYE) else int(str(m.winner))
            elif row.result is not None and row.winner_entry_id is not None:
                how = HOW_OF_STATUS.get(row.status, "played")
                bracket = record(bracket, r, m.number, str(row.winner_entry_id), how)
            elif row.result is not None and row.status == "walkover":
                # A double walkover: no one goes through.
                bracket = record(bracket, r, m.number, None, "walkover")
            elif row.status == "bye":
                row.status, row.winner_entry_id = "scheduled", None
    ctx.session.flush()


HOW_OF_STATUS = {
    "completed": "played",
    "walkover": "walkover",
    "retired": "retired",
    "disqualified": "retired",
}
