from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel

from smallball.app.errors import NotAuthenticated
from smallball.app.users import authenticate, create_api_token
from smallball.app.views import TokenView
from smallball.i18n import N_
from smallball.web.deps import ServicesDep, UserId, csrf_token

router = APIRouter(tags=["auth"])


class Credentials(BaseModel):
    email: str
    password: str


class SessionView(BaseModel):
    user_id: int
    csrf_token: str


class TokenIn(BaseModel):
    name: str = "script"


@router.post("/session")
def sign_in(data: Credentials, request: Request, svc: ServicesDep) -> SessionView:
    user_id = svc.run(None, authenticate, data.email, data.password)
    request.session.clear()
    request.session["user_id"] = user_id
    return SessionView(user_id=user_id, csrf_token=csrf_token(request))


@router.delete("/session", status_code=204)
def sign_out(request: Request) -> None:
    request.session.clear()


@router.post("/tokens", status_code=201)
def new_token(data: TokenIn, svc: ServicesDep, user_id: UserId) -> TokenView:
    if user_id is None:
        raise NotAuthenticated(N_("sign in first"))
    return svc.run(user_id, create_api_token, data.name)
