"""Events, delegations and entries through the API, with the denials each role meets."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from support import Api, sign_in

from smallball.db.models import AuditRecord, Entry

EVENT = {
    "slug": "friendship-open",
    "name": {"en": "Friendship Open", "zh_CN": "友谊公开赛"},
    "starts_on": "2026-05-01",
    "ends_on": "2026-05-03",
    "time_zone": "Asia/Shanghai",
    "venue": "Beijing Gymnasium",
    "tables": 8,
}


def person(native: str, latin: str, gender: str, country: str, **extra: Any) -> dict[str, Any]:
    return {
        "person": {
            "name_native": native,
            "name_latin": latin,
            "gender": gender,
            "country": country,
            "birth_year": 2000,
            "rating": 1800,
            **extra,
        }
    }


def setup_event(organiser: Api, app: Any) -> dict[str, Any]:
    """An event with men's singles (2 places) and mixed doubles, two delegations."""
    event = organiser.post("/api/events", EVENT).json()
    ms = organiser.post(
        f"/api/events/{event['id']}/competitions",
        {
            "code": "MS",
            "name": {"en": "Men's Singles", "zh_CN": "男子单打"},
            "entry_kind": "player",
            "eligibility": {"gender": "M"},
            "max_entries": 2,
        },
    ).json()
    xd = organiser.post(
        f"/api/events/{event['id']}/competitions",
        {
            "code": "XD",
            "name": {"en": "Mixed Doubles"},
            "entry_kind": "pair",
            "eligibility": {"gender": "mixed", "cross_association": "required"},
        },
    ).json()
    chn = organiser.post(
        f"/api/events/{event['id']}/delegations",
        {
            "organisation": {"name": "Chinese TTA", "kind": "association", "country": "CHN"},
            "leader": {"email": "lead@chn.example", "display_name": "Li"},
        },
    ).json()
    usa = organiser.post(
        f"/api/events/{event['id']}/delegations",
        {
            "organisation": {"name": "USA Table Tennis", "kind": "association", "country": "US"},
            "leader": {"email": "lead@usa.example", "display_name": "Sam"},
        },
    ).json()
    lead_chn = sign_in(app, "lead@chn.example", chn["leader_initial_password"])
    lead_usa = sign_in(app, "lead@usa.example", usa["leader_initial_password"])
    return {
        "event": event,
        "ms": ms,
        "xd": xd,
        "chn": chn,
        "usa": usa,
        "lead_chn": lead_chn,
        "lead_usa": lead_usa,
    }


def test_organiser_builds_an_event_and_the_public_sees_it_once_published(
    organiser: Api, public: Api, app: Any
) -> None:
    s = setup_event(organiser, app)
    assert s["usa"]["organisation"]["country"] == "USA"  # alpha-2 accepted and converted
    assert public.get("/api/events/friendship-open").status_code == 404
    assert public.get("/api/events").json() == []
    organiser.post(f"/api/events/{s['event']['id']}/publish")
    seen = public.get("/api/events/friendship-open").json()
    assert [c["code"] for c in seen["competitions"]] == ["MS", "XD"]
    assert seen["name"]["zh_CN"] == "友谊公开赛"


def test_public_cannot_write(public: Api, organiser: Api, app: Any) -> None:
    s = setup_event(organiser, app)
    organiser.post(f"/api/events/{s['event']['id']}/publish")
    assert public.post("/api/events", EVENT).status_code == 401
    response = public.post(
        f"/api/delegations/{s['chn']['id']}/members", person("王", "Wang", "M", "CHN")
    )
    assert response.status_code == 401


def test_leader_registers_and_enters_own_players_only(organiser: Api, app: Any) -> None:
    s = setup_event(organiser, app)
    lead_chn, lead_usa = s["lead_chn"], s["lead_usa"]
    wang = lead_chn.post(
        f"/api/delegations/{s['chn']['id']}/members", person("王楚", "Wang Chu", "M", "CHN")
    ).json()
    # Another delegation's leader may neither add members nor enter them.
    denied = lead_usa.post(
        f"/api/delegations/{s['chn']['id']}/members", person("李", "Li", "M", "CHN")
    )
    assert denied.status_code == 403
    denied = lead_usa.post(
        f"/api/competitions/{s['ms']['id']}/entries",
        {"delegation_id": s["chn"]["id"], "person_ids": [wang["person"]["id"]]},
    )
    assert denied.status_code == 403
    entry = lead_chn.post(
        f"/api/competitions/{s['ms']['id']}/entries",
        {"delegation_id": s["chn"]["id"], "person_ids": [wang["person"]["id"]]},
    )
    assert entry.status_code == 201, entry.text
    assert entry.json()["status"] == "pending"
    # Only organisers approve.
    assert lead_chn.post(f"/api/entries/{entry.json()['id']}/approve").status_code == 403
    assert organiser.post(f"/api/entries/{entry.json()['id']}/approve").json()["status"] == (
        "approved"
    )


def test_eligibility_is_checked_and_names_the_field(organiser: Api, app: Any) -> None:
    s = setup_event(organiser, app)
    lucy = (
        s["lead_usa"]
        .post(f"/api/delegations/{s['usa']['id']}/members", person("Lucy", "Lucy Park", "F", "USA"))
        .json()
    )
    response = s["lead_usa"].post(
        f"/api/competitions/{s['ms']['id']}/entries",
        {"delegation_id": s["usa"]["id"], "person_ids": [lucy["person"]["id"]]},
    )
    assert response.status_code == 422
    assert response.json()["field"] == "person_ids"
    assert "for men" in response.json()["message"]
    in_chinese = s["lead_usa"].post(
        f"/api/competitions/{s['ms']['id']}/entries",
        {"delegation_id": s["usa"]["id"], "person_ids": [lucy["person"]["id"]]},
        headers={"Accept-Language": "zh-CN"},
    )
    assert in_chinese.json()["localized"] == "Lucy Park：本比赛仅限男子"


