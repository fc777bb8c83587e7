"""iCalendar files of the order of play: one player's matches, or a whole delegation's."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import or_, select

from smallball.app.context import Context
from smallball.app.delegations import get_delegation_row
from smallball.app.entries import entry_names
from smallball.app.errors import NotFound
from smallball.app.events import can_see
from smallball.app.order_of_play import discipline
from smallball.db.models import (
    Competition,
    DelegationMember,
    EntryPlayer,
    Event,
    Match,
    Person,
)
from smallball.i18n import N_, localized, sentence_in
from smallball.schedule.durations import estimate_duration
from smallball.schedule.ical import CalendarEvent, calendar


def player_calendar(ctx: Context, person_id: int, lang: str = "en") -> str:
    """``lang``: the language of the words around the names (table, event)."""
    person = ctx.session.get(Person, person_id)
    if person is None:
        raise NotFound(N_("no player {person_id}"), person_id=person_id)
    events = _match_events(ctx, [person.id], lang)
    if events is None:
        raise NotFound(N_("no player {person_id}"), person_id=person_id)
    return calendar(f"{person.name_native} · smallball", events, ctx.now)


def delegation_calendar(ctx: Context, delegation_id: int, lang: str = "en") -> str:
    delegation = get_delegation_row(ctx, delegation_id)
    people = list(
        ctx.session.scalars(
            select(DelegationMember.person_id).where(
                DelegationMember.delegation_id == delegation.id
            )
        )
    )
    events = _match_events(ctx, people, lang) or []
    return calendar(f"{delegation.name} · smallball", events, ctx.now)


def _match_events(ctx: Context, people: list[int], lang: str) -> list[CalendarEvent] | None:
    """Scheduled matches of these people at events the actor may see; None if none visible."""
    entries = ctx.session.execute(
        select(EntryPlayer.entry_id, Competition, Event)
        .select_from(EntryPlayer)
        .join(
            Match,
            or_(Match.entry_a_id == EntryPlayer.entry_id, Match.entry_b_id == EntryPlayer.entry_id),
        )
        .join(Competition, Competition.id == Match.competition_id)
        .join(Event, Event.id == Competition.event_id)
        .where(EntryPlayer.person_id.in_(people))
    ).all()
    visible = [(e, c, ev) for e, c, ev in entries if can_see(ctx, ev)]
    if entries and not visible:
        return None
    names: dict[int, str] = {}
    for event_id in {ev.id for _, _, ev in visible}:
        names.update(entry_names(ctx, event_id))
    mine = {e for e, _, _ in visible}
    out: dict[str, CalendarEvent] = {}
    for _entry, competition, event in visible:
        matches = ctx.session.scalars(
            select(Match).where(
                Match.competition_id == competition.id,
                Match.scheduled_at.is_not(None),
                or_(Match.entry_a_id.in_(mine), Match.entry_b_id.in_(mine)),
            )
        )
        minutes = estimate_duration(discipline(competition), competition.best_of)
        for match in matches:
            assert match.scheduled_at is not None
            a = names.get(match.entry_a_id or 0, "…")
            b = names.get(match.entry_b_id or 0, "…")
            uid = f"{event.slug}.{competition.code}.{match.code}@smallball"
            out[uid] = CalendarEvent(
                uid=uid,
                start=match.scheduled_at,
                end=match.scheduled_at + timedelta(minutes=minutes),
                summary=f"{competition.code} {match.code}: {a} – {b}",
                location=_where(match.table_number, event.venue, lang),
                description=localized(event.name, lang),
            )
    return list(out.values())


def _where(table: int | None, venue: str | None, lang: str) -> str:
    """The table and the venue, as far as they are known."""
    if table is None:
        return venue or ""
    if not venue:
        return sentence_in(N_("Table {table}"), lang, table=table)
    return sentence_in(N_("Table {table}, {venue}"), lang, table=table, venue=venue)
