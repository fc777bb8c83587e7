"""What a competition page shows: entries, who may enter whom, draws and results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from smallball.app.context import Context
from smallball.app.entries import entry_view
from smallball.app.errors import NotFound
from smallball.app.events import get_event_row
from smallball.app.permissions import is_organiser
from smallball.app.views import CompetitionView, EntryView, EventView, PersonView
from smallball.db.models import Competition, Delegation, DelegationMember, Entry, Person


@dataclass
class CompetitionPage:
    event: EventView
    competition: CompetitionView
    entries: list[EntryView]
    organiser: bool
    # Delegations the viewer may enter players for, with their players.
    can_enter: list[tuple[int, str, list[PersonView]]] = field(default_factory=list)
    all_players: list[PersonView] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def find_competition(ctx: Context, slug: str, code: str) -> Competition:
    event = get_event_row(ctx, slug)
    competition = ctx.session.scalars(
        select(Competition).where(Competition.event_id == event.id, Competition.code == code)
    ).first()
    if competition is None:
        raise NotFound(f"no competition {code!r} at this event")
    return competition


def competition_page(ctx: Context, slug: str, code: str) -> CompetitionPage:
    from smallball.app.events import _event_view

    competition = find_competition(ctx, slug, code)
    event = get_event_row(ctx, competition.event_id)
    rows = ctx.session.scalars(
        select(Entry)
        .where(Entry.competition_id == competition.id)
        .order_by(Entry.seed.is_(None), Entry.seed, Entry.id)
    )
    organiser = is_organiser(ctx.actor, event.id)
    page = CompetitionPage(
        event=_event_view(ctx, event),
        competition=CompetitionView.model_validate(competition),
        entries=[entry_view(ctx, e) for e in rows],
        organiser=organiser,
    )
    led = {g.delegation_id for g in ctx.actor.grants if g.role == "delegation_leader"}
    delegations = ctx.session.scalars(
        select(Delegation).where(Delegation.event_id == event.id).order_by(Delegation.name)
    )
    for delegation in delegations:
        if not (organiser or delegation.id in led):
            continue
        players = ctx.session.scalars(
            select(Person)
            .join(DelegationMember, DelegationMember.person_id == Person.id)
            .where(
                DelegationMember.delegation_id == delegation.id,
                DelegationMember.role == "player",
            )
            .order_by(Person.name_latin)
        )
        views = [PersonView.model_validate(p) for p in players]
        page.can_enter.append((delegation.id, delegation.name, views))
        if organiser:
            page.all_players.extend(views)
    return page
