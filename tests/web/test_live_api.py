"""The point log through the API: toss, rallies, idempotency, conflicts, refusals, confirm."""

from __future__ import annotations

import contextlib
import uuid
from typing import Any

from support import Api, event_with_players, matches, sign_in


def key() -> str:
    return uuid.uuid4().hex


class Umpire:
    def __init__(self, api: Api, match_id: int, headers: dict[str, str] | None = None) -> None:
        self.api, self.match_id, self.headers, self.seq = api, match_id, headers or {}, 0

    def send(self, event: dict[str, Any], seq: int | None = None, k: str | None = None) -> Any:
        seq = self.seq + 1 if seq is None else seq
        response = self.api.post(
            f"/api/matches/{self.match_id}/log",
            {"seq": seq, "key": k or key(), "event": event},
            headers=self.headers,
        )
        if response.status_code == 200:
            self.seq = response.json()["seq"]
        return response

    def rally(self, winner: str) -> Any:
        return self.send({"type": "rally", "winner": winner})


def knockout(organiser: Api, n: int = 4) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    s = event_with_players(organiser, n)
    organiser.post(
        f"/api/competitions/{s['ms']['id']}/draws", {"stage": "knockout", "random_seed": 1}
    )
    return s, matches(organiser, s["ms"]["id"])


def test_a_whole_match_scored_then_confirmed_flows_into_the_bracket(organiser: Api) -> None:
    s, ko = knockout(organiser)
    match = ko["KO-R1-1"]
    umpire = Umpire(organiser, match["id"])
    state = organiser.get(f"/api/matches/{match['id']}/live").json()
    assert state["needs"] == "toss" and state["seq"] == 0
    a, b = state["sides"][0][0]["id"], state["sides"][1][0]["id"]
    refused = umpire.rally("A")
    assert refused.status_code == 422 and "toss" in refused.json()["message"]
    toss = umpire.send({"type": "toss", "first_server": b})
    assert toss.status_code == 200
    current = toss.json()["score"]["current"]
    assert (current["server"], current["receiver"]) == (b, a)
    for _ in range(2):
        umpire.rally("A")
    after_two = umpire.rally("A").json()["score"]["current"]
    assert after_two["server"] == a  # service changes every two points
    for _ in range(33 - 3):
        last = umpire.rally("A")
    state = last.json()
    assert state["score"]["winner"] == "A" and state["needs"] == "confirm"
    assert umpire.rally("A").status_code == 422  # nothing after the end
    confirmed = umpire.send({"type": "confirm"}).json()
    assert confirmed["confirmed"] is True and confirmed["status"] == "completed"
    final = matches(organiser, s["ms"]["id"])["KO-R2-1"]
    assert match["entry_a_id"] in (final["entry_a_id"], final["entry_b_id"])
    assert matches(organiser, s["ms"]["id"])["KO-R1-1"]["result"]["games"] == [[11, 0]] * 3


def test_repeated_key_gives_the_original_answer_and_no_second_point(organiser: Api) -> None:
    _, ko = knockout(organiser)
    umpire = Umpire(organiser, ko["KO-R1-1"]["id"])
    state = organiser.get(f"/api/matches/{ko['KO-R1-1']['id']}/live").json()
    umpire.send({"type": "toss", "first_server": state["sides"][0][0]["id"]})
    k = key()
    first = umpire.send({"type": "rally", "winner": "B"}, k=k)
    again = umpire.send({"type": "rally", "winner": "B"}, seq=2, k=k)
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert again.json()["score"]["current"]["score"] == first.json()["score"]["current"]["score"]
    live = organiser.get(f"/api/matches/{ko['KO-R1-1']['id']}/live").json()
    assert live["seq"] == 2 and live["score"]["current"]["score"] == [0, 1]
    misuse = umpire.send({"type": "rally", "winner": "A"}, seq=2, k=k)
    assert misuse.status_code == 409


