"""Planning the order of play: tables and times for every open match, rest, precedence."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from support import Api, event_with_players, matches


def test_plan_puts_every_open_match_on_a_table_in_order(app: Any, organiser: Api) -> None:
    s = event_with_players(organiser, 8)
    organiser.post(
        f"/api/competitions/{s['ms']['id']}/draws",
        {"stage": "knockout", "seeds": 2, "random_seed": 9},
    )
    planned = organiser.post(
        f"/api/events/{s['event']['id']}/order-of-play", {"min_rest_minutes": 20, "time_limit_s": 2}
    )
    assert planned.status_code == 200, planned.text
    summary = planned.json()
    assert summary["matches"] == 7 and summary["violations"] == []
    assert summary["makespan_minutes"] >= summary["lower_bound_minutes"]
    ko = matches(organiser, s["ms"]["id"])
    starts = {code: datetime.fromisoformat(m["scheduled_at"]) for code, m in ko.items()}
    assert all(m["table_number"] for m in ko.values())
    # Later rounds start after their feeders end (25-minute best-of-5 slots) plus rest.
    for code in ("KO-R2-1", "KO-R2-2"):
        number = int(code[-1])
        for feeder in (f"KO-R1-{2 * number - 1}", f"KO-R1-{2 * number}"):
            assert starts[code] >= starts[feeder] + timedelta(minutes=25 + 20)
    assert starts["KO-R3-1"] > max(starts["KO-R2-1"], starts["KO-R2-2"])
    # The day starts with the first session, 09:00 in the event's time zone (Shanghai).
    first = min(starts.values()).astimezone(ZoneInfo("Asia/Shanghai"))
    assert (first.date().isoformat(), first.hour, first.minute) == ("2026-05-01", 9, 0)
    organiser.post(f"/api/events/{s['event']['id']}/publish")
    page = TestClient(app).get("/events/draw-test/order-of-play")
    assert page.status_code == 200
    assert "Table 1" in page.text and "KO-R1-1" in page.text and "09:00" in page.text


def test_players_in_two_matches_are_never_double_booked(organiser: Api) -> None:
    s = event_with_players(organiser, 6)
    organiser.post(
        f"/api/competitions/{s['ms']['id']}/draws",
        {"stage": "groups", "groups": 1, "random_seed": 2},
    )
    planned = organiser.post(
        f"/api/events/{s['event']['id']}/order-of-play",
        {"min_rest_minutes": 15, "time_limit_s": 2, "solver": "greedy"},
    )
    assert planned.json()["violations"] == []
    busy: dict[int, list[tuple[datetime, datetime]]] = {}
    for m in matches(organiser, s["ms"]["id"]).values():
        start = datetime.fromisoformat(m["scheduled_at"])
        for entry in (m["entry_a_id"], m["entry_b_id"]):
            busy.setdefault(entry, []).append((start, start + timedelta(minutes=25)))
    for slots in busy.values():
        slots.sort()
        for (_, end), (start, _) in itertools.pairwise(slots):
            assert start >= end + timedelta(minutes=15)


def test_only_organisers_plan(app: Any, organiser: Api, public: Api) -> None:
    s = event_with_players(organiser, 4)
    organiser.post(f"/api/events/{s['event']['id']}/publish")
    refused = public.post(f"/api/events/{s['event']['id']}/order-of-play", {})
    assert refused.status_code == 401


def test_calendars_for_a_player_and_a_delegation(app: Any, organiser: Api) -> None:
    s = event_with_players(organiser, 4)
    organiser.post(
        f"/api/competitions/{s['ms']['id']}/draws", {"stage": "knockout", "random_seed": 9}
    )
    organiser.post(
        f"/api/events/{s['event']['id']}/order-of-play", {"time_limit_s": 1, "solver": "greedy"}
    )
    organiser.post(f"/api/events/{s['event']['id']}/publish")
    ko = matches(organiser, s["ms"]["id"])
    entry = organiser.get(f"/api/competitions/{s['ms']['id']}/entries").json()[0]
    person = entry["players"][0]
    visitor = TestClient(app)
    ics = visitor.get(f"/players/{person['id']}.ics")
    assert ics.status_code == 200
    assert ics.headers["content-type"].startswith("text/calendar")
    body = ics.text
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    own = [m for m in ko.values() if entry["id"] in (m["entry_a_id"], m["entry_b_id"])]
    assert body.count("BEGIN:VEVENT") == len(own) == 1
    start = datetime.fromisoformat(own[0]["scheduled_at"]).astimezone(ZoneInfo("UTC"))
    assert f"DTSTART:{start:%Y%m%dT%H%M%S}Z" in body
    delegation = visitor.get(f"/delegations/{entry['delegation_id']}.ics").text
    assert delegation.count("BEGIN:VEVENT") >= 1
    # The words around the names follow the reader's language.
    table = own[0]["table_number"]
    assert f"LOCATION:Table {table}\r\n" in body
    chinese = visitor.get(f"/players/{person['id']}.ics?lang=zh_CN").text
    assert f"LOCATION:{table} 号球台\r\n" in chinese
    in_chinese = visitor.get(
        f"/delegations/{entry['delegation_id']}.ics", headers={"accept-language": "zh-CN"}
    ).text
    assert "号球台" in in_chinese and "LOCATION:Table" not in in_chinese


def test_call_up_desk_calls_the_next_match_and_the_board_shows_it(app: Any, organiser: Api) -> None:
    import re

    from support import ADMIN

    s = event_with_players(organiser, 4)
    organiser.post(
        f"/api/competitions/{s['ms']['id']}/draws", {"stage": "knockout", "random_seed": 9}
    )
    organiser.post(
        f"/api/events/{s['event']['id']}/order-of-play", {"time_limit_s": 1, "solver": "greedy"}
    )
    organiser.post(f"/api/events/{s['event']['id']}/publish")
    browser = TestClient(app)
    token = re.search(r'name="csrf_token" value="([^"]+)"', browser.get("/login").text)
    assert token
    browser.post("/login", data={**ADMIN, "csrf_token": token.group(1)})
    desk = browser.get("/events/draw-test/calls").text
    assert 'id="desk"' in desk and "MS:KO-R1-1" in desk
    first = matches(organiser, s["ms"]["id"])["KO-R1-1"]
    called = browser.post(
        f"/events/draw-test/calls/{first['id']}",
        data={"csrf_token": token.group(1), "table": "3"},
        follow_redirects=True,
    )
    assert called.status_code == 200
    board = TestClient(app).get("/events/draw-test/calls").text
    assert "Table 3" in board and 'id="desk"' not in board  # the public sees the board only
    assert matches(organiser, s["ms"]["id"])["KO-R1-1"]["status"] == "called"
