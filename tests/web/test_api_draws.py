"""Draws, results and their flow: byes, advancing winners, corrections, group tables."""

from __future__ import annotations

from typing import Any

from support import Api, event_with_players, matches, sign_in

WIN_A = {"games": [[11, 5], [11, 7], [11, 9]]}
WIN_B = {"games": [[5, 11], [7, 11], [9, 11]]}


def test_knockout_with_byes_advances_winners(organiser: Api) -> None:
    s = event_with_players(organiser, 6)
    made = organiser.post(
        f"/api/competitions/{s['ms']['id']}/draws",
        {"stage": "knockout", "seeds": 2, "random_seed": 7},
    )
    assert made.status_code == 201, made.text
    assert made.json()["size"] == 8
    ko = matches(organiser, s["ms"]["id"])
    assert sorted(ko) == [
        "KO-R1-1",
        "KO-R1-2",
        "KO-R1-3",
        "KO-R1-4",
        "KO-R2-1",
        "KO-R2-2",
        "KO-R3-1",
    ]
    byes = [m for m in ko.values() if m["status"] == "bye"]
    assert len(byes) == 2
    # Byes go against the two seeds, who are already in round 2.
    seeds = set(s["entries"][:2])
    assert {m["winner_entry_id"] for m in byes} == seeds
    r2 = {
        ko["KO-R2-1"]["entry_a_id"],
        ko["KO-R2-1"]["entry_b_id"],
        ko["KO-R2-2"]["entry_a_id"],
        ko["KO-R2-2"]["entry_b_id"],
    }
    assert seeds <= r2
    played = [m for m in ko.values() if m["round_number"] == 1 and m["status"] != "bye"]
    for m in played:
        assert organiser.post(f"/api/matches/{m['id']}/result", WIN_A).status_code == 200
    ko = matches(organiser, s["ms"]["id"])
    for m in played:
        assert m["entry_a_id"] in {
            ko["KO-R2-1"]["entry_a_id"],
            ko["KO-R2-1"]["entry_b_id"],
            ko["KO-R2-2"]["entry_a_id"],
            ko["KO-R2-2"]["entry_b_id"],
        }


def test_correction_flows_on_and_voids_a_later_result(organiser: Api, app: Any) -> None:
    s = event_with_players(organiser, 4)
    organiser.post(
        f"/api/competitions/{s['ms']['id']}/draws",
        {"stage": "knockout", "seeds": 2, "random_seed": 1},
    )
    ko = matches(organiser, s["ms"]["id"])
    organiser.post(f"/api/matches/{ko['KO-R1-1']['id']}/result", WIN_A)
    organiser.post(f"/api/matches/{ko['KO-R1-2']['id']}/result", WIN_A)
    final = matches(organiser, s["ms"]["id"])["KO-R2-1"]
    assert final["entry_a_id"] == ko["KO-R1-1"]["entry_a_id"]
    organiser.post(f"/api/matches/{final['id']}/result", WIN_A)
    # A second result is refused; the organiser corrects, with a reason.
    again = organiser.post(f"/api/matches/{ko['KO-R1-1']['id']}/result", WIN_B)
    assert again.status_code == 409
    fixed = organiser.post(
        f"/api/matches/{ko['KO-R1-1']['id']}/correction",
        {"result": WIN_B, "reason": "score sheet misread"},
    )
    assert fixed.status_code == 200, fixed.text
    final = matches(organiser, s["ms"]["id"])["KO-R2-1"]
    assert final["entry_a_id"] == ko["KO-R1-1"]["entry_b_id"]
    assert final["result"] is None and final["status"] == "scheduled"


def test_bad_results_are_refused_with_the_field(organiser: Api) -> None:
    s = event_with_players(organiser, 4)
    organiser.post(
        f"/api/competitions/{s['ms']['id']}/draws", {"stage": "knockout", "random_seed": 3}
    )
    match = matches(organiser, s["ms"]["id"])["KO-R1-1"]
    short = organiser.post(f"/api/matches/{match['id']}/result", {"games": [[11, 5], [11, 7]]})
    assert short.status_code == 422 and short.json()["field"].startswith("result")
    bad_game = organiser.post(
        f"/api/matches/{match['id']}/result", {"games": [[11, 10], [11, 7], [11, 9]]}
    )
    assert bad_game.status_code == 422
    walkover = organiser.post(f"/api/matches/{match['id']}/result", {"walkover": "b"})
    assert walkover.json()["status"] == "walkover"
    assert walkover.json()["winner_entry_id"] == match["entry_b_id"]


