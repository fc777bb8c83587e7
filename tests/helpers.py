"""Helpers shared by test directories: a real server for an app on a free port, and the
command line run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def smallball(
    *args: str, data: Any = None, timeout: float | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m smallball ARGS`` in a process of its own, ``data`` on standard input (JSON,
    or text as given)."""
    text = data if data is None or isinstance(data, str) else json.dumps(data)
    return subprocess.run(
        [sys.executable, "-m", "smallball", *args],
        input=text,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def wait_until_up(base: str) -> None:
    """Wait (up to 30 s) until a server started as a process answers its event list."""
    import time

    import httpx

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/events", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    pytest.fail(f"{base} did not start")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(app: object) -> Iterator[str]:
    """Serve an ASGI app on a free port in a thread; yields its base URL."""
    import threading
    import time

    import uvicorn

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            app,  # type: ignore[arg-type]
            host="127.0.0.1",
            port=port,
            log_level="warning",
            # Pages left open keep their live streams: cancel them, as ``smallball serve`` does.
            timeout_graceful_shutdown=1,
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        if thread.is_alive():
            pytest.fail("the test server did not stop")


def fresh_pg_database(admin_url: str) -> Iterator[str]:
    """Create a database for one test and drop it afterwards; yields its URL."""
    name = f"smallball_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def two_sided_match(
    client: Any,
    headers: dict[str, str],
    *,
    slug: str,
    entry_kind: str,
    best_of: int,
    sides: dict[str, list[str]],
    publish: bool = True,
) -> dict[str, Any]:
    """Through the API: an event with one competition, one entry per country (named players),
    a knockout draw of them; returns the event, competition and first match."""
    h = headers
    event = client.post(
        "/api/events",
        headers=h,
        json={
            "slug": slug,
            "name": {"en": slug.title()},
            "starts_on": "2026-05-01",
            "ends_on": "2026-05-01",
            "time_zone": "Asia/Shanghai",
        },
    ).json()
    competition = client.post(
        f"/api/events/{event['id']}/competitions",
        headers=h,
        json={
            "code": "MD" if entry_kind == "pair" else "MS",
            "name": {"en": "Final"},
            "entry_kind": entry_kind,
            "best_of": best_of,
        },
    ).json()
    for country, names in sides.items():
        delegation = client.post(
            f"/api/events/{event['id']}/delegations",
            headers=h,
            json={"organisation": {"name": country, "kind": "club", "country": country}},
        ).json()
        ids = [
            client.post(
                f"/api/delegations/{delegation['id']}/members",
                headers=h,
                json={
                    "person": {"name_native": n, "name_latin": n, "gender": "M", "country": country}
                },
            ).json()["person"]["id"]
            for n in names
        ]
        entry = client.post(
            f"/api/competitions/{competition['id']}/entries",
            headers=h,
            json={"delegation_id": delegation["id"], "person_ids": ids},
        ).json()
        client.post(f"/api/entries/{entry['id']}/approve", headers=h)
    client.post(
        f"/api/competitions/{competition['id']}/draws",
        headers=h,
        json={"stage": "knockout", "random_seed": 1},
    )
    if publish:
        client.post(f"/api/events/{event['id']}/publish", headers=h)
    match = client.get(f"/api/competitions/{competition['id']}/matches").json()[0]
    return {"event": event, "competition": competition, "match": match}


def english_left(said: object, lang: str = "zh_CN") -> list[str]:
    """The English words left in a result's sentence (``words.Said``) worded in ``lang``: its
    values (ids, names, numbers) taken out, whatever Latin letters remain were not translated."""
    import re

    from smallball.i18n import translations
    from smallball.words import Said, localize

    assert isinstance(said, Said), f"{said!r} is plain text, not a sentence to translate"
    shown = str(localize(said, translations(lang).gettext))

    def values(value: object) -> Iterator[str]:
        if isinstance(value, Said):
            for param in value.params.values():
                yield from values(param)
        elif isinstance(value, tuple):
            for item in value:
                yield from values(item)
        else:
            yield str(value)

    for value in sorted(values(said), key=len, reverse=True):
        shown = shown.replace(value, " ")
    return re.findall(r"[A-Za-z]{2,}", shown.replace("groups[", ""))
