"""Entries: a player, pair or team entered into a competition, checked for eligibility,
approved by the organiser, with a waiting list once the competition is full."""

from __future__ import annotations

from pydantic import BaseModel, Field
from sqlalchemy import func, select

from smallball.app.context import Context
from smallball.app.delegations import get_delegation_row
from smallball.app.errors import Conflict, NotFound, PermissionDenied
from smallball.app.events import get_event_row
from smallball.app.permissions import is_organiser, require_delegation, require_organiser
from smallball.app.validation import RowId
from smallball.app.views import EntryView, PersonView
from smallball.competition.eligibility import Candidate, parse_eligibility, problems
from smallball.db.models import (
    Competition,
    Delegation,
    DelegationMember,
    Entry,
    EntryPlayer,
    Organisation,
    Person,
)
from smallball.errors import InputError, Reasons, Term
from smallball.i18n import N_


class EntryIn(BaseModel):
    delegation_id: RowId | None = None
    person_ids: list[RowId] = Field(min_length=1, max_length=12)
    name: str = Field(default="", max_length=200)
    seed: int | None = Field(default=None, ge=1, le=1024)


def get_competition_row(ctx: Context, competition_id: int) -> Competition:
    competition = ctx.session.get(Competition, competition_id)
    if competition is None:
        raise NotFound(N_("no competition {competition_id}"), competition_id=competition_id)
    get_event_row(ctx, competition.event_id)
    return competition


def enter(ctx: Context, competition_id: int, data: EntryIn) -> EntryView:
    """Enter players; a delegation leader may enter only members of their own delegation."""
    competition = get_competition_row(ctx, competition_id)
    event = get_event_row(ctx, competition.event_id)
    delegation: Delegation | None = None
    if data.delegation_id is not None:
        delegation = get_delegation_row(ctx, data.delegation_id)
        if delegation.event_id != event.id:
            raise InputError("delegation_id", N_("the delegation is not at this event"))
        require_delegation(ctx.actor, event.id, delegation.id)
    else:
        require_organiser(ctx.actor, event.id)
    people = _players(ctx, event.id, data.person_ids)
    if not is_organiser(ctx.actor, event.id):
        assert delegation is not None
        own = set(
            ctx.session.scalars(
                select(DelegationMember.person_id).where(
                    DelegationMember.delegation_id == delegation.id
                )
            )
        )
        if any(p.id not in own for p in people):
            raise PermissionDenied(
                N_("a pair or team across delegations is entered by the organisers"),
                field="person_ids",
            )
    if data.seed is not None and not is_organiser(ctx.actor, event.id):
        raise PermissionDenied(N_("only organisers seed entries"), field="seed")
    rules = parse_eligibility(competition.eligibility)
    country = None
    if delegation is not None:
        org = ctx.session.get(Organisation, delegation.organisation_id)
        country = org.country if org else None
    found = problems(
        rules,
        competition.entry_kind,
        [Candidate(p.name_latin, p.gender, p.birth_year, p.country, p.rating) for p in people],
        event_year=event.starts_on.year,
        delegation_country=country,
    )
    if found:
        raise InputError("person_ids", N_("{reasons}"), reasons=Reasons(found))
    already = ctx.session.scalars(
        select(Person.name_latin)
        .join(EntryPlayer, EntryPlayer.person_id == Person.id)
        .join(Entry, Entry.id == EntryPlayer.entry_id)
        .where(
            Entry.competition_id == competition.id,
            Entry.status.in_(("pending", "approved", "waiting")),
            Person.id.in_([p.id for p in people]),
        )
    ).all()
    if already:
        raise Conflict(
            N_("{names} already entered in this competition"),
            field="person_ids",
            names=", ".join(already),
        )
    entry = Entry(
        competition_id=competition.id,
        delegation_id=delegation.id if delegation else None,
        name=data.name,
        status="pending",
        seed=data.seed,
        created_at=ctx.now,
    )
    ctx.session.add(entry)
    ctx.session.flush()
    for position, person in enumerate(people):
        ctx.session.add(EntryPlayer(entry_id=entry.id, person_id=person.id, position=position))
    ctx.audit(
        "entry.create", "entry", entry.id, event_id=event.id, after=data.model_dump(mode="json")
    )
    return entry_view(ctx, entry)


def approve_entry(ctx: Context, entry_id: int) -> EntryView:
    """Approve, or put on the waiting list when the competition is full."""
    entry, competition = _entry(ctx, entry_id)
    require_organiser(ctx.actor, competition.event_id)
    if entry.status not in ("pending", "waiting"):
        raise Conflict(
            N_("the entry is {status}; only pending or waiting entries are approved"),
            status=Term(entry.status),
        )
    before = {"status": entry.status, "waiting_position": entry.waiting_position}
    approved = _count(ctx, competition.id, "approved")
    if competition.max_entries is not None and approved >= competition.max_entries:
        if entry.status == "pending":
            entry.status = "waiting"
            entry.waiting_position = _count(ctx, competition.id, "waiting") + 1
    else:
        entry.status = "approved"
        entry.waiting_position = None
        _renumber_waiting(ctx, competition.id)
    ctx.audit(
        "entry.approve",
        "entry",
        entry.id,
        event_id=competition.event_id,
        before=before,
        after={"status": entry.status, "waiting_position": entry.waiting_position},
    )
    return entry_view(ctx, entry)


