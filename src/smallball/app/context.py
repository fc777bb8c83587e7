"""The one place where state changes: a transaction, an actor, a clock and the audit log."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import select, text
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


Publish = Callable[[str, dict[str, Any]], None]
NOTIFY_CHANNEL = "smallball_live"
NOTIFY_LIMIT = 7900


@dataclass(slots=True)
class Context:
    session: Session
    actor: Actor
    now: datetime
    # Live messages to send once the transaction has committed, as (channel, message).
    outbox: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    # Work that may only follow a commit (a cache of committed data), run in order.
    committed: list[Callable[[], None]] = field(default_factory=list)

    def after_commit(self, work: Callable[[], None]) -> None:
        """Run ``work`` once this transaction has committed; never if it rolls back."""
        self.committed.append(work)

    def publish(self, channels: Sequence[str], message: dict[str, Any]) -> None:
        """Send ``message`` to live subscribers of ``channels`` if, and when, this commits.

        On PostgreSQL one NOTIFY per message goes out with the commit itself, to every app
        process that listens; elsewhere the message goes to this process's hub after commit.
        """
        if self.session.get_bind().dialect.name != "postgresql":
            self.outbox.extend((channel, message) for channel in channels)
            return
        payload = json.dumps({"channels": list(channels), "message": message}, default=str)
        if len(payload.encode()) > NOTIFY_LIMIT:
            # NOTIFY refuses more than 8000 bytes; the incidents list is what grows.
            trimmed = {**message, "score": {**(message.get("score") or {}), "incidents": []}}
            payload = json.dumps({"channels": list(channels), "message": trimmed}, default=str)
        self.session.execute(
            text("SELECT pg_notify(:name, :payload)"),
            {"name": NOTIFY_CHANNEL, "payload": payload},
        )

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
    """The user and their grants in one query: every request pays for it."""
    if user_id is None:
        return PUBLIC
    rows = session.execute(
        select(User.id, User.is_admin, RoleGrant.event_id, RoleGrant.role, RoleGrant.delegation_id)
        .outerjoin(RoleGrant, RoleGrant.user_id == User.id)
        .where(User.id == user_id)
    ).all()
    if not rows:
        return PUBLIC
    grants = frozenset(
        Grant(r.event_id, r.role, r.delegation_id) for r in rows if r.role is not None
    )
    return Actor(user_id=rows[0].id, is_admin=rows[0].is_admin, grants=grants)


class Services:
    """Runs use cases: one transaction each, with the actor reloaded inside it."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        clock: Clock = system_clock,
        publish: Publish | None = None,
    ) -> None:
        self.factory = factory
        self.clock = clock
        self.publish = publish

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
            result = use_case(ctx, *args, **kwargs)
        for work in ctx.committed:
            work()
        if self.publish is not None:
            for channel, message in ctx.outbox:
                self.publish(channel, message)
        return result
