"""Scoring at the table and the live streams (server-sent events)."""

from __future__ import annotations

import asyncio
import json
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.responses import StreamingResponse

from smallball.app import scoring
from smallball.app.errors import PermissionDenied
from smallball.app.permissions import require_organiser
from smallball.app.results import match_and_competition
from smallball.i18n import N_
from smallball.web.deps import PathId, ServicesDep, UserId, current_user_id
from smallball.web.live import KEEPALIVE, KEEPALIVE_S, Hub
from smallball.web.umpire_token import make_token, user_for_token

router = APIRouter(tags=["live scoring"])


class UmpireLink(BaseModel):
    url: str
    token: str
    qr_svg: str


def _umpire(request: Request, match_id: PathId, svc: ServicesDep) -> int | None:
    """The umpire link's token, else whoever is signed in (or holds an API token)."""
    token = request.headers.get("x-umpire-token")
    if token:
        user = user_for_token(request.app.state.settings.secret_key, token, match_id)
        if user is None:
            raise PermissionDenied(N_("the umpire link is not valid for this match"))
        return user
    return current_user_id(request, svc)


@router.get("/matches/{match_id}/live")
def match_live(match_id: PathId, request: Request, svc: ServicesDep) -> dict[str, Any]:
    return svc.run(_umpire(request, match_id, svc), scoring.match_state, match_id)


@router.post("/matches/{match_id}/log")
def submit(
    match_id: PathId, data: scoring.LogEventIn, request: Request, svc: ServicesDep
) -> dict[str, Any]:
    return svc.run(_umpire(request, match_id, svc), scoring.submit, match_id, data)


def umpire_link_for(
    request: Request, svc: ServicesDep, user_id: int | None, match_id: int
) -> UmpireLink:
    """A link (and its QR code) that lets whoever holds it score this one match."""

    def acting_user(ctx: Any) -> int:
        match, competition = match_and_competition(ctx, match_id)
        require_organiser(ctx.actor, competition.event_id)
        return int(match.umpire_user_id or ctx.actor.user_id)

    acting = svc.run(user_id, acting_user)
    token = make_token(request.app.state.settings.secret_key, match_id, acting)
    url = f"{str(request.base_url).rstrip('/')}/umpire/{match_id}?t={token}"
    return UmpireLink(url=url, token=token, qr_svg=_qr(url))


@router.post("/matches/{match_id}/umpire-link")
def umpire_link(
    match_id: PathId, request: Request, svc: ServicesDep, user_id: UserId
) -> UmpireLink:
    return umpire_link_for(request, svc, user_id, match_id)


def _qr(text: str) -> str:
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="svg", scale=4, xmldecl=False)
    return buffer.getvalue().decode()


class _Frames:
    """Each published message rendered once for all the clients of a channel: the hub hands
    every subscriber the same dict, so its identity (held here, so not reused) is the key.
    Kept as bytes, which the response sends as they are, not encoded again per client."""

    def __init__(self, size: int = 512) -> None:
        self._size = size
        self._frames: OrderedDict[int, tuple[dict[str, Any], bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, message: dict[str, Any]) -> bytes:
        with self._lock:
            hit = self._frames.get(id(message))
        if hit is not None and hit[0] is message:
            return hit[1]
        frame = _frame(message).encode()
        with self._lock:
            self._frames[id(message)] = (message, frame)
            while len(self._frames) > self._size:
                self._frames.popitem(last=False)
        return frame


_frames = _Frames()


def _frame(message: dict[str, Any], event: str = "state") -> str:
    seq = message.get("seq")
    head = f"id: {seq}\n" if seq is not None else ""
    return f"{head}event: {event}\ndata: {json.dumps(message, ensure_ascii=False, default=str)}\n\n"


async def _stream(
    request: Request, channel: str, first: dict[str, Any] | None
) -> AsyncIterator[str | bytes]:
    hub: Hub = request.app.state.hub
    loop = asyncio.get_running_loop()
    async with hub.subscribe(channel) as queue:
        yield "retry: 1000\n\n"
        if first is not None:
            yield _frame(first)
        sent = loop.time()
        while True:
            message = await queue.get()
            if message is KEEPALIVE:
                if loop.time() - sent < KEEPALIVE_S:  # a busy stream needs none
                    continue
                if await request.is_disconnected():
                    return
                yield ": keepalive\n\n"
            else:
                yield _frames(message)
            sent = loop.time()


def _sse(body: AsyncIterator[str | bytes]) -> StreamingResponse:
    return StreamingResponse(
        body,
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.get("/live/matches/{match_id}")
async def match_stream(request: Request, match_id: PathId, svc: ServicesDep) -> StreamingResponse:
    user = current_user_id(request, svc)
    first = await run_in_threadpool(svc.run, user, scoring.match_state, match_id)
    return _sse(_stream(request, f"match:{match_id}", first))


@router.get("/live/tables/{event_id}/{table}")
async def table_stream(
    request: Request, event_id: PathId, table: PathId, svc: ServicesDep
) -> StreamingResponse:
    user = current_user_id(request, svc)
    first = await run_in_threadpool(svc.run, user, scoring.table_state, event_id, table)
    return _sse(_stream(request, f"table:{event_id}:{table}", first))


@router.get("/live/competitions/{competition_id}")
async def competition_stream(
    request: Request, competition_id: PathId, svc: ServicesDep
) -> StreamingResponse:
    from smallball.app.entries import get_competition_row

    user = current_user_id(request, svc)
    await run_in_threadpool(svc.run, user, get_competition_row, competition_id)
    return _sse(_stream(request, f"competition:{competition_id}", None))


@router.get("/live/events/{event_id}")
async def event_stream(request: Request, event_id: PathId, svc: ServicesDep) -> StreamingResponse:
    from smallball.app.events import get_event_row

    user = current_user_id(request, svc)
    await run_in_threadpool(svc.run, user, get_event_row, event_id)
    return _sse(_stream(request, f"event:{event_id}", None))
