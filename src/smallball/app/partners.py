"""Cross-national pairs and teams formed by the pairing core, previewed, changed by hand
(the preview re-scores) and confirmed into entries."""

from __future__ import annotations

from itertools import combinations
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import select

from smallball.app.context import Context
from smallball.app.entries import EntryIn, approve_entry, enter, get_competition_row
from smallball.app.permissions import require_organiser
from smallball.app.validation import RowId
from smallball.competition.eligibility import parse_eligibility
from smallball.db.models import (
    Competition,
    Delegation,
    DelegationMember,
    Entry,
    EntryPlayer,
    Person,
)
from smallball.errors import InputError, Reasons
from smallball.i18n import N_
from smallball.pairing.codec import evaluation_json, parse_problem, result_json
from smallball.pairing.solve import evaluate, pair


class PairingOptionsIn(BaseModel):
    cross_national: Literal["required", "preferred", "off"] = "required"
    shared_language: bool = True
    team_size: int = Field(default=3, ge=2, le=8)
    avoid_repeat_partners: bool = True
    time_limit_s: float = Field(default=5, gt=0, le=60)


class GroupsIn(BaseModel):
    groups: list[list[RowId]]
    options: PairingOptionsIn = PairingOptionsIn()


def _problem(ctx: Context, competition: Competition, options: PairingOptionsIn) -> dict[str, Any]:
    rules = parse_eligibility(competition.eligibility)
    entered = set(
        ctx.session.scalars(
            select(EntryPlayer.person_id)
            .join(Entry, Entry.id == EntryPlayer.entry_id)
            .where(
                Entry.competition_id == competition.id,
                Entry.status.in_(("pending", "approved", "waiting")),
            )
        )
    )
    people = ctx.session.scalars(
        select(Person)
        .join(DelegationMember, DelegationMember.person_id == Person.id)
        .join(Delegation, Delegation.id == DelegationMember.delegation_id)
        .where(Delegation.event_id == competition.event_id, DelegationMember.role == "player")
        .order_by(Person.id)
    ).all()
    wanted = {"M": ("M",), "F": ("F",)}.get(rules.gender, ("M", "F", "X"))
    players = [
        {
            "id": str(p.id),
            "country": p.country,
            "gender": p.gender if p.gender in ("M", "F") else "M",
            "rating": p.rating if p.rating is not None else 1500,
            "languages": p.languages,
        }
        for p in people
        if p.id not in entered and p.gender in wanted
    ]
    if competition.entry_kind == "pair":
        mode = "mixed-doubles" if rules.gender == "mixed" else "doubles"
    elif competition.entry_kind == "team":
        mode = "teams"
    else:
        raise InputError("competition", N_("pairs and teams only: this competition is for singles"))
    problem: dict[str, Any] = {
        "mode": mode,
        "players": players,
        "cross_national": options.cross_national,
        "shared_language": options.shared_language,
        "time_limit_s": options.time_limit_s,
    }
    if mode == "teams":
        problem["team_size"] = options.team_size
    if options.avoid_repeat_partners:
        problem["history"] = _partners_before(ctx, competition, {str(p["id"]) for p in players})
    return problem


def _partners_before(ctx: Context, competition: Competition, ids: set[str]) -> list[list[str]]:
    """Pairs of these players who were partners in any other entry, at any event."""
    rows = ctx.session.execute(
        select(EntryPlayer.entry_id, EntryPlayer.person_id)
        .join(Entry, Entry.id == EntryPlayer.entry_id)
        .where(Entry.competition_id != competition.id)
    ).all()
    by_entry: dict[int, list[str]] = {}
    for entry_id, person_id in rows:
        if str(person_id) in ids:
            by_entry.setdefault(entry_id, []).append(str(person_id))
    return [list(pair_) for members in by_entry.values() for pair_ in combinations(members, 2)]


def propose(ctx: Context, competition_id: int, options: PairingOptionsIn) -> dict[str, Any]:
    competition = get_competition_row(ctx, competition_id)
    require_organiser(ctx.actor, competition.event_id)
    problem = parse_problem(_problem(ctx, competition, options))
    return result_json(pair(problem))


def rescore(ctx: Context, competition_id: int, data: GroupsIn) -> dict[str, Any]:
    competition = get_competition_row(ctx, competition_id)
    require_organiser(ctx.actor, competition.event_id)
    problem = parse_problem(_problem(ctx, competition, data.options))
    return evaluation_json(evaluate(problem, [[str(p) for p in g] for g in data.groups]))


def confirm(ctx: Context, competition_id: int, data: GroupsIn) -> list[int]:
    """Enter every group as an approved entry; refused if a hard constraint is broken."""
    competition = get_competition_row(ctx, competition_id)
    require_organiser(ctx.actor, competition.event_id)
    problem = parse_problem(_problem(ctx, competition, data.options))
    checked = evaluate(problem, [[str(p) for p in g] for g in data.groups])
    if checked.violations:
        raise InputError("groups", N_("{reasons}"), reasons=Reasons(checked.violations))
    created = []
    for group in data.groups:
        entry = enter(ctx, competition.id, EntryIn(person_ids=group))
        approve_entry(ctx, entry.id)
        created.append(entry.id)
    ctx.audit(
        "pairing.confirm",
        "competition",
        competition.id,
        event_id=competition.event_id,
        after={"groups": data.groups},
    )
    return created


def candidates(ctx: Context, competition_id: int) -> list[dict[str, Any]]:
    """The players the pairing may use, as the organiser's preview shows them."""
    competition = get_competition_row(ctx, competition_id)
    require_organiser(ctx.actor, competition.event_id)
    problem = _problem(ctx, competition, PairingOptionsIn())
    ids = [int(p["id"]) for p in problem["players"]]
    people = {p.id: p for p in ctx.session.scalars(select(Person).where(Person.id.in_(ids)))}
    return [
        {
            "id": i,
            "name": f"{people[i].name_native} · {people[i].name_latin}",
            "country": people[i].country,
            "gender": people[i].gender,
            "rating": people[i].rating,
        }
        for i in ids
    ]
