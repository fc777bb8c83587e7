"""Faults at the table: the hall's network drops for 30 points; two phones score one match."""

from __future__ import annotations

from typing import Any

from flows import doubles_match
from playwright.sync_api import Browser, expect
from sqlalchemy import select

from smallball.db.models import PointEvent
from smallball.web.umpire_token import make_token


def logged(app: Any, match_id: int) -> list[dict[str, Any]]:
    with app.state.services.factory() as session:
        rows = session.scalars(
            select(PointEvent).where(PointEvent.match_id == match_id).order_by(PointEvent.seq)
        ).all()
        assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
        return [r.payload for r in rows]


def test_thirty_points_offline_are_sent_once_when_the_network_returns(
    live_server: str, browser_app: Any, browser: Browser, shoot: Any
) -> None:
    match_id, sides = doubles_match(browser_app)
    token = make_token("browser-test", match_id, 1)
    context = browser.new_context(viewport={"width": 400, "height": 820})
    umpire = context.new_page()
    umpire.goto(f"{live_server}/umpire/{match_id}?t={token}")
    app = umpire.locator("#app")
    umpire.click(f"#toss-{sides[0][0]}")
    umpire.click(f"#receive-{sides[1][0]}")
    for _ in range(4):
        umpire.click("#point-a")
    expect(app).to_have_attribute("data-seq", "5")
    context.set_offline(True)
    pattern = "AB" * 3 + "A" * 6 + "B" * 4 + "AB" * 7  # 30 points, ending game 1 on the way
    assert len(pattern) == 30
    for winner in pattern:
        umpire.click(f"#point-{winner.lower()}")
    expect(umpire.locator("#pending")).to_have_attribute("data-count", "30")
    expect(umpire.locator("#net")).to_have_class("net offline")
    shoot(umpire, "offline-30-pending")
    assert len(logged(browser_app, match_id)) == 5  # nothing reached the server
    context.set_offline(False)
    expect(umpire.locator("#pending")).to_have_attribute("data-count", "0", timeout=20000)
    expect(app).to_have_attribute("data-seq", "35")
    log = logged(browser_app, match_id)
    rallies = [e["winner"] for e in log if e["type"] == "rally"]
    assert rallies == ["A"] * 4 + list(pattern)  # every point once, in order
    # A reload finds the same state: the queue in browser storage is empty.
    umpire.reload()
    expect(app).to_have_attribute("data-seq", "35")
    expect(umpire.locator("#pending")).to_have_attribute("data-count", "0")


def test_two_phones_on_one_match_one_is_told_of_the_conflict(
    live_server: str, browser_app: Any, browser: Browser
) -> None:
    match_id, sides = doubles_match(browser_app)
    token = make_token("browser-test", match_id, 1)
    first = browser.new_context().new_page()
    second = browser.new_context().new_page()
    for page in (first, second):
        page.goto(f"{live_server}/umpire/{match_id}?t={token}")
    first.click(f"#toss-{sides[0][0]}")
    first.click(f"#receive-{sides[1][0]}")
    expect(first.locator("#app")).to_have_attribute("data-seq", "1")
    # The second phone still thinks nobody has tossed; its toss clashes with the first's.
    second.click(f"#toss-{sides[1][0]}")
    second.click(f"#receive-{sides[0][1]}")
    expect(second.locator("#notice")).to_contain_text("Another device")
    first.click("#point-a")
    expect(first.locator("#app")).to_have_attribute("data-seq", "2")
    log = logged(browser_app, match_id)
    assert [e["type"] for e in log] == ["toss", "rally"]
    assert log[0]["first_server"] == sides[0][0]


def test_a_chinese_umpire_is_told_why_the_laws_refuse_in_chinese(
    live_server: str, browser_app: Any, browser: Browser, shoot: Any
) -> None:
    match_id, sides = doubles_match(browser_app)
    token = make_token("browser-test", match_id, 1)
    context = browser.new_context(viewport={"width": 400, "height": 820}, locale="zh-CN")
    umpire = context.new_page()
    umpire.goto(f"{live_server}/umpire/{match_id}?t={token}")
    umpire.click(f"#toss-{sides[0][0]}")
    umpire.click(f"#receive-{sides[1][0]}")
    expect(umpire.locator("#app")).to_have_attribute("data-seq", "1")  # the toss
    umpire.click("[data-timeout=A]")
    expect(umpire.locator("#app")).to_have_attribute("data-seq", "2")
    umpire.click("[data-timeout=A]")
    expect(umpire.locator("#notice")).to_contain_text("A 方本场比赛已经用过唯一一次暂停")
    shoot(umpire, "umpire-refusal-zh")
    assert [e["type"] for e in logged(browser_app, match_id)] == ["toss", "timeout"]
