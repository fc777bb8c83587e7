"""The printed draw: group tables and the knockout rounds of one competition."""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from smallball.sheets.fonts import cjk_font


@dataclass(frozen=True, slots=True)
class GroupSheet:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class DrawSheet:
    event: str
    competition: str
    groups: tuple[GroupSheet, ...] = ()
    # Rounds of the knockout, each a list of (side a, side b, score) in bracket order.
    rounds: tuple[tuple[tuple[str, str, str], ...], ...] = ()
    round_names: tuple[str, ...] = field(default=())


def render_draw_sheet(sheet: DrawSheet) -> bytes:
    buffer = BytesIO()
    size = landscape(A4)
    canvas = Canvas(buffer, pagesize=size)
    font = cjk_font()
    if sheet.groups:
        _groups(canvas, font, sheet, size)
    if sheet.rounds:
        if sheet.groups:
            canvas.showPage()
        _bracket(canvas, font, sheet, size)
    if not sheet.groups and not sheet.rounds:
        _title(canvas, font, sheet, size)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _title(c: Canvas, font: str, sheet: DrawSheet, size: tuple[float, float]) -> float:
    y = size[1] - 16 * mm
    c.setFont(font, 15)
    c.drawString(15 * mm, y, f"{sheet.event} · {sheet.competition}")
    return y - 10 * mm


def _groups(c: Canvas, font: str, sheet: DrawSheet, size: tuple[float, float]) -> None:
    y = _title(c, font, sheet, size)
    left = 15 * mm
    widths = (10 * mm, 90 * mm, 45 * mm, 22 * mm, 22 * mm, 22 * mm, 30 * mm)
    for group in sheet.groups:
        needed = (len(group.rows) + 2) * 6 * mm + 6 * mm
        if y - needed < 12 * mm:
            c.showPage()
            y = _title(c, font, sheet, size)
        c.setFont(font, 12)
        c.drawString(left, y, group.title)
        y -= 7 * mm
        c.setFont(font, 9)
        for row in (group.header, *group.rows):
            x = left
            for width, cell in zip(widths, row, strict=False):
                c.drawString(x, y, cell)
                x += width
            y -= 6 * mm
        y -= 4 * mm


def _bracket(c: Canvas, font: str, sheet: DrawSheet, size: tuple[float, float]) -> None:
    top = _title(c, font, sheet, size)
    rounds = sheet.rounds
    first = len(rounds[0])
    height = top - 10 * mm
    slot = height / max(first, 1)
    col = (size[0] - 30 * mm) / len(rounds)
    font_size = max(5.0, min(9.0, slot / mm * 1.6))
    for r, matches in enumerate(rounds):
        x = 15 * mm + r * col
        if r < len(sheet.round_names):
            c.setFont(font, 10)
            c.drawString(x, top, sheet.round_names[r])
        c.setFont(font, font_size)
        span = slot * 2**r
        for k, (a, b, score) in enumerate(matches):
            centre = top - 5 * mm - span * (k + 0.5)
            c.drawString(x, centre + 1.2 * mm, a)
            c.drawString(x, centre - font_size * 0.45 * mm - 1.2 * mm, b)
            if score:
                c.drawString(x + col * 0.55, centre - 0.6 * mm, score)
            c.line(x, centre, x + col - 3 * mm, centre)
