"""Entries into a competition: a player, a pair or a team, and who is in them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from smallball.db.base import Base, utcnow


class Entry(Base):
    __tablename__ = "entry"
    __table_args__ = (
        CheckConstraint(
            "status IN ('pending', 'approved', 'waiting', 'withdrawn', 'rejected')", name="status"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(
        ForeignKey("competition.id", ondelete="CASCADE"), index=True
    )
    delegation_id: Mapped[int | None] = mapped_column(ForeignKey("delegation.id"))
    name: Mapped[str] = mapped_column(String(200), default="")  # team name, if any
    status: Mapped[str] = mapped_column(String(10), default="pending")
    seed: Mapped[int | None]
    waiting_position: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class EntryPlayer(Base):
    __tablename__ = "entry_player"

    entry_id: Mapped[int] = mapped_column(
        ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)
