"""Helpers for web tests: a client that sends its CSRF header, and sign-in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient

ADMIN = {"email": "organiser@example.org", "password": "correct horse battery"}
# The administrator of the tests that start real server processes.
HOST = {"email": "host@example.org", "password": "host-password-1"}


def add_host(services: Any) -> None:
    """Create the ``HOST`` administrator through the app's own use case."""
    from smallball.app.users import UserIn, create_user

    services.run(
        None,
        create_user,
        UserIn(email=HOST["email"], display_name="Host", password=HOST["password"], is_admin=True),
    )


def fixed_clock() -> datetime:
    return datetime(2026, 4, 1, 8, 0, tzinfo=UTC)


@dataclass
class Api:
    """A signed-in (or anonymous) client that sends the CSRF header it was given."""

    client: TestClient
    csrf: str = ""

    def get(self, url: str, **kw: Any) -> Any:
        return self.client.get(url, **kw)

    def post(
        self, url: str, json: Any = None, headers: dict[str, str] | None = None, **kw: Any
    ) -> Any:
        sent = {"X-CSRF-Token": self.csrf} if self.csrf else {}
        return self.client.post(url, json=json, headers={**sent, **(headers or {})}, **kw)


def sign_in(app: Any, email: str, password: str) -> Api:
    client = TestClient(app)
    response = client.post("/api/session", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return Api(client, response.json()["csrf_token"])


COUNTRIES = ["CHN", "USA", "JPN", "GER"]


def event_with_players(organiser: Api, n: int, *, groups_first: bool = False) -> dict[str, Any]:
    event = organiser.post(
        "/api/events",
        {
            "slug": "draw-test",
            "name": {"en": "Draw Test"},
            "starts_on": "2026-05-01",
            "ends_on": "2026-05-02",
            "time_zone": "Asia/Shanghai",
        },
    ).json()
    ms = organiser.post(
        f"/api/events/{event['id']}/competitions",
        {"code": "MS", "name": {"en": "Men's Singles"}, "entry_kind": "player", "best_of": 5},
    ).json()
    delegations = {
        c: organiser.post(
            f"/api/events/{event['id']}/delegations",
            {"organisation": {"name": f"{c} association", "kind": "association", "country": c}},
        ).json()
        for c in COUNTRIES
    }
    entries = []
    for i in range(n):
        country = COUNTRIES[i % len(COUNTRIES)]
        member = organiser.post(
            f"/api/delegations/{delegations[country]['id']}/members",
            {
                "person": {
                    "name_native": f"P{i}",
                    "name_latin": f"Player {i}",
                    "gender": "M",
                    "country": country,
                    "rating": 2000 - i,
                }
            },
        ).json()
        entry = organiser.post(
            f"/api/competitions/{ms['id']}/entries",
            {
                "delegation_id": delegations[country]["id"],
                "person_ids": [member["person"]["id"]],
                "seed": i + 1 if i < 2 else None,
            },
        ).json()
        organiser.post(f"/api/entries/{entry['id']}/approve")
        entries.append(entry["id"])
    return {"event": event, "ms": ms, "entries": entries}


def matches(api: Api, competition_id: int) -> dict[str, dict[str, Any]]:
    return {m["code"]: m for m in api.get(f"/api/competitions/{competition_id}/matches").json()}
