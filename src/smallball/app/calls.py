"""The call-up desk: call a match to its table; the hall's board shows who is called where."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from smallball.app.context import Context
from smallball.app.entries import entry_names
from smallball.app.errors import Conflict
from smallball.app.events import get_event_row
from smallball.app.permissions import is_organiser, require_organiser
from smallball.app.results import match_and_competition
from smallball.app.scoring import live_state
from smallball.db.models import Competition, Match
from smallball.errors import Term
from smallball.i18n import N_


def call_match(ctx: Context, match_id: int, table: int | None = None) -> dict[str, Any]:
    match, competition = match_and_competition(ctx, match_id)
    require_organiser(ctx.actor, competition.event_id)
    if match.status not in ("scheduled", "called"):
        raise Conflict(
            N_("the match is {status}; only a waiting match is called"), status=Term(match.status)
        )
    if match.entry_a_id is None or match.entry_b_id is None:
        raise Conflict(N_("both players of this match are not known yet"))
    if table is not None:
        match.table_number = table
    if match.table_number is None:
        raise Conflict(N_("say which table to call the match to"), field="table")
    match.status = "called"
    ctx.audit(
        "match.call",
        "match",
        match.id,
        event_id=competition.event_id,
        after={"table": match.table_number, "at": ctx.now.isoformat()},
    )
    state = live_state(ctx, match, competition)
    ctx.publish([f"event:{competition.event_id}"], state | {"called": True})
    ctx.publish([f"table:{competition.event_id}:{match.table_number}"], state)
    return state


def called_matches(ctx: Context, slug: str) -> dict[str, Any]:
    """The called board, and for organisers the desk: per table what runs and what waits."""
    event = get_event_row(ctx, slug)
    names = entry_names(ctx, event.id)
    rows = ctx.session.execute(
        select(Match, Competition)
        .join(Competition, Competition.id == Match.competition_id)
        .where(
            Competition.event_id == event.id,
            Match.status.in_(("called", "in_progress", "scheduled")),
            Match.entry_a_id.is_not(None),
            Match.entry_b_id.is_not(None),
        )
        .order_by(Match.scheduled_at.is_(None), Match.scheduled_at, Match.id)
    ).all()
    called: list[dict[str, Any]] = []
    waiting: list[dict[str, Any]] = []
    for match, competition in rows:
        item = {
            "match": match,
            "competition": competition,
            "a": names.get(match.entry_a_id or 0, ""),
            "b": names.get(match.entry_b_id or 0, ""),
        }
        (called if match.status in ("called", "in_progress") else waiting).append(item)
    called.sort(key=lambda i: i["match"].table_number or 0)
    return {
        "event": event,
        "called": called,
        "waiting": waiting[:30],
        "organiser": is_organiser(ctx.actor, event.id),
    }


PLAYED = ("completed", "walkover", "retired", "disqualified")
RUNNING = ("called", "in_progress")


def desk(ctx: Context, slug: str) -> list[dict[str, Any]]:
    """Per table: what is being played, and the next three to call, re-planned from now with
    the matches due soon kept where players were told (the schedule core's call-up)."""
    from sqlalchemy import func

    from smallball.app.order_of_play import default_sessions, minutes_between, plan_matches
    from smallball.db.models import PointEvent
    from smallball.schedule.callup import Progress, call_up
    from smallball.schedule.model import Assignment, Instance, Plan, Session

    event = get_event_row(ctx, slug)
    require_organiser(ctx.actor, event.id)
    sessions = default_sessions(event)
    origin = sessions[0][0]
    matches, rows = plan_matches(ctx, event, ("scheduled", *RUNNING, *PLAYED))
    # Only what has a place on the plan takes part; results recorded off the plan are history.
    keep = {k for k, m in rows.items() if m.status == "scheduled" or m.scheduled_at is not None}
    matches = [m for m in matches if m.id in keep]
    by_key = {m.id: m for m in matches}
    times = dict(
        (match_id, (first, last))
        for match_id, first, last in ctx.session.execute(
            select(
                PointEvent.match_id,
                func.min(PointEvent.created_at),
                func.max(PointEvent.created_at),
            )
            .where(PointEvent.match_id.in_([rows[k].id for k in keep]))
            .group_by(PointEvent.match_id)
        ).all()
    )
    instance = Instance(
        tables=event.tables,
        sessions=tuple(
            Session(start=minutes_between(origin, a), end=minutes_between(origin, b))
            for a, b in sessions
        ),
        matches=tuple(matches),
        min_rest=20,
        origin=origin,
    )
    assignments, progress = [], []
    for key in keep:
        row = rows[key]
        if row.scheduled_at is None or row.table_number is None:
            continue
        start = minutes_between(origin, row.scheduled_at)
        assignments.append(
            Assignment(
                match=key, table=row.table_number, start=start, end=start + by_key[key].duration
            )
        )
        if row.status in PLAYED or row.status in RUNNING:
            first, last = times.get(row.id, (None, None))
            began = minutes_between(origin, first) if first else start
            ended = None
            if row.status in PLAYED:
                ended = minutes_between(origin, last) if last else began + by_key[key].duration
            progress.append(Progress(match=key, table=row.table_number, start=began, end=ended))
    now = minutes_between(origin, ctx.now)
    result = call_up(instance, Plan(tuple(assignments)), now, progress)
    names = entry_names(ctx, event.id)

    def label(key: str | None) -> dict[str, Any] | None:
        if key is None:
            return None
        row = rows[key]
        return {
            "key": key,
            "id": row.id,
            "a": names.get(row.entry_a_id or 0, "…"),
            "b": names.get(row.entry_b_id or 0, "…"),
        }

    return [
        {
            "table": t.table,
            "running": label(t.running),
            "calls": [
                {**(label(c.match) or {}), "ready": c.ready, "at": instance.at(c.start)}
                for c in t.calls
            ],
        }
        for t in result.tables
    ]
