"""Events and their competitions: create, change, publish, read."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field, model_validator
from sqlalchemy import or_, select

from smallball.app.context import Actor, Context
from smallball.app.errors import Conflict, NotFound, PermissionDenied
from smallball.app.permissions import is_organiser, require_organiser, require_user
from smallball.app.validation import country_code, multilingual, time_zone
from smallball.app.views import CompetitionView, EventView
from smallball.competition.eligibility import parse_eligibility
from smallball.db.models import Competition, Event, EventCoHost, Organisation, RoleGrant
from smallball.errors import InputError, Refusal
from smallball.i18n import N_

Text = Annotated[dict[str, str], AfterValidator(multilingual)]
Country = Annotated[str, AfterValidator(country_code)]


class OrganisationIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    kind: Literal["association", "university", "club", "friendship_society", "other"]
    country: Country


class EventIn(BaseModel):
    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{2,79}$")
    name: Text
    starts_on: date
    ends_on: date
    time_zone: Annotated[str, AfterValidator(time_zone)]
    venue: str = Field(default="", max_length=200)
    tables: int = Field(default=8, ge=1, le=200)
    co_hosts: list[OrganisationIn] = []

    @model_validator(mode="after")
    def _dates(self) -> EventIn:
        if self.ends_on < self.starts_on:
            raise Refusal(N_("ends_on is before starts_on"))
        return self


class CompetitionIn(BaseModel):
    code: str = Field(pattern=r"^[A-Za-z0-9-]{1,20}$")
    name: Text
    entry_kind: Literal["player", "pair", "team"]
    best_of: int = Field(default=5, ge=1, le=9)
    format: dict[str, Any] = {}
    eligibility: dict[str, Any] = {}
    max_entries: int | None = Field(default=None, ge=2, le=100_000)

    @model_validator(mode="after")
    def _check(self) -> CompetitionIn:
        if self.best_of % 2 == 0:
            raise Refusal(N_("best_of must be odd"))
        parse_eligibility(self.eligibility)
        return self


def find_or_create_organisation(ctx: Context, data: OrganisationIn) -> Organisation:
    org = ctx.session.scalars(
        select(Organisation).where(
            Organisation.name == data.name, Organisation.country == data.country
        )
    ).first()
    if org is None:
        org = Organisation(name=data.name, kind=data.kind, country=data.country)
        ctx.session.add(org)
        ctx.session.flush()
        ctx.audit("organisation.create", "organisation", org.id, after=data.model_dump())
    return org


def create_event(ctx: Context, data: EventIn) -> EventView:
    user_id = require_user(ctx.actor)
    if not ctx.actor.is_admin:
        raise PermissionDenied(N_("only site administrators create events"))
    if ctx.session.scalars(select(Event).where(Event.slug == data.slug)).first():
        raise Conflict(N_("an event called {slug!r} exists already"), field="slug", slug=data.slug)
    event = Event(
        slug=data.slug,
        name=data.name,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        time_zone=data.time_zone,
        venue=data.venue,
        tables=data.tables,
        created_at=ctx.now,
    )
    ctx.session.add(event)
    ctx.session.flush()
    for host in data.co_hosts:
        org = find_or_create_organisation(ctx, host)
        ctx.session.add(EventCoHost(event_id=event.id, organisation_id=org.id))
    ctx.session.add(RoleGrant(user_id=user_id, event_id=event.id, role="organiser"))
    ctx.audit(
        "event.create", "event", event.id, event_id=event.id, after=data.model_dump(mode="json")
    )
    return _event_view(ctx, event)


def add_competition(ctx: Context, event_id: int, data: CompetitionIn) -> CompetitionView:
    event = get_event_row(ctx, event_id)
    require_organiser(ctx.actor, event.id)
    taken = ctx.session.scalars(
        select(Competition).where(Competition.event_id == event.id, Competition.code == data.code)
    ).first()
    if taken:
        raise Conflict(
            N_("the event has a competition {code!r} already"), field="code", code=data.code
        )
    competition = Competition(event_id=event.id, **data.model_dump())
    ctx.session.add(competition)
    ctx.session.flush()
    ctx.audit(
        "competition.create",
        "competition",
        competition.id,
        event_id=event.id,
        after=data.model_dump(mode="json"),
    )
    return CompetitionView.model_validate(competition)


def publish_event(ctx: Context, event_id: int, published: bool = True) -> EventView:
    event = get_event_row(ctx, event_id)
    require_organiser(ctx.actor, event.id)
    before = {"published": event.published}
    event.published = published
    ctx.audit(
        "event.publish" if published else "event.unpublish",
        "event",
        event.id,
        event_id=event.id,
        before=before,
        after={"published": published},
    )
    return _event_view(ctx, event)


def grant_role(
    ctx: Context, event_id: int, user_id: int, role: str, delegation_id: int | None = None
) -> None:
    require_organiser(ctx.actor, event_id)
    if role not in ("organiser", "delegation_leader", "umpire"):
        raise InputError("role", N_("unknown role {role!r}"), role=role)
    ctx.session.add(
        RoleGrant(user_id=user_id, event_id=event_id, role=role, delegation_id=delegation_id)
    )
    ctx.audit(
        "role.grant",
        "user",
        user_id,
        event_id=event_id,
        after={"role": role, "delegation_id": delegation_id},
    )


# -- reading -------------------------------------------------------------------------------


def can_see(ctx: Context, event: Event) -> bool:
    return may_see(ctx.actor, event.id, event.published)


def may_see(actor: Actor, event_id: int, published: bool) -> bool:
    """Published events are public; the others only for the people who work on them."""
    if published or is_organiser(actor, event_id):
        return True
    return any(g.event_id == event_id for g in actor.grants)


def get_event_row(ctx: Context, event_id: int | str) -> Event:
    """An event by id or slug, if the actor may see it; unpublished ones look absent."""
    column = Event.id if isinstance(event_id, int) else Event.slug
    event = ctx.session.scalars(select(Event).where(column == event_id)).first()
    if event is None or not can_see(ctx, event):
        raise NotFound(N_("no event {event_id!r}"), event_id=event_id)
    return event


def get_event(ctx: Context, event_id: int | str) -> EventView:
    return _event_view(ctx, get_event_row(ctx, event_id))


def list_events(ctx: Context) -> list[EventView]:
    """Published events, and the unpublished ones the actor works on."""
    mine = {g.event_id for g in ctx.actor.grants}
    query = select(Event).order_by(Event.starts_on.desc(), Event.id)
    if not ctx.actor.is_admin:
        query = query.where(or_(Event.published, Event.id.in_(mine)))
    return [_event_view(ctx, e) for e in ctx.session.scalars(query)]


def _event_view(ctx: Context, event: Event) -> EventView:
    competitions = ctx.session.scalars(
        select(Competition).where(Competition.event_id == event.id).order_by(Competition.id)
    )
    view = EventView.model_validate(event)
    view.competitions = [CompetitionView.model_validate(c) for c in competitions]
    return view
