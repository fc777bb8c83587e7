"""Printable PDFs of a competition: the draw sheet and the umpires' score sheets."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from smallball.app import competitions as competition_pages
from smallball.app.competitions import CompetitionPage
from smallball.i18n import country_name, localized, translations
from smallball.sheets.draw_sheet import DrawSheet, GroupSheet, render_draw_sheet
from smallball.sheets.score_sheet import ScoreSheet, SheetSide, render_score_sheets
from smallball.web.pages.events import svc_of, user_of
from smallball.web.templating import request_language

router = APIRouter()


def _load(request: Request, slug: str, code: str) -> tuple[CompetitionPage, str]:
    page = svc_of(request).run(user_of(request), competition_pages.competition_page, slug, code)
    return page, request_language(request)


def _pdf(content: bytes, name: str) -> Response:
    return Response(
        content,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{name}"'},
    )


@router.get("/events/{slug}/competitions/{code}/draw.pdf")
async def draw_sheet(request: Request, slug: str, code: str) -> Response:
    page, lang = await run_in_threadpool(_load, request, slug, code)
    _ = translations(lang).gettext
    header = ("#", _("Players"), _("Country"), _("Match points"), _("Won"), _("Lost"), _("Games"))
    groups = tuple(
        GroupSheet(
            title=_("Group %(n)s") % {"n": g.number},
            header=header,
            rows=tuple(
                (
                    str(r["rank"]),
                    page.names.get(r["entry"], ""),
                    " / ".join(country_name(c, lang) for c in page.countries.get(r["entry"], [])),
                    str(r["match_points"]),
                    str(r["won"]),
                    str(r["lost"]),
                    str(r["games"]),
                )
                for r in g.rows
            ),
        )
        for g in page.groups
    )
    rounds = tuple(
        tuple(
            (
                page.names.get(m.entry_a_id, "")
                if m.entry_a_id
                else ("BYE" if m.status == "bye" else ""),
                page.names.get(m.entry_b_id, "")
                if m.entry_b_id
                else ("BYE" if m.status == "bye" else ""),
                _score(m.result),
            )
            for m in matches
        )
        for matches in page.bracket
    )
    sheet = DrawSheet(
        event=localized(page.event.name, lang),
        competition=localized(page.competition.name, lang),
        groups=groups,
        rounds=rounds,
        round_names=tuple(_("Round %(n)s") % {"n": r + 1} for r in range(len(rounds))),
    )
    content = await run_in_threadpool(render_draw_sheet, sheet)
    return _pdf(content, f"{slug}-{code}-draw.pdf")


@router.get("/events/{slug}/competitions/{code}/score-sheets.pdf")
async def score_sheets(request: Request, slug: str, code: str) -> Response:
    page, lang = await run_in_threadpool(_load, request, slug, code)
    _ = translations(lang).gettext
    labels = {
        "game": _("Game"),
        "timeout": _("Time-out"),
        "winner": _("Winner"),
        "umpire": _("Umpire"),
        "player_a": _("Player A"),
        "player_b": _("Player B"),
        "table": _("Table"),
    }
    zone = ZoneInfo(page.event.time_zone)
    babel_locale = "zh_Hans_CN" if lang == "zh_CN" else "en"
    people = {e.id: e for e in page.entries}

    def side(entry_id: int) -> SheetSide:
        entry = people[entry_id]
        return SheetSide(
            players=tuple(f"{p.name_native} {p.name_latin}".strip() for p in entry.players),
            country=" / ".join(country_name(c, lang) for c in page.countries.get(entry_id, [])),
        )

    sheets = [
        ScoreSheet(
            event=localized(page.event.name, lang),
            competition=localized(page.competition.name, lang),
            match_code=m.code,
            when=format_datetime(m.scheduled_at.astimezone(zone), "short", locale=babel_locale)
            if m.scheduled_at
            else "",
            table=str(m.table_number or ""),
            best_of=page.competition.best_of,
            side_a=side(m.entry_a_id),
            side_b=side(m.entry_b_id),
            labels=labels,
        )
        for m in page.matches
        if m.entry_a_id and m.entry_b_id and m.status == "scheduled"
    ]
    content = await run_in_threadpool(render_score_sheets, sheets)
    return _pdf(content, f"{slug}-{code}-score-sheets.pdf")


def _score(result: dict[str, Any] | None) -> str:
    if not result:
        return ""
    if result.get("walkover"):
        return "w/o"
    return " ".join(f"{a}-{b}" for a, b in result.get("games", []))
