"""Printable draw and score sheets: real PDFs whose text is in the reader's language."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from fastapi.testclient import TestClient
from pypdf import PdfReader
from support import Api, event_with_players, matches


def pdf_text(content: bytes) -> tuple[int, str]:
    reader = PdfReader(BytesIO(content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_draw_sheet_in_chinese_has_the_groups(app: Any, organiser: Api) -> None:
    s = event_with_players(organiser, 6)
    organiser.post(
        f"/api/competitions/{s['ms']['id']}/draws",
        {"stage": "groups", "groups": 2, "random_seed": 4},
    )
    organiser.post(f"/api/events/{s['event']['id']}/publish")
    response = TestClient(app).get("/events/draw-test/competitions/MS/draw.pdf?lang=zh_CN")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    pages, text = pdf_text(response.content)
    assert pages >= 1
    assert "小组 1" in text and "小组 2" in text
    assert "中国" in text  # country names translated


def test_score_sheets_one_page_per_open_match(app: Any, organiser: Api) -> None:
    s = event_with_players(organiser, 4)
    organiser.post(
        f"/api/competitions/{s['ms']['id']}/draws", {"stage": "knockout", "random_seed": 4}
    )
    ko = matches(organiser, s["ms"]["id"])
    organiser.post(
        f"/api/matches/{ko['KO-R1-1']['id']}/result", {"games": [[11, 1], [11, 1], [11, 1]]}
    )
    organiser.post(f"/api/events/{s['event']['id']}/publish")
    response = TestClient(app).get("/events/draw-test/competitions/MS/score-sheets.pdf")
    pages, text = pdf_text(response.content)
    assert pages == 1  # KO-R1-2 only: R1-1 is played, the final not yet known
    assert "KO-R1-2" in text and "Umpire" in text
    bracket = TestClient(app).get("/events/draw-test/competitions/MS/draw.pdf")
    _, text = pdf_text(bracket.content)
    assert "Round 1" in text and "11-1 11-1 11-1" in text
