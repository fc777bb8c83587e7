from __future__ import annotations

from fastapi import APIRouter

from smallball.app import events
from smallball.app.views import CompetitionView, EventView
from smallball.web.deps import PathId, ServicesDep, UserId, event_key

router = APIRouter(tags=["events"])


@router.get("/events")
def list_events(svc: ServicesDep, user_id: UserId) -> list[EventView]:
    return svc.run(user_id, events.list_events)


@router.post("/events", status_code=201)
def create_event(data: events.EventIn, svc: ServicesDep, user_id: UserId) -> EventView:
    return svc.run(user_id, events.create_event, data)


@router.get("/events/{event}")
def get_event(event: str, svc: ServicesDep, user_id: UserId) -> EventView:
    return svc.run(user_id, events.get_event, event_key(event))


@router.post("/events/{event_id}/competitions", status_code=201)
def add_competition(
    event_id: PathId, data: events.CompetitionIn, svc: ServicesDep, user_id: UserId
) -> CompetitionView:
    return svc.run(user_id, events.add_competition, event_id, data)


@router.post("/events/{event_id}/publish")
def publish(event_id: PathId, svc: ServicesDep, user_id: UserId) -> EventView:
    return svc.run(user_id, events.publish_event, event_id, True)


@router.post("/events/{event_id}/unpublish")
def unpublish(event_id: PathId, svc: ServicesDep, user_id: UserId) -> EventView:
    return svc.run(user_id, events.publish_event, event_id, False)
