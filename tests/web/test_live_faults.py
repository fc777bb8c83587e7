"""The server is killed (SIGKILL) in the middle of scoring and restarted: every point it
acknowledged is in the log, and retries with the same keys add nothing twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from typing import Any

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import select
from support import HOST, add_host

from helpers import free_port, two_sided_match, wait_until_up
from smallball.db.migrate import upgrade
from smallball.db.models import PointEvent
from smallball.db.session import make_engine, session_factory
from smallball.settings import Settings
from smallball.web.app import create_app
from smallball.web.umpire_token import make_token

SECRET = "fault-test"


def prepared_match(url: str) -> tuple[int, str]:
    app = create_app(Settings(database_url=url, secret_key=SECRET))
    try:
        add_host(app.state.services)
        client = TestClient(app)
        csrf = client.post("/api/session", json=HOST).json()
        h = {"X-CSRF-Token": csrf["csrf_token"]}
        made = two_sided_match(
            client,
            h,
            slug="faults",
            entry_kind="player",
            best_of=7,
            sides={"CHN": ["CHN"], "USA": ["USA"]},
            publish=False,
        )
        match = made["match"]
        first = client.get(f"/api/matches/{match['id']}/live").json()["sides"][0][0]["id"]
        return match["id"], first
    finally:
        app.state.engine.dispose()


def start(url: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SMALLBALL_DATABASE_URL": url, "SMALLBALL_SECRET_KEY": SECRET}
    return subprocess.Popen(
        [sys.executable, "-m", "smallball", "serve", "--port", str(port), "--no-migrate"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_sigkill_mid_scoring_loses_no_acknowledged_point(empty_database_url: str) -> None:
    url = empty_database_url
    upgrade(url)
    match_id, first = prepared_match(url)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = {"proc": start(url, port)}
    wait_until_up(base)
    events: list[dict[str, Any]] = [{"type": "toss", "first_server": first}]
    events += [{"type": "rally", "winner": "AB"[i % 3 == 0]} for i in range(59)]
    keys = [uuid.uuid4().hex for _ in events]
    acknowledged: list[int] = []
    killed = threading.Event()

    def kill_and_restart() -> None:
        while len(acknowledged) < 20:
            time.sleep(0.005)
        server["proc"].send_signal(signal.SIGKILL)
        server["proc"].wait()
        killed.set()
        time.sleep(0.5)
        server["proc"] = start(url, port)

    killer = threading.Thread(target=kill_and_restart)
    killer.start()
    headers = {"X-Umpire-Token": make_token(SECRET, match_id, 1)}
    with httpx.Client(base_url=base, timeout=5) as client:
        for seq, (event, key) in enumerate(zip(events, keys, strict=True), start=1):
            while True:  # what the umpire page does: resend the same seq and key until answered
                try:
                    response = client.post(
                        f"/api/matches/{match_id}/log",
                        headers=headers,
                        json={"seq": seq, "key": key, "event": event},
                    )
                except httpx.HTTPError:
                    time.sleep(0.1)
                    continue
                assert response.status_code == 200, response.text
                acknowledged.append(seq)
                break
    killer.join()
    server["proc"].terminate()
    server["proc"].wait(timeout=10)
    assert killed.is_set()
    engine = make_engine(url)
    with session_factory(engine)() as session:
        rows = session.scalars(
            select(PointEvent).where(PointEvent.match_id == match_id).order_by(PointEvent.seq)
        ).all()
    engine.dispose()
    assert [r.seq for r in rows] == list(range(1, len(events) + 1))
    assert [r.idempotency_key for r in rows] == keys
    assert [r.payload for r in rows] == events
    assert acknowledged == list(range(1, len(events) + 1))
