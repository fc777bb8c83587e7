from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from smallball.app import competitions as competition_pages
from smallball.app import draws, entries, results
from smallball.web.pages.events import svc_of, user_of
from smallball.web.pages.forms import act, optional, take_flash
from smallball.web.pages.score_text import parse_score
from smallball.web.templating import render

router = APIRouter()


@router.get("/events/{slug}/competitions/{code}")
def competition_page(request: Request, slug: str, code: str) -> Response:
    page = svc_of(request).run(user_of(request), competition_pages.competition_page, slug, code)
    return render(request, "competition.html", error=take_flash(request), page=page)


@router.post("/events/{slug}/competitions/{code}/entries")
async def enter(request: Request, slug: str, code: str) -> Response:
    def build(form: Any) -> Any:
        people = [int(x) for x in form.getlist("person_ids") if str(x).strip()]
        delegation = optional(form, "delegation_id")
        data = entries.EntryIn(
            delegation_id=int(delegation) if delegation else None,
            person_ids=people,
            name=str(form.get("name", "")),
        )
        return lambda svc, user: svc.run(
            user,
            lambda ctx: entries.enter(
                ctx, competition_pages.find_competition(ctx, slug, code).id, data
            ),
        )

    back = f"/events/{slug}/competitions/{code}"
    return await act(request, build, lambda _: back, back)


@router.post("/entries/{entry_id}/approve")
async def approve(request: Request, entry_id: int) -> Response:
    back = request.headers.get("referer") or "/"

    def build(form: Any) -> Any:
        return lambda svc, user: svc.run(user, entries.approve_entry, entry_id)

    return await act(request, build, lambda _: back, back)


@router.post("/events/{slug}/competitions/{code}/draw")
async def make_draw(request: Request, slug: str, code: str) -> Response:
    def build(form: Any) -> Any:
        groups = optional(form, "groups")
        data = draws.DrawIn(
            stage=str(form.get("stage", "knockout")),
            groups=int(groups) if groups else None,
            policy=str(form.get("policy", "separate")),
            third_place=bool(form.get("third_place")),
        )
        return lambda svc, user: svc.run(
            user,
            lambda ctx: draws.make_draw(
                ctx, competition_pages.find_competition(ctx, slug, code).id, data
            ),
        )

    back = f"/events/{slug}/competitions/{code}"
    return await act(request, build, lambda _: back, back)


@router.post("/matches/{match_id}/result")
async def record_result(request: Request, match_id: int) -> Response:
    back = request.headers.get("referer") or "/"

    def build(form: Any) -> Any:
        data = results.ResultIn.model_validate(parse_score(str(form.get("score", ""))))
        reason = optional(form, "reason")
        if reason is not None:
            correction = results.CorrectionIn(result=data, reason=reason)
            return lambda svc, user: svc.run(user, results.correct_result, match_id, correction)
        return lambda svc, user: svc.run(user, results.record_result, match_id, data)

    return await act(request, build, lambda _: back, back)
