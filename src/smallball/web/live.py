"""Live updates: a hub that fans messages out to this process's SSE clients, fed directly on
SQLite and by PostgreSQL LISTEN/NOTIFY when several app processes share one database."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy.engine import make_url

from smallball.app.context import NOTIFY_CHANNEL

log = logging.getLogger(__name__)
Subscriber = tuple[asyncio.AbstractEventLoop, "asyncio.Queue[dict[str, Any]]"]
# Not a message: tells a stream to send a keep-alive comment if it has been quiet. One timer
# for the whole process instead of a timeout around every wait, which cost a fifth of a
# stream's work per message.
KEEPALIVE: dict[str, Any] = {}
KEEPALIVE_S = 15.0


async def keep_alive(hub: Hub, every: float = KEEPALIVE_S, parts: int = 15) -> None:
    """Run for the app's life: each stream is offered a keep-alive every ``every`` seconds, a
    ``parts``-th of them at a time. All at once, a thousand scoreboards stalled the server for
    a fifth of a second every 15 s."""
    tick = 0
    while True:
        await asyncio.sleep(every / parts)
        hub.keep_alive(tick % parts, parts)
        tick += 1


class Hub:
    def __init__(self) -> None:
        self._channels: dict[str, set[Subscriber]] = {}
        self._lock = threading.Lock()

    def publish(self, channel: str, message: dict[str, Any]) -> None:
        """Thread-safe: use cases publish from worker threads after their commit."""
        with self._lock:
            subscribers = list(self._channels.get(channel, ()))
        _hand_out(subscribers, message)

    @contextlib.asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[asyncio.Queue[dict[str, Any]]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=1000)
        subscriber = (asyncio.get_running_loop(), queue)
        with self._lock:
            self._channels.setdefault(channel, set()).add(subscriber)
        try:
            yield queue
        finally:
            with self._lock:
                self._channels.get(channel, set()).discard(subscriber)

    def keep_alive(self, part: int = 0, parts: int = 1) -> None:
        """Hand the ``KEEPALIVE`` marker to the ``part``-th of ``parts`` shares of the
        subscribers (all by default): a quiet stream sends a comment (a proxy keeps the
        connection open) and notices a client that has gone."""
        with self._lock:
            subscribers = [
                s
                for channel in self._channels.values()
                for s in channel
                if hash(s[1]) % parts == part
            ]
        _hand_out(subscribers, KEEPALIVE)

    def subscribers(self, channel: str) -> int:
        with self._lock:
            return len(self._channels.get(channel, ()))


def _hand_out(subscribers: list[Subscriber], message: dict[str, Any]) -> None:
    """Thread-safe: one wake-up per event loop, not one per client (a match may have
    hundreds)."""
    by_loop: dict[asyncio.AbstractEventLoop, list[asyncio.Queue[dict[str, Any]]]] = {}
    for loop, queue in subscribers:
        by_loop.setdefault(loop, []).append(queue)
    for loop, queues in by_loop.items():
        with contextlib.suppress(RuntimeError):  # the client's loop has closed
            loop.call_soon_threadsafe(_deliver, queues, message)


def _deliver(queues: list[asyncio.Queue[dict[str, Any]]], message: dict[str, Any]) -> None:
    for queue in queues:
        try:
            queue.put_nowait(message)
        except asyncio.QueueFull:  # a client that stopped reading; the others still get it
            log.warning("a live client is %d messages behind; dropped one", queue.qsize())


class PostgresListener:
    """LISTENs on the database and hands every notification to the hub; reconnects."""

    def __init__(self, database_url: str, hub: Hub) -> None:
        url = make_url(database_url).set(drivername="postgresql")
        self._dsn = url.render_as_string(hide_password=False)
        self._hub = hub
        self._task: asyncio.Task[None] | None = None
        self.ready = asyncio.Event()

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run())
        await asyncio.wait_for(self.ready.wait(), timeout=10)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        import psycopg

        delay = 0.2
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(
                    self._dsn, autocommit=True
                ) as conn:
                    await conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    self.ready.set()
                    delay = 0.2
                    async for note in conn.notifies():
                        data = json.loads(note.payload)
                        for channel in data["channels"]:
                            self._hub.publish(channel, data["message"])
            except asyncio.CancelledError:
                raise
            except Exception:  # the database went away: listen again when it is back
                log.exception("live listener lost its connection; retrying")
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5)
