"""The order of play: every open match of an event on a table and a time, planned by the
schedule core with rest for players entered in several events."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import AwareDatetime, BaseModel, Field
from sqlalchemy import select

from smallball.app.context import Context
from smallball.app.events import get_event_row
from smallball.app.permissions import require_organiser
from smallball.competition.bracket import BYE
from smallball.competition.eligibility import parse_eligibility
from smallball.db.models import Competition, Draw, EntryPlayer, Event, Match
from smallball.schedule.cpsat import SolveOptions
from smallball.schedule.durations import estimate_duration
from smallball.schedule.model import Instance, Session
from smallball.schedule.model import Match as PlanMatch
from smallball.schedule.solve import make_plan

OPEN = ("scheduled",)
# Default sessions, in the event's time zone, on every day of the event.
DAY_SESSIONS = ((time(9, 0), time(12, 30)), (time(14, 0), time(20, 0)))


class SessionIn(BaseModel):
    start: AwareDatetime
    end: AwareDatetime


class OrderOfPlayIn(BaseModel):
    sessions: list[SessionIn] = []
    min_rest_minutes: int = Field(default=20, ge=0, le=240)
    time_limit_s: float = Field(default=10, gt=0, le=120)
    solver: Literal["cp-sat", "greedy"] = "cp-sat"


def plan_order_of_play(ctx: Context, event_id: int, data: OrderOfPlayIn) -> dict[str, Any]:
    event = get_event_row(ctx, event_id)
    require_organiser(ctx.actor, event.id)
    sessions = [(s.start, s.end) for s in data.sessions] or default_sessions(event)
    origin = min(start for start, _ in sessions)
    matches, rows = plan_matches(ctx, event)
    instance = Instance(
        tables=event.tables,
        sessions=tuple(
            Session(
                start=minutes_between(origin, start),
                end=minutes_between(origin, end),
                day=(
                    start.astimezone(ZoneInfo(event.time_zone)).date() - sessions[0][0].date()
                ).days,
            )
            for start, end in sorted(sessions)
        ),
        matches=tuple(matches),
        min_rest=data.min_rest_minutes,
        origin=origin.astimezone(UTC),
    )
    report = make_plan(instance, data.solver, SolveOptions(time_limit_s=data.time_limit_s))
    for assignment in report.plan.assignments:
        row = rows[assignment.match]
        row.table_number = assignment.table
        row.scheduled_at = instance.at(assignment.start)
    summary = {
        "matches": len(matches),
        "makespan_minutes": report.plan.makespan,
        "lower_bound_minutes": report.bounds.value,
        "optimal": report.plan.optimal,
        "solver": report.plan.solver,
        "violations": [v.message for v in report.violations],
    }
    ctx.audit("order_of_play.plan", "event", event.id, event_id=event.id, after=summary)
    return summary


def default_sessions(event: Event) -> list[tuple[datetime, datetime]]:
    zone = ZoneInfo(event.time_zone)
    out = []
    day: date = event.starts_on
    while day <= event.ends_on:
        for start, end in DAY_SESSIONS:
            out.append(
                (datetime.combine(day, start, tzinfo=zone), datetime.combine(day, end, tzinfo=zone))
            )
        day += timedelta(days=1)
    return out


def minutes_between(origin: datetime, moment: datetime) -> int:
    return int((moment - origin).total_seconds() // 60)


def plan_matches(
    ctx: Context, event: Event, statuses: tuple[str, ...] = OPEN
) -> tuple[list[PlanMatch], dict[str, Match]]:
    """Matches in ``statuses`` with the players who could play them and what comes first."""
    competitions = ctx.session.scalars(select(Competition).where(Competition.event_id == event.id))
    matches: list[PlanMatch] = []
    rows: dict[str, Match] = {}
    for competition in competitions:
        duration = estimate_duration(discipline(competition), competition.best_of)
        people = _people_by_entry(ctx, competition)
        ko_draw = ctx.session.scalars(
            select(Draw)
            .where(Draw.competition_id == competition.id, Draw.stage == "knockout")
            .order_by(Draw.id.desc())
        ).first()
        positions = (
            [None if p in (None, BYE) else int(p) for p in ko_draw.data["positions"]]
            if ko_draw
            else []
        )
        all_rows = ctx.session.scalars(
            select(Match).where(Match.competition_id == competition.id)
        ).all()
        by_code = {m.code: m for m in all_rows}
        for match in all_rows:
            if match.status not in statuses:
                continue
            key = f"{competition.code}:{match.code}"
            entries = _possible_entries(match, positions)
            players = sorted({f"p{p}" for e in entries for p in people.get(e, ())})
            after = []
            if match.stage == "knockout" and match.round_number > 1 and match.code != "KO-3RD":
                for feeder in (2 * match.number - 1, 2 * match.number):
                    code = f"KO-R{match.round_number - 1}-{feeder}"
                    if code in by_code and by_code[code].status in statuses:
                        after.append(f"{competition.code}:{code}")
            # A player plays at most one match of a knockout round (the third-place match and
            # the final included), so these are alternatives for the planner.
            round_key = (
                f"{competition.code}:KO-R{match.round_number}"
                if match.stage == "knockout"
                else None
            )
            matches.append(
                PlanMatch(
                    id=key,
                    players=tuple(players),
                    duration=duration,
                    after=tuple(after),
                    round=round_key,
                )
            )
            rows[key] = match
    return matches, rows


def _possible_entries(match: Match, positions: list[int | None]) -> list[int]:
    """Who can still reach this match: its two entries, or the entries of its subtree."""
    known = [e for e in (match.entry_a_id, match.entry_b_id) if e is not None]
    if match.stage != "knockout" or len(known) == 2 or not positions:
        return known
    if match.code == "KO-3RD":
        return [p for p in positions if p is not None]
    width = 2**match.round_number
    start = (match.number - 1) * width
    return [p for p in positions[start : start + width] if p is not None]


def _people_by_entry(ctx: Context, competition: Competition) -> dict[int, list[int]]:
    from smallball.db.models import Entry

    rows = ctx.session.execute(
        select(EntryPlayer.entry_id, EntryPlayer.person_id)
        .join(Entry, Entry.id == EntryPlayer.entry_id)
        .where(Entry.competition_id == competition.id)
    ).all()
    out: dict[int, list[int]] = {}
    for entry_id, person_id in rows:
        out.setdefault(entry_id, []).append(person_id)
    return out


def discipline(competition: Competition) -> str:
    if competition.entry_kind == "team":
        return "team"
    if competition.entry_kind == "pair":
        mixed = parse_eligibility(competition.eligibility).gender == "mixed"
        return "mixed" if mixed else "doubles"
    return "singles"


def order_of_play(ctx: Context, slug: str) -> dict[str, Any]:
    """The published grid: per local day, per start time, the match on each table."""
    event = get_event_row(ctx, slug)
    zone = ZoneInfo(event.time_zone)
    rows = ctx.session.execute(
        select(Match, Competition)
        .join(Competition, Competition.id == Match.competition_id)
        .where(Competition.event_id == event.id, Match.scheduled_at.is_not(None))
        .order_by(Match.scheduled_at, Match.table_number)
    ).all()
    days: dict[date, dict[datetime, dict[int, tuple[Match, Competition]]]] = {}
    for match, competition in rows:
        assert match.scheduled_at is not None
        local = match.scheduled_at.astimezone(zone)
        days.setdefault(local.date(), {}).setdefault(local, {})[match.table_number or 0] = (
            match,
            competition,
        )
    return {"event": event, "days": days, "tables": list(range(1, event.tables + 1))}
