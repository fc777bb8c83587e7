from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from smallball.app.errors import AppError
from smallball.app.users import authenticate
from smallball.web.pages.forms import read_form, refusal_text, take_flash
from smallball.web.templating import render

router = APIRouter()


@router.get("/login")
def login_page(request: Request) -> Response:
    return render(request, "login.html", error=take_flash(request))


@router.post("/login")
async def login(request: Request) -> Response:
    try:
        form = await read_form(request)
        email, password = str(form.get("email", "")), str(form.get("password", ""))
        svc = request.app.state.services
        user_id = await run_in_threadpool(svc.run, None, authenticate, email, password)
    except AppError as exc:
        return render(request, "login.html", status_code=401, error=refusal_text(request, exc))
    csrf = request.session.get("csrf")
    request.session.clear()
    request.session.update({"user_id": user_id, "csrf": csrf})
    return RedirectResponse(str(request.query_params.get("next") or "/"), status_code=303)


@router.post("/logout")
async def logout(request: Request) -> Response:
    await read_form(request)
    request.session.clear()
    return RedirectResponse("/", status_code=303)