def test_two_devices_one_gets_a_conflict_and_the_log_stays_whole(organiser: Api) -> None:
    _, ko = knockout(organiser)
    match_id = ko["KO-R1-1"]["id"]
    first, second = Umpire(organiser, match_id), Umpire(organiser, match_id)
    state = organiser.get(f"/api/matches/{match_id}/live").json()
    first.send({"type": "toss", "first_server": state["sides"][0][0]["id"]})
    first.rally("A")
    late = second.send({"type": "rally", "winner": "B"}, seq=2)
    assert late.status_code == 409 and "expected 3" in late.json()["detail"]
    live = organiser.get(f"/api/matches/{match_id}/live").json()
    assert live["seq"] == 2 and live["score"]["current"]["score"] == [1, 0]


def test_the_laws_refuse_with_a_reason(organiser: Api) -> None:
    _, ko = knockout(organiser)
    umpire = Umpire(organiser, ko["KO-R1-1"]["id"])
    state = organiser.get(f"/api/matches/{ko['KO-R1-1']['id']}/live").json()
    umpire.send({"type": "toss", "first_server": state["sides"][0][0]["id"]})
    for winner in "AB" * 9:
        umpire.rally(winner)
    refused = umpire.send({"type": "expedite"})
    assert refused.status_code == 422
    assert "18" in refused.json()["message"] and "2.15" in refused.json()["message"]
    assert refused.json()["localized"] == refused.json()["message"]
    umpire.send({"type": "timeout", "side": "A"})
    again = umpire.send({"type": "timeout", "side": "A"})
    assert again.status_code == 422 and "time-out" in again.json()["message"]
    # The umpire's phone shows the laws in the reader's language.
    chinese = Umpire(organiser, ko["KO-R1-1"]["id"], {"accept-language": "zh-CN"})
    chinese.seq = umpire.seq
    refused = chinese.send({"type": "expedite"}).json()
    assert "2.15" in refused["message"] and "第 1 局已得 18 分" in refused["localized"]
    assert chinese.send({"type": "timeout", "side": "A"}).json()["localized"] == (
        "A 方本场比赛已经用过唯一一次暂停（规程 3.4.4）"
    )


def test_umpire_link_token_scores_only_its_match(app: Any, organiser: Api, public: Api) -> None:
    s, ko = knockout(organiser)
    organiser.post(f"/api/events/{s['event']['id']}/publish")
    link = organiser.post(f"/api/matches/{ko['KO-R1-1']['id']}/umpire-link").json()
    assert link["url"].endswith(link["token"]) and link["qr_svg"].startswith("<svg")
    headers = {"X-Umpire-Token": link["token"]}
    state = public.get(f"/api/matches/{ko['KO-R1-1']['id']}/live").json()
    with_link = Umpire(public, ko["KO-R1-1"]["id"], headers)
    ok = with_link.send({"type": "toss", "first_server": state["sides"][0][0]["id"]})
    assert ok.status_code == 200
    elsewhere = Umpire(public, ko["KO-R1-2"]["id"], headers)
    assert elsewhere.send({"type": "toss", "first_server": "p1"}).status_code == 403
    chinese = Umpire(public, ko["KO-R1-2"]["id"], {**headers, "accept-language": "zh-CN"})
    refused = chinese.send({"type": "toss", "first_server": "p1"}).json()
    assert refused["detail"] == "the umpire link is not valid for this match"
    assert refused["localized"] == "该裁判链接对本场比赛无效"
    assert Umpire(public, ko["KO-R1-1"]["id"]).rally("A").status_code == 401


