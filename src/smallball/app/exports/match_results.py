"""An event's results as they stand, as JSON or as CSV, in the event's time zone."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import case, select

from smallball.app.context import Context
from smallball.app.events import get_event_row
from smallball.app.exports import recorded
from smallball.app.exports.csv_text import csv_text
from smallball.app.exports.people import sides
from smallball.app.exports.views import CsvFile, EventRef, MatchOut, ResultsExport
from smallball.db.models import Competition, Event, Match

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
    by_entry = sides(ctx, entry_ids)
    out = []
    for m in matches:
        competition = competitions[m.competition_id]
        result = m.result if isinstance(m.result, dict) else None
        games = recorded.games(result.get("games") if result else None)
        rubbers = recorded.rubbers(result)
        counted = (
            [recorded.won(r) for r in rubbers] if rubbers else [recorded.won([g]) for g in games]
        )
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
                a=by_entry.get(m.entry_a_id) if m.entry_a_id is not None else None,
                b=by_entry.get(m.entry_b_id) if m.entry_b_id is not None else None,
                games=[list(g) for g in games],
                rubbers=[[list(g) for g in r] for r in rubbers],
                score=[won_a, won_b] if counted else None,
                winner=recorded.winner(m, result),
                walkover=recorded.side_text(result, "walkover"),
                retired=recorded.side_text(result, "retired"),
                disqualified=recorded.side_text(result, "disqualified"),
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
    return CsvFile(filename=f"{data.event.slug}-results.csv", text=csv_text(RESULT_COLUMNS, rows))


def _games_text(m: MatchOut) -> str:
    if m.rubbers:
        return " ".join(
            f"{sum(1 for x, y in r if x > y)}-{sum(1 for x, y in r if y > x)}" for r in m.rubbers
        )
    return " ".join(f"{a}-{b}" for a, b in m.games)


def _event_ref(event: Event) -> EventRef:
    return EventRef(id=event.id, slug=event.slug, name=event.name)
