"""The in-process hub: messages and keep-alives reach every subscriber."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from smallball.web.live import KEEPALIVE, Hub, keep_alive

T = TypeVar("T")


def run(scenario: Coroutine[Any, Any, T]) -> T:
    """On a thread of its own: an earlier test (Playwright's sync API) may leave this thread
    marked as running an event loop, where ``asyncio.run`` refuses to start."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, scenario).result()


def test_published_messages_reach_only_the_channel_subscribers() -> None:
    async def scenario() -> tuple[object, bool]:
        hub = Hub()
        async with hub.subscribe("match:1") as one, hub.subscribe("match:2") as two:
            hub.publish("match:1", {"seq": 3})
            got = await asyncio.wait_for(one.get(), 1)
            await asyncio.sleep(0.01)
            return got, two.empty()

    got, other_empty = run(scenario())
    assert got == {"seq": 3}
    assert other_empty


def test_the_keep_alive_timer_reaches_every_stream_and_stops_with_the_app() -> None:
    async def scenario() -> tuple[list[bool], int]:
        hub = Hub()
        async with hub.subscribe("match:1") as one, hub.subscribe("event:7") as two:
            ticker = asyncio.create_task(keep_alive(hub, every=0.03, parts=3))
            got = [(await asyncio.wait_for(q.get(), 1)) is KEEPALIVE for q in (one, two)]
            ticker.cancel()
            await asyncio.gather(ticker, return_exceptions=True)
        return got, hub.subscribers("match:1")

    got, left = run(scenario())
    assert got == [True, True]
    assert left == 0  # leaving the stream unsubscribes


def test_keep_alives_go_out_in_shares_each_stream_once_per_round() -> None:
    async def scenario() -> list[int]:
        hub = Hub()
        async with contextlib.AsyncExitStack() as stack:
            queues = [await stack.enter_async_context(hub.subscribe(f"m:{i}")) for i in range(12)]
            for part in range(3):
                hub.keep_alive(part, 3)
            await asyncio.sleep(0.01)
            return [q.qsize() for q in queues]

    assert run(scenario()) == [1] * 12
