"""Delegations: invited by organisers, filled with members by their leaders."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field
from sqlalchemy import func, select

from smallball.app.context import Context
from smallball.app.errors import Conflict, NotFound
from smallball.app.events import OrganisationIn, find_or_create_organisation, get_event_row
from smallball.app.permissions import require_delegation, require_organiser
from smallball.app.users import UserIn, create_user, new_password
from smallball.app.validation import country_code, language_codes
from smallball.app.views import DelegationView, MemberView, OrganisationView, PersonView
from smallball.db.models import (
    Delegation,
    DelegationMember,
    Organisation,
    Person,
    RoleGrant,
    User,
)
from smallball.i18n import N_


class LeaderIn(BaseModel):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    display_name: str = Field(min_length=1, max_length=200)


class DelegationIn(BaseModel):
    organisation: OrganisationIn
    name: str = Field(default="", max_length=200)
    leader: LeaderIn | None = None


class PersonIn(BaseModel):
    name_native: str = Field(min_length=1, max_length=200)
    name_latin: str = Field(min_length=1, max_length=200)
    gender: Literal["M", "F", "X"]
    birth_year: int | None = Field(default=None, ge=1900, le=2100)
    country: Annotated[str, AfterValidator(country_code)]
    languages: Annotated[list[str], AfterValidator(language_codes)] = []
    rating: float | None = Field(default=None, ge=0, le=4000)


class MemberIn(BaseModel):
    person: PersonIn
    role: Literal["player", "coach", "official", "guest"] = "player"


def invite_delegation(ctx: Context, event_id: int, data: DelegationIn) -> DelegationView:
    event = get_event_row(ctx, event_id)
    require_organiser(ctx.actor, event.id)
    org = find_or_create_organisation(ctx, data.organisation)
    taken = ctx.session.scalars(
        select(Delegation).where(
            Delegation.event_id == event.id, Delegation.organisation_id == org.id
        )
    ).first()
    if taken:
        raise Conflict(N_("{name} is invited already"), field="organisation", name=org.name)
    delegation = Delegation(
        event_id=event.id, organisation_id=org.id, name=data.name or org.name, status="invited"
    )
    ctx.session.add(delegation)
    ctx.session.flush()
    password = None
    if data.leader is not None:
        email = data.leader.email.lower()
        user = ctx.session.scalars(select(User).where(func.lower(User.email) == email)).first()
        if user is None:
            password = new_password()
            user_id = create_user(
                ctx, UserIn(email=email, display_name=data.leader.display_name, password=password)
            )
        else:
            user_id = user.id
        ctx.session.add(
            RoleGrant(
                user_id=user_id,
                event_id=event.id,
                role="delegation_leader",
                delegation_id=delegation.id,
            )
        )
    ctx.audit(
        "delegation.invite",
        "delegation",
        delegation.id,
        event_id=event.id,
        after=data.model_dump(mode="json"),
    )
    view = delegation_view(ctx, delegation)
    view.leader_initial_password = password
    return view


def register_member(ctx: Context, delegation_id: int, data: MemberIn) -> MemberView:
    delegation = get_delegation_row(ctx, delegation_id)
    require_delegation(ctx.actor, delegation.event_id, delegation.id)
    person = Person(**data.person.model_dump(), created_at=ctx.now)
    ctx.session.add(person)
    ctx.session.flush()
    member = DelegationMember(delegation_id=delegation.id, person_id=person.id, role=data.role)
    ctx.session.add(member)
    ctx.session.flush()
    ctx.audit(
        "member.register",
        "delegation_member",
        member.id,
        event_id=delegation.event_id,
        after=data.model_dump(mode="json"),
    )
    return MemberView(id=member.id, role=member.role, person=PersonView.model_validate(person))


def get_delegation_row(ctx: Context, delegation_id: int) -> Delegation:
    delegation = ctx.session.get(Delegation, delegation_id)
    if delegation is None:
        raise NotFound(N_("no delegation {delegation_id}"), delegation_id=delegation_id)
    get_event_row(ctx, delegation.event_id)  # hides delegations of events one may not see
    return delegation


def get_delegation(ctx: Context, delegation_id: int) -> DelegationView:
    return delegation_view(ctx, get_delegation_row(ctx, delegation_id))


def list_delegations(ctx: Context, event_id: int) -> list[DelegationView]:
    event = get_event_row(ctx, event_id)
    rows = ctx.session.scalars(
        select(Delegation).where(Delegation.event_id == event.id).order_by(Delegation.name)
    )
    return [delegation_view(ctx, d) for d in rows]


def delegation_view(ctx: Context, delegation: Delegation) -> DelegationView:
    org = ctx.session.get(Organisation, delegation.organisation_id)
    assert org is not None
    members = ctx.session.execute(
        select(DelegationMember, Person)
        .join(Person, Person.id == DelegationMember.person_id)
        .where(DelegationMember.delegation_id == delegation.id)
        .order_by(DelegationMember.id)
    ).all()
    leader = ctx.session.scalars(
        select(User.email)
        .join(RoleGrant, RoleGrant.user_id == User.id)
        .where(RoleGrant.delegation_id == delegation.id, RoleGrant.role == "delegation_leader")
    ).first()
    return DelegationView(
        id=delegation.id,
        event_id=delegation.event_id,
        name=delegation.name,
        status=delegation.status,
        organisation=OrganisationView.model_validate(org),
        members=[
            MemberView(id=m.id, role=m.role, person=PersonView.model_validate(p))
            for m, p in members
        ],
        leader_email=leader,
    )
