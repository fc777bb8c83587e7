"""The JSON API, mounted under /api; its OpenAPI document is /api/openapi.json."""

from fastapi import APIRouter

from smallball.web.api import auth, delegations, entries, events, imports, matches

router = APIRouter(prefix="/api")
for module in (auth, events, delegations, entries, matches, imports):
    router.include_router(module.router)
