"""Export an event's results (CSV, JSON) and entries (CSV) for whoever may see the event.

Results are read from the matches as they stand; a match's ``result`` is taken as recorded
(``app/results.py``: ``{"games": [[11, 7], ...]}``, ``{"rubbers": [{"games": ...}, ...]}`` for
team matches, ``"walkover": "a"`` for the side that wins without play, ``"retired"`` or
``"disqualified"`` for the side that stops) and read tolerantly: games may also be
``{"a": 11, "b": 7}``, and what cannot be read is left out of the columns but kept in the
JSON's raw ``result``. Times are given in the event's time zone.

CSV files start with a UTF-8 byte order mark so that Excel shows Chinese names, and cells a
spreadsheet would run as a formula are quoted with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel
from sqlalchemy import case, select

from smallball.app.context import Context
from smallball.app.events import get_event_row
from smallball.app.imports import COLUMNS, EXPORT_ONLY
from smallball.db.models import (
    Competition,
    Delegation,
    DelegationMember,
    Entry,
    EntryPlayer,
    Event,
    Match,
    Organisation,
    Person,
)

Side = Literal["a", "b"]

RESULT_COLUMNS = (
    "competition",
    "stage",
    "group",
    "round",
    "match",
    "table",
    "scheduled_at",
    "status",
    "side_a",
    "side_a_native",
    "country_a",
    "side_b",
    "side_b_native",
    "country_b",
    "score",
    "games",
    "winner",
    "winner_side",
    "walkover",
    "retired",
    "disqualified",
)


class PlayerOut(BaseModel):
    name_latin: str
    name_native: str
    country: str


class SideOut(BaseModel):
    entry_id: int
    name: str
    name_native: str
    countries: list[str]
    players: list[PlayerOut]


class MatchOut(BaseModel):
    competition: str
    competition_name: dict[str, Any]
    stage: str
    group: int | None
    round: int
    code: str
    table: int | None
    scheduled_at: datetime | None
    status: str
    a: SideOut | None
    b: SideOut | None
    games: list[list[int]]
    rubbers: list[list[list[int]]]  # team matches: the games of each rubber
    score: list[int] | None  # games (rubbers, for teams) won by a and b, when recorded
    winner: Side | None
    walkover: str | None  # the side that won without play
    retired: str | None  # the side that stopped
    disqualified: str | None
    result: dict[str, Any] | None  # as recorded


class EventRef(BaseModel):
    id: int
    slug: str
    name: dict[str, Any]


class ResultsExport(BaseModel):
    event: EventRef
    matches: list[MatchOut]


class CsvFile(BaseModel):
    filename: str
    text: str


def results(ctx: Context, event_key: int | str) -> ResultsExport:
    event = get_event_row(ctx, event_key)
    zone = ZoneInfo(event.time_zone)
    competitions = {
        c.id: c
        for c in ctx.session.scalars(select(Competition).where(Competition.event_id == event.id))
    }
    matches = list(
        ctx.session.scalars(
            select(Match)
            .where(Match.competition_id.in_(list(competitions)))
            .order_by(
                Match.competition_id,
                case((Match.stage == "groups", 0), else_=1),
                Match.stage,
                Match.group_number,
                Match.round_number,
                Match.number,
                Match.id,
            )
        )
    )
    entry_ids = {i for m in matches for i in (m.entry_a_id, m.entry_b_id) if i is not None}
    sides = _sides(ctx, entry_ids)
    out = []
    for m in matches:
        competition = competitions[m.competition_id]
        result = m.result if isinstance(m.result, dict) else None
        games = _games(result.get("games") if result else None)
        rubbers = _rubbers(result)
        counted = [_won(r) for r in rubbers] if rubbers else [_won([g]) for g in games]
        won_a = sum(1 for w in counted if w is True)
        won_b = sum(1 for w in counted if w is False)
        out.append(
            MatchOut(
                competition=competition.code,
                competition_name=competition.name,
                stage=m.stage,
                group=m.group_number,
                round=m.round_number,
                code=m.code,
                table=m.table_number,
                scheduled_at=m.scheduled_at.astimezone(zone) if m.scheduled_at else None,
                status=m.status,
                a=sides.get(m.entry_a_id) if m.entry_a_id is not None else None,
                b=sides.get(m.entry_b_id) if m.entry_b_id is not None else None,
                games=[list(g) for g in games],
                rubbers=[[list(g) for g in r] for r in rubbers],
                score=[won_a, won_b] if counted else None,
                winner=_winner(m, result),
                walkover=_side_text(result, "walkover"),
                retired=_side_text(result, "retired"),
                disqualified=_side_text(result, "disqualified"),
                result=result,
            )
        )
    return ResultsExport(event=_event_ref(event), matches=out)


def results_csv(ctx: Context, event_key: int | str) -> CsvFile:
    data = results(ctx, event_key)
    rows = []
    for m in data.matches:
        winner = {"a": m.a, "b": m.b}.get(m.winner or "")
        rows.append(
            (
                m.competition,
                m.stage,
                m.group if m.group is not None else "",
                m.round,
                m.code,
                m.table if m.table is not None else "",
                m.scheduled_at.isoformat() if m.scheduled_at else "",
                m.status,
                m.a.name if m.a else "",
                m.a.name_native if m.a else "",
                "/".join(m.a.countries) if m.a else "",
                m.b.name if m.b else "",
                m.b.name_native if m.b else "",
                "/".join(m.b.countries) if m.b else "",
                f"{m.score[0]}-{m.score[1]}" if m.score else "",
                _games_text(m),
                winner.name if winner else "",
                m.winner or "",
                m.walkover or "",
                m.retired or "",
                m.disqualified or "",
            )
        )
    return CsvFile(filename=f"{data.event.slug}-results.csv", text=_csv(RESULT_COLUMNS, rows))


def entries_csv(ctx: Context, event_key: int | str) -> CsvFile:
    """One line per player of each entry, in the import's columns (docs/import.md), so the
    file can be imported into another event; the entry's own fields follow."""
    event = get_event_row(ctx, event_key)
    competitions = list(
        ctx.session.scalars(
            select(Competition).where(Competition.event_id == event.id).order_by(Competition.id)
        )
    )
    members = {
        person_id: (role, delegation, org)
        for person_id, role, delegation, org in ctx.session.execute(
            select(DelegationMember.person_id, DelegationMember.role, Delegation, Organisation)
            .join(Delegation, Delegation.id == DelegationMember.delegation_id)
            .join(Organisation, Organisation.id == Delegation.organisation_id)
            .where(Delegation.event_id == event.id)
        )
    }
    rows = []
    for competition in competitions:
        entries = ctx.session.scalars(
            select(Entry)
            .where(Entry.competition_id == competition.id)
            .order_by(Entry.seed.is_(None), Entry.seed, Entry.id)
        )
        for entry in entries:
            people = _entry_people(ctx, entry.id)
            for person in people:
                role, delegation, org = members.get(person.id, ("player", None, None))
                if competition.entry_kind == "pair":
                    partner = " / ".join(p.name_latin for p in people if p.id != person.id)
                elif competition.entry_kind == "team":
                    partner = entry.name or f"entry {entry.id}"
                else:
                    partner = ""
                values: dict[str, Any] = {
                    "delegation": delegation.name if delegation else "",
                    "country": person.country,
                    "name_native": person.name_native,
                    "name_latin": person.name_latin,
                    "gender": person.gender,
                    "birth_year": person.birth_year if person.birth_year is not None else "",
                    "rating": f"{person.rating:g}" if person.rating is not None else "",
                    "languages": ";".join(str(x) for x in person.languages or []),
                    "role": role,
                    "competition": competition.code,
                    "partner": partner,
                    "delegation_kind": org.kind if org else "",
                    "delegation_country": org.country if org else "",
                    "entry_id": entry.id,
                    "status": entry.status,
                    "seed": entry.seed if entry.seed is not None else "",
                    "waiting_position": entry.waiting_position or "",
                }
                rows.append(tuple(values[c] for c in (*COLUMNS, *EXPORT_ONLY)))
    return CsvFile(filename=f"{event.slug}-entries.csv", text=_csv((*COLUMNS, *EXPORT_ONLY), rows))


