from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from smallball.app import draws, results
from smallball.app.context import Context
from smallball.app.entries import get_competition_row
from smallball.app.validation import RowId
from smallball.app.views import MatchView
from smallball.competition.standings_codec import standings_json
from smallball.web.api.sentences import Sentences
from smallball.web.deps import PathId, ServicesDep, UserId

router = APIRouter(tags=["draws and results"])


class UmpireIn(BaseModel):
    user_id: RowId | None


@router.post("/competitions/{competition_id}/draws", status_code=201)
def make_draw(
    competition_id: PathId, data: draws.DrawIn, svc: ServicesDep, user_id: UserId
) -> dict[str, Any]:
    return svc.run(user_id, draws.make_draw, competition_id, data)


@router.get("/competitions/{competition_id}/matches")
def list_matches(competition_id: PathId, svc: ServicesDep, user_id: UserId) -> list[MatchView]:
    def load(ctx: Context) -> list[MatchView]:
        return [MatchView.model_validate(m) for m in results.list_matches(ctx, competition_id)]

    return svc.run(user_id, load)


@router.get("/competitions/{competition_id}/standings")
def group_standings(
    competition_id: PathId, svc: ServicesDep, user_id: UserId, worded: Sentences
) -> list[Any]:
    """Each group's table; its tie-break steps name the entries as the pages do, and ``names``
    gives those names by entry id."""
    from smallball.app.entries import entry_names
    from smallball.app.standings import group_tables

    def load(ctx: Context) -> tuple[list[Any], dict[str, str]]:
        competition = get_competition_row(ctx, competition_id)
        team = competition.entry_kind == "team"
        named = {str(k): v for k, v in entry_names(ctx, competition.event_id).items()}
        groups = [
            {
                "group": g,
                "entries": entries,
                "names": {e: named[e] for e in entries if e in named},
                **standings_json(table, team),
            }
            for g, (entries, table) in enumerate(group_tables(ctx, competition), start=1)
        ]
        return groups, named

    groups, named = svc.run(user_id, load)
    return worded(groups, named)


@router.post("/matches/{match_id}/result")
def record_result(
    match_id: PathId, data: results.ResultIn, svc: ServicesDep, user_id: UserId
) -> dict[str, Any]:
    return svc.run(user_id, results.record_result, match_id, data)


@router.post("/matches/{match_id}/correction")
def correct_result(
    match_id: PathId, data: results.CorrectionIn, svc: ServicesDep, user_id: UserId
) -> dict[str, Any]:
    return svc.run(user_id, results.correct_result, match_id, data)


@router.post("/matches/{match_id}/umpire", status_code=204)
def assign_umpire(match_id: PathId, data: UmpireIn, svc: ServicesDep, user_id: UserId) -> None:
    svc.run(user_id, results.assign_umpire, match_id, data.user_id)