def withdraw_entry(ctx: Context, entry_id: int) -> EntryView:
    """Withdraw; a place freed in a full competition goes to the first on the waiting list."""
    entry, competition = _entry(ctx, entry_id)
    if entry.delegation_id is not None:
        require_delegation(ctx.actor, competition.event_id, entry.delegation_id)
    else:
        require_organiser(ctx.actor, competition.event_id)
    if entry.status == "withdrawn":
        raise Conflict(N_("the entry is withdrawn already"))
    was = entry.status
    entry.status = "withdrawn"
    entry.waiting_position = None
    ctx.audit(
        "entry.withdraw",
        "entry",
        entry.id,
        event_id=competition.event_id,
        before={"status": was},
        after={"status": "withdrawn"},
    )
    if was == "approved":
        first = ctx.session.scalars(
            select(Entry)
            .where(Entry.competition_id == competition.id, Entry.status == "waiting")
            .order_by(Entry.waiting_position, Entry.id)
        ).first()
        if first is not None:
            first.status = "approved"
            first.waiting_position = None
            ctx.audit(
                "entry.promote",
                "entry",
                first.id,
                event_id=competition.event_id,
                before={"status": "waiting"},
                after={"status": "approved"},
            )
    _renumber_waiting(ctx, competition.id)
    return entry_view(ctx, entry)


def list_entries(ctx: Context, competition_id: int) -> list[EntryView]:
    competition = get_competition_row(ctx, competition_id)
    rows = ctx.session.scalars(
        select(Entry)
        .where(Entry.competition_id == competition.id)
        .order_by(Entry.seed.is_(None), Entry.seed, Entry.id)
    )
    return [entry_view(ctx, e) for e in rows]


def entry_view(ctx: Context, entry: Entry) -> EntryView:
    people = ctx.session.scalars(
        select(Person)
        .join(EntryPlayer, EntryPlayer.person_id == Person.id)
        .where(EntryPlayer.entry_id == entry.id)
        .order_by(EntryPlayer.position)
    )
    return EntryView(
        id=entry.id,
        competition_id=entry.competition_id,
        delegation_id=entry.delegation_id,
        name=entry.name,
        status=entry.status,
        seed=entry.seed,
        waiting_position=entry.waiting_position,
        players=[PersonView.model_validate(p) for p in people],
        created_at=entry.created_at,
    )


def _players(ctx: Context, event_id: int, person_ids: list[int]) -> list[Person]:
    """The people, each a player member of some delegation at this event."""
    people = []
    for i, person_id in enumerate(person_ids):
        person = ctx.session.get(Person, person_id)
        at_event = ctx.session.scalars(
            select(DelegationMember.id)
            .join(Delegation, Delegation.id == DelegationMember.delegation_id)
            .where(
                DelegationMember.person_id == person_id,
                DelegationMember.role == "player",
                Delegation.event_id == event_id,
            )
        ).first()
        if person is None or at_event is None:
            raise InputError(
                f"person_ids[{i}]", N_("no player {person_id} at this event"), person_id=person_id
            )
        people.append(person)
    return people


def _entry(ctx: Context, entry_id: int) -> tuple[Entry, Competition]:
    entry = ctx.session.get(Entry, entry_id)
    if entry is None:
        raise NotFound(N_("no entry {entry_id}"), entry_id=entry_id)
    return entry, get_competition_row(ctx, entry.competition_id)


def _count(ctx: Context, competition_id: int, status: str) -> int:
    return (
        ctx.session.scalar(
            select(func.count())
            .select_from(Entry)
            .where(Entry.competition_id == competition_id, Entry.status == status)
        )
        or 0
    )


def _renumber_waiting(ctx: Context, competition_id: int) -> None:
    waiting = ctx.session.scalars(
        select(Entry)
        .where(Entry.competition_id == competition_id, Entry.status == "waiting")
        .order_by(Entry.waiting_position, Entry.id)
    )
    for position, entry in enumerate(waiting, start=1):
        entry.waiting_position = position


def entry_names(ctx: Context, event_id: int) -> dict[int, str]:
    """Display name of every entry at an event: its players' native names."""
    rows = ctx.session.execute(
        select(Entry.id, Entry.name, Person.name_native)
        .join(EntryPlayer, EntryPlayer.entry_id == Entry.id)
        .join(Person, Person.id == EntryPlayer.person_id)
        .join(Competition, Competition.id == Entry.competition_id)
        .where(Competition.event_id == event_id)
        .order_by(Entry.id, EntryPlayer.position)
    ).all()
    names: dict[int, list[str]] = {}
    teams: dict[int, str] = {}
    for entry_id, team, native in rows:
        names.setdefault(entry_id, []).append(native)
        if team:
            teams[entry_id] = team
    return {e: teams.get(e) or " / ".join(n) for e, n in names.items()}
