from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from smallball.app import partners
from smallball.web.api.sentences import Sentences
from smallball.web.deps import PathId, ServicesDep, UserId

router = APIRouter(tags=["cross-national pairing"])


@router.post("/competitions/{competition_id}/pairing/proposal")
def propose(
    competition_id: PathId,
    data: partners.PairingOptionsIn,
    svc: ServicesDep,
    user_id: UserId,
    worded: Sentences,
) -> dict[str, Any]:
    return worded(svc.run(user_id, partners.propose, competition_id, data))


@router.post("/competitions/{competition_id}/pairing/score")
def rescore(
    competition_id: PathId,
    data: partners.GroupsIn,
    svc: ServicesDep,
    user_id: UserId,
    worded: Sentences,
) -> dict[str, Any]:
    return worded(svc.run(user_id, partners.rescore, competition_id, data))


@router.post("/competitions/{competition_id}/pairing/confirm", status_code=201)
def confirm(
    competition_id: PathId, data: partners.GroupsIn, svc: ServicesDep, user_id: UserId
) -> list[int]:
    return svc.run(user_id, partners.confirm, competition_id, data)
