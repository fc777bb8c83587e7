"""Helpers for web tests: a client that sends its CSRF header, and sign-in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient

ADMIN = {"email": "organiser@example.org", "password": "correct horse battery"}


def fixed_clock() -> datetime:
    return datetime(2026, 4, 1, 8, 0, tzinfo=UTC)


@dataclass
class Api:
    """A signed-in (or anonymous) client that sends the CSRF header it was given."""

    client: TestClient
    csrf: str = ""

    def get(self, url: str, **kw: Any) -> Any:
        return self.client.get(url, **kw)

    def post(self, url: str, json: Any = None, **kw: Any) -> Any:
        headers = {"X-CSRF-Token": self.csrf} if self.csrf else {}
        return self.client.post(url, json=json, headers=headers, **kw)


def sign_in(app: Any, email: str, password: str) -> Api:
    client = TestClient(app)
    response = client.post("/api/session", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return Api(client, response.json()["csrf_token"])
