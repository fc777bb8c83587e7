"""The competition page: draw form, group tables, the bracket as SVG, results by form."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient
from support import ADMIN, Api, event_with_players, matches


def browser_for(app: Any) -> tuple[TestClient, str]:
    browser = TestClient(app)
    token = re.search(r'name="csrf_token" value="([^"]+)"', browser.get("/login").text)
    assert token
    browser.post("/login", data={**ADMIN, "csrf_token": token.group(1)})
    return browser, token.group(1)


def test_knockout_bracket_is_drawn_and_results_recorded_by_form(app: Any, organiser: Api) -> None:
    s = event_with_players(organiser, 4)
    browser, csrf = browser_for(app)
    page = "/events/draw-test/competitions/MS"
    made = browser.post(
        f"{page}/draw",
        data={"csrf_token": csrf, "stage": "knockout", "policy": "separate"},
        follow_redirects=True,
    )
    assert made.status_code == 200
    assert 'data-code="KO-R1-1"' in made.text and 'data-code="KO-R2-1"' in made.text
    first = matches(organiser, s["ms"]["id"])["KO-R1-1"]
    done = browser.post(
        f"/matches/{first['id']}/result",
        data={"csrf_token": csrf, "score": "11-7 9-11 11-5 11-8"},
        headers={"referer": page},
        follow_redirects=True,
    )
    assert done.status_code == 200
    assert "11-7, 9-11, 11-5, 11-8" in done.text
    final = matches(organiser, s["ms"]["id"])["KO-R2-1"]
    assert first["entry_a_id"] in (final["entry_a_id"], final["entry_b_id"])
    bad = browser.post(
        f"/matches/{first['id']}/result",
        data={"csrf_token": csrf, "score": "11-7 9-11", "reason": "typo"},
        headers={"referer": page},
        follow_redirects=True,
    )
    assert "result" in bad.text and 'role="alert"' in bad.text


def test_group_tables_show_the_standings(app: Any, organiser: Api) -> None:
    s = event_with_players(organiser, 6)
    organiser.post(
        f"/api/competitions/{s['ms']['id']}/draws",
        {"stage": "groups", "groups": 2, "random_seed": 5},
    )
    for m in matches(organiser, s["ms"]["id"]).values():
        organiser.post(f"/api/matches/{m['id']}/result", {"games": [[11, 3], [11, 3], [11, 3]]})
    organiser.post(f"/api/events/{s['event']['id']}/publish")
    page = TestClient(app).get("/events/draw-test/competitions/MS?lang=zh_CN")
    assert page.status_code == 200
    assert page.text.count('class="card group"') == 2
    assert "小组 1" in page.text
    assert 'name="score"' not in page.text  # visitors get no result forms
    # How ties were broken: in Chinese, the entries by their players' names, not their ids.
    steps = [block.split("</details>")[0] for block in page.text.split("同分如何排名")[1:]]
    assert len(steps) == 2
    for block in steps:
        text = re.sub(r"<[^>]+>", " ", block)
        assert re.search(r"积分：P\d 3、P\d 3、P\d 3。", text) and "抽签" in text
        assert re.findall(r"[A-Za-z]{2,}", text) == []
    english = TestClient(app).get("/events/draw-test/competitions/MS?lang=en").text
    # Each wins once as the first named: a circle of three, which only a lot can order.
    assert len(re.findall(r"Match points: P\d 3, P\d 3, P\d 3\.", english)) == 2
    assert english.count("their order must be decided by lot") == 2
    # The standings API: the same steps, English unless the request names a language.
    api = f"/api/competitions/{s['ms']['id']}/standings"
    groups = organiser.get(api).json()
    steps = [step for g in groups for step in g["steps"]]
    assert sum("decided by lot" in step for step in steps) == 2
    # The steps name the entries as the page does; ``names`` maps each entry id to its name.
    for g in groups:
        assert sorted(g["names"]) == sorted(g["entries"])
        points = ", ".join(f"{g['names'][row['entry']]} 3" for row in g["standings"])
        assert f"Match points: {points}." in g["steps"]
    chinese = organiser.get(api, headers={"accept-language": "zh-CN"}).json()
    assert len([step for g in chinese for step in g["steps"] if "抽签" in step]) == 2


def test_a_refusal_with_a_name_in_it_is_shown_in_the_readers_language(
    app: Any, organiser: Api
) -> None:
    s = event_with_players(organiser, 4)
    browser, csrf = browser_for(app)
    page = "/events/draw-test/competitions/MS"
    browser.post(f"{page}/draw", data={"csrf_token": csrf, "stage": "knockout"})
    first = matches(organiser, s["ms"]["id"])["KO-R1-1"]
    browser.post(
        f"/matches/{first['id']}/result",
        data={"csrf_token": csrf, "score": "11-7 11-9 11-5"},
        headers={"referer": page},
    )
    redraw = {"csrf_token": csrf, "stage": "knockout"}
    chinese = browser.post(
        f"{page}/draw", data=redraw, headers={"accept-language": "zh-CN"}, follow_redirects=True
    )
    # The stage is a word of the catalogue, so it is translated with the sentence.
    assert "stage: 淘汰赛 已录入成绩，不能重新抽签" in chinese.text
    english = browser.post(
        f"{page}/draw", data=redraw, headers={"accept-language": "en"}, follow_redirects=True
    )
    assert "stage: results are recorded in the knockout already; no redraw" in english.text
    final = matches(organiser, s["ms"]["id"])["KO-R2-1"]
    early = browser.post(
        f"/matches/{final['id']}/result",
        data={"csrf_token": csrf, "score": "11-7 11-9 11-5"},
        headers={"referer": page, "accept-language": "zh-CN"},
        follow_redirects=True,
    )
    assert "本场比赛的双方尚未确定" in early.text


def test_a_draw_the_engine_refuses_is_explained_in_the_readers_language(
    app: Any, organiser: Api
) -> None:
    s = event_with_players(organiser, 4)
    browser, csrf = browser_for(app)
    refused = browser.post(
        "/events/draw-test/competitions/MS/draw",
        data={"csrf_token": csrf, "stage": "groups", "groups": "3"},
        headers={"accept-language": "zh-CN"},
        follow_redirects=True,
    )
    assert "groups: 分 3 个小组至少需要 6 个报名" in refused.text
    assert matches(organiser, s["ms"]["id"]) == {}  # nothing was drawn


def test_a_double_walkover_is_recorded_by_form_and_shown_as_one(app: Any, organiser: Api) -> None:
    s = event_with_players(organiser, 6)
    organiser.post(
        f"/api/competitions/{s['ms']['id']}/draws",
        {"stage": "groups", "groups": 2, "random_seed": 5},
    )
    browser, csrf = browser_for(app)
    page = "/events/draw-test/competitions/MS"
    first = sorted(matches(organiser, s["ms"]["id"]).values(), key=lambda m: m["code"])[0]
    done = browser.post(
        f"/matches/{first['id']}/result",
        data={"csrf_token": csrf, "score": "w/o both"},
        headers={"referer": page},
        follow_redirects=True,
    )
    assert done.status_code == 200 and 'role="alert"' not in done.text
    recorded = matches(organiser, s["ms"]["id"])[first["code"]]
    assert (recorded["status"], recorded["winner_entry_id"]) == ("walkover", None)
    assert done.text.count("double walkover") == 1
    chinese = browser.get(f"{page}?lang=zh_CN").text
    assert chinese.count("双方弃权") == 1
    # Only a walkover can be "both": a retirement names the side that stopped.
    refused = browser.post(
        f"/matches/{first['id']}/result",
        data={"csrf_token": csrf, "score": "ret both", "reason": "misread"},
        headers={"referer": page, "accept-language": "zh-CN"},
        follow_redirects=True,
    )
    assert 'role="alert"' in refused.text
