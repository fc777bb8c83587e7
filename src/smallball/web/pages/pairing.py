"""The organiser's pairing preview: propose, change by hand, re-score, confirm."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from smallball.app import partners
from smallball.app.competitions import find_competition
from smallball.app.errors import AppError
from smallball.errors import InputError
from smallball.web.pages.events import svc_of, user_of
from smallball.web.pages.forms import flash_refusal, read_form, take_flash
from smallball.web.templating import render

router = APIRouter()


def _candidates(request: Request, slug: str, code: str) -> tuple[int, list[dict[str, Any]]]:
    def load(ctx: Any) -> tuple[int, list[dict[str, Any]]]:
        competition = find_competition(ctx, slug, code)
        return competition.id, partners.candidates(ctx, competition.id)

    return svc_of(request).run(user_of(request), load)


@router.get("/events/{slug}/competitions/{code}/pairing")
def pairing_page(request: Request, slug: str, code: str) -> Response:
    _, people = _candidates(request, slug, code)
    return render(
        request,
        "pairing.html",
        slug=slug,
        code=code,
        candidates=people,
        groups=[],
        error=take_flash(request),
    )


@router.post("/events/{slug}/competitions/{code}/pairing")
async def pairing_action(request: Request, slug: str, code: str) -> Response:
    back = f"/events/{slug}/competitions/{code}/pairing"
    try:
        form = await read_form(request)
        competition_id, people = await run_in_threadpool(_candidates, request, slug, code)
        options = partners.PairingOptionsIn(shared_language=bool(form.get("shared_language")))
        action = str(form.get("action", "propose"))
        svc, user = svc_of(request), user_of(request)
        if action == "propose":
            result = await run_in_threadpool(
                svc.run, user, partners.propose, competition_id, options
            )
            groups = [[int(p) for p in g] for g in result["groups"]]
            shown = {**result, "violations": []}
        else:
            groups = _groups_of(form)
            data = partners.GroupsIn(groups=groups, options=options)
            if action == "confirm":
                await run_in_threadpool(svc.run, user, partners.confirm, competition_id, data)
                return RedirectResponse(f"/events/{slug}/competitions/{code}", status_code=303)
            shown = await run_in_threadpool(svc.run, user, partners.rescore, competition_id, data)
    except (InputError, AppError, ValidationError, ValueError) as exc:
        flash_refusal(request, exc)
        return RedirectResponse(back, status_code=303)
    return render(
        request,
        "pairing.html",
        slug=slug,
        code=code,
        candidates=people,
        groups=groups,
        objective=shown.get("objective", shown.get("score", {})),
        strengths=shown.get("strengths", []),
        notes=shown.get("notes", []),
        violations=shown.get("violations", []),
        unassigned=shown.get("unassigned", []),
        optimal=shown.get("optimal", False),
    )


def _groups_of(form: Any) -> list[list[int]]:
    cells: dict[int, dict[int, int]] = {}
    for key, value in form.multi_items():
        if key.startswith("group_"):
            _, g, m = key.split("_")
            cells.setdefault(int(g), {})[int(m)] = int(str(value))
    return [[members[m] for m in sorted(members)] for _, members in sorted(cells.items())]
