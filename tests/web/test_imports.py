"""Importing entries from CSV and XLSX: preview, commit, and broken files that change nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import func, select
from support import Api, sign_in

from smallball.db.models import (
    AuditRecord,
    Delegation,
    DelegationMember,
    Entry,
    EntryPlayer,
    Organisation,
    Person,
    RoleGrant,
    User,
)

HEADER = (
    "delegation,country,name_native,name_latin,gender,birth_year,rating,languages,role,"
    "competition,partner"
)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

VALID = f"""{HEADER}
Chinese TTA,CHN,王楚钦,Wang Chuqin,M,2000,2900,zh;en,player,MS,
Chinese TTA,CHN,王楚钦,Wang Chuqin,M,2000,2900,zh;en,player,XD,Lily Zhang
USA Table Tennis,USA,Lily Zhang,Lily Zhang,F,1996,2400,en;zh,player,XD,Wang Chuqin
Brazilian TTC,BRA,Hugo Calderano,Hugo Calderano,M,1996,2700,pt;en,player,MS,
Chinese TTA,CHN,刘国梁,Liu Guoliang,M,1976,,zh,coach,,
"""

TABLES = (
    Organisation,
    Delegation,
    DelegationMember,
    Person,
    Entry,
    EntryPlayer,
    AuditRecord,
    User,
    RoleGrant,
)


def setup_event(organiser: Api, app: Any) -> dict[str, Any]:
    """Men's singles, cross-national mixed doubles, a team event; two delegations with leaders."""
    event = organiser.post(
        "/api/events",
        {
            "slug": "import-open",
            "name": {"en": "Import Open"},
            "starts_on": "2026-05-01",
            "ends_on": "2026-05-03",
            "time_zone": "Asia/Shanghai",
        },
    ).json()
    eid = event["id"]
    competitions = {}
    for code, kind, eligibility in (
        ("MS", "player", {"gender": "M"}),
        ("XD", "pair", {"gender": "mixed", "cross_association": "required"}),
        ("MT", "team", {"gender": "M", "team_min": 2, "team_max": 3}),
    ):
        competitions[code] = organiser.post(
            f"/api/events/{eid}/competitions",
            {"code": code, "name": {"en": code}, "entry_kind": kind, "eligibility": eligibility},
        ).json()
    delegations = {}
    leaders = {}
    for key, name, country in (
        ("chn", "Chinese TTA", "CHN"),
        ("usa", "USA Table Tennis", "USA"),
    ):
        delegations[key] = organiser.post(
            f"/api/events/{eid}/delegations",
            {
                "organisation": {"name": name, "kind": "association", "country": country},
                "leader": {"email": f"lead@{key}.example", "display_name": key},
            },
        ).json()
        leaders[key] = sign_in(
            app, f"lead@{key}.example", delegations[key]["leader_initial_password"]
        )
    return {"id": eid, "competitions": competitions, "delegations": delegations, **leaders}


def counts(app: Any) -> dict[str, int]:
    with app.state.services.factory() as session:
        return {
            t.__tablename__: session.scalar(select(func.count()).select_from(t)) or 0
            for t in TABLES
        }


def upload(
    api: Api, event_id: int, name: str, content: bytes, *, commit: bool = False, **params: Any
) -> Any:
    mime = XLSX_TYPE if name.endswith(".xlsx") else "text/csv"
    return api.post(
        f"/api/events/{event_id}/imports",
        params={"commit": "true" if commit else "false", **params},
        files={"file": (name, content, mime)},
    )


def refused(api: Api, app: Any, event_id: int, name: str, content: bytes) -> dict[str, Any]:
    """Preview and commit a broken file; both report it and neither changes the database."""
    before = counts(app)
    preview = upload(api, event_id, name, content)
    assert preview.status_code == 200, preview.text
    assert preview.json()["valid"] is False
    assert preview.json()["errors"]
    committed = upload(api, event_id, name, content, commit=True)
    assert committed.status_code == 422, committed.text
    body: dict[str, Any] = committed.json()
    # The refusal names the first problem the preview lists.
    assert body["detail"] == preview.json()["errors"][0]["detail"]
    assert body["preview"]["errors"] == preview.json()["errors"]
    assert counts(app) == before
    return body


