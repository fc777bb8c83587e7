from __future__ import annotations

from fastapi import APIRouter

from smallball.app import entries
from smallball.app.views import EntryView
from smallball.web.deps import PathId, ServicesDep, UserId

router = APIRouter(tags=["entries"])


@router.get("/competitions/{competition_id}/entries")
def list_entries(competition_id: PathId, svc: ServicesDep, user_id: UserId) -> list[EntryView]:
    return svc.run(user_id, entries.list_entries, competition_id)


@router.post("/competitions/{competition_id}/entries", status_code=201)
def enter(
    competition_id: PathId, data: entries.EntryIn, svc: ServicesDep, user_id: UserId
) -> EntryView:
    return svc.run(user_id, entries.enter, competition_id, data)


@router.post("/entries/{entry_id}/approve")
def approve(entry_id: PathId, svc: ServicesDep, user_id: UserId) -> EntryView:
    return svc.run(user_id, entries.approve_entry, entry_id)


@router.post("/entries/{entry_id}/withdraw")
def withdraw(entry_id: PathId, svc: ServicesDep, user_id: UserId) -> EntryView:
    return svc.run(user_id, entries.withdraw_entry, entry_id)