# -- reading what was recorded ---------------------------------------------------------------


def _games(raw: Any) -> list[tuple[int, int]]:
    if not isinstance(raw, list):
        return []
    games = []
    for game in raw:
        if isinstance(game, list | tuple) and len(game) == 2:
            a, b = game
        elif isinstance(game, dict):
            a, b = game.get("a"), game.get("b")
        else:
            continue
        if _points(a) and _points(b):
            games.append((int(a), int(b)))
    return games


def _rubbers(result: dict[str, Any] | None) -> list[list[tuple[int, int]]]:
    raw = result.get("rubbers") if result else None
    if not isinstance(raw, list):
        return []
    return [_games(r.get("games") if isinstance(r, dict) else r) for r in raw]


def _won(games: list[tuple[int, int]]) -> bool | None:
    """Whether side a won the games (a rubber, or one game); None when level."""
    a = sum(1 for x, y in games if x > y)
    b = sum(1 for x, y in games if y > x)
    return None if a == b else a > b


def _games_text(m: MatchOut) -> str:
    if m.rubbers:
        return " ".join(
            f"{sum(1 for x, y in r if x > y)}-{sum(1 for x, y in r if y > x)}" for r in m.rubbers
        )
    return " ".join(f"{a}-{b}" for a, b in m.games)


def _points(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _side_text(result: dict[str, Any] | None, key: str) -> str | None:
    value = result.get(key) if result else None
    return str(value) if value not in (None, False, "") else None


def _winner(match: Match, result: dict[str, Any] | None) -> Side | None:
    if match.winner_entry_id is not None:
        if match.winner_entry_id == match.entry_a_id:
            return "a"
        if match.winner_entry_id == match.entry_b_id:
            return "b"
    recorded = result.get("winner") if result else None
    if recorded == "a":
        return "a"
    if recorded == "b":
        return "b"
    return None


def _entry_people(ctx: Context, entry_id: int) -> list[Person]:
    return list(
        ctx.session.scalars(
            select(Person)
            .join(EntryPlayer, EntryPlayer.person_id == Person.id)
            .where(EntryPlayer.entry_id == entry_id)
            .order_by(EntryPlayer.position)
        )
    )


def _sides(ctx: Context, entry_ids: Iterable[int]) -> dict[int, SideOut]:
    sides = {}
    for entry in ctx.session.scalars(select(Entry).where(Entry.id.in_(list(entry_ids)))):
        people = _entry_people(ctx, entry.id)
        countries = list(dict.fromkeys(p.country for p in people))
        sides[entry.id] = SideOut(
            entry_id=entry.id,
            name=entry.name or " / ".join(p.name_latin for p in people),
            name_native=entry.name or " / ".join(p.name_native for p in people),
            countries=countries,
            players=[
                PlayerOut(name_latin=p.name_latin, name_native=p.name_native, country=p.country)
                for p in people
            ],
        )
    return sides


def _event_ref(event: Event) -> EventRef:
    return EventRef(id=event.id, slug=event.slug, name=event.name)


# -- writing CSV -------------------------------------------------------------------------------


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe(v) for v in row])
    return "\ufeff" + out.getvalue()


def _safe(value: Any) -> Any:
    """Quote text a spreadsheet would run as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