def test_doubles_asks_the_serving_pair_to_choose_in_game_two(organiser: Api, app: Any) -> None:
    event = organiser.post(
        "/api/events",
        {
            "slug": "doubles",
            "name": {"en": "Doubles"},
            "starts_on": "2026-05-01",
            "ends_on": "2026-05-01",
            "time_zone": "UTC",
        },
    ).json()
    md = organiser.post(
        f"/api/events/{event['id']}/competitions",
        {"code": "MD", "name": {"en": "Men's Doubles"}, "entry_kind": "pair", "best_of": 3},
    ).json()
    entries = []
    for country in ("CHN", "USA"):
        delegation = organiser.post(
            f"/api/events/{event['id']}/delegations",
            {"organisation": {"name": country, "kind": "club", "country": country}},
        ).json()
        ids = [
            organiser.post(
                f"/api/delegations/{delegation['id']}/members",
                {
                    "person": {
                        "name_native": f"{country}{i}",
                        "name_latin": f"{country} {i}",
                        "gender": "M",
                        "country": country,
                    }
                },
            ).json()["person"]["id"]
            for i in range(2)
        ]
        entry = organiser.post(
            f"/api/competitions/{md['id']}/entries",
            {"delegation_id": delegation["id"], "person_ids": ids},
        ).json()
        organiser.post(f"/api/entries/{entry['id']}/approve")
        entries.append(entry)
    organiser.post(f"/api/competitions/{md['id']}/draws", {"stage": "knockout", "random_seed": 1})
    final = matches(organiser, md["id"])["KO-R1-1"]
    umpire = Umpire(organiser, final["id"])
    state = organiser.get(f"/api/matches/{final['id']}/live").json()
    (a1, a2), (b1, b2) = ([p["id"] for p in side] for side in state["sides"])
    umpire.send({"type": "toss", "first_server": a2, "first_receiver": b1})
    for _ in range(11):
        last = umpire.rally("A").json()
    assert last["needs"] == "server" and set(last["server_pair"]) == {b1, b2}
    chosen = umpire.send({"type": "server", "game": 2, "server": b2}).json()
    current = chosen["score"]["current"]
    # b2 serves to whoever served to b2 in game 1 (cycle a2→b1, b1→a1, a1→b2, b2→a2).
    assert (current["server"], current["receiver"]) == (b2, a1)
    assert chosen["needs"] is None


def test_only_the_assigned_umpire_or_organiser_scores(app: Any, organiser: Api) -> None:
    _, ko = knockout(organiser)
    from smallball.app.users import UserIn, create_user

    app.state.services.run(
        None, create_user, UserIn(email="u@example.org", display_name="U", password="umpire-pass-1")
    )
    other = sign_in(app, "u@example.org", "umpire-pass-1")
    response = Umpire(other, ko["KO-R1-1"]["id"]).send({"type": "toss", "first_server": "p1"})
    assert response.status_code in (403, 404)


def test_ends_from_the_toss_flip_at_every_change(organiser: Api) -> None:
    _, ko = knockout(organiser)
    umpire = Umpire(organiser, ko["KO-R1-1"]["id"])
    state = organiser.get(f"/api/matches/{ko['KO-R1-1']['id']}/live").json()
    first = state["sides"][0][0]["id"]
    refused = umpire.send({"type": "toss", "first_server": first, "a_starts_left": "left"})
    assert refused.status_code == 422 and refused.json()["field"] == "event.a_starts_left"
    tossed = umpire.send({"type": "toss", "first_server": first, "a_starts_left": False})
    assert tossed.json()["a_left"] is False
    for _ in range(10):
        assert umpire.rally("A").json()["a_left"] is False
    after_game = umpire.rally("A").json()  # 11-0: the players change ends
    assert after_game["score"]["last_rally"]["switch_ends_after"] is True
    assert after_game["a_left"] is True


def _write_log_directly(app: Any, match_id: int, events: list[dict[str, Any]], start: int) -> None:
    """Entries written as another app process would: straight to the database."""
    from datetime import UTC, datetime

    from sqlalchemy import insert

    from smallball.db.models import PointEvent

    with app.state.engine.begin() as connection:
        for i, event in enumerate(events):
            connection.execute(
                insert(PointEvent).values(
                    match_id=match_id,
                    seq=start + i,
                    idempotency_key=key(),
                    payload=event,
                    entered_by=None,
                    created_at=datetime.now(UTC),
                )
            )


def _scored(organiser: Api) -> tuple[Umpire, str]:
    _, ko = knockout(organiser)
    match = ko["KO-R1-1"]
    umpire = Umpire(organiser, match["id"])
    a = organiser.get(f"/api/matches/{match['id']}/live").json()["sides"][0][0]["id"]
    assert umpire.send({"type": "toss", "first_server": a}).status_code == 200
    assert umpire.rally("A").status_code == 200  # the process now holds the log so far
    return umpire, a


