"""Results: recorded by the umpire or an organiser, corrected only by an organiser (audited),
and carried on: group tables are derived, knockout winners advance."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator
from sqlalchemy import select

from smallball.app.context import Context
from smallball.app.entries import get_competition_row
from smallball.app.errors import Conflict, NotFound
from smallball.app.events import may_see
from smallball.app.permissions import require_organiser, require_umpire
from smallball.competition.standings import GroupMatch, GroupRules, Outcome, check_match
from smallball.db.models import Competition, Draw, Event, Match
from smallball.errors import Refusal
from smallball.i18n import N_

Game = tuple[int, int]


class RubberIn(BaseModel):
    games: list[Game]


class ResultIn(BaseModel):
    """Games read from side a. ``walkover``: the side that wins without play, or ``both``
    when neither came (a double walkover: both lose, no one goes through).
    ``retired`` / ``disqualified``: the side that stops; games so far are kept."""

    games: list[Game] = []
    rubbers: list[RubberIn] = []
    walkover: Literal["a", "b", "both"] | None = None
    retired: Literal["a", "b"] | None = None
    disqualified: Literal["a", "b"] | None = None

    @model_validator(mode="after")
    def _one_way(self) -> ResultIn:
        ways = [w for w in (self.walkover, self.retired, self.disqualified) if w]
        if len(ways) > 1:
            raise Refusal(N_("give only one of walkover, retired, disqualified"))
        if self.walkover and (self.games or self.rubbers):
            raise Refusal(N_("a walkover has no games"))
        return self


class CorrectionIn(BaseModel):
    result: ResultIn
    reason: str = Field(min_length=3, max_length=500)


def record_result(ctx: Context, match_id: int, data: ResultIn) -> dict[str, Any]:
    match, competition = match_and_competition(ctx, match_id)
    require_umpire(ctx.actor, competition.event_id, match.umpire_user_id)
    if match.result is not None:
        raise Conflict(N_("the match has a result already; an organiser can correct it"))
    return apply_result(ctx, match, competition, data, "result.record")


def correct_result(ctx: Context, match_id: int, data: CorrectionIn) -> dict[str, Any]:
    match, competition = match_and_competition(ctx, match_id)
    require_organiser(ctx.actor, competition.event_id)
    if match.result is None:
        raise Conflict(N_("the match has no result to correct; record one"))
    return apply_result(ctx, match, competition, data.result, "result.correct", reason=data.reason)


def apply_result(
    ctx: Context,
    match: Match,
    competition: Competition,
    data: ResultIn,
    action: str,
    reason: str | None = None,
) -> dict[str, Any]:
    if match.entry_a_id is None or match.entry_b_id is None:
        raise Conflict(N_("both players of this match are not known yet"))
    if match.status == "bye":
        raise Conflict(N_("this is a bye"))
    team = competition.entry_kind == "team"
    a, b = str(match.entry_a_id), str(match.entry_b_id)
    outcome, winner = _outcome(data, a, b, team)
    checked = GroupMatch(
        a=a,
        b=b,
        winner=winner,
        outcome=outcome,
        games=tuple(data.games),
        rubbers=tuple(tuple(r.games) for r in data.rubbers),
    )
    check_match(checked, GroupRules(team=team, best_of=competition.best_of), "result")
    before = {"result": match.result, "status": match.status}
    match.result = data.model_dump(exclude_defaults=True) | {"games": data.games}
    match.status = {
        Outcome.PLAYED: "completed",
        Outcome.WALKOVER: "walkover",
        Outcome.RETIRED: "retired",
        Outcome.DISQUALIFIED: "disqualified",
    }[outcome]
    match.winner_entry_id = None if winner is None else int(winner)
    ctx.audit(
        action,
        "match",
        match.id,
        event_id=competition.event_id,
        before=before,
        after={"result": match.result, "status": match.status, "reason": reason},
    )
    if match.stage == "knockout" and match.draw_id is not None:
        from smallball.app.draws import sync_bracket

        draw = ctx.session.get(Draw, match.draw_id)
        assert draw is not None
        sync_bracket(ctx, competition, draw)
    return {"match_id": match.id, "status": match.status, "winner_entry_id": match.winner_entry_id}


def _outcome(data: ResultIn, a: str, b: str, team: bool) -> tuple[Outcome, str | None]:
    side = {"a": a, "b": b}
    other = {"a": b, "b": a}
    if data.walkover == "both":
        return Outcome.WALKOVER, None
    if data.walkover:
        return Outcome.WALKOVER, side[data.walkover]
    if data.retired:
        return Outcome.RETIRED, other[data.retired]
    if data.disqualified:
        return Outcome.DISQUALIFIED, other[data.disqualified]
    if team:
        won = [
            sum(1 for x, y in r.games if x > y) > sum(1 for x, y in r.games if y > x)
            for r in data.rubbers
        ]
        return Outcome.PLAYED, a if won.count(True) > won.count(False) else b
    games_a = sum(1 for x, y in data.games if x > y)
    return Outcome.PLAYED, a if games_a * 2 > len(data.games) else b


def match_and_competition(ctx: Context, match_id: int) -> tuple[Match, Competition]:
    """The match and its competition in one query (an umpire's every point starts here), if
    the actor may see the event."""
    row = ctx.session.execute(
        select(Match, Competition, Event.published)
        .join(Competition, Competition.id == Match.competition_id)
        .join(Event, Event.id == Competition.event_id)
        .where(Match.id == match_id)
    ).first()
    if row is None:
        raise NotFound(N_("no match {match_id}"), match_id=match_id)
    match, competition, published = row
    if not may_see(ctx.actor, competition.event_id, published):
        raise NotFound(N_("no event {event_id!r}"), event_id=competition.event_id)
    return match, competition


def list_matches(ctx: Context, competition_id: int) -> list[Match]:
    competition = get_competition_row(ctx, competition_id)
    return list(
        ctx.session.scalars(
            select(Match)
            .where(Match.competition_id == competition.id)
            .order_by(Match.stage.desc(), Match.group_number, Match.round_number, Match.number)
        )
    )


def assign_umpire(ctx: Context, match_id: int, user_id: int | None) -> None:
    from smallball.db.models import RoleGrant, User

    match, competition = match_and_competition(ctx, match_id)
    require_organiser(ctx.actor, competition.event_id)
    if user_id is not None:
        if ctx.session.get(User, user_id) is None:
            raise NotFound(N_("no user {user_id}"), user_id=user_id)
        granted = ctx.session.scalars(
            select(RoleGrant).where(
                RoleGrant.user_id == user_id,
                RoleGrant.event_id == competition.event_id,
                RoleGrant.role == "umpire",
            )
        ).first()
        if granted is None:
            ctx.session.add(
                RoleGrant(user_id=user_id, event_id=competition.event_id, role="umpire")
            )
    before = {"umpire_user_id": match.umpire_user_id}
    match.umpire_user_id = user_id
    ctx.audit(
        "match.umpire",
        "match",
        match.id,
        event_id=competition.event_id,
        before=before,
        after={"umpire_user_id": user_id},
    )
