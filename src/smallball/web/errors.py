"""Every refusal answers JSON with one message that names the field."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.responses import Response

from smallball.app.errors import AppError
from smallball.errors import InputError, field_path


def install(app: FastAPI) -> None:
    @app.exception_handler(InputError)
    async def _input(request: Request, exc: InputError) -> JSONResponse:
        from smallball.i18n import message_in
        from smallball.web.templating import request_language

        # ``localized``: the message in the reader's language, for a page to show.
        body = {"detail": str(exc), "field": exc.field, "message": exc.message}
        body["localized"] = message_in(exc, request_language(request))
        return JSONResponse(body, status_code=422)

    @app.exception_handler(AppError)
    async def _app(request: Request, exc: AppError) -> Response:
        from smallball.i18n import message_in, refusal_in
        from smallball.web.templating import render, request_language

        lang = request_language(request)
        if not request.url.path.startswith("/api/"):
            message = refusal_in(exc, lang)
            return render(
                request, "error.html", status_code=exc.status, status=exc.status, message=message
            )
        return JSONResponse(
            {"detail": str(exc), "localized": message_in(exc, lang)}, status_code=exc.status
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0]
        field = field_path(tuple(first.get("loc", ())))
        message = str(first.get("msg", "invalid")).removeprefix("Value error, ")
        return JSONResponse(
            {
                "detail": f"{field}: {message}",
                "field": field,
                "message": message,
                "errors": [
                    {k: v for k, v in e.items() if k in ("loc", "msg", "type")}
                    for e in exc.errors()
                ],
            },
            status_code=422,
        )
