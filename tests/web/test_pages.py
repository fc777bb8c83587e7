"""HTML pages in both languages, and the forms behind the organiser's and leaders' work."""

from __future__ import annotations

import base64
import html
import re
from typing import Any

from fastapi.testclient import TestClient
from support import ADMIN, Api

EVENT = {
    "slug": "friendship-open",
    "name": {"en": "Friendship Open", "zh_CN": "友谊公开赛"},
    "starts_on": "2026-05-01",
    "ends_on": "2026-05-03",
    "time_zone": "Asia/Shanghai",
}


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def test_home_page_in_chinese_from_query_and_then_cookie(app: Any, organiser: Api) -> None:
    event = organiser.post("/api/events", EVENT).json()
    organiser.post(f"/api/events/{event['id']}/publish")
    visitor = TestClient(app)
    page = visitor.get("/?lang=zh_CN")
    assert page.status_code == 200
    assert "友谊公开赛" in page.text and "赛事" in page.text
    assert visitor.cookies.get("smallball_lang") == "zh_CN"
    again = visitor.get("/")
    assert "登录" in again.text  # still Chinese, from the cookie
    english = TestClient(app).get("/", headers={"Accept-Language": "en-GB"})
    assert "Friendship Open" in english.text and "Sign in" in english.text


def test_country_names_follow_the_language(app: Any, organiser: Api) -> None:
    event = organiser.post("/api/events", EVENT).json()
    organiser.post(
        f"/api/events/{event['id']}/delegations",
        {"organisation": {"name": "USA Table Tennis", "kind": "association", "country": "USA"}},
    )
    organiser.post(f"/api/events/{event['id']}/publish")
    visitor = TestClient(app)
    assert "美国" in visitor.get("/events/friendship-open?lang=zh_CN").text
    assert "United States" in visitor.get("/events/friendship-open?lang=en").text


def test_unpublished_event_page_is_not_found_for_the_public(app: Any, organiser: Api) -> None:
    organiser.post("/api/events", EVENT)
    assert TestClient(app).get("/events/friendship-open").status_code == 404


def test_sign_in_form_and_create_event_form(app: Any) -> None:
    browser = TestClient(app)
    token = csrf_of(browser.get("/login").text)
    wrong = browser.post(
        "/login", data={"email": ADMIN["email"], "password": "nope", "csrf_token": token}
    )
    assert wrong.status_code == 401 and "wrong email or password" in wrong.text
    signed = browser.post("/login", data={**ADMIN, "csrf_token": token}, follow_redirects=False)
    assert signed.status_code == 303
    form = browser.get("/events/new").text
    created = browser.post(
        "/events/new",
        data={
            "csrf_token": csrf_of(form),
            "slug": "campus-cup",
            "name_en": "Campus Cup",
            "name_zh": "校园杯",
            "starts_on": "2026-06-01",
            "ends_on": "2026-06-02",
            "time_zone": "Europe/Berlin",
            "tables": "4",
        },
        follow_redirects=True,
    )
    assert created.status_code == 200
    assert "Campus Cup" in created.text


def test_form_errors_are_shown_and_nothing_is_written(app: Any) -> None:
    browser = TestClient(app)
    token = csrf_of(browser.get("/login").text)
    browser.post("/login", data={**ADMIN, "csrf_token": token})
    form = browser.get("/events/new").text
    page = browser.post(
        "/events/new",
        data={
            "csrf_token": csrf_of(form),
            "slug": "bad",
            "name_en": "Bad",
            "starts_on": "2026-06-02",
            "ends_on": "2026-06-01",
            "time_zone": "Nowhere/City",
        },
        follow_redirects=True,
    )
    assert "unknown time zone" in page.text
    assert "Bad" not in browser.get("/").text


def test_forms_without_csrf_token_are_refused(app: Any) -> None:
    browser = TestClient(app)
    token = csrf_of(browser.get("/login").text)
    browser.post("/login", data={**ADMIN, "csrf_token": token})
    page = browser.post(
        "/events/new",
        data={
            "slug": "x-cup",
            "name_en": "X",
            "starts_on": "2026-06-01",
            "ends_on": "2026-06-01",
            "time_zone": "UTC",
        },
        follow_redirects=True,
    )
    assert "the form has expired" in page.text


def test_player_page_shows_matches_and_record(app: Any, organiser: Api) -> None:
    from support import event_with_players, matches

    s = event_with_players(organiser, 4)
    organiser.post(
        f"/api/competitions/{s['ms']['id']}/draws", {"stage": "knockout", "random_seed": 4}
    )
    ko = matches(organiser, s["ms"]["id"])
    organiser.post(
        f"/api/matches/{ko['KO-R1-1']['id']}/result", {"games": [[11, 4], [11, 5], [11, 6]]}
    )
    entries = {
        e["id"]: e for e in organiser.get(f"/api/competitions/{s['ms']['id']}/entries").json()
    }
    winner = entries[ko["KO-R1-1"]["entry_a_id"]]["players"][0]
    loser = entries[ko["KO-R1-1"]["entry_b_id"]]["players"][0]
    visitor = TestClient(app)
    assert visitor.get(f"/players/{winner['id']}").status_code == 404  # not published yet
    organiser.post(f"/api/events/{s['event']['id']}/publish")
    page = visitor.get(f"/players/{winner['id']}").text
    assert winner["name_native"] in page and "KO-R1-1" in page and "11-4, 11-5, 11-6" in page
    assert "Won 1 · Lost 0" in " ".join(page.split())
    other = visitor.get(f"/players/{loser['id']}").text
    assert "4-11, 5-11, 6-11" in other  # scores read from the player's own side


