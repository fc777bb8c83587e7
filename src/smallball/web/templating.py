"""Jinja2 with gettext, the request's language and filters for dates, countries and text."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.responses import Response

from smallball.i18n import (
    country_name,
    localized,
    negotiate,
    refusal_in,
    said_in,
    translations,
)
from smallball.web.deps import csrf_token

TEMPLATES = Path(__file__).parent / "templates"
LANG_COOKIE = "smallball_lang"

templates = Jinja2Templates(
    env=Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(),
        extensions=["jinja2.ext.i18n"],
    )
)


def request_language(request: Request) -> str:
    return negotiate(
        request.query_params.get("lang"),
        request.cookies.get(LANG_COOKIE),
        request.headers.get("accept-language"),
    )


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
    lang = request_language(request)
    trans = translations(lang)

    # Passed per render, never installed on the shared environment: requests in different
    # languages are rendered at the same time on different threads.
    def gettext(message: str, **variables: Any) -> str:
        text = trans.gettext(message)
        return text % variables if variables else text

    def ngettext(singular: str, plural: str, n: int, **variables: Any) -> str:
        text = trans.ngettext(singular, plural, n)
        return text % {"num": n, **variables}

    babel_locale = "zh_Hans_CN" if lang == "zh_CN" else "en"

    def when(value: datetime | None, time_zone: str = "UTC", fmt: str = "medium") -> str:
        if value is None:
            return ""
        return format_datetime(value.astimezone(ZoneInfo(time_zone)), fmt, locale=babel_locale)

    def day(value: date | None, fmt: str = "medium") -> str:
        return "" if value is None else format_date(value, fmt, locale=babel_locale)

    response: Response = templates.TemplateResponse(
        request,
        name,
        {
            "lang": lang,
            "_": gettext,
            "gettext": gettext,
            "ngettext": ngettext,
            "user_id": request.session.get("user_id"),
            "csrf_token": csrf_token(request),
            "country": lambda code: country_name(code, lang),
            "text": lambda value: localized(value, lang),
            "when": when,
            "refusal": lambda refused: refusal_in(refused, lang),
            # A sentence of a result (``words.Said``) in the reader's language.
            # ``names``: how this page names entries, by id (an int or a str key).
            "said": lambda value, names=None: said_in(
                value, lang, {str(k): v for k, v in (names or {}).items()}
            ),
            "day": day,
            "day_label": lambda value: day(value, "full"),
            **context,
        },
        status_code=status_code,
    )
    if request.query_params.get("lang") and request.query_params.get("lang") != request.cookies.get(
        LANG_COOKIE
    ):
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
    return response
