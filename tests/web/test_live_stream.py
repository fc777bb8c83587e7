"""Server-sent events from a real server: the scoreboard follows every point."""

from __future__ import annotations

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
from support import Api, event_with_players, matches

from helpers import free_port, fresh_pg_database, serving

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


@pytest.mark.skipif("postgresql" not in BACKENDS, reason="needs SMALLBALL_TEST_PG_URL")
def test_two_app_processes_share_live_updates_through_postgresql(
    request: pytest.FixtureRequest,
) -> None:
    from smallball.app.context import Services
    from smallball.app.users import UserIn, create_user
    from smallball.db.migrate import upgrade
    from smallball.db.session import make_engine, session_factory

    admin = request.getfixturevalue("_pg_admin_url")
    databases = fresh_pg_database(admin)
    url = next(databases)
    try:
        upgrade(url)
        engine = make_engine(url)
        Services(session_factory(engine)).run(
            None,
            create_user,
            UserIn(
                email="host@example.org",
                display_name="Host",
                password="host-password-1",
                is_admin=True,
            ),
        )
        engine.dispose()
        env = {**os.environ, "SMALLBALL_DATABASE_URL": url, "SMALLBALL_SECRET_KEY": "two"}
        ports = [free_port(), free_port()]
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "smallball", "serve", "--port", str(p), "--no-migrate"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for p in ports
        ]
        try:
            one, two = (f"http://127.0.0.1:{p}" for p in ports)
            for base in (one, two):
                _wait_until_up(base)
            with (
                httpx.Client(base_url=one, timeout=10) as c1,
                httpx.Client(base_url=two, timeout=10) as c2,
            ):
                session = c1.post(
                    "/api/session",
                    json={"email": "host@example.org", "password": "host-password-1"},
                ).json()
                organiser = Api(_Shim(c1), session["csrf_token"])  # type: ignore[arg-type]
                _, match = prepare(organiser)
                token = organiser.post("/api/tokens", {"name": "x"}).json()["token"]
                first = c1.get(f"/api/matches/{match['id']}/live").json()["sides"][0][0]["id"]
                with c2.stream("GET", f"/api/live/matches/{match['id']}") as stream:
                    seen = frames(stream.iter_lines())
                    assert next(seen)["seq"] == 0
                    posted = c1.post(
                        f"/api/matches/{match['id']}/log",
                        headers={"Authorization": f"Bearer {token}"},
                        json={
                            "seq": 1,
                            "key": uuid.uuid4().hex,
                            "event": {"type": "toss", "first_server": first},
                        },
                    )
                    assert posted.status_code == 200, posted.text
                    assert next(seen)["seq"] == 1  # scored on process one, seen on two
        finally:
            for proc in procs:
                proc.terminate()
                proc.wait(timeout=10)
    finally:
        next(databases, None)


class _Shim:
    """Lets the API helper drive an httpx client against a real server."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def get(self, url: str, **kw: Any) -> Any:
        return self.client.get(url, **kw)

    def post(self, url: str, **kw: Any) -> Any:
        return self.client.post(url, **kw)


def _wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/events", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    pytest.fail(f"{base} did not start")
