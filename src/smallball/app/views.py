"""What use cases return: plain pydantic models, also the API's response schemas."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class View(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class OrganisationView(View):
    id: int
    name: str
    kind: str
    country: str


class CompetitionView(View):
    id: int
    event_id: int
    code: str
    name: dict[str, str]
    entry_kind: str
    best_of: int
    format: dict[str, Any]
    eligibility: dict[str, Any]
    max_entries: int | None


class EventView(View):
    id: int
    slug: str
    name: dict[str, str]
    starts_on: date
    ends_on: date
    time_zone: str
    venue: str
    tables: int
    published: bool
    competitions: list[CompetitionView] = []


class PersonView(View):
    id: int
    name_native: str
    name_latin: str
    gender: str
    birth_year: int | None
    country: str
    languages: list[str]
    rating: float | None


class MemberView(View):
    id: int
    role: str
    person: PersonView


class DelegationView(View):
    id: int
    event_id: int
    name: str
    status: str
    organisation: OrganisationView
    members: list[MemberView] = []
    leader_email: str | None = None
    # Shown once, when the leader's account is created by the invitation.
    leader_initial_password: str | None = None


class EntryView(View):
    id: int
    competition_id: int
    delegation_id: int | None
    name: str
    status: str
    seed: int | None
    waiting_position: int | None
    players: list[PersonView]
    created_at: datetime


class TokenView(View):
    id: int
    name: str
    token: str


class MatchView(View):
    id: int
    competition_id: int
    code: str
    stage: str
    group_number: int | None
    round_number: int
    number: int
    entry_a_id: int | None
    entry_b_id: int | None
    status: str
    result: dict[str, Any] | None
    winner_entry_id: int | None
    table_number: int | None
    scheduled_at: datetime | None
    umpire_user_id: int | None
