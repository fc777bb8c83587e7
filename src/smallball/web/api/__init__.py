"""The JSON API, mounted under /api; its OpenAPI document is /api/openapi.json."""

from fastapi import APIRouter

from smallball.web.api import (
    auth,
    delegations,
    entries,
    events,
    imports,
    live,
    matches,
    partners,
    schedule,
)

router = APIRouter(prefix="/api")
for module in (auth, events, delegations, entries, matches, live, partners, schedule, imports):
    router.include_router(module.router)
