"""An event's entries as CSV, in the import's columns so the file can be imported again."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from smallball.app.context import Context
from smallball.app.events import get_event_row
from smallball.app.exports.csv_text import csv_text
from smallball.app.exports.people import entry_people
from smallball.app.exports.views import CsvFile
from smallball.app.imports import COLUMNS, EXPORT_ONLY
from smallball.db.models import Competition, Delegation, DelegationMember, Entry, Organisation


def entries_csv(ctx: Context, event_key: int | str) -> CsvFile:
    """One line per player of each entry, in the import's columns (docs/import.md), so the
    file can be imported into another event; the entry's own fields follow."""
    event = get_event_row(ctx, event_key)
    competitions = list(
        ctx.session.scalars(
            select(Competition).where(Competition.event_id == event.id).order_by(Competition.id)
        )
    )
    members = {
        person_id: (role, delegation, org)
        for person_id, role, delegation, org in ctx.session.execute(
            select(DelegationMember.person_id, DelegationMember.role, Delegation, Organisation)
            .join(Delegation, Delegation.id == DelegationMember.delegation_id)
            .join(Organisation, Organisation.id == Delegation.organisation_id)
            .where(Delegation.event_id == event.id)
        )
    }
    rows = []
    for competition in competitions:
        entries = ctx.session.scalars(
            select(Entry)
            .where(Entry.competition_id == competition.id)
            .order_by(Entry.seed.is_(None), Entry.seed, Entry.id)
        )
        for entry in entries:
            people = entry_people(ctx, entry.id)
            for person in people:
                role, delegation, org = members.get(person.id, ("player", None, None))
                if competition.entry_kind == "pair":
                    partner = " / ".join(p.name_latin for p in people if p.id != person.id)
                elif competition.entry_kind == "team":
                    partner = entry.name or f"entry {entry.id}"
                else:
                    partner = ""
                values: dict[str, Any] = {
                    "delegation": delegation.name if delegation else "",
                    "country": person.country,
                    "name_native": person.name_native,
                    "name_latin": person.name_latin,
                    "gender": person.gender,
                    "birth_year": person.birth_year if person.birth_year is not None else "",
                    "rating": f"{person.rating:g}" if person.rating is not None else "",
                    "languages": ";".join(str(x) for x in person.languages or []),
                    "role": role,
                    "competition": competition.code,
                    "partner": partner,
                    "delegation_kind": org.kind if org else "",
                    "delegation_country": org.country if org else "",
                    "entry_id": entry.id,
                    "status": entry.status,
                    "seed": entry.seed if entry.seed is not None else "",
                    "waiting_position": entry.waiting_position or "",
                }
                rows.append(tuple(values[c] for c in (*COLUMNS, *EXPORT_ONLY)))
    columns = (*COLUMNS, *EXPORT_ONLY)
    return CsvFile(filename=f"{event.slug}-entries.csv", text=csv_text(columns, rows))
