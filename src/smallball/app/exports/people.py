"""Who plays in an entry, in the entry's order."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from smallball.app.context import Context
from smallball.app.exports.views import PlayerOut, SideOut
from smallball.db.models import Entry, EntryPlayer, Person


def entry_people(ctx: Context, entry_id: int) -> list[Person]:
    return list(
        ctx.session.scalars(
            select(Person)
            .join(EntryPlayer, EntryPlayer.person_id == Person.id)
            .where(EntryPlayer.entry_id == entry_id)
            .order_by(EntryPlayer.position)
        )
    )


def sides(ctx: Context, entry_ids: Iterable[int]) -> dict[int, SideOut]:
    found = {}
    for entry in ctx.session.scalars(select(Entry).where(Entry.id.in_(list(entry_ids)))):
        people = entry_people(ctx, entry.id)
        countries = list(dict.fromkeys(p.country for p in people))
        found[entry.id] = SideOut(
            entry_id=entry.id,
            name=entry.name or " / ".join(p.name_latin for p in people),
            name_native=entry.name or " / ".join(p.name_native for p in people),
            countries=countries,
            players=[
                PlayerOut(name_latin=p.name_latin, name_native=p.name_native, country=p.country)
                for p in people
            ],
        )
    return found
