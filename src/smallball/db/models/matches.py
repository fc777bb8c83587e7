"""Draws, matches and each match's append-only point log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from smallball.db.base import Base, utcnow


class Draw(Base):
    __tablename__ = "draw"

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(
        ForeignKey("competition.id", ondelete="CASCADE"), index=True
    )
    stage: Mapped[str] = mapped_column(String(20))  # groups, knockout, consolation, swiss
    random_seed: Mapped[int]
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Match(Base):
    __tablename__ = "match"
    __table_args__ = (UniqueConstraint("competition_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(
        ForeignKey("competition.id", ondelete="CASCADE"), index=True
    )
    draw_id: Mapped[int | None] = mapped_column(ForeignKey("draw.id", ondelete="SET NULL"))
    code: Mapped[str] = mapped_column(String(30))  # e.g. G1-R2-1, KO-R3-2
    stage: Mapped[str] = mapped_column(String(20), default="knockout")
    group_number: Mapped[int | None]  # 1-based, group stage only
    round_number: Mapped[int] = mapped_column(default=1)  # 1-based
    number: Mapped[int] = mapped_column(default=1)  # 1-based within the round (or group round)
    entry_a_id: Mapped[int | None] = mapped_column(ForeignKey("entry.id"))
    entry_b_id: Mapped[int | None] = mapped_column(ForeignKey("entry.id"))
    table_number: Mapped[int | None]
    scheduled_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(15), default="scheduled")
    # Result as recorded (games, walkover, retirement); the live score comes from the log.
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    winner_entry_id: Mapped[int | None] = mapped_column(ForeignKey("entry.id"))
    umpire_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class PointEvent(Base):
    """One entry of a match's point log: appended, never updated."""

    __tablename__ = "point_event"
    __table_args__ = (
        UniqueConstraint("match_id", "seq"),
        UniqueConstraint("match_id", "idempotency_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int]
    idempotency_key: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    entered_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
