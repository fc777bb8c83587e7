"""Events, their co-hosts and competitions, and the delegations that come to them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from smallball.db.base import Base, utcnow


class Event(Base):
    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    # Multilingual text: {"en": "...", "zh_CN": "..."}.
    name: Mapped[dict[str, Any]] = mapped_column(JSON)
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    time_zone: Mapped[str] = mapped_column(String(64))
    venue: Mapped[str] = mapped_column(String(200), default="")
    tables: Mapped[int] = mapped_column(default=8)
    published: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class EventCoHost(Base):
    __tablename__ = "event_co_host"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), primary_key=True)


class Competition(Base):
    __tablename__ = "competition"
    __table_args__ = (
        CheckConstraint("entry_kind IN ('player', 'pair', 'team')", name="entry_kind"),
        UniqueConstraint("event_id", "code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(20))  # e.g. MS, WS, XD, MT
    name: Mapped[dict[str, Any]] = mapped_column(JSON)
    entry_kind: Mapped[str] = mapped_column(String(10))
    best_of: Mapped[int] = mapped_column(default=5)
    # Stages and formats as the competition core describes them.
    format: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Age, gender, rating, foreign quota, cross-association pairs allowed or required.
    eligibility: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    max_entries: Mapped[int | None]


class Delegation(Base):
    __tablename__ = "delegation"
    __table_args__ = (UniqueConstraint("event_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="invited")


class DelegationMember(Base):
    __tablename__ = "delegation_member"
    __table_args__ = (
        CheckConstraint("role IN ('player', 'coach', 'official', 'guest')", name="role"),
        UniqueConstraint("delegation_id", "person_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    delegation_id: Mapped[int] = mapped_column(
        ForeignKey("delegation.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    role: Mapped[str] = mapped_column(String(10))
