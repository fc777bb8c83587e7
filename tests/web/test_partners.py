"""Cross-national mixed pairs: proposed by the pairing core, changed by hand, confirmed."""

from __future__ import annotations

from typing import Any

from support import Api


def mixed_event(organiser: Api) -> dict[str, Any]:
    event = organiser.post(
        "/api/events",
        {
            "slug": "exchange",
            "name": {"en": "Exchange"},
            "starts_on": "2026-05-01",
            "ends_on": "2026-05-01",
            "time_zone": "UTC",
        },
    ).json()
    xd = organiser.post(
        f"/api/events/{event['id']}/competitions",
        {
            "code": "XD",
            "name": {"en": "Mixed"},
            "entry_kind": "pair",
            "eligibility": {"gender": "mixed", "cross_association": "required"},
        },
    ).json()
    people: dict[str, list[int]] = {"CHN": [], "USA": []}
    for country in people:
        delegation = organiser.post(
            f"/api/events/{event['id']}/delegations",
            {"organisation": {"name": country, "kind": "university", "country": country}},
        ).json()
        for i, gender in enumerate("MMFF"):
            member = organiser.post(
                f"/api/delegations/{delegation['id']}/members",
                {
                    "person": {
                        "name_native": f"{country}{i}",
                        "name_latin": f"{country} {i}",
                        "gender": gender,
                        "country": country,
                        "rating": 1500 + 100 * i,
                        "languages": ["en"],
                    }
                },
            ).json()
            people[country].append(member["person"]["id"])
    return {"event": event, "xd": xd, "people": people}


def test_propose_rescore_and_confirm(organiser: Api) -> None:
    s = mixed_event(organiser)
    url = f"/api/competitions/{s['xd']['id']}/pairing"
    proposal = organiser.post(f"{url}/proposal", {"time_limit_s": 2}).json()
    assert len(proposal["groups"]) == 4 and proposal["unassigned"] == []
    assert proposal["objective"]["cross_national"] == 4
    groups = [[int(p) for p in g] for g in proposal["groups"]]
    # Swap two men between pairs by hand: still legal, and re-scored.
    swapped = [list(g) for g in groups]
    chn, usa = s["people"]["CHN"], s["people"]["USA"]
    men = set(chn[:2] + usa[:2])
    first_man = [p for p in swapped[0] if p in men][0]
    second_man = [p for p in swapped[1] if p in men][0]
    swapped[0][swapped[0].index(first_man)] = second_man
    swapped[1][swapped[1].index(second_man)] = first_man
    scored = organiser.post(f"{url}/score", {"groups": swapped}).json()
    assert "objective" in scored or "score" in scored
    # Two compatriots together break "required": refused, nothing entered.
    bad = [[chn[0], chn[2]], [usa[0], usa[2]]]
    refused = organiser.post(f"{url}/confirm", {"groups": bad})
    assert refused.status_code == 422 and refused.json()["field"] == "groups"
    assert organiser.get(f"/api/competitions/{s['xd']['id']}/entries").json() == []
    created = organiser.post(f"{url}/confirm", {"groups": groups})
    assert created.status_code == 201, created.text
    entries = organiser.get(f"/api/competitions/{s['xd']['id']}/entries").json()
    assert len(entries) == 4 and {e["status"] for e in entries} == {"approved"}
    for entry in entries:
        assert len({p["country"] for p in entry["players"]}) == 2
        assert sorted(p["gender"] for p in entry["players"]) == ["F", "M"]
    # Entered players are not proposed again.
    again = organiser.post(f"{url}/proposal", {"time_limit_s": 1}).json()
    assert again["groups"] == []