def test_cross_national_mixed_pair_entered_by_the_organiser(organiser: Api, app: Any) -> None:
    s = setup_event(organiser, app)
    lin = (
        s["lead_chn"]
        .post(f"/api/delegations/{s['chn']['id']}/members", person("林", "Lin", "M", "CHN"))
        .json()["person"]["id"]
    )
    lily = (
        s["lead_usa"]
        .post(
            f"/api/delegations/{s['usa']['id']}/members", person("Lily", "Lily Zhang", "F", "USA")
        )
        .json()["person"]["id"]
    )
    tom = (
        s["lead_usa"]
        .post(f"/api/delegations/{s['usa']['id']}/members", person("Tom", "Tom Lee", "M", "USA"))
        .json()["person"]["id"]
    )
    # A leader cannot enter a pair across delegations; the organiser can.
    denied = s["lead_usa"].post(
        f"/api/competitions/{s['xd']['id']}/entries",
        {"delegation_id": s["usa"]["id"], "person_ids": [lin, lily]},
    )
    assert denied.status_code == 403
    same_country = organiser.post(
        f"/api/competitions/{s['xd']['id']}/entries", {"person_ids": [tom, lily]}
    )
    assert same_country.status_code == 422
    assert "two associations" in same_country.json()["message"]
    ok = organiser.post(f"/api/competitions/{s['xd']['id']}/entries", {"person_ids": [lin, lily]})
    assert ok.status_code == 201, ok.text
    assert {p["country"] for p in ok.json()["players"]} == {"CHN", "USA"}


def test_waiting_list_fills_a_withdrawn_place(organiser: Api, app: Any) -> None:
    s = setup_event(organiser, app)
    ids = []
    for i in range(3):
        member = (
            s["lead_chn"]
            .post(
                f"/api/delegations/{s['chn']['id']}/members",
                person(f"选手{i}", f"Player {i}", "M", "CHN"),
            )
            .json()
        )
        entry = (
            s["lead_chn"]
            .post(
                f"/api/competitions/{s['ms']['id']}/entries",
                {"delegation_id": s["chn"]["id"], "person_ids": [member["person"]["id"]]},
            )
            .json()
        )
        ids.append(entry["id"])
    statuses = [organiser.post(f"/api/entries/{i}/approve").json()["status"] for i in ids]
    assert statuses == ["approved", "approved", "waiting"]
    s["lead_chn"].post(f"/api/entries/{ids[0]}/withdraw")
    entries = {
        e["id"]: e for e in organiser.get(f"/api/competitions/{s['ms']['id']}/entries").json()
    }
    assert entries[ids[0]]["status"] == "withdrawn"
    assert entries[ids[2]]["status"] == "approved"


def test_a_refused_entry_changes_nothing(organiser: Api, app: Any) -> None:
    s = setup_event(organiser, app)
    wang = (
        s["lead_chn"]
        .post(f"/api/delegations/{s['chn']['id']}/members", person("王", "Wang", "M", "CHN"))
        .json()["person"]["id"]
    )
    factory = app.state.services.factory
    with factory() as session:
        audits = session.scalar(select(func.count()).select_from(AuditRecord))
    response = organiser.post(
        f"/api/competitions/{s['ms']['id']}/entries", {"person_ids": [wang, 99999]}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "person_ids[1]"
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(Entry)) == 0
        assert session.scalar(select(func.count()).select_from(AuditRecord)) == audits


def test_cookie_writes_need_the_csrf_header(organiser: Api) -> None:
    response = organiser.client.post("/api/events", json=EVENT)
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_api_tokens_for_scripts(organiser: Api, app: Any) -> None:
    from fastapi.testclient import TestClient

    token = organiser.post("/api/tokens", {"name": "federation script"}).json()["token"]
    script = TestClient(app)
    created = script.post("/api/events", json=EVENT, headers={"Authorization": f"Bearer {token}"})
    assert created.status_code == 201, created.text
    bad = script.get("/api/events", headers={"Authorization": "Bearer sb_wrong"})
    assert bad.status_code == 403


def test_bad_input_names_the_field(organiser: Api) -> None:
    response = organiser.post("/api/events", {**EVENT, "time_zone": "Mars/Olympus"})
    assert response.status_code == 422
    assert response.json()["field"] == "time_zone"
    assert "unknown time zone" in response.json()["message"]
    response = organiser.post("/api/events", {**EVENT, "ends_on": "2026-04-01"})
    assert response.status_code == 422
    assert "ends_on is before starts_on" in response.json()["detail"]


@pytest.mark.parametrize("path", ["²", "٣", "99999999999999999999"])
def test_an_event_path_that_is_no_id_is_not_found(organiser: Api, path: str) -> None:
    # Digits int() refuses, or an id no column holds: looked up as a slug, found nowhere.
    for url in (f"/api/events/{path}", f"/api/events/{path}/results.csv"):
        response = organiser.get(url)
        assert response.status_code == 404, (url, response.text)
