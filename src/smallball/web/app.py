"""The application factory: one FastAPI app per process, configured from Settings."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from smallball import __version__
from smallball.app.context import Clock, Services, system_clock
from smallball.db.session import make_engine, session_factory
from smallball.settings import Settings, get_settings
from smallball.web import errors
from smallball.web.api import router as api_router
from smallball.web.live import Hub, PostgresListener, keep_alive
from smallball.web.pages import router as pages_router

STATIC = Path(__file__).parent / "static"


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    listener: PostgresListener | None = app.state.listener
    if listener is not None:
        await listener.start()
    ticker = asyncio.create_task(keep_alive(app.state.hub))
    try:
        yield
    finally:
        ticker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await ticker
        if listener is not None:
            await listener.stop()


def create_app(settings: Settings | None = None, clock: Clock = system_clock) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        lifespan=_lifespan,
        title="smallball",
        version=__version__,
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    engine = make_engine(settings.database_url)
    hub = Hub()
    on_postgres = engine.dialect.name == "postgresql"
    app.state.settings = settings
    app.state.engine = engine
    app.state.hub = hub
    # On PostgreSQL live messages travel by NOTIFY to every process; else straight to the hub.
    app.state.services = Services(
        session_factory(engine), clock, publish=None if on_postgres else hub.publish
    )
    app.state.listener = PostgresListener(settings.database_url, hub) if on_postgres else None
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        session_cookie="smallball_session",
        same_site="lax",
        https_only=False,
    )
    errors.install(app)
    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


# Seconds a stopping server waits for open requests before it cancels them. A live stream
# never ends by itself, so without a limit a restart waits for every scoreboard to be closed;
# the scoreboards reconnect on their own (``retry`` in the stream) to the next process.
SHUTDOWN_GRACE_S = 3


def serve(app: FastAPI | str, host: str, port: int, workers: int = 1) -> None:
    """Run uvicorn the way every command serves: ``app`` itself for one process, or the
    import string of a factory for ``workers`` processes; stops within ``SHUTDOWN_GRACE_S``."""
    import uvicorn

    uvicorn.run(
        app,
        factory=isinstance(app, str),
        workers=workers if isinstance(app, str) else None,
        host=host,
        port=port,
        log_level="info",
        timeout_graceful_shutdown=SHUTDOWN_GRACE_S,
    )


def serving_app() -> FastAPI:
    """The app of one served process (``smallball serve``, once per worker)."""
    app = create_app()
    _quiet_collector()
    return app


def _quiet_collector() -> None:
    """Keep the cycle collector from pausing the live server for long.

    A full collection walks every tracked object, and most of them are the libraries loaded
    at start that never become garbage: frozen, they are skipped. Collecting less often also
    spares the young objects of a burst of requests. Under 64 umpires and 1,000 scoreboards
    (bench/live.py) these pauses were most of the p99 latency of a point. Not for tests,
    which make many apps in one process.
    """
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)
