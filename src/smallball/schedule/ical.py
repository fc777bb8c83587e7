"""A player's schedule as an iCalendar file (RFC 5545): one event per match they may play."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from smallball.schedule.model import Instance, Plan


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _text(value: str) -> str:
    """Escape TEXT values (RFC 5545 section 3.3.11)."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets go on continuation lines starting with a space."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    uid: str
    start: datetime
    end: datetime
    summary: str
    location: str = ""
    description: str = ""


def calendar(name: str, events: Sequence[CalendarEvent], stamp: datetime) -> str:
    """An iCalendar file with CRLF line ends; ``stamp`` is the DTSTAMP (when it was made)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//smallball//schedule//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_text(name)}",
    ]
    for event in sorted(events, key=lambda e: (e.start, e.uid)):
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_text(event.uid)}",
            f"DTSTAMP:{_stamp(stamp)}",
            f"DTSTART:{_stamp(event.start)}",
            f"DTEND:{_stamp(event.end)}",
            f"SUMMARY:{_text(event.summary)}",
        ]
        if event.location:
            lines.append(f"LOCATION:{_text(event.location)}")
        if event.description:
            lines.append(f"DESCRIPTION:{_text(event.description)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))


def player_calendar(
    instance: Instance,
    plan: Plan,
    player: str,
    stamp: datetime,
    event_name: str = "smallball",
    domain: str = "smallball.invalid",
) -> str:
    """One player's matches of a plan."""
    mine = set(instance.by_player.get(player, ()))
    events = []
    for a in plan.assignments:
        if a.match not in mine:
            continue
        m = instance.by_id[a.match]
        others = ", ".join(p for p in m.players if p != player)
        events.append(
            CalendarEvent(
                uid=f"{a.match}.{player}@{domain}",
                start=instance.at(a.start),
                end=instance.at(a.end),
                summary=f"{a.match} on table {a.table}",
                location=f"Table {a.table}",
                description=f"With or against: {others}" if others else a.match,
            )
        )
    return calendar(f"{event_name}: {player}", events, stamp)
