"""Data the browser tests start from, made through the API of the app under test."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from helpers import two_sided_match

ORGANISER = {"email": "host@example.org", "password": "host-password-1"}


def doubles_match(app: Any) -> tuple[int, list[list[str]]]:
    client = TestClient(app)
    csrf = client.post("/api/session", json=ORGANISER).json()["csrf_token"]
    h = {"X-CSRF-Token": csrf}
    made = two_sided_match(
        client,
        h,
        slug="exchange-doubles",
        entry_kind="pair",
        best_of=5,
        sides={"CHN": ["王浩", "李明"], "USA": ["Ethan", "Sam"]},
    )
    match = made["match"]
    live = client.get(f"/api/matches/{match['id']}/live").json()
    return match["id"], [[p["id"] for p in side] for side in live["sides"]]
