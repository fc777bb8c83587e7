"""Post/redirect/get for HTML forms: CSRF, one use case, and errors flashed back."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from fastapi import Request
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse

from smallball.app.context import Services
from smallball.app.errors import AppError, PermissionDenied
from smallball.errors import InputError
from smallball.i18n import N_


async def read_form(request: Request) -> FormData:
    form = await request.form()
    sent = str(form.get("csrf_token", ""))
    expected = str(request.session.get("csrf", ""))
    if not sent or not expected or not secrets.compare_digest(sent, expected):
        raise PermissionDenied(N_("the form has expired; reload the page and try again"))
    return form


def flash_refusal(request: Request, exc: Exception) -> None:
    """Why a form was refused, in the reader's language, for the page it goes back to."""
    request.session["flash_error"] = refusal_text(request, exc)


def translated(request: Request, message: str, **params: object) -> str:
    from smallball.i18n import sentence_in
    from smallball.web.templating import request_language

    return sentence_in(message, request_language(request), **params)


def refusal_text(request: Request, exc: Exception) -> str:
    from smallball.i18n import refusal_in
    from smallball.web.templating import request_language

    return refusal_in(exc, request_language(request))


def take_flash(request: Request) -> str | None:
    message = request.session.pop("flash_error", None)
    return str(message) if message else None


async def act(
    request: Request,
    build: Callable[[FormData], Any],
    success: Callable[[Any], str],
    back: str,
) -> RedirectResponse:
    """Read the form, build the command and run it; on refusal go ``back`` with the reason."""
    svc: Services = request.app.state.services
    user_id = request.session.get("user_id")
    try:
        form = await read_form(request)
        run = build(form)
        result = await run_in_threadpool(lambda: run(svc, user_id))
    except (InputError, AppError, ValidationError, ValueError) as exc:
        flash_refusal(request, exc)
        return RedirectResponse(back, status_code=303)
    return RedirectResponse(success(result), status_code=303)


def optional(form: FormData, key: str) -> str | None:
    value = str(form.get(key, "")).strip()
    return value or None


def text_of(form: FormData, prefix: str = "name") -> dict[str, str]:
    return {
        lang: value
        for lang, key in (("en", f"{prefix}_en"), ("zh_CN", f"{prefix}_zh"))
        if (value := str(form.get(key, "")).strip())
    }
