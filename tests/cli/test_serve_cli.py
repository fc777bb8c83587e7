from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import httpx

from helpers import free_port, wait_until_up
from smallball.web.app import SHUTDOWN_GRACE_S


def test_several_workers_are_refused_on_sqlite(tmp_path: Path) -> None:
    """On SQLite a point reaches only the scoreboards of its own process, so one process."""
    db = tmp_path / "serve.sqlite3"
    env = {**os.environ, "SMALLBALL_DATABASE_URL": f"sqlite:///{db}"}
    done = subprocess.run(
        [sys.executable, "-m", "smallball", "serve", "--workers", "2", "--port", "1"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: --workers: more than one app process needs PostgreSQL"
    ]
    assert not db.exists()  # refused before touching the database
    in_chinese = subprocess.run(
        [sys.executable, "-m", "smallball", "serve", "--workers", "2", "--port", "1"],
        env={**env, "SMALLBALL_LANG": "zh_CN"},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert in_chinese.returncode == 2
    assert in_chinese.stderr.strip() == "错误: --workers: 多个应用进程需要 PostgreSQL"


def test_a_stop_does_not_wait_for_the_open_scoreboards(tmp_path: Path) -> None:
    """A live stream never ends by itself: ``serve`` used to wait, on SIGTERM, until every
    scoreboard was closed. It now cancels them after ``SHUTDOWN_GRACE_S`` and exits."""
    db = tmp_path / "demo.sqlite3"
    subprocess.run(
        [sys.executable, "-m", "smallball", "demo", "--database", str(db), "--no-serve"],
        capture_output=True,
        check=True,
        timeout=120,
    )
    with closing(sqlite3.connect(db)) as connection:
        (event_id,) = connection.execute("SELECT min(id) FROM event").fetchone()
    port = free_port()
    env = {**os.environ, "SMALLBALL_DATABASE_URL": f"sqlite:///{db}"}
    server = subprocess.Popen(
        [sys.executable, "-m", "smallball", "serve", "--no-migrate", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base)
        with (
            httpx.Client(base_url=base, timeout=30) as client,
            client.stream("GET", f"/api/live/events/{event_id}") as stream,
        ):
            assert stream.status_code == 200
            # Held: a dropped line iterator closes the stream, and the test would prove nothing.
            lines = stream.iter_lines()
            assert next(lines) == "retry: 1000"
            began = time.monotonic()
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=SHUTDOWN_GRACE_S + 10)
            stopped = time.monotonic() - began
        assert stopped < SHUTDOWN_GRACE_S + 5
        # uvicorn raises the signal again once it has shut down: dying of it is a clean stop.
        assert server.returncode in (0, -signal.SIGTERM)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
