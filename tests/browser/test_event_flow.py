"""An organiser, two delegation leaders and a visitor run an event in a real browser."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Browser, Page, expect


def sign_in(page: Page, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("form.stack button[type=submit]")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def invite(page: Page, organisation: str, country: str, email: str) -> str:
    page.fill("#d_org", organisation)
    page.fill("#d_country", country)
    page.fill("#d_email", email)
    page.fill("#d_leader", f"{country} leader")
    page.get_by_role("button", name="Invite delegation").click()
    invitation = page.locator("#invitation").inner_text()
    found = re.search(r"initial password (\S+)", invitation)
    assert found, invitation
    return found.group(1)


def register(page: Page, native: str, latin: str) -> None:
    page.fill("#m_native", native)
    page.fill("#m_latin", latin)
    page.select_option("#m_gender", "M")
    page.fill("#m_rating", "2000")
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.get_by_text(latin, exact=True)).to_be_visible()


def enter_own_players(page: Page, base: str, players: list[tuple[str, str]]) -> None:
    for native, latin in players:
        page.goto(f"{base}/events/campus-cup/competitions/MS")
        page.select_option("#e_player_0", label=f"{native} · {latin}")
        page.click("form[action$='/entries'] button[type=submit]")
        expect(page.locator("#entries")).to_contain_text(native)


ORGANISER = {"email": "host@example.org", "password": "host-password-1"}


def test_organiser_leaders_and_visitor(live_server: str, browser: Browser, shoot: Any) -> None:
    base = live_server
    host = browser.new_context(locale="en-GB").new_page()
    sign_in(host, base, ORGANISER["email"], ORGANISER["password"])
    host.goto(f"{base}/events/new")
    host.fill("#slug", "campus-cup")
    host.fill("#name_en", "Campus Friendship Cup")
    host.fill("#name_zh", "校园友谊杯")
    host.fill("#starts_on", "2026-06-01")
    host.fill("#ends_on", "2026-06-02")
    host.fill("#time_zone", "Asia/Shanghai")
    host.get_by_role("button", name="Create", exact=True).click()
    expect(host.locator("h1")).to_have_text("Campus Friendship Cup")
    host.fill("#c_code", "MS")
    host.fill("#c_name_en", "Men's Singles")
    host.fill("#c_name_zh", "男子单打")
    host.select_option("#c_gender", "M")
    host.get_by_role("button", name="Add competition").click()
    chn = invite(host, "Tsinghua University", "CHN", "chn@example.org")
    usa = invite(host, "Stanford University", "USA", "usa@example.org")
    shoot(host, "organiser-event")

    for email, password, players in (
        ("chn@example.org", chn, [("王浩", "WANG Hao"), ("李明", "LI Ming")]),
        ("usa@example.org", usa, [("Ethan Brooks", "Ethan BROOKS"), ("Sam Lee", "Sam LEE")]),
    ):
        leader = browser.new_context(locale="en-GB").new_page()
        sign_in(leader, base, email, password)
        leader.goto(f"{base}/events/campus-cup")
        # A leader sees no organiser forms, only their own delegation to fill.
        expect(leader.locator("#d_org")).to_have_count(0)
        leader.click("text=" + ("Tsinghua University" if "chn" in email else "Stanford University"))
        for native, latin in players:
            register(leader, native, latin)
        enter_own_players(leader, base, players)
        shoot(leader, f"leader-{email.split('@')[0]}")
        leader.context.close()

    host.goto(f"{base}/events/campus-cup/competitions/MS")
    while host.locator("button[data-approve]").count():
        host.locator("button[data-approve]").first.click()
    expect(host.locator("#entries .badge.approved")).to_have_count(4)
    host.select_option("#d_stage", "knockout")
    host.get_by_role("button", name="Make the draw").click()
    expect(host.locator("svg.bracket g.match")).to_have_count(3)
    for code in ("KO-R1-1", "KO-R1-2"):
        row = host.locator(f"tr[data-match='{code}']")
        row.locator("input[name=score]").fill("11-7 9-11 11-5 11-8")
        row.locator("button[type=submit]").click()
        expect(host.locator(f"tr[data-match='{code}']")).to_contain_text("11-7, 9-11, 11-5, 11-8")
    final = host.locator("tr[data-match='KO-R2-1']")
    expect(final).not_to_contain_text("—")  # both finalists known
    host.goto(f"{base}/events/campus-cup")
    host.get_by_role("button", name="Publish").click()
    shoot(host, "organiser-after-results")

    visitor = browser.new_context(locale="en-GB").new_page()
    visitor.goto(base)
    visitor.click("a[data-lang=zh_CN]")
    expect(visitor.locator("h1")).to_have_text("赛事")
    visitor.click("text=校园友谊杯")
    expect(visitor.locator("body")).to_contain_text("中国")
    expect(visitor.locator("body")).to_contain_text("美国")
    visitor.click("text=男子单打")
    expect(visitor.locator("svg.bracket g.match")).to_have_count(3)
    expect(visitor.locator("svg.bracket")).to_contain_text("王浩")
    expect(visitor.locator("h2", has_text="淘汰赛")).to_be_visible()
    # A visitor reads; no form to record or correct a result.
    expect(visitor.locator("#matches input[name=score]")).to_have_count(0)
    expect(visitor.locator("form[action$='/draw']")).to_have_count(0)
    shoot(visitor, "visitor-zh-bracket")