def test_points_another_process_wrote_follow_the_ones_this_process_knows(
    app: Any, organiser: Api
) -> None:
    umpire, _ = _scored(organiser)
    _write_log_directly(app, umpire.match_id, [{"type": "rally", "winner": "B"}] * 2, start=3)
    state = organiser.get(f"/api/matches/{umpire.match_id}/live").json()
    assert state["seq"] == 4 and state["score"]["current"]["score"] == [1, 2]
    stale = umpire.rally("A")  # this device still thinks the next is 3
    assert stale.status_code == 409 and "expected 5" in stale.json()["detail"]
    assert umpire.send({"type": "rally", "winner": "A"}, seq=5).json()["score"]["current"][
        "score"
    ] == [2, 2]


def test_a_point_rolled_back_is_not_remembered(app: Any, organiser: Api) -> None:
    from sqlalchemy import select

    from smallball.app import scoring
    from smallball.db.models import User

    umpire, _ = _scored(organiser)

    def scored_then_failed(ctx: Any) -> None:
        scoring.submit(
            ctx,
            umpire.match_id,
            scoring.LogEventIn(seq=3, key=key(), event={"type": "rally", "winner": "B"}),
        )
        raise RuntimeError("the transaction fails after the point")

    with app.state.engine.connect() as connection:
        user = connection.execute(select(User.id).where(User.is_admin)).scalar_one()
    with contextlib.suppress(RuntimeError):
        app.state.services.run(user, scored_then_failed)
    state = organiser.get(f"/api/matches/{umpire.match_id}/live").json()
    assert state["seq"] == 2 and state["score"]["current"]["score"] == [1, 0]
    again = umpire.send({"type": "rally", "winner": "A"}, seq=3)
    assert again.status_code == 200 and again.json()["score"]["current"]["score"] == [2, 0]


def test_a_log_replaced_under_the_same_match_is_read_again_whole(app: Any, organiser: Api) -> None:
    from sqlalchemy import delete

    from smallball.db.models import PointEvent

    umpire, a = _scored(organiser)
    with app.state.engine.begin() as connection:
        connection.execute(delete(PointEvent).where(PointEvent.match_id == umpire.match_id))
    replacement = [{"type": "toss", "first_server": a}, *[{"type": "rally", "winner": "B"}] * 3]
    _write_log_directly(app, umpire.match_id, replacement, start=1)
    state = organiser.get(f"/api/matches/{umpire.match_id}/live").json()
    assert state["seq"] == 4 and state["score"]["current"]["score"] == [0, 3]


def test_a_double_walkover_from_the_table_sends_no_one_through(organiser: Api) -> None:
    s, ko = knockout(organiser)
    match = ko["KO-R1-1"]
    umpire = Umpire(organiser, match["id"])
    forgotten = umpire.send({"type": "walkover"})
    assert forgotten.status_code == 422 and forgotten.json()["field"] == "event.winner"
    neither = umpire.send({"type": "walkover", "winner": None})
    assert neither.status_code == 200, neither.text
    state = neither.json()
    assert state["score"]["status"] == "walkover" and state["score"]["winner"] is None
    assert state["needs"] == "confirm"
    assert umpire.rally("A").status_code == 422  # nothing after the end
    confirmed = umpire.send({"type": "confirm"}).json()
    assert confirmed["confirmed"] is True and confirmed["status"] == "walkover"
    after = matches(organiser, s["ms"]["id"])
    assert after["KO-R1-1"]["winner_entry_id"] is None
    assert after["KO-R1-1"]["result"]["walkover"] == "both"
    organiser.post(f"/api/matches/{ko['KO-R1-2']['id']}/result", {"games": [[11, 5]] * 3})
    final = matches(organiser, s["ms"]["id"])["KO-R2-1"]
    assert final["status"] == "bye" and final["winner_entry_id"] == ko["KO-R1-2"]["entry_a_id"]
