"""A player's schedule as an iCalendar file (RFC 5545): one event per match they may play."""

from __future__ import annotations

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


def player_calendar(
    instance: Instance,
    plan: Plan,
    player: str,
    stamp: datetime,
    event_name: str = "smallball",
    domain: str = "smallball.invalid",
) -> str:
    """The calendar text with CRLF line ends. ``stamp`` is the DTSTAMP (when it was made)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//smallball//schedule//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_text(f'{event_name}: {player}')}",
    ]
    mine = set(instance.by_player.get(player, ()))
    for a in sorted(plan.assignments, key=lambda a: (a.start, a.match)):
        if a.match not in mine:
            continue
        m = instance.by_id[a.match]
        others = ", ".join(p for p in m.players if p != player)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_text(a.match)}.{_text(player)}@{domain}",
            f"DTSTAMP:{_stamp(stamp)}",
            f"DTSTART:{_stamp(instance.at(a.start))}",
            f"DTEND:{_stamp(instance.at(a.end))}",
            f"SUMMARY:{_text(f'{a.match} on table {a.table}')}",
            f"LOCATION:{_text(f'Table {a.table}')}",
            f"DESCRIPTION:{_text(f'With or against: {others}' if others else a.match)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))
