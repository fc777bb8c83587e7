"""Pages for the hall: the umpire's scoring page, scoreboards, the hall overview, the calls."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from smallball.app import calls as call_desk
from smallball.app import scoring
from smallball.app.events import get_event_row
from smallball.web.pages.events import svc_of, user_of
from smallball.web.pages.forms import act, optional, take_flash
from smallball.web.templating import render

router = APIRouter()


@router.get("/umpire/{match_id:int}")
def umpire_page(request: Request, match_id: int) -> Response:
    # The page itself shows nothing private: its script reads the match with the link's token.
    return render(request, "umpire.html", match_id=match_id, match_code=f"#{match_id}")


@router.get("/matches/{match_id:int}/scoreboard")
def match_scoreboard(request: Request, match_id: int) -> Response:
    state = svc_of(request).run(user_of(request), scoring.match_state, match_id)
    return render(request, "scoreboard.html", state=state, stream=f"/api/live/matches/{match_id}")


@router.get("/events/{slug}/tables/{table:int}")
def table_scoreboard(request: Request, slug: str, table: int) -> Response:
    def load(ctx: Any) -> dict[str, Any]:
        event = get_event_row(ctx, slug)
        return {"event_id": event.id, "state": scoring.table_state(ctx, event.id, table)}

    page = svc_of(request).run(user_of(request), load)
    return render(
        request,
        "scoreboard.html",
        state=page["state"],
        table=table,
        stream=f"/api/live/tables/{page['event_id']}/{table}",
    )


@router.get("/events/{slug}/hall")
def hall(request: Request, slug: str) -> Response:
    def load(ctx: Any) -> dict[str, Any]:
        event = get_event_row(ctx, slug)
        tables = [scoring.table_state(ctx, event.id, n) for n in range(1, event.tables + 1)]
        return {"event": event, "tables": tables}

    page = svc_of(request).run(user_of(request), load)
    return render(request, "hall.html", **page)


@router.get("/events/{slug}/calls")
def calls(request: Request, slug: str) -> Response:
    def load(ctx: Any) -> dict[str, Any]:
        page = call_desk.called_matches(ctx, slug)
        page["desk"] = call_desk.desk(ctx, slug) if page["organiser"] else []
        return page

    page = svc_of(request).run(user_of(request), load)
    return render(request, "calls.html", error=take_flash(request), **page)


@router.post("/events/{slug}/calls/{match_id:int}")
async def call(request: Request, slug: str, match_id: int) -> Response:
    def build(form: Any) -> Any:
        table = optional(form, "table")
        return lambda svc, user: svc.run(
            user, call_desk.call_match, match_id, int(table) if table else None
        )

    back = f"/events/{slug}/calls"
    return await act(request, build, lambda _: back, back)


@router.get("/umpire-link/{match_id:int}")
def umpire_link_page(request: Request, match_id: int) -> Response:
    from smallball.web.api.live import umpire_link_for

    link = umpire_link_for(request, svc_of(request), user_of(request), match_id)
    return render(request, "umpire_link.html", link=link, match_id=match_id)