def details(body: dict[str, Any]) -> list[str]:
    return [e["detail"] for e in body["preview"]["errors"]]


# -- valid files -----------------------------------------------------------------------------


def test_valid_csv_preview_changes_nothing_then_commit_writes_it_all(
    organiser: Api, app: Any
) -> None:
    s = setup_event(organiser, app)
    before = counts(app)
    preview = upload(organiser, s["id"], "entries.csv", VALID.encode())
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert body["valid"] is True and body["committed"] is False
    assert body["format"] == "csv" and body["encoding"] == "utf-8"
    assert body["summary"] == {"delegations_invited": ["Brazilian TTC"], "people": 4, "entries": 3}
    lines = {line["line"]: line for line in body["lines"]}
    assert sorted(lines) == [2, 3, 4, 5, 6]
    assert lines[3]["partners"] == ["Lily Zhang"] and lines[4]["partners"] == ["Wang Chuqin"]
    assert lines[5]["new_delegation"] is True and lines[2]["new_delegation"] is False
    assert lines[6]["role"] == "coach" and lines[6]["competition"] is None
    assert all(line["entry_id"] is None for line in body["lines"])  # nothing was written
    assert counts(app) == before

    committed = upload(organiser, s["id"], "entries.csv", VALID.encode(), commit=True)
    assert committed.status_code == 200, committed.text
    done = committed.json()
    assert done["committed"] is True and done["valid"] is True
    after = counts(app)
    assert after["person"] == before["person"] + 4
    assert after["entry"] == before["entry"] + 3
    assert after["delegation"] == before["delegation"] + 1
    lines = {line["line"]: line for line in done["lines"]}
    # A player on two lines is one person with two entries.
    assert lines[2]["person_id"] == lines[3]["person_id"]
    assert lines[2]["entry_id"] != lines[3]["entry_id"]
    assert lines[3]["entry_id"] == lines[4]["entry_id"]

    xd = organiser.get(f"/api/competitions/{s['competitions']['XD']['id']}/entries").json()
    assert len(xd) == 1 and xd[0]["status"] == "pending"
    assert xd[0]["delegation_id"] is None  # a pair across delegations belongs to none
    assert {p["country"] for p in xd[0]["players"]} == {"CHN", "USA"}
    ms = organiser.get(f"/api/competitions/{s['competitions']['MS']['id']}/entries").json()
    assert sorted(p["name_latin"] for e in ms for p in e["players"]) == [
        "Hugo Calderano",
        "Wang Chuqin",
    ]
    delegations = organiser.get(f"/api/events/{s['id']}/delegations").json()
    brazil = next(d for d in delegations if d["name"] == "Brazilian TTC")
    assert brazil["organisation"]["country"] == "BRA"
    chn = next(d for d in delegations if d["name"] == "Chinese TTA")
    assert {m["person"]["name_native"]: m["role"] for m in chn["members"]} == {
        "王楚钦": "player",
        "刘国梁": "coach",
    }


