"""Organisations (associations, universities, clubs) and the people they send."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from smallball.db.base import Base, utcnow


class Organisation(Base):
    __tablename__ = "organisation"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('association', 'university', 'club', 'friendship_society', 'other')",
            name="kind",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))
    country: Mapped[str] = mapped_column(String(3), index=True)  # ISO 3166-1 alpha-3
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Person(Base):
    __tablename__ = "person"
    __table_args__ = (CheckConstraint("gender IN ('M', 'F', 'X')", name="gender"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name_native: Mapped[str] = mapped_column(String(200))
    name_latin: Mapped[str] = mapped_column(String(200))
    gender: Mapped[str] = mapped_column(String(1))
    birth_year: Mapped[int | None]
    country: Mapped[str] = mapped_column(String(3), index=True)
    languages: Mapped[list[Any]] = mapped_column(JSON, default=list)
    rating: Mapped[float | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
