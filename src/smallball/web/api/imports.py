"""Import entries from a file (preview, then commit) and export results and entries."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Query, UploadFile
from fastapi.responses import JSONResponse, Response

from smallball.app import exports, imports
from smallball.web.deps import PathId, ServicesDep, UserId, event_key

router = APIRouter(tags=["imports and exports"])

CSV_TYPE = "text/csv; charset=utf-8"


@router.post(
    "/events/{event_id}/imports",
    response_model=imports.ImportPreview,
    responses={422: {"description": "commit=true and a line is invalid; nothing was written"}},
)
def import_entries(
    event_id: PathId,
    file: Annotated[UploadFile, File(description="CSV (UTF-8 or GB18030) or XLSX")],
    svc: ServicesDep,
    user_id: UserId,
    commit: Annotated[bool, Query(description="write the entries; false: preview")] = False,
    encoding: Annotated[
        str | None, Query(description="the CSV's encoding, when not detected")
    ] = None,
) -> Any:
    # One byte more than the limit, so the use case can tell the file is too large.
    content = file.file.read(imports.MAX_BYTES + 1)
    try:
        return svc.run(
            user_id,
            imports.import_entries,
            event_id,
            file.filename or "",
            content,
            commit=commit,
            encoding=encoding,
        )
    except imports.ImportRejected as exc:
        return JSONResponse(
            {
                "detail": str(exc),
                "field": exc.field,
                "message": exc.message,
                "preview": exc.preview.model_dump(mode="json"),
            },
            status_code=422,
        )


def _csv_response(data: exports.CsvFile) -> Response:
    return Response(
        data.text,
        media_type=CSV_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{data.filename}"'},
    )


@router.get("/events/{event}/results.csv", response_class=Response)
def results_csv(event: str, svc: ServicesDep, user_id: UserId) -> Response:
    return _csv_response(svc.run(user_id, exports.results_csv, event_key(event)))


@router.get("/events/{event}/results.json")
def results_json(event: str, svc: ServicesDep, user_id: UserId) -> exports.ResultsExport:
    return svc.run(user_id, exports.results, event_key(event))


@router.get("/events/{event}/entries.csv", response_class=Response)
def entries_csv(event: str, svc: ServicesDep, user_id: UserId) -> Response:
    return _csv_response(svc.run(user_id, exports.entries_csv, event_key(event)))
