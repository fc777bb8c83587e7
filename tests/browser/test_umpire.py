"""An umpire scores a best-of-5 doubles match to a deciding game on the phone page; at every
point the page shows the server and receiver that the rules engine gives, and a second
browser's scoreboard follows within a second."""

from __future__ import annotations

from typing import Any

from flows import doubles_match
from playwright.sync_api import Browser, expect

from smallball.app.scoring import match_state
from smallball.sport import MatchSetup, TableTennis, replay
from smallball.sport.codec import parse_event
from smallball.web.umpire_token import make_token

# Games in rally order: 11-5, 7-11, 11-9, 10-12, then a deciding game to 11-8.
GAMES = [
    "AB" * 5 + "A" * 6,
    "AB" * 7 + "B" * 4,
    "AB" * 9 + "AA",
    "AB" * 10 + "BB",
    "AB" * 8 + "AAA",
]


def test_umpire_scores_a_doubles_match_to_the_deciding_game(
    live_server: str, browser_app: Any, browser: Browser, shoot: Any
) -> None:
    match_id, sides = doubles_match(browser_app)
    (a1, a2), (b1, b2) = sides
    token = make_token("browser-test", match_id, 1)
    umpire = browser.new_context(viewport={"width": 400, "height": 820}).new_page()
    umpire.goto(f"{live_server}/umpire/{match_id}?t={token}")
    board = browser.new_context().new_page()
    board.goto(f"{live_server}/matches/{match_id}/scoreboard")
    app = umpire.locator("#app")
    umpire.click(f"#toss-{a2}")
    umpire.click(f"#receive-{b1}")
    expect(app).to_have_attribute("data-seq", "1")
    choices: dict[int, str] = {}
    events: list[Any] = []
    seq = 1
    sport = TableTennis()
    for game, rallies in enumerate(GAMES, start=1):
        if game > 1:
            pair = (b1, b2) if game % 2 == 0 else (a1, a2)
            choice = pair[game % 2]  # vary which partner the pair chooses
            umpire.click(f"#server-{choice}")
            choices[game] = choice
            seq += 1
            expect(app).to_have_attribute("data-seq", str(seq))
        for winner in rallies:
            setup = MatchSetup(
                sides=((a1, a2), (b1, b2)),
                first_server=a2,
                first_receiver=b1,
                best_of=5,
                game_first_servers=dict(choices),
            )
            engine = replay(sport, setup, events).state
            expect(app).to_have_attribute("data-server", engine.server or "")
            expect(app).to_have_attribute("data-receiver", engine.receiver or "")
            umpire.click(f"#point-{winner.lower()}")
            events.append(parse_event(winner, "event"))
            seq += 1
            expect(app).to_have_attribute("data-seq", str(seq))
            expect(board.locator(".scoreboard")).to_have_attribute(
                "data-seq", str(seq), timeout=1000
            )
        if game == 5:
            shoot(umpire, "umpire-deciding-game")
    final = replay(
        sport,
        MatchSetup(
            sides=((a1, a2), (b1, b2)),
            first_server=a2,
            first_receiver=b1,
            best_of=5,
            game_first_servers=choices,
        ),
        events,
    ).state
    assert final.games == ((11, 5), (7, 11), (11, 9), (10, 12), (11, 8))
    expect(umpire.locator("#confirm")).to_be_visible()
    umpire.click("#confirm")
    expect(umpire.locator("#notice")).to_contain_text("confirmed")
    shoot(board, "scoreboard-final")


def test_bracket_page_follows_a_confirmed_result_without_reload(
    live_server: str, browser_app: Any, browser: Browser
) -> None:
    import uuid

    import httpx

    match_id, sides = doubles_match(browser_app)
    visitor = browser.new_context().new_page()
    visitor.goto(f"{live_server}/events/exchange-doubles/competitions/MD")
    visitor.evaluate("window.notReloaded = true")
    final = visitor.locator("svg.bracket g.match text.winner")
    expect(final).to_have_count(0)
    token = make_token("browser-test", match_id, 1)
    events = [{"type": "toss", "first_server": sides[0][0], "first_receiver": sides[1][0]}]
    events += [{"type": "rally", "winner": "A"}] * 33 + [{"type": "confirm"}]
    with httpx.Client(base_url=live_server) as client:
        for seq, event in enumerate(events, start=1):
            response = client.post(
                f"/api/matches/{match_id}/log",
                headers={"X-Umpire-Token": token},
                json={"seq": seq, "key": uuid.uuid4().hex, "event": event},
            )
            assert response.status_code == 200, response.text
    expect(final).to_have_count(1, timeout=5000)
    assert visitor.evaluate("window.notReloaded") is True


def test_umpire_records_that_neither_side_came(
    live_server: str, browser_app: Any, browser: Browser
) -> None:
    match_id, _ = doubles_match(browser_app)
    token = make_token("browser-test", match_id, 1)
    umpire = browser.new_context(viewport={"width": 400, "height": 820}).new_page()
    umpire.goto(f"{live_server}/umpire/{match_id}?t={token}")
    app = umpire.locator("#app")
    expect(app).to_have_attribute("data-seq", "0")
    umpire.click("text=Walkover, retirement")
    umpire.click("button[data-walkover='']")
    expect(app).to_have_attribute("data-seq", "1")
    # Over with no winner: no more points, and the umpire confirms the double walkover.
    for side in ("a", "b"):
        expect(umpire.locator(f"#point-{side}")).to_be_disabled()
    expect(umpire.locator("#confirm")).to_be_visible()
    umpire.click("#confirm")
    expect(umpire.locator("#notice")).to_contain_text("confirmed")
    state = browser_app.state.services.run(None, match_state, match_id)
    assert (state["status"], state["score"]["winner"]) == ("walkover", None)
