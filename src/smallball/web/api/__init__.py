"""The JSON API, mounted under /api; its OpenAPI document is /api/openapi.json."""

from fastapi import APIRouter

from smallball.web.api import (
    auth,
    delegations,
    entries,
    events,
    imports,
    matches,
    partners,
    schedule,
)

router = APIRouter(prefix="/api")
for module in (auth, events, delegations, entries, matches, partners, schedule, imports):
    router.include_router(module.router)
