from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from smallball.app import delegations, events
from smallball.app.context import Services
from smallball.app.permissions import is_organiser
from smallball.web.pages.forms import act, optional, take_flash, text_of
from smallball.web.templating import render, request_language

router = APIRouter()


def svc_of(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def user_of(request: Request) -> int | None:
    user_id = request.session.get("user_id")
    return int(user_id) if user_id is not None else None


@router.get("/")
def home(request: Request) -> Response:
    found = svc_of(request).run(user_of(request), events.list_events)
    return render(request, "home.html", events=found, error=take_flash(request))


@router.get("/events/new")
def new_event_page(request: Request) -> Response:
    return render(request, "event_new.html", form={}, error=take_flash(request))


@router.post("/events/new")
async def new_event(request: Request) -> Response:
    def build(form: Any) -> Any:
        data = events.EventIn(
            slug=str(form.get("slug", "")),
            name=text_of(form),
            starts_on=form.get("starts_on"),
            ends_on=form.get("ends_on"),
            time_zone=str(form.get("time_zone", "")),
            venue=str(form.get("venue", "")),
            tables=int(str(form.get("tables") or 8)),
        )
        return lambda svc, user: svc.run(user, events.create_event, data)

    return await act(request, build, lambda e: f"/events/{e.slug}", "/events/new")


@router.get("/events/{slug}")
def event_page(request: Request, slug: str) -> Response:
    def load(ctx: Any) -> dict[str, Any]:
        event = events.get_event(ctx, slug)
        return {
            "event": event,
            "delegations": delegations.list_delegations(ctx, event.id),
            "organiser": is_organiser(ctx.actor, event.id),
        }

    page = svc_of(request).run(user_of(request), load)
    invited = request.session.pop("invited", None)
    return render(request, "event.html", invited=invited, error=take_flash(request), **page)


@router.post("/events/{slug}/publish")
async def publish(request: Request, slug: str) -> Response:
    def build(form: Any) -> Any:
        return lambda svc, user: svc.run(
            user, lambda ctx: events.publish_event(ctx, events.get_event_row(ctx, slug).id)
        )

    return await act(request, build, lambda _: f"/events/{slug}", f"/events/{slug}")


@router.post("/events/{slug}/competitions")
async def add_competition(request: Request, slug: str) -> Response:
    def build(form: Any) -> Any:
        kind = str(form.get("entry_kind", "player"))
        gender = str(form.get("gender", "open"))
        eligibility: dict[str, Any] = {"gender": gender}
        data = events.CompetitionIn(
            code=str(form.get("code", "")).strip(),
            name=text_of(form) or {"en": str(form.get("code", ""))},
            entry_kind=kind,
            eligibility=eligibility,
        )
        return lambda svc, user: svc.run(
            user, lambda ctx: events.add_competition(ctx, events.get_event_row(ctx, slug).id, data)
        )

    return await act(request, build, lambda _: f"/events/{slug}", f"/events/{slug}")


@router.post("/events/{slug}/delegations")
async def invite(request: Request, slug: str) -> Response:
    def build(form: Any) -> Any:
        email = optional(form, "leader_email")
        data = delegations.DelegationIn(
            organisation=events.OrganisationIn(
                name=str(form.get("organisation", "")).strip(),
                kind=str(form.get("kind", "association")),
                country=str(form.get("country", "")),
            ),
            leader=delegations.LeaderIn(
                email=email, display_name=optional(form, "leader_name") or email
            )
            if email
            else None,
        )
        return lambda svc, user: svc.run(
            user,
            lambda ctx: delegations.invite_delegation(
                ctx, events.get_event_row(ctx, slug).id, data
            ),
        )

    def done(view: Any) -> str:
        if view.leader_initial_password:
            request.session["invited"] = {
                "leader_email": view.leader_email,
                "leader_initial_password": view.leader_initial_password,
            }
        return f"/events/{slug}"

    return await act(request, build, done, f"/events/{slug}")


@router.get("/delegations/{delegation_id:int}")
def delegation_page(request: Request, delegation_id: int) -> Response:
    def load(ctx: Any) -> dict[str, Any]:
        from smallball.app.errors import AppError
        from smallball.app.permissions import require_delegation

        delegation = delegations.get_delegation(ctx, delegation_id)
        try:
            require_delegation(ctx.actor, delegation.event_id, delegation.id)
            can_edit = True
        except AppError:
            can_edit = False
        return {
            "delegation": delegation,
            "event": events.get_event(ctx, delegation.event_id),
            "can_edit": can_edit,
        }

    page = svc_of(request).run(user_of(request), load)
    return render(request, "delegation.html", error=take_flash(request), **page)


@router.post("/delegations/{delegation_id}/members")
async def register_member(request: Request, delegation_id: int) -> Response:
    def build(form: Any) -> Any:
        languages = [x.strip() for x in str(form.get("languages", "")).replace(";", ",").split(",")]
        data = delegations.MemberIn(
            person=delegations.PersonIn(
                name_native=str(form.get("name_native", "")).strip(),
                name_latin=str(form.get("name_latin", "")).strip(),
                gender=str(form.get("gender", "")),
                birth_year=optional(form, "birth_year"),
                rating=optional(form, "rating"),
                country=str(form.get("country", "")),
                languages=[x for x in languages if x],
            ),
            role=str(form.get("role", "player")),
        )
        return lambda svc, user: svc.run(user, delegations.register_member, delegation_id, data)

    back = f"/delegations/{delegation_id}"
    return await act(request, build, lambda _: back, back)


@router.get("/events/{slug}/order-of-play")
def order_of_play_page(request: Request, slug: str) -> Response:
    from smallball.app import order_of_play
    from smallball.app.entries import entry_names

    def load(ctx: Any) -> dict[str, Any]:
        page = order_of_play.order_of_play(ctx, slug)
        page["organiser"] = is_organiser(ctx.actor, page["event"].id)
        page["names"] = entry_names(ctx, page["event"].id)
        return page

    page = svc_of(request).run(user_of(request), load)
    return render(request, "order_of_play.html", error=take_flash(request), **page)


@router.post("/events/{slug}/order-of-play")
async def plan_order_of_play(request: Request, slug: str) -> Response:
    from smallball.app import order_of_play

    def build(form: Any) -> Any:
        data = order_of_play.OrderOfPlayIn()
        return lambda svc, user: svc.run(
            user,
            lambda ctx: order_of_play.plan_order_of_play(
                ctx, events.get_event_row(ctx, slug).id, data
            ),
        )

    back = f"/events/{slug}/order-of-play"
    return await act(request, build, lambda _: back, back)


@router.get("/players/{person_id:int}")
def player(request: Request, person_id: int) -> Response:
    from smallball.app import players

    page = svc_of(request).run(user_of(request), players.player_page, person_id)
    return render(request, "player.html", page=page, record=players.summary(page))


def _ics(content: str, name: str) -> Response:
    return Response(
        content,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.ics"'},
    )


@router.get("/players/{person_id}.ics")
def player_ics(request: Request, person_id: int) -> Response:
    from smallball.app import calendars

    lang = request_language(request)
    content = svc_of(request).run(user_of(request), calendars.player_calendar, person_id, lang)
    return _ics(content, f"player-{person_id}")


@router.get("/delegations/{delegation_id}.ics")
def delegation_ics(request: Request, delegation_id: int) -> Response:
    from smallball.app import calendars

    lang = request_language(request)
    content = svc_of(request).run(
        user_of(request), calendars.delegation_calendar, delegation_id, lang
    )
    return _ics(content, f"delegation-{delegation_id}")
