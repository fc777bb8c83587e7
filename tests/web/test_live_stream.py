"""Server-sent events from a real server: the scoreboard follows every point."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from support import HOST, Api, add_host, event_with_players, matches

from helpers import free_port, fresh_pg_database, serving, wait_until_up
from smallball.web.app import SHUTDOWN_GRACE_S

BACKENDS = ["sqlite", "postgresql"] if os.environ.get("SMALLBALL_TEST_PG_URL") else ["sqlite"]


def frames(lines: Iterator[str]) -> Iterator[dict[str, Any]]:
    """Parse an SSE stream into the data of each ``state`` event."""
    event, data = None, []
    for line in lines:
        if line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].strip())
        elif line == "" and data:
            if event == "state":
                yield json.loads("\n".join(data))
            event, data = None, []


def prepare(organiser: Api) -> tuple[dict[str, Any], dict[str, Any]]:
    s = event_with_players(organiser, 4)
    organiser.post(
        f"/api/competitions/{s['ms']['id']}/draws", {"stage": "knockout", "random_seed": 1}
    )
    organiser.post(f"/api/events/{s['event']['id']}/publish")
    return s, matches(organiser, s["ms"]["id"])["KO-R1-1"]


def test_scoreboard_follows_each_point_within_a_second(app: Any, organiser: Api) -> None:
    _, match = prepare(organiser)
    token = organiser.post("/api/tokens", {"name": "umpire"}).json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    with serving(app) as base, httpx.Client(base_url=base, timeout=10) as client:
        state = client.get(f"/api/matches/{match['id']}/live").json()
        first = state["sides"][0][0]["id"]
        with client.stream("GET", f"/api/live/matches/{match['id']}") as stream:
            seen = frames(stream.iter_lines())
            assert next(seen)["seq"] == 0
            events = [{"type": "toss", "first_server": first}] + [
                {"type": "rally", "winner": w} for w in "ABAB"
            ]
            for seq, event in enumerate(events, start=1):
                sent = time.monotonic()
                posted = client.post(
                    f"/api/matches/{match['id']}/log",
                    headers=auth,
                    json={"seq": seq, "key": uuid.uuid4().hex, "event": event},
                )
                assert posted.status_code == 200, posted.text
                update = next(seen)
                assert update["seq"] == seq
                assert time.monotonic() - sent < 1.0
            assert update["score"]["current"]["score"] == [2, 2]


@contextlib.contextmanager
def _served_on_postgresql(
    request: pytest.FixtureRequest, extra: list[str], processes: int
) -> Iterator[list[str]]:
    """``processes`` real ``smallball serve`` processes (each with ``extra`` arguments) on one
    fresh PostgreSQL database holding an administrator; yields their base URLs."""
    from smallball.app.context import Services
    from smallball.db.migrate import upgrade
    from smallball.db.session import make_engine, session_factory

    admin = request.getfixturevalue("_pg_admin_url")
    databases = fresh_pg_database(admin)
    url = next(databases)
    try:
        upgrade(url)
        engine = make_engine(url)
        add_host(Services(session_factory(engine)))
        engine.dispose()
        env = {**os.environ, "SMALLBALL_DATABASE_URL": url, "SMALLBALL_SECRET_KEY": "two"}
        ports = [free_port() for _ in range(processes)]
        serve = [sys.executable, "-m", "smallball", "serve", "--no-migrate", *extra]
        procs = [
            subprocess.Popen(
                [*serve, "--port", str(p)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for p in ports
        ]
        try:
            bases = [f"http://127.0.0.1:{p}" for p in ports]
            for base in bases:
                wait_until_up(base)
            yield bases
        finally:
            for proc in procs:
                proc.terminate()
                proc.wait(timeout=15)
    finally:
        next(databases, None)


def _scoring_setup(client: httpx.Client) -> tuple[dict[str, Any], str, str]:
    """Sign in, make a match with both players known; (match, API token, first server)."""
    session = client.post("/api/session", json=HOST).json()
    organiser = Api(_Shim(client), session["csrf_token"])  # type: ignore[arg-type]
    _, match = prepare(organiser)
    token = organiser.post("/api/tokens", {"name": "x"}).json()["token"]
    first = client.get(f"/api/matches/{match['id']}/live").json()["sides"][0][0]["id"]
    return match, token, first


def _viewers(
    stack: contextlib.ExitStack, base: str, match: dict[str, Any], count: int
) -> list[Iterator[dict[str, Any]]]:
    """``count`` scoreboards, each its own connection to the match's stream, open until
    ``stack`` closes."""
    streams = []
    for _ in range(count):
        viewer = stack.enter_context(httpx.Client(base_url=base, timeout=30))
        stream = stack.enter_context(viewer.stream("GET", f"/api/live/matches/{match['id']}"))
        streams.append(frames(stream.iter_lines()))
    return streams


def _toss(client: httpx.Client, match: dict[str, Any], token: str, first: str) -> None:
    posted = client.post(
        f"/api/matches/{match['id']}/log",
        headers={"Authorization": f"Bearer {token}"},
        json={"seq": 1, "key": uuid.uuid4().hex, "event": {"type": "toss", "first_server": first}},
    )
    assert posted.status_code == 200, posted.text


@pytest.mark.skipif("postgresql" not in BACKENDS, reason="needs SMALLBALL_TEST_PG_URL")
def test_two_app_processes_share_live_updates_through_postgresql(
    request: pytest.FixtureRequest,
) -> None:
    with (
        _served_on_postgresql(request, [], 2) as (one, two),
        httpx.Client(base_url=one, timeout=10) as c1,
        httpx.Client(base_url=two, timeout=10) as c2,
    ):
        match, token, first = _scoring_setup(c1)
        with c2.stream("GET", f"/api/live/matches/{match['id']}") as stream:
            seen = frames(stream.iter_lines())
            assert next(seen)["seq"] == 0
            _toss(c1, match, token, first)
            assert next(seen)["seq"] == 1  # scored on process one, seen on two


@pytest.mark.skipif("postgresql" not in BACKENDS, reason="needs SMALLBALL_TEST_PG_URL")
def test_serve_with_workers_reaches_every_scoreboard(request: pytest.FixtureRequest) -> None:
    """``serve --workers 2``: the connections are spread over two processes by the kernel;
    whichever takes the point, every stream has it."""
    with (
        _served_on_postgresql(request, ["--workers", "2"], 1) as (base,),
        httpx.Client(base_url=base, timeout=10) as client,
    ):
        match, token, first = _scoring_setup(client)
        with contextlib.ExitStack() as stack:
            streams = _viewers(stack, base, match, 6)
            assert [next(seen)["seq"] for seen in streams] == [0] * 6
            _toss(client, match, token, first)
            assert [next(seen)["seq"] for seen in streams] == [1] * 6


class _Shim:
    """Lets the API helper drive an httpx client against a real server."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def get(self, url: str, **kw: Any) -> Any:
        return self.client.get(url, **kw)

    def post(self, url: str, **kw: Any) -> Any:
        return self.client.post(url, **kw)


@pytest.mark.skipif("postgresql" not in BACKENDS, reason="needs SMALLBALL_TEST_PG_URL")
def test_stopping_serve_with_workers_cancels_the_open_streams(
    request: pytest.FixtureRequest,
) -> None:
    """Each worker of ``serve --workers 2`` stops within ``SHUTDOWN_GRACE_S`` although
    scoreboards are still open (they reconnect to the next server)."""
    # Viewers close first on the way out; closing the server's stack by hand stops it while
    # the streams are still open.
    with contextlib.ExitStack() as server, contextlib.ExitStack() as viewers:
        (base,) = server.enter_context(_served_on_postgresql(request, ["--workers", "2"], 1))
        client = viewers.enter_context(httpx.Client(base_url=base, timeout=30))
        match, _, _ = _scoring_setup(client)
        streams = _viewers(viewers, base, match, 4)
        assert [next(seen)["seq"] for seen in streams] == [0] * 4
        began = time.monotonic()
        # Waits (up to 15 s) for the process to end.
        server.close()
        assert time.monotonic() - began < SHUTDOWN_GRACE_S + 5
