"""A player's page: who they are, where they play, and their own schedule and results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select

from smallball.app.context import Context
from smallball.app.entries import entry_names
from smallball.app.errors import NotFound
from smallball.app.events import can_see
from smallball.app.views import MatchView, PersonView
from smallball.db.models import (
    Competition,
    Delegation,
    DelegationMember,
    Entry,
    EntryPlayer,
    Event,
    Match,
    Person,
)
from smallball.i18n import N_


@dataclass
class PlayerMatch:
    event: Event
    competition: Competition
    match: MatchView
    side: str  # "a" or "b": the player's side
    opponent: str
    partners: str


@dataclass
class PlayerPage:
    person: PersonView
    delegations: list[tuple[Event, Delegation, str]] = field(default_factory=list)
    entries: list[tuple[Event, Competition, Entry, str]] = field(default_factory=list)
    matches: list[PlayerMatch] = field(default_factory=list)


def player_page(ctx: Context, person_id: int) -> PlayerPage:
    person = ctx.session.get(Person, person_id)
    if person is None:
        raise NotFound(N_("no player {person_id}"), person_id=person_id)
    page = PlayerPage(person=PersonView.model_validate(person))
    memberships = ctx.session.execute(
        select(Event, Delegation, DelegationMember.role)
        .join(Delegation, Delegation.event_id == Event.id)
        .join(DelegationMember, DelegationMember.delegation_id == Delegation.id)
        .where(DelegationMember.person_id == person.id)
        .order_by(Event.starts_on)
    ).all()
    visible = {event.id for event, _, _ in memberships if can_see(ctx, event)}
    if not visible:
        raise NotFound(N_("no player {person_id}"), person_id=person_id)
    page.delegations = [(e, d, role) for e, d, role in memberships if e.id in visible]
    names: dict[int, str] = {}
    for event_id in visible:
        names.update(entry_names(ctx, event_id))
    rows = ctx.session.execute(
        select(Event, Competition, Entry)
        .join(Competition, Competition.event_id == Event.id)
        .join(Entry, Entry.competition_id == Competition.id)
        .join(EntryPlayer, EntryPlayer.entry_id == Entry.id)
        .where(EntryPlayer.person_id == person.id, Event.id.in_(visible))
    ).all()
    mine = {entry.id for _, _, entry in rows}
    page.entries = [(e, c, entry, names.get(entry.id, "")) for e, c, entry in rows]
    competitions = {c.id: (e, c) for e, c, _ in rows}
    played = ctx.session.scalars(
        select(Match)
        .where(or_(Match.entry_a_id.in_(mine), Match.entry_b_id.in_(mine)))
        .order_by(Match.scheduled_at.is_(None), Match.scheduled_at, Match.id)
    )
    for match in played:
        event, competition = competitions[match.competition_id]
        side = "a" if match.entry_a_id in mine else "b"
        own, other = (
            (match.entry_a_id, match.entry_b_id)
            if side == "a"
            else (match.entry_b_id, match.entry_a_id)
        )
        page.matches.append(
            PlayerMatch(
                event=event,
                competition=competition,
                match=MatchView.model_validate(match),
                side=side,
                opponent=names.get(other, "") if other else "",
                partners=names.get(own, "") if own else "",
            )
        )
    return page


def summary(page: PlayerPage) -> dict[str, Any]:
    won = sum(
        1
        for m in page.matches
        if m.match.winner_entry_id is not None
        and (
            m.match.winner_entry_id == (m.match.entry_a_id if m.side == "a" else m.match.entry_b_id)
        )
    )
    # A double walkover (a walkover without a winner) is a loss for both.
    decided = sum(
        1
        for m in page.matches
        if m.match.winner_entry_id is not None
        or (m.match.status == "walkover" and m.match.result is not None)
    )
    return {"won": won, "lost": decided - won}
