"""The import page: upload a file, see every line checked, then write it all or nothing."""

from __future__ import annotations

import base64
import binascii

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import RedirectResponse, Response

from smallball.app import imports
from smallball.app.errors import AppError
from smallball.app.events import get_event_row
from smallball.errors import InputError
from smallball.i18n import N_
from smallball.web.pages.events import svc_of, user_of
from smallball.web.pages.forms import flash_refusal, read_form, take_flash, translated
from smallball.web.templating import render

router = APIRouter()


@router.get("/events/{slug}/import")
def import_page(request: Request, slug: str) -> Response:
    event = svc_of(request).run(user_of(request), get_event_row, slug)
    return render(request, "import.html", event=event, preview=None, error=take_flash(request))


@router.post("/events/{slug}/import")
async def import_action(request: Request, slug: str) -> Response:
    back = f"/events/{slug}/import"
    svc, user = svc_of(request), user_of(request)
    try:
        form = await read_form(request)
        upload = form.get("file")
        if isinstance(upload, UploadFile):
            filename = upload.filename or ""
            content = await upload.read(imports.MAX_BYTES + 1)
        else:
            # The preview carries the file back so that the commit writes what was checked.
            filename = str(form.get("filename", ""))
            content = base64.b64decode(str(form.get("content", "")), validate=True)
        commit = form.get("action") == "commit"
        event = await run_in_threadpool(svc.run, user, get_event_row, slug)
        preview = await run_in_threadpool(
            svc.run, user, imports.import_entries, event.id, filename, content, commit=commit
        )
    except imports.ImportRejected as rejected:
        first = rejected.preview.errors[0]
        where = first.column
        if first.line is not None:
            line = translated(request, N_("line {line}"), line=first.line)
            where = f"{line}: {first.column}"
        flash_refusal(request, InputError(where, first.template, **first.params))
        return RedirectResponse(back, status_code=303)
    except (InputError, AppError, ValueError, binascii.Error) as exc:
        flash_refusal(request, exc)
        return RedirectResponse(back, status_code=303)
    return render(
        request,
        "import.html",
        event=event,
        preview=preview,
        filename=filename,
        content=base64.b64encode(content).decode() if not commit else "",
    )
