"""HTML pages in both languages, and the forms behind the organiser's and leaders' work."""

from __future__ import annotations

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
