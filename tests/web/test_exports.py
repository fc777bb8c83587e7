"""Exporting results (CSV, JSON) and entries (CSV) of an event."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import Any

from support import Api

from smallball.db.models import Match

COMPETITIONS = (
    ("MS", "player", {"gender": "M"}),
    ("XD", "pair", {"gender": "mixed", "cross_association": "required"}),
    ("MT", "team", {"team_min": 2, "team_max": 3}),
)


def make_event(organiser: Api, slug: str) -> dict[str, Any]:
    event: dict[str, Any] = organiser.post(
        "/api/events",
        {
            "slug": slug,
            "name": {"en": "Export Open", "zh_CN": "导出公开赛"},
            "starts_on": "2026-05-01",
            "ends_on": "2026-05-03",
            "time_zone": "Asia/Shanghai",
        },
    ).json()
    event["codes"] = {}
    for code, kind, eligibility in COMPETITIONS:
        competition = organiser.post(
            f"/api/events/{event['id']}/competitions",
            {"code": code, "name": {"en": code}, "entry_kind": kind, "eligibility": eligibility},
        ).json()
        event["codes"][code] = competition["id"]
    return event


def delegation(organiser: Api, event_id: int, name: str, country: str, kind: str) -> int:
    response = organiser.post(
        f"/api/events/{event_id}/delegations",
        {"organisation": {"name": name, "kind": kind, "country": country}},
    )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def member(
    organiser: Api, delegation_id: int, native: str, latin: str, gender: str, country: str
) -> int:
    response = organiser.post(
        f"/api/delegations/{delegation_id}/members",
        {
            "person": {
                "name_native": native,
                "name_latin": latin,
                "gender": gender,
                "country": country,
                "birth_year": 1999,
                "rating": 2500,
                "languages": ["zh", "en"],
            }
        },
    )
    assert response.status_code == 201, response.text
    return int(response.json()["person"]["id"])


def enter(organiser: Api, competition_id: int, people: list[int], **extra: Any) -> int:
    response = organiser.post(
        f"/api/competitions/{competition_id}/entries", {"person_ids": people, **extra}
    )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def populated(organiser: Api) -> dict[str, Any]:
    event = make_event(organiser, "export-open")
    chn = delegation(organiser, event["id"], "Chinese TTA", "CHN", "association")
    usa = delegation(organiser, event["id"], "Stanford University", "USA", "university")
    wang = member(organiser, chn, "王楚钦", "Wang Chuqin", "M", "CHN")
    ma = member(organiser, chn, "马龙", "Ma Long", "M", "CHN")
    kanak = member(organiser, usa, "Kanak Jha", "Kanak Jha", "M", "USA")
    lily = member(organiser, usa, "Lily Zhang", "Lily Zhang", "F", "USA")
    sun = member(organiser, chn, "孙颖莎", "Sun Yingsha", "F", "CHN")
    evil = member(organiser, usa, "=1+1", "=1+1", "M", "USA")
    ms = event["codes"]["MS"]
    entries = {
        "wang": enter(organiser, ms, [wang], delegation_id=chn, seed=1),
        "ma": enter(organiser, ms, [ma], delegation_id=chn),
        "kanak": enter(organiser, ms, [kanak], delegation_id=usa),
        "evil": enter(organiser, ms, [evil], delegation_id=usa),
        "wang_lily": enter(organiser, event["codes"]["XD"], [wang, lily]),
        "kanak_sun": enter(organiser, event["codes"]["XD"], [kanak, sun]),
        "team": enter(organiser, event["codes"]["MT"], [ma, kanak], name="Friendship"),
        "team2": enter(organiser, event["codes"]["MT"], [wang, evil], name="Harmony"),
    }
    return {**event, "entries": entries}


def add_matches(app: Any, event: dict[str, Any]) -> None:
    """Matches as the draw and results use cases leave them, and results in looser shapes;
    written directly, since recording results is not what is tested here."""
    e, codes = event["entries"], event["codes"]
    with app.state.services.factory() as session, session.begin():
        session.add_all(
            [
                Match(
                    competition_id=codes["MS"],
                    code="G1-R1-1",
                    stage="groups",
                    group_number=1,
                    round_number=1,
                    number=1,
                    entry_a_id=e["wang"],
                    entry_b_id=e["kanak"],
                    table_number=3,
                    scheduled_at=datetime(2026, 5, 1, 2, 0, tzinfo=UTC),
                    status="completed",
                    result={"games": [[11, 7], [9, 11], [11, 5], [11, 8]]},
                    winner_entry_id=e["wang"],
                ),
                Match(
                    competition_id=codes["MS"],
                    code="KO-R1-1",
                    stage="knockout",
                    entry_a_id=e["evil"],
                    status="scheduled",
                    result=["not", "a", "dict"],  # type: ignore[arg-type]
                ),
                Match(
                    competition_id=codes["MS"],
                    code="G1-R2-1",
                    stage="groups",
                    group_number=1,
                    round_number=2,
                    number=1,
                    entry_a_id=e["ma"],
                    entry_b_id=e["kanak"],
                    status="walkover",
                    result={"games": [], "walkover": "a"},
                    winner_entry_id=e["ma"],
                ),
                Match(
                    competition_id=codes["XD"],
                    code="F",
                    entry_a_id=e["wang_lily"],
                    entry_b_id=e["kanak_sun"],
                    status="retired",
                    result={
                        "games": [{"a": 11, "b": 9}, "junk", [11], [7, 11], [11, "x"], None],
                        "retired": "b",
                        "winner": "a",
                    },
                ),
                Match(
                    competition_id=codes["MT"],
                    code="F",
                    entry_a_id=e["team"],
                    entry_b_id=e["team2"],
                    status="completed",
                    result={
                        "games": [],
                        "rubbers": [
                            {"games": [[11, 5], [11, 6], [11, 7]]},
                            {"games": [[5, 11], [6, 11], [7, 11]]},
                            {"games": [[11, 9], [11, 9], [9, 11], [11, 9]]},
                        ],
                    },
                    winner_entry_id=e["team"],
                ),
            ]
        )


def read_csv(response: Any) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")  # so Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_results_as_json(organiser: Api, app: Any) -> None:
    event = populated(organiser)
    add_matches(app, event)
    body = organiser.get(f"/api/events/{event['id']}/results.json").json()
    assert body["event"]["slug"] == "export-open"
    # Groups before the knockout, in round order, competition by competition.
    order = [(m["competition"], m["code"]) for m in body["matches"]]
    assert order == [("MS", "G1-R1-1"), ("MS", "G1-R2-1"), ("MS", "KO-R1-1"), ("XD", "F"),
                     ("MT", "F")]  # fmt: skip
    g1, walkover, pending, final, team = body["matches"]
    assert (g1["stage"], g1["group"], g1["round"], g1["table"]) == ("groups", 1, 1, 3)
    assert g1["scheduled_at"] == "2026-05-01T10:00:00+08:00"  # in the event's time zone
    assert g1["games"] == [[11, 7], [9, 11], [11, 5], [11, 8]]
    assert g1["score"] == [3, 1] and g1["winner"] == "a"
    assert g1["a"]["name"] == "Wang Chuqin" and g1["a"]["countries"] == ["CHN"]
    assert g1["b"]["players"][0]["country"] == "USA"
    assert walkover["walkover"] == "a" and walkover["winner"] == "a"
    assert walkover["games"] == [] and walkover["score"] is None
    assert final["games"] == [[11, 9], [7, 11]]  # the unreadable games are left out
    assert final["score"] == [1, 1] and final["retired"] == "b" and final["winner"] == "a"
    assert final["a"]["countries"] == ["CHN", "USA"]
    assert final["a"]["name_native"] == "王楚钦 / Lily Zhang"
    assert final["result"]["games"][1] == "junk"  # the raw result is kept as recorded
    assert pending["b"] is None and pending["result"] is None and pending["winner"] is None
    assert team["score"] == [2, 1] and len(team["rubbers"]) == 3
    assert team["a"]["name"] == "Friendship"


def test_results_as_csv(organiser: Api, app: Any) -> None:
    event = populated(organiser)
    add_matches(app, event)
    response = organiser.get("/api/events/export-open/results.csv")  # by slug too
    assert 'filename="export-open-results.csv"' in response.headers["content-disposition"]
    rows = read_csv(response)
    assert [r["match"] for r in rows] == ["G1-R1-1", "G1-R2-1", "KO-R1-1", "F", "F"]
    g1 = rows[0]
    assert (g1["side_a"], g1["country_a"], g1["side_b"], g1["country_b"]) == (
        "Wang Chuqin",
        "CHN",
        "Kanak Jha",
        "USA",
    )
    assert (g1["stage"], g1["group"], g1["round"]) == ("groups", "1", "1")
    assert g1["side_a_native"] == "王楚钦"
    assert (g1["score"], g1["games"]) == ("3-1", "11-7 9-11 11-5 11-8")
    assert (g1["winner"], g1["winner_side"], g1["table"]) == ("Wang Chuqin", "a", "3")
    assert g1["scheduled_at"] == "2026-05-01T10:00:00+08:00"
    assert (rows[1]["walkover"], rows[1]["winner"]) == ("a", "Ma Long")
    assert rows[2]["side_a"] == "'=1+1"  # a spreadsheet must not run it as a formula
    assert (rows[2]["side_b"], rows[2]["score"], rows[2]["group"]) == ("", "", "")
    final = rows[3]
    assert final["side_a"] == "Wang Chuqin / Lily Zhang" and final["country_a"] == "CHN/USA"
    assert (final["score"], final["retired"], final["competition"]) == ("1-1", "b", "XD")
    assert (rows[4]["score"], rows[4]["games"]) == ("2-1", "3-0 0-3 3-1")  # rubbers


def test_an_event_without_matches_exports_empty_results(organiser: Api) -> None:
    event = make_event(organiser, "quiet-open")
    response = organiser.get(f"/api/events/{event['id']}/results.csv")
    assert read_csv(response) == []
    assert response.content.decode("utf-8-sig").splitlines()[0].startswith("competition,stage")
    body = organiser.get(f"/api/events/{event['id']}/results.json").json()
    assert body["matches"] == []


def test_the_public_exports_published_events_only(organiser: Api, public: Api, app: Any) -> None:
    event = populated(organiser)
    add_matches(app, event)
    for path in ("results.csv", "results.json", "entries.csv"):
        assert public.get(f"/api/events/{event['id']}/{path}").status_code == 404
    organiser.post(f"/api/events/{event['id']}/publish")
    for path in ("results.csv", "results.json", "entries.csv"):
        assert public.get(f"/api/events/{event['id']}/{path}").status_code == 200
    assert public.get("/api/events/9999/results.json").status_code == 404


def test_entries_csv_can_be_imported_into_another_event(organiser: Api, app: Any) -> None:
    event = populated(organiser)
    response = organiser.get(f"/api/events/{event['id']}/entries.csv")
    rows = read_csv(response)
    assert 'filename="export-open-entries.csv"' in response.headers["content-disposition"]
    # One line per player of each entry: 4 singles, 2 pairs of 2, 2 teams of 2.
    assert [r["competition"] for r in rows] == ["MS"] * 4 + ["XD"] * 4 + ["MT"] * 4
    assert rows[0]["name_latin"] == "Wang Chuqin" and rows[0]["seed"] == "1"
    assert rows[0]["languages"] == "zh;en" and rows[0]["status"] == "pending"
    xd = {r["name_latin"]: r["partner"] for r in rows if r["competition"] == "XD"}
    assert xd["Wang Chuqin"] == "Lily Zhang" and xd["Lily Zhang"] == "Wang Chuqin"
    team = [r for r in rows if r["partner"] == "Friendship"]
    assert [r["name_latin"] for r in team] == ["Ma Long", "Kanak Jha"]
    assert {r["delegation"] for r in team} == {"Chinese TTA", "Stanford University"}
    stanford = next(r for r in rows if r["delegation"] == "Stanford University")
    assert (stanford["delegation_kind"], stanford["delegation_country"]) == ("university", "USA")

    other = make_event(organiser, "return-visit")
    imported = organiser.post(
        f"/api/events/{other['id']}/imports",
        params={"commit": "true"},
        files={"file": ("entries.csv", response.content, "text/csv")},
    )
    assert imported.status_code == 200, imported.text
    body = imported.json()
    assert body["summary"]["entries"] == 8
    assert sorted(body["summary"]["delegations_invited"]) == [
        "Chinese TTA",
        "Stanford University",
    ]
    assert {line["name_latin"] for line in body["lines"]} >= {"=1+1", "Wang Chuqin"}
    again = read_csv(organiser.get(f"/api/events/{other['id']}/entries.csv"))
    keep = ("competition", "name_latin", "name_native", "country", "partner", "delegation")
    assert [{k: r[k] for k in keep} for r in again] == [{k: r[k] for k in keep} for r in rows]
