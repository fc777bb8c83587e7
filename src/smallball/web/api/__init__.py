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
# Live first: routes are tried in order, and an umpire's points are most of the traffic.
for module in (live, auth, events, delegations, entries, matches, partners, schedule, imports):
    router.include_router(module.router)
