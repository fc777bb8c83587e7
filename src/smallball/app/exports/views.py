"""What an export returns: an event's matches as JSON, or a CSV file to download."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel

Side = Literal["a", "b"]


class PlayerOut(BaseModel):
    name_latin: str
    name_native: str
    country: str


class SideOut(BaseModel):
    entry_id: int
    name: str
    name_native: str
    countries: list[str]
    players: list[PlayerOut]


class MatchOut(BaseModel):
    competition: str
    competition_name: dict[str, Any]
    stage: str
    group: int | None
    round: int
    code: str
    table: int | None
    scheduled_at: datetime | None
    status: str
    a: SideOut | None
    b: SideOut | None
    games: list[list[int]]
    rubbers: list[list[list[int]]]  # team matches: the games of each rubber
    score: list[int] | None  # games (rubbers, for teams) won by a and b, when recorded
    winner: Side | None
    walkover: str | None  # the side that won without play; "both" when neither came
    retired: str | None  # the side that stopped
    disqualified: str | None
    result: dict[str, Any] | None  # as recorded


class EventRef(BaseModel):
    id: int
    slug: str
    name: dict[str, Any]


class ResultsExport(BaseModel):
    event: EventRef
    matches: list[MatchOut]


class CsvFile(BaseModel):
    filename: str
    text: str
