"""Who may do what: organisers per event, delegation leaders per delegation, umpires per match."""

from __future__ import annotations

from smallball.app.context import Actor
from smallball.app.errors import NotAuthenticated, PermissionDenied
from smallball.i18n import N_


def require_user(actor: Actor) -> int:
    if actor.user_id is None:
        raise NotAuthenticated(N_("sign in first"))
    return actor.user_id


def is_organiser(actor: Actor, event_id: int) -> bool:
    return actor.is_admin or any(
        g.event_id == event_id and g.role == "organiser" for g in actor.grants
    )


def require_organiser(actor: Actor, event_id: int) -> None:
    require_user(actor)
    if not is_organiser(actor, event_id):
        raise PermissionDenied(N_("only the event's organisers may do this"))


def require_delegation(actor: Actor, event_id: int, delegation_id: int) -> None:
    """The delegation's own leader, or an organiser of its event."""
    require_user(actor)
    if is_organiser(actor, event_id):
        return
    if not any(
        g.role == "delegation_leader" and g.delegation_id == delegation_id for g in actor.grants
    ):
        raise PermissionDenied(N_("you may only change your own delegation"))


def require_umpire(actor: Actor, event_id: int, umpire_user_id: int | None) -> None:
    """The umpire assigned to the match, or an organiser of its event."""
    user_id = require_user(actor)
    if is_organiser(actor, event_id):
        return
    if umpire_user_id != user_id or not any(
        g.event_id == event_id and g.role == "umpire" for g in actor.grants
    ):
        raise PermissionDenied(N_("you may only score the matches assigned to you"))
