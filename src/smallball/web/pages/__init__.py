"""HTML pages: public views, sign-in and the organiser's and leaders' forms."""

from fastapi import APIRouter

from smallball.web.pages import auth, competitions, events, imports, live, pairing, sheets

router = APIRouter(include_in_schema=False)
for module in (auth, events, competitions, imports, live, pairing, sheets):
    router.include_router(module.router)
