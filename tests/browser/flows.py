"""Data the browser tests start from, made through the API of the app under test."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

ORGANISER = {"email": "host@example.org", "password": "host-password-1"}


def doubles_match(app: Any) -> tuple[int, list[list[str]]]:
    client = TestClient(app)
    csrf = client.post("/api/session", json=ORGANISER).json()["csrf_token"]
    h = {"X-CSRF-Token": csrf}
    event = client.post(
        "/api/events",
        headers=h,
        json={
            "slug": "exchange-doubles",
            "name": {"en": "Exchange"},
            "starts_on": "2026-05-01",
            "ends_on": "2026-05-01",
            "time_zone": "Asia/Shanghai",
        },
    ).json()
    md = client.post(
        f"/api/events/{event['id']}/competitions",
        headers=h,
        json={"code": "MD", "name": {"en": "Men's Doubles"}, "entry_kind": "pair", "best_of": 5},
    ).json()
    for country, names in (("CHN", ["王浩", "李明"]), ("USA", ["Ethan", "Sam"])):
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
            f"/api/competitions/{md['id']}/entries",
            headers=h,
            json={"delegation_id": delegation["id"], "person_ids": ids},
        ).json()
        client.post(f"/api/entries/{entry['id']}/approve", headers=h)
    client.post(
        f"/api/competitions/{md['id']}/draws",
        headers=h,
        json={"stage": "knockout", "random_seed": 1},
    )
    client.post(f"/api/events/{event['id']}/publish", headers=h)
    match = client.get(f"/api/competitions/{md['id']}/matches").json()[0]
    live = client.get(f"/api/matches/{match['id']}/live").json()
    return match["id"], [[p["id"] for p in side] for side in live["sides"]]