def test_valid_xlsx_preview_then_commit(organiser: Api, app: Any, tmp_path: Path) -> None:
    s = setup_event(organiser, app)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER.split(","))
    sheet.append(
        ["Chinese TTA", "CHN", "马龙", "Ma Long", "M", 1988, 2800.0, "zh", "", "MT", "Dragons"]
    )
    sheet.append(
        [
            "Chinese TTA",
            "China",
            "樊振东",
            "Fan Zhendong",
            "male",
            1997,
            2850,
            "zh",
            "",
            "MT",
            "Dragons",
        ]
    )
    sheet.append(
        ["USA Table Tennis", "US", "Kanak Jha", "Kanak Jha", "M", 2000, None, "en", "", "MS", None]
    )
    path = tmp_path / "entries.xlsx"
    book.save(path)
    content = path.read_bytes()
    before = counts(app)

    preview = upload(organiser, s["id"], "entries.xlsx", content)
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert body["valid"] is True, body["errors"]
    assert body["format"] == "xlsx"
    assert body["summary"]["entries"] == 2
    team_lines = [line for line in body["lines"] if line["competition"] == "MT"]
    assert [line["team"] for line in team_lines] == ["Dragons", "Dragons"]
    assert [line["country"] for line in body["lines"]] == ["CHN", "CHN", "USA"]
    assert counts(app) == before

    committed = upload(organiser, s["id"], "entries.xlsx", content, commit=True)
    assert committed.status_code == 200, committed.text
    mt = organiser.get(f"/api/competitions/{s['competitions']['MT']['id']}/entries").json()
    assert len(mt) == 1 and mt[0]["name"] == "Dragons"
    assert mt[0]["delegation_id"] == s["delegations"]["chn"]["id"]
    assert [p["birth_year"] for p in mt[0]["players"]] == [1988, 1997]
    assert counts(app)["entry"] == before["entry"] + 2


def test_gb18030_csv_with_chinese_names(organiser: Api, app: Any) -> None:
    s = setup_event(organiser, app)
    text = f"""{HEADER}
Chinese TTA,中国,孙颖莎,Sun Yingsha,女,2000,2700,zh,运动员,XD,Lin Gaoyuan
USA Table Tennis,美国,林高远,Lin Gaoyuan,男,1995,2600,zh;en,运动员,XD,Sun Yingsha
Chinese TTA,中国,张继科,Zhang Jike,男,1988,2500,zh,运动员,MS,
"""
    content = text.encode("gb18030")
    try:
        content.decode("utf-8")
        raise AssertionError("the test file must not be valid UTF-8")
    except UnicodeDecodeError:
        pass
    preview = upload(organiser, s["id"], "名单.csv", content)
    body = preview.json()
    assert body["valid"] is True, body["errors"]
    assert body["encoding"] == "gb18030"
    assert [line["name_native"] for line in body["lines"]] == ["孙颖莎", "林高远", "张继科"]
    assert [line["country"] for line in body["lines"]] == ["CHN", "USA", "CHN"]
    committed = upload(organiser, s["id"], "名单.csv", content, commit=True)
    assert committed.status_code == 200, committed.text
    chn = organiser.get(f"/api/delegations/{s['delegations']['chn']['id']}").json()
    people = {m["person"]["name_latin"]: m["person"] for m in chn["members"]}
    assert people["Sun Yingsha"]["name_native"] == "孙颖莎"
    assert people["Sun Yingsha"]["gender"] == "F"
    assert people["Zhang Jike"]["name_native"] == "张继科"


def test_bom_semicolons_and_explicit_encoding(organiser: Api, app: Any) -> None:
    s = setup_event(organiser, app)
    spaced = VALID.replace("zh;en", "zh en").replace("en;zh", "en/zh").replace("pt;en", "pt, en")
    semicolons = spaced.replace(",", ";").replace("pt; en", "pt en")
    body = upload(organiser, s["id"], "e.csv", b"\xef\xbb\xbf" + semicolons.encode()).json()
    assert body["valid"] is True, body["errors"]
    assert body["columns"][0] == "delegation"  # the byte order mark is not part of the name
    latin1 = f"{HEADER}\nUSA Table Tennis,USA,José Müller,Jose Muller,M,1990,,,,MS,\n"
    body = upload(organiser, s["id"], "e.csv", latin1.encode("latin-1"), encoding="latin-1").json()
    assert body["valid"] is True, body["errors"]
    assert body["lines"][0]["name_native"] == "José Müller"


# -- broken files: a clear message with the line number, and the database unchanged ----------


def test_missing_column(organiser: Api, app: Any) -> None:
    s = setup_event(organiser, app)
    text = VALID.replace("country,", "", 1)
    body = refused(organiser, app, s["id"], "e.csv", text.encode())
    assert body["detail"] == "line 1: country: missing column"
    assert body["field"] == "line 1"


