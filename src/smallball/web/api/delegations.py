from __future__ import annotations

from fastapi import APIRouter

from smallball.app import delegations
from smallball.app.views import DelegationView, MemberView
from smallball.web.deps import PathId, ServicesDep, UserId

router = APIRouter(tags=["delegations"])


@router.get("/events/{event_id}/delegations")
def list_delegations(event_id: PathId, svc: ServicesDep, user_id: UserId) -> list[DelegationView]:
    return svc.run(user_id, delegations.list_delegations, event_id)


@router.post("/events/{event_id}/delegations", status_code=201)
def invite(
    event_id: PathId, data: delegations.DelegationIn, svc: ServicesDep, user_id: UserId
) -> DelegationView:
    return svc.run(user_id, delegations.invite_delegation, event_id, data)


@router.get("/delegations/{delegation_id}")
def get_delegation(delegation_id: PathId, svc: ServicesDep, user_id: UserId) -> DelegationView:
    return svc.run(user_id, delegations.get_delegation, delegation_id)


@router.post("/delegations/{delegation_id}/members", status_code=201)
def register_member(
    delegation_id: PathId, data: delegations.MemberIn, svc: ServicesDep, user_id: UserId
) -> MemberView:
    return svc.run(user_id, delegations.register_member, delegation_id, data)
