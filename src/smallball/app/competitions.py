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
from smallball.app.views import CompetitionView, EntryView, EventView, MatchView, PersonView
from smallball.db.models import Competition, Delegation, DelegationMember, Entry, Match, Person
from smallball.i18n import N_
from smallball.words import Said


@dataclass
class GroupTable:
    number: int
    rows: list[dict[str, Any]]
    steps: list[Said]
    needs_lot: list[list[str]]


@dataclass
class CompetitionPage:
    event: EventView
    competition: CompetitionView
    entries: list[EntryView]
    organiser: bool
    names: dict[int, str] = field(default_factory=dict)
    countries: dict[int, list[str]] = field(default_factory=dict)
    matches: list[MatchView] = field(default_factory=list)
    groups: list[GroupTable] = field(default_factory=list)
    bracket: list[list[MatchView]] = field(default_factory=list)
    umpire_of: set[int] = field(default_factory=set)
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
        raise NotFound(N_("no competition {code!r} at this event"), code=code)
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
    for entry in page.entries:
        page.names[entry.id] = " / ".join(p.name_native for p in entry.players) + (
            f" ({entry.name})" if entry.name else ""
        )
        page.countries[entry.id] = list(dict.fromkeys(p.country for p in entry.players))
    _results(ctx, competition, page)
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


def _results(ctx: Context, competition: Competition, page: CompetitionPage) -> None:
    from smallball.app.standings import group_tables

    rows = ctx.session.scalars(
        select(Match)
        .where(Match.competition_id == competition.id)
        .order_by(Match.stage.desc(), Match.group_number, Match.round_number, Match.number)
    )
    page.matches = [MatchView.model_validate(m) for m in rows]
    if ctx.actor.user_id is not None:
        page.umpire_of = {m.id for m in page.matches if m.umpire_user_id == ctx.actor.user_id}
    for number, (_entries, table) in enumerate(group_tables(ctx, competition), start=1):
        page.groups.append(
            GroupTable(
                number=number,
                rows=[
                    {
                        "entry": int(row.entry),
                        "rank": row.rank,
                        "match_points": row.match_points,
                        "won": row.won,
                        "lost": row.lost,
                        "games": f"{row.games_won}:{row.games_lost}",
                        "points": f"{row.points_won}:{row.points_lost}",
                    }
                    for row in table.rows
                ],
                steps=list(table.steps),
                needs_lot=[list(t) for t in table.needs_lot],
            )
        )
    knockout = [m for m in page.matches if m.stage == "knockout" and m.code != "KO-3RD"]
    for match in knockout:
        while len(page.bracket) < match.round_number:
            page.bracket.append([])
        page.bracket[match.round_number - 1].append(match)
