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
    first_man = next(p for p in swapped[0] if p in men)
    second_man = next(p for p in swapped[1] if p in men)
    swapped[0][swapped[0].index(first_man)] = second_man
    swapped[1][swapped[1].index(second_man)] = first_man
    scored = organiser.post(f"{url}/score", {"groups": swapped}).json()
    country = {p: c for c, ids in s["people"].items() for p in ids}
    crossing = sum(1 for a, b in swapped if country[a] != country[b])
    assert scored["objective"]["cross_national"] == crossing
    assert bool(scored["violations"]) == (crossing < 4)
    # Two compatriots together break "required": refused, nothing entered.
    bad = [[chn[0], chn[2]], [usa[0], usa[2]]]
    refused = organiser.post(f"{url}/confirm", {"groups": bad})
    assert refused.status_code == 422 and refused.json()["field"] == "groups"
    assert "groups[0]: is not cross-national" in refused.json()["message"]
    in_chinese = organiser.post(
        f"{url}/confirm", {"groups": bad}, headers={"Accept-Language": "zh-CN"}
    ).json()
    assert "groups[0]：不是跨国组合" in in_chinese["localized"]
    assert "cross-national" not in in_chinese["localized"]
    # A re-score's broken rules: English by default, Chinese when the request asks for it.
    english = organiser.post(f"{url}/score", {"groups": bad}).json()["violations"]
    assert "groups[0]: is not cross-national" in english
    chinese = organiser.post(
        f"{url}/score", {"groups": bad}, headers={"Accept-Language": "zh-CN"}
    ).json()["violations"]
    assert "groups[0]：不是跨国组合" in chinese and len(chinese) == len(english)
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


def test_pairing_page_propose_swap_and_confirm(app: Any, organiser: Api) -> None:
    import re

    from fastapi.testclient import TestClient
    from support import ADMIN

    s = mixed_event(organiser)
    browser = TestClient(app)
    token = re.search(r'name="csrf_token" value="([^"]+)"', browser.get("/login").text)
    assert token
    csrf = token.group(1)
    browser.post("/login", data={**ADMIN, "csrf_token": csrf})
    url = "/events/exchange/competitions/XD/pairing"
    assert "8 players can be paired" in browser.get(url).text
    proposed = browser.post(
        url, data={"csrf_token": csrf, "action": "propose", "shared_language": "1"}
    )
    assert proposed.status_code == 200
    cells = dict(
        re.findall(
            r'<select name="(group_\d+_\d+)"[^>]*>.*?<option value="(\d+)" selected',
            proposed.text,
            flags=re.S,
        )
    )
    assert len(cells) == 8
    # Put two compatriot women together by hand: the re-score names the broken rule.
    chn, usa = s["people"]["CHN"], s["people"]["USA"]
    broken = {
        "group_0_0": str(chn[2]),
        "group_0_1": str(chn[3]),
        "group_1_0": str(usa[2]),
        "group_1_1": str(usa[3]),
        "group_2_0": str(chn[0]),
        "group_2_1": str(usa[0]),
        "group_3_0": str(chn[1]),
        "group_3_1": str(usa[1]),
    }
    rescored = browser.post(url, data={"csrf_token": csrf, "action": "rescore", **broken})
    assert 'id="pairing-score"' in rescored.text and 'class="error"' in rescored.text
    assert "groups[0]: is not cross-national" in rescored.text
    in_chinese = browser.post(
        f"{url}?lang=zh_CN", data={"csrf_token": csrf, "action": "rescore", **broken}
    )
    assert "groups[0]：不是跨国组合" in in_chinese.text
    assert "is not cross-national" not in in_chinese.text
    confirmed = browser.post(
        url, data={"csrf_token": csrf, "action": "confirm", **cells}, follow_redirects=False
    )
    assert confirmed.status_code == 303
    entries = organiser.get(f"/api/competitions/{s['xd']['id']}/entries").json()
    assert len(entries) == 4