def test_unknown_column_names_the_columns(organiser: Api, app: Any) -> None:
    s = setup_event(organiser, app)
    text = VALID.replace("birth_year", "birthyear", 1)
    body = refused(organiser, app, s["id"], "e.csv", text.encode())
    assert body["detail"].startswith("line 1: birthyear: unknown column")
    assert "birth_year" in body["detail"]


def test_unknown_country(organiser: Api, app: Any) -> None:
    s = setup_event(organiser, app)
    text = VALID.replace("USA Table Tennis,USA", "USA Table Tennis,Atlantis")
    body = refused(organiser, app, s["id"], "e.csv", text.encode())
    assert body["detail"].startswith("line 4: country: unknown country 'Atlantis'")
    # Its partner on line 3 cannot be paired with a line that failed, but is not blamed.
    assert [e["line"] for e in body["preview"]["errors"]] == [4]


def test_duplicate_player(organiser: Api, app: Any) -> None:
    s = setup_event(organiser, app)
    text = VALID + "Chinese TTA,CHN,王楚钦,wang  chuqin,M,2000,2900,zh;en,player,MS,\n"
    body = refused(organiser, app, s["id"], "e.csv", text.encode())
    assert body["detail"] == (
        "line 7: name_latin: duplicate player: 'wang  chuqin' (CHN) is also on line 2 for MS"
    )


def test_same_player_with_different_details(organiser: Api, app: Any) -> None:
    s = setup_event(organiser, app)
    text = VALID.replace(
        "Chinese TTA,CHN,王楚钦,Wang Chuqin,M,2000,2900,zh;en,player,XD",
        "Chinese TTA,CHN,王楚钦,Wang Chuqin,M,2001,2900,zh;en,player,XD",
    )
    body = refused(organiser, app, s["id"], "e.csv", text.encode())
    assert body["detail"] == (
        "line 3: name_latin: 'Wang Chuqin' (CHN) is on line 2 with a different birth_year"
    )


def test_wrong_encoding(organiser: Api, app: Any) -> None:
    s = setup_event(organiser, app)
    text = f"{HEADER}\nUSA Table Tennis,USA,Kanak,Kanak Jha,M,2000,,,,MS,\n"
    text += "USA Table Tennis,USA,José Müller,Jose Muller,M,1990,,,,MS,\n"
    body = refused(organiser, app, s["id"], "e.csv", text.encode("cp1252"))
    assert body["detail"].startswith(
        "line 3: encoding: the file is neither UTF-8 nor Chinese GB18030/GBK (byte 0xE9"
    )
    assert body["field"] == "line 3"
    # "Müller" in Latin-1 happens to decode as GB18030 ("M黮ler"), but not as common Chinese.
    muller = f"{HEADER}\nUSA Table Tennis,USA,Müller,Muller,M,1990,,,,MS,\n"
    assert muller.encode("latin-1").decode("gb18030")
    body = refused(organiser, app, s["id"], "e.csv", muller.encode("latin-1"))
    assert body["detail"].startswith("line 2: encoding: the file is neither UTF-8 nor Chinese")
    # A file that says it is UTF-8 (a byte order mark) but is not, is refused too.
    body = refused(organiser, app, s["id"], "e.csv", b"\xef\xbb\xbf" + text.encode("cp1252"))
    assert body["detail"].startswith("line 3: encoding: byte 0xE9 is not valid utf-8")


def test_empty_files(organiser: Api, app: Any, tmp_path: Path) -> None:
    s = setup_event(organiser, app)
    for name, content in (
        ("e.csv", b""),
        ("e.csv", b"\xef\xbb\xbf\r\n  \r\n"),
        ("e.csv", b",,,\n,,\n"),
    ):
        body = refused(organiser, app, s["id"], name, content)
        assert body["detail"] == "line 1: file: the file is empty", content
    openpyxl.Workbook().save(tmp_path / "empty.xlsx")
    body = refused(organiser, app, s["id"], "empty.xlsx", (tmp_path / "empty.xlsx").read_bytes())
    assert body["detail"] == "line 1: file: the file is empty"


