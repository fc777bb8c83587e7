"""Request dependencies: the services, who is asking, and CSRF for cookie sessions."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Path, Request

from smallball.app.context import Services
from smallball.app.errors import PermissionDenied
from smallball.app.users import user_for_token
from smallball.i18n import N_

# Ids in paths: anything larger than the databases' INTEGER names no row.
_LARGEST_ID = 2_147_483_647
PathId = Annotated[int, Path(ge=1, le=_LARGEST_ID)]


def event_key(event: str) -> int | str:
    """An event path segment as its id when it is an id, else as its slug. Only ASCII digits
    make an id ("²" is a digit to ``str.isdigit`` but not to ``int``), and only in the range
    ids have, so a lookup never fails on the number itself."""
    if event.isascii() and event.isdigit() and int(event) <= _LARGEST_ID:
        return int(event)
    return event


SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


async def services(request: Request) -> Services:
    # async: a plain def dependency would cost every request a hop to a worker thread.
    svc: Services = request.app.state.services
    return svc


ServicesDep = Annotated[Services, Depends(services)]


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(24)
        request.session["csrf"] = token
    return str(token)


def current_user_id(request: Request, svc: ServicesDep) -> int | None:
    """A bearer token for scripts, else the session cookie (which needs a CSRF header to
    write)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        token = header[7:].strip()
        user_id = svc.run(None, lambda ctx: user_for_token(ctx, token))
        if user_id is None:
            raise PermissionDenied(N_("the API token is unknown or revoked"))
        return user_id
    user_id = request.session.get("user_id")
    if user_id is None:
        return None
    if request.method not in SAFE_METHODS and request.url.path.startswith("/api/"):
        sent = request.headers.get("x-csrf-token", "")
        if not sent or not secrets.compare_digest(sent, str(request.session.get("csrf", ""))):
            raise PermissionDenied(N_("missing or wrong X-CSRF-Token header"))
    return int(user_id)


UserId = Annotated[int | None, Depends(current_user_id)]
