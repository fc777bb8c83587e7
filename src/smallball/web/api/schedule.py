from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from smallball.app import order_of_play
from smallball.web.api.sentences import Sentences
from smallball.web.deps import PathId, ServicesDep, UserId

router = APIRouter(tags=["order of play"])


@router.post("/events/{event_id}/order-of-play")
def plan(
    event_id: PathId,
    data: order_of_play.OrderOfPlayIn,
    svc: ServicesDep,
    user_id: UserId,
    worded: Sentences,
) -> dict[str, Any]:
    return worded(svc.run(user_id, order_of_play.plan_order_of_play, event_id, data))