def test_header_only(organiser: Api, app: Any) -> None:
    s = setup_event(organiser, app)
    body = refused(organiser, app, s["id"], "e.csv", (HEADER + "\n\n").encode())
    assert body["detail"] == "line 2: file: no lines under the header: nothing to import"


def test_bad_xlsx_bytes(organiser: Api, app: Any) -> None:
    s = setup_event(organiser, app)
    for content in (b"PK\x03\x04 this is no zip", b"\x00\x01 plainly not a workbook"):
        body = refused(organiser, app, s["id"], "entries.xlsx", content)
        assert body["detail"].startswith("file: not a readable XLSX workbook")
        assert body["field"] == "file"
    body = refused(organiser, app, s["id"], "old.xls", b"\xd0\xcf\x11\xe0")
    assert "old .xls format" in body["detail"]


def test_xlsx_errors_name_the_row(organiser: Api, app: Any, tmp_path: Path) -> None:
    s = setup_event(organiser, app)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER.split(","))
    sheet.append(["Chinese TTA", "CHN", "马龙", "Ma Long", "M", 1988, None, "zh", "", "MS", ""])
    sheet.append([])
    sheet.append(["Chinese TTA", "Atlantis", "丁宁", "Ding Ning", "F", 1990, None, "", "", "", ""])
    path = tmp_path / "broken.xlsx"
    book.save(path)
    body = refused(organiser, app, s["id"], "broken.xlsx", path.read_bytes())
    assert body["detail"].startswith("line 4: country: unknown country 'Atlantis'")


def test_errors_after_writing_roll_everything_back(organiser: Api, app: Any) -> None:
    """Eligibility is only known once the people exist; a failure then still writes nothing."""
    s = setup_event(organiser, app)
    text = f"""{HEADER}
Brazilian TTC,BRA,Hugo Calderano,Hugo Calderano,M,1996,2700,pt,player,MS,
Chinese TTA,CHN,王楚钦,Wang Chuqin,M,2000,2900,zh,player,XD,Sun Yingsha
Chinese TTA,CHN,孙颖莎,Sun Yingsha,F,2000,2700,zh,player,XD,Wang Chuqin
USA Table Tennis,USA,Lily Zhang,Lily Zhang,F,1996,2400,en,player,MS,
"""
    body = refused(organiser, app, s["id"], "e.csv", text.encode())
    assert body["detail"] == (
        "line 3: competition: this competition requires players from two associations"
    )
    assert details(body) == [
        "line 3: competition: this competition requires players from two associations",
        "line 4: competition: this competition requires players from two associations",
        "line 5: competition: Lily Zhang: this competition is for men",
    ]


def test_every_problem_is_listed_and_lines_count_as_the_user_sees_them(
    organiser: Api, app: Any
) -> None:
    s = setup_event(organiser, app)
    # Line 2's quoted cell runs over two lines, so the next record starts on line 4.
    text = f"""{HEADER}
Chinese TTA,CHN,"王
楚钦",Wang Chuqin,M,2000,,zh,player,MS,
Chinese TTA,CHN,马龙,Ma Long,M,1988,,zh,player,WS,
Chinese TTA,CHN,许昕,Xu Xin,Q,1990,,zh,player,XD,Nobody
,CHN,丁宁,Ding Ning,F,1990,,klingon,player,,
Chinese TTA,CHN,刘诗雯,"Liu, Shiwen",F,1991,,zh,player,,,extra
"""
    body = refused(organiser, app, s["id"], "e.csv", text.encode())
    assert body["detail"].startswith("line 4: competition: unknown competition 'WS'")
    assert "MS, XD, MT" in body["detail"]
    assert details(body) == [
        body["detail"],
        "line 5: gender: unknown gender 'Q' (use M, F or X)",
        "line 6: delegation: required",
        "line 7: row: more cells than named columns (is a cell missing its quotes?)",
    ]
    text = f"{HEADER}\nChinese TTA,CHN,丁宁,Ding Ning,F,1990,,klingon,player,,\n"
    body = refused(organiser, app, s["id"], "e.csv", text.encode())
    assert body["detail"].startswith("line 2: languages: unknown language 'klingon'")


