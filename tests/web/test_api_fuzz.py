"""Schemathesis sends generated requests to every API operation of the OpenAPI document:
bad input must always get a clear 4xx answer, never a server error."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from smallball.app.users import UserIn, create_user
from smallball.db.migrate import upgrade
from smallball.settings import Settings
from smallball.web.app import create_app

# The schema is read when the module is collected, so the app is built here, once.
_DIR = Path(tempfile.mkdtemp(prefix="smallball-fuzz-"))
_URL = f"sqlite:///{_DIR / 'fuzz.sqlite3'}"
upgrade(_URL)
APP = create_app(Settings(database_url=_URL, secret_key="fuzz"))
APP.state.services.run(
    None,
    create_user,
    UserIn(email="fuzz@example.org", display_name="Fuzz", password="fuzz-password", is_admin=True),
)
_client = TestClient(APP)
_csrf = _client.post(
    "/api/session", json={"email": "fuzz@example.org", "password": "fuzz-password"}
).json()["csrf_token"]
TOKEN = _client.post("/api/tokens", json={"name": "fuzz"}, headers={"X-CSRF-Token": _csrf}).json()[
    "token"
]
_event = _client.post(
    "/api/events",
    headers={"Authorization": f"Bearer {TOKEN}"},
    json={
        "slug": "fuzz-open",
        "name": {"en": "Fuzz"},
        "starts_on": "2026-05-01",
        "ends_on": "2026-05-01",
        "time_zone": "UTC",
    },
).json()

schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP).exclude(
    path_regex="^/api/live/"  # endless event streams are tested on a real server
)


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_request_makes_a_server_error(case: Any) -> None:
    for headers in ({}, {"Authorization": f"Bearer {TOKEN}"}):
        response = case.call(headers=headers)
        assert response.status_code < 500, (case.method, case.formatted_path, response.text)
        if response.status_code == 422:
            assert response.json().get("detail"), response.text