def test_refusals_on_pages_are_in_the_readers_language(app: Any, organiser: Api) -> None:
    from smallball.app.users import UserIn, create_user

    app.state.services.run(
        None,
        create_user,
        UserIn(email="guest@example.org", display_name="Guest", password="guest-password"),
    )
    browser = TestClient(app, cookies={"smallball_lang": "zh_CN"})
    token = csrf_of(browser.get("/login").text)
    browser.post(
        "/login",
        data={"email": "guest@example.org", "password": "guest-password", "csrf_token": token},
    )
    page = browser.post(
        "/events/new",
        data={
            "csrf_token": token,
            "slug": "guest-cup",
            "name_en": "Guest Cup",
            "starts_on": "2026-06-01",
            "ends_on": "2026-06-01",
            "time_zone": "UTC",
        },
        follow_redirects=True,
    )
    assert "只有网站管理员可以创建赛事" in page.text


def test_import_page_previews_then_writes_all_lines(app: Any, organiser: Api) -> None:
    event = organiser.post("/api/events", EVENT).json()
    organiser.post(
        f"/api/events/{event['id']}/competitions",
        {
            "code": "MS",
            "name": {"en": "Men's Singles"},
            "entry_kind": "player",
            "eligibility": {"gender": "M"},
        },
    )
    browser = TestClient(app)
    token = csrf_of(browser.get("/login").text)
    browser.post("/login", data={**ADMIN, "csrf_token": token})
    header = "delegation,country,name_native,name_latin,gender,competition"
    bad = f"{header}\nChinese TTA,CHN,王楚,Wang Chu,M,MS\nUSA TT,Atlantis,Kanak,Kanak Jha,M,MS\n"
    checked = browser.post(
        "/events/friendship-open/import",
        data={"csrf_token": token},
        files={"file": ("entries.csv", bad.encode(), "text/csv")},
    )
    assert "Atlantis" in checked.text and "Import all lines" not in checked.text
    good = f"{header}\nChinese TTA,CHN,王楚,Wang Chu,M,MS\nUSA TT,USA,Kanak,Kanak Jha,M,MS\n"
    checked = browser.post(
        "/events/friendship-open/import",
        data={"csrf_token": token},
        files={"file": ("entries.csv", good.encode(), "text/csv")},
    )
    assert "Import all lines" in checked.text
    carried = re.search(r'name="content" value="([^"]+)"', checked.text)
    assert carried
    written = browser.post(
        "/events/friendship-open/import",
        data={
            "csrf_token": token,
            "action": "commit",
            "filename": "entries.csv",
            "content": carried.group(1),
        },
    )
    assert "2 lines written" in written.text
    competition = organiser.get("/api/events/friendship-open").json()["competitions"][0]
    entries = organiser.get(f"/api/competitions/{competition['id']}/entries").json()
    assert sorted(e["players"][0]["name_latin"] for e in entries) == ["Kanak Jha", "Wang Chu"]


def test_import_problems_are_shown_in_the_readers_language(app: Any, organiser: Api) -> None:
    event = organiser.post("/api/events", EVENT).json()
    organiser.post(
        f"/api/events/{event['id']}/competitions",
        {"code": "MS", "name": {"en": "Men's Singles"}, "entry_kind": "player"},
    )
    browser = TestClient(app, headers={"accept-language": "zh-CN"})
    token = csrf_of(browser.get("/login").text)
    browser.post("/login", data={**ADMIN, "csrf_token": token})
    header = "delegation,country,name_native,name_latin,gender,competition"
    bad = (
        f"{header}\nChinese TTA,CHN,王楚,Wang Chu,M,MS\nChinese TTA,CHN,王楚,Wang Chu,M,MS\n"
        "USA TT,USA,Kanak,Kanak Jha,Q,MS\n"
    )
    checked = browser.post(
        "/events/friendship-open/import",
        data={"csrf_token": token},
        files={"file": ("entries.csv", bad.encode(), "text/csv")},
    )
    text = html.unescape(checked.text)
    assert "name_latin: 重复的运动员：'Wang Chu'（CHN）也在第 2 行报名 MS" in text
    assert "gender: 未知性别 'Q'（请用 M、F 或 X）" in text
    content = base64.b64encode(bad.encode()).decode()
    refused = browser.post(
        "/events/friendship-open/import",
        data={"csrf_token": token, "action": "commit", "filename": "e.csv", "content": content},
        follow_redirects=True,
    )
    assert "第 3 行: name_latin: 重复的运动员" in html.unescape(refused.text)


def test_form_validation_is_shown_in_the_readers_language(app: Any, organiser: Api) -> None:
    browser = TestClient(app, cookies={"smallball_lang": "zh_CN"})
    token = csrf_of(browser.get("/login").text)
    browser.post("/login", data={**ADMIN, "csrf_token": token})
    form = {
        "csrf_token": token,
        "slug": "zone-cup",
        "name_en": "Zone Cup",
        "starts_on": "2026-06-01",
        "ends_on": "2026-06-01",
        "time_zone": "Mars/Olympus",
    }
    zone = browser.post("/events/new", data=form, follow_redirects=True)
    assert "time_zone: 未知时区 'Mars/Olympus'（请用 IANA 名称，例如 Asia/Shanghai）" in (
        html.unescape(zone.text)
    )
    dates = browser.post(
        "/events/new",
        data={**form, "time_zone": "UTC", "starts_on": "2026-06-31"},
        follow_redirects=True,
    )
    assert "starts_on: 需要日期，例如 2026-05-01" in html.unescape(dates.text)