def test_partners_must_name_each_other(organiser: Api, app: Any) -> None:
    s = setup_event(organiser, app)
    text = f"""{HEADER}
Chinese TTA,CHN,王楚钦,Wang Chuqin,M,2000,,zh,player,XD,Lily Zhang
USA Table Tennis,USA,Lily Zhang,Lily Zhang,F,1996,,en,player,XD,Kanak Jha
Chinese TTA,CHN,马龙,Ma Long,M,1988,,zh,player,XD,
Chinese TTA,CHN,许昕,Xu Xin,M,1990,,zh,player,MS,Ma Long
"""
    body = refused(organiser, app, s["id"], "e.csv", text.encode())
    assert details(body) == [
        "line 2: partner: line 3 (Lily Zhang) does not name 'Wang Chuqin' as partner",
        "line 3: partner: 'Kanak Jha' has no line for XD in this file",
        "line 4: partner: give the partner's name_latin for the doubles competition XD",
        "line 5: partner: not used in a singles competition (MS)",
    ]


def test_a_player_already_at_the_event_is_refused(organiser: Api, app: Any) -> None:
    s = setup_event(organiser, app)
    assert upload(organiser, s["id"], "e.csv", VALID.encode(), commit=True).status_code == 200
    body = refused(organiser, app, s["id"], "e.csv", VALID.encode())
    assert body["detail"] == (
        "line 2: name_latin: 'Wang Chuqin' (CHN) is registered at this event already "
        "(Chinese TTA); enter them from the entries page"
    )
    # Every line names its own person: all five are refused.
    assert {e["line"] for e in body["preview"]["errors"]} == {2, 3, 4, 5, 6}


# -- who may import ------------------------------------------------------------------------


def test_leaders_import_their_own_delegation_only(organiser: Api, public: Api, app: Any) -> None:
    s = setup_event(organiser, app)
    body = refused(s["chn"], app, s["id"], "e.csv", VALID.encode())
    assert details(body) == [
        "line 4: delegation: you may only import lines of your own delegation, "
        "not 'USA Table Tennis'",
        "line 5: delegation: no delegation 'Brazilian TTC' at this event",
    ]
    own = f"""{HEADER}
Chinese TTA,CHN,马龙,Ma Long,M,1988,,zh,player,MS,
Chinese TTA,CHN,樊振东,Fan Zhendong,M,1997,,zh,player,MT,Shanghai
Chinese TTA,CHN,许昕,Xu Xin,M,1990,,zh,player,MT,Shanghai
"""
    done = upload(s["chn"], s["id"], "e.csv", own.encode(), commit=True)
    assert done.status_code == 200, done.text
    ms = organiser.get(f"/api/competitions/{s['competitions']['MS']['id']}/entries").json()
    assert [e["delegation_id"] for e in ms] == [s["delegations"]["chn"]["id"]]
    assert upload(public, s["id"], "e.csv", own.encode(), commit=True).status_code == 404
    organiser.post(f"/api/events/{s['id']}/publish")
    before = counts(app)
    assert upload(public, s["id"], "e.csv", own.encode(), commit=True).status_code == 401
    assert counts(app) == before


def test_the_import_is_audited_once_committed(organiser: Api, app: Any) -> None:
    s = setup_event(organiser, app)
    upload(organiser, s["id"], "entries.csv", VALID.encode(), commit=True)
    with app.state.services.factory() as session:
        record = session.scalars(
            select(AuditRecord).where(AuditRecord.action == "entries.import")
        ).one()
    assert record.event_id == s["id"]
    assert record.after is not None
    assert record.after["filename"] == "entries.csv" and record.after["entries"] == 3
