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


def call_match(ctx: Context, match_id: int, table: int | None = None) -> dict[str, Any]:
    match, competition = match_and_competition(ctx, match_id)
    require_organiser(ctx.actor, competition.event_id)
    if match.status not in ("scheduled", "called"):
        raise Conflict(f"the match is {match.status}; only a waiting match is called")
    if match.entry_a_id is None or match.entry_b_id is None:
        raise Conflict("both players of this match are not known yet")
    if table is not None:
        match.table_number = table
    if match.table_number is None:
        raise Conflict("table: say which table to call the match to")
    match.status = "called"
    ctx.audit(
        "match.call",
        "match",
        match.id,
        event_id=competition.event_id,
        after={"table": match.table_number, "at": ctx.now.isoformat()},
    )
    state = live_state(ctx, match, competition)
    ctx.publish(f"event:{competition.event_id}", state | {"called": True})
    ctx.publish(f"table:{competition.event_id}:{match.table_number}", state)
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
    ).tuples()
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
