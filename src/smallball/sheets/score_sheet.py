"""The umpire's paper score sheet for one match: players, games, time-outs and signatures."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from smallball.sheets.fonts import cjk_font


@dataclass(frozen=True, slots=True)
class SheetSide:
    players: tuple[str, ...]  # names as printed, e.g. "王楚钦 WANG Chuqin"
    country: str  # translated country name(s)


@dataclass(frozen=True, slots=True)
class ScoreSheet:
    event: str
    competition: str
    match_code: str
    when: str  # already in the event's time zone and language
    table: str
    best_of: int
    side_a: SheetSide
    side_b: SheetSide
    labels: dict[str, str]  # translated captions: game, time-out, umpire, signature, winner


def render_score_sheets(sheets: list[ScoreSheet]) -> bytes:
    """One A4 page per match."""
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    font = cjk_font()
    for sheet in sheets:
        _page(canvas, font, sheet)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _page(c: Canvas, font: str, s: ScoreSheet) -> None:
    width, height = A4
    left = 18 * mm
    y = height - 22 * mm
    c.setFont(font, 16)
    c.drawString(left, y, s.event)
    y -= 8 * mm
    c.setFont(font, 12)
    c.drawString(left, y, f"{s.competition} · {s.match_code}")
    c.drawRightString(width - left, y, f"{s.labels['table']} {s.table} · {s.when}")
    y -= 14 * mm
    for label, side in (("A", s.side_a), ("B", s.side_b)):
        c.setFont(font, 13)
        c.drawString(left, y, f"{label}  " + " / ".join(side.players))
        c.setFont(font, 10)
        c.drawRightString(width - left, y, side.country)
        y -= 9 * mm
    y -= 6 * mm
    # One column per game, rows for A and B, plus time-out boxes.
    col = (width - 2 * left - 30 * mm) / s.best_of
    c.setFont(font, 10)
    c.drawString(left, y, s.labels["game"])
    for g in range(s.best_of):
        c.drawCentredString(left + 30 * mm + col * (g + 0.5), y, str(g + 1))
    for row, label in enumerate(("A", "B")):
        top = y - 4 * mm - row * 14 * mm
        c.drawString(left, top - 9 * mm, label)
        for g in range(s.best_of):
            c.rect(left + 30 * mm + col * g, top - 14 * mm, col, 14 * mm)
    y -= 40 * mm
    c.drawString(left, y, f"{s.labels['timeout']}:  A [   ]   B [   ]")
    y -= 16 * mm
    c.drawString(left, y, f"{s.labels['winner']}: ______________________________")
    y -= 16 * mm
    for who in ("umpire", "player_a", "player_b"):
        c.drawString(left, y, f"{s.labels[who]}: ______________________________")
        y -= 12 * mm