def test_umpire_scores_only_assigned_matches(organiser: Api, app: Any, public: Api) -> None:
    s = event_with_players(organiser, 4)
    organiser.post(
        f"/api/competitions/{s['ms']['id']}/draws", {"stage": "knockout", "random_seed": 3}
    )
    ko = matches(organiser, s["ms"]["id"])
    from smallball.app.users import UserIn, create_user

    umpire_id = app.state.services.run(
        None,
        create_user,
        UserIn(email="umpire@example.org", display_name="Umpire", password="umpire-pass-1"),
    )
    organiser.post(f"/api/matches/{ko['KO-R1-1']['id']}/umpire", {"user_id": umpire_id})
    umpire = sign_in(app, "umpire@example.org", "umpire-pass-1")
    assert umpire.post(f"/api/matches/{ko['KO-R1-2']['id']}/result", WIN_A).status_code == 403
    assert umpire.post(f"/api/matches/{ko['KO-R1-1']['id']}/result", WIN_A).status_code == 200
    # Unpublished, the event does not exist for the public; published, it is read-only.
    assert public.post(f"/api/matches/{ko['KO-R1-2']['id']}/result", WIN_A).status_code == 404
    organiser.post(f"/api/events/{s['event']['id']}/publish")
    assert public.post(f"/api/matches/{ko['KO-R1-2']['id']}/result", WIN_A).status_code == 401


def test_groups_then_knockout(organiser: Api) -> None:
    s = event_with_players(organiser, 6)
    made = organiser.post(
        f"/api/competitions/{s['ms']['id']}/draws",
        {"stage": "groups", "groups": 2, "random_seed": 11},
    )
    assert made.status_code == 201, made.text
    group_matches = [
        m for m in matches(organiser, s["ms"]["id"]).values() if m["stage"] == "groups"
    ]
    assert len(group_matches) == 6  # two groups of three
    early = organiser.post(
        f"/api/competitions/{s['ms']['id']}/draws",
        {"stage": "qualifiers", "qualifiers": 2, "random_seed": 1},
    )
    assert early.status_code == 409
    for m in group_matches:  # the lower entry id always wins
        result = WIN_A if m["entry_a_id"] < m["entry_b_id"] else WIN_B
        assert organiser.post(f"/api/matches/{m['id']}/result", result).status_code == 200
    tables = organiser.get(f"/api/competitions/{s['ms']['id']}/standings").json()
    for table in tables:
        order = [row["entry"] for row in table["standings"]]
        assert order == sorted(order, key=int)
        assert [row["match_points"] for row in table["standings"]] == [4, 3, 2]
    ko = organiser.post(
        f"/api/competitions/{s['ms']['id']}/draws",
        {"stage": "qualifiers", "qualifiers": 2, "random_seed": 1},
    )
    assert ko.status_code == 201, ko.text
    firsts = {str(min(int(e) for e in t["entries"])) for t in tables}
    positions = ko.json()["positions"]
    assert {positions[0], positions[-1]} == firsts  # group winners on the seed lines


def test_double_walkover_in_a_group_and_in_a_knockout(organiser: Api) -> None:
    s = event_with_players(organiser, 6)
    organiser.post(
        f"/api/competitions/{s['ms']['id']}/draws",
        {"stage": "groups", "groups": 2, "random_seed": 11},
    )
    group_matches = sorted(
        (m for m in matches(organiser, s["ms"]["id"]).values() if m["stage"] == "groups"),
        key=lambda m: m["code"],
    )
    absent = group_matches[0]
    both = organiser.post(f"/api/matches/{absent['id']}/result", {"walkover": "both"})
    assert both.status_code == 200, both.text
    assert both.json() == {"match_id": absent["id"], "status": "walkover", "winner_entry_id": None}
    with_games = organiser.post(
        f"/api/matches/{group_matches[1]['id']}/result", {"walkover": "both", **WIN_A}
    )
    assert with_games.status_code == 422
    for m in group_matches[1:]:
        result = WIN_A if m["entry_a_id"] < m["entry_b_id"] else WIN_B
        assert organiser.post(f"/api/matches/{m['id']}/result", result).status_code == 200
    tables = organiser.get(f"/api/competitions/{s['ms']['id']}/standings").json()
    pair = {str(absent["entry_a_id"]), str(absent["entry_b_id"])}
    table = next(t for t in tables if pair <= set(t["entries"]))
    rows = {row["entry"]: row for row in table["standings"]}
    third = next(e for e in table["entries"] if e not in pair)
    # Each absent entry counts its played match only (the lower id won it: 2, else 1) and
    # lost the unplayed one, which gives no match point.
    for e in pair:
        won = int(e) < int(third)
        assert rows[e]["match_points"] == (2 if won else 1)
        assert (rows[e]["won"], rows[e]["lost"]) == ((1, 1) if won else (0, 2))
    assert rows[third]["match_points"] == sum(2 if int(third) < int(e) else 1 for e in pair)


def test_double_walkover_in_a_knockout_sends_no_one_through(organiser: Api) -> None:
    ko_event = event_with_players(organiser, 4)
    organiser.post(
        f"/api/competitions/{ko_event['ms']['id']}/draws",
        {"stage": "knockout", "random_seed": 3},
    )
    ko = matches(organiser, ko_event["ms"]["id"])
    organiser.post(f"/api/matches/{ko['KO-R1-1']['id']}/result", {"walkover": "both"})
    organiser.post(f"/api/matches/{ko['KO-R1-2']['id']}/result", WIN_A)
    final = matches(organiser, ko_event["ms"]["id"])["KO-R2-1"]
    # No one comes from the double walkover: the other winner goes through without play.
    assert final["status"] == "bye"
    assert final["entry_a_id"] is None
    assert final["winner_entry_id"] == ko["KO-R1-2"]["entry_a_id"]
