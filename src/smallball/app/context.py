"""The one place where state changes: a transaction, an actor, a clock and the audit log."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from smallball.db.models import AuditRecord, RoleGrant, User
from smallball.db.session import transaction

P = ParamSpec("P")
T = TypeVar("T")

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Grant:
    event_id: int
    role: str
    delegation_id: int | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting: a user with their grants, or the public (``user_id`` None)."""

    user_id: int | None = None
    is_admin: bool = False
    grants: frozenset[Grant] = field(default_factory=frozenset)

    @property
    def authenticated(self) -> bool:
        return self.user_id is not None


PUBLIC = Actor()


@dataclass(slots=True)
class Context:
    session: Session
    actor: Actor
    now: datetime

    def audit(
        self,
        action: str,
        entity: str,
        entity_id: int | None,
        *,
        event_id: int | None = None,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        self.session.add(
            AuditRecord(
                at=self.now,
                actor_user_id=self.actor.user_id,
                event_id=event_id,
                action=action,
                entity=entity,
                entity_id=entity_id,
                before=before,
                after=after,
            )
        )


def load_actor(session: Session, user_id: int | None) -> Actor:
    if user_id is None:
        return PUBLIC
    user = session.get(User, user_id)
    if user is None:
        return PUBLIC
    rows = session.scalars(select(RoleGrant).where(RoleGrant.user_id == user_id))
    grants = frozenset(Grant(r.event_id, r.role, r.delegation_id) for r in rows)
    return Actor(user_id=user.id, is_admin=user.is_admin, grants=grants)


class Services:
    """Runs use cases: one transaction each, with the actor reloaded inside it."""

    def __init__(self, factory: sessionmaker[Session], clock: Clock = system_clock) -> None:
        self.factory = factory
        self.clock = clock

    def run(
        self,
        user_id: int | None,
        use_case: Callable[..., T],
        /,
        *args: Any,
        **kwargs: Any,
    ) -> T:
        with transaction(self.factory) as session:
            ctx = Context(session=session, actor=load_actor(session, user_id), now=self.clock())
            return use_case(ctx, *args, **kwargs)
