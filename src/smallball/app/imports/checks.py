"""Checks across the lines of a file and against what the event holds already: delegations,
competitions, duplicate players and players registered before."""

from __future__ import annotations

from sqlalchemy import select

from smallball.app.context import Context
from smallball.app.imports.lines import Line, country, fold
from smallball.app.validation import country_code
from smallball.db.models import Competition, Delegation, DelegationMember, Organisation, Person
from smallball.errors import Term
from smallball.i18n import N_

_PERSON_FIELDS = ("name_native", "gender", "birth_year", "rating", "languages")


def check_duplicates(rows: list[Line]) -> None:
    seen: dict[tuple[str, str], list[Line]] = {}
    for row in rows:
        if row.person is None:
            continue
        for earlier in seen.get(row.key, []):
            if fold(earlier.values.get("competition", "")) == fold(
                row.values.get("competition", "")
            ):
                template = N_("duplicate player: {player!r} ({country}) is also on line {line}")
                where: dict[str, object] = {}
                if row.competition is not None:
                    template = N_(
                        "duplicate player: {player!r} ({country}) is also on line {line} for {code}"
                    )
                    where["code"] = row.competition.code
                row.fail(
                    "name_latin",
                    template,
                    player=row.label(),
                    country=row.key[1],
                    line=earlier.line,
                    **where,
                )
                break
            differ = _differences(earlier, row)
            if differ:
                row.fail(
                    "name_latin",
                    N_("{player!r} ({country}) is on line {line} with a different {columns}"),
                    player=row.label(),
                    country=row.key[1],
                    line=earlier.line,
                    columns=", ".join(differ),
                )
                break
        seen.setdefault(row.key, []).append(row)


def _differences(a: Line, b: Line) -> list[str]:
    assert a.person is not None and b.person is not None
    differ = [f for f in _PERSON_FIELDS if getattr(a.person, f) != getattr(b.person, f)]
    if a.role != b.role:
        differ.append("role")
    if fold(a.values["delegation"]) != fold(b.values["delegation"]):
        differ.append("delegation")
    return differ


def check_already_registered(ctx: Context, event_id: int, rows: list[Line]) -> None:
    registered: dict[tuple[str, str], str] = {}
    for person, delegation in ctx.session.execute(
        select(Person, Delegation.name)
        .join(DelegationMember, DelegationMember.person_id == Person.id)
        .join(Delegation, Delegation.id == DelegationMember.delegation_id)
        .where(Delegation.event_id == event_id)
    ):
        registered[(fold(person.name_latin), person.country)] = delegation
    for row in rows:
        if row.person is not None and row.key in registered:
            row.fail(
                "name_latin",
                N_(
                    "{player!r} ({country}) is registered at this event already ({delegation}); "
                    "enter them from the entries page"
                ),
                player=row.label(),
                country=row.key[1],
                delegation=registered[row.key],
            )


def resolve_competitions(ctx: Context, event_id: int, rows: list[Line]) -> None:
    competitions = list(
        ctx.session.scalars(
            select(Competition).where(Competition.event_id == event_id).order_by(Competition.id)
        )
    )
    by_code = {c.code.casefold(): c for c in competitions}
    for row in rows:
        code = row.values.get("competition", "")
        if not code:
            if row.values.get("partner"):
                row.fail("partner", N_("a partner or team needs a competition"))
            continue
        row.competition = by_code.get(code.casefold())
        if row.competition is None:
            known = ", ".join(c.code for c in competitions)
            if known:
                row.fail(
                    "competition",
                    N_("unknown competition {code!r} (this event has: {known})"),
                    code=code,
                    known=known,
                )
            else:
                row.fail(
                    "competition",
                    N_("unknown competition {code!r} (this event has none yet)"),
                    code=code,
                )
        elif row.role != "player":
            row.fail(
                "competition", N_("only players are entered, not a {role}"), role=Term(row.role)
            )


def resolve_delegations(
    ctx: Context, event_id: int, rows: list[Line], organiser: bool, own: set[int]
) -> None:
    known: dict[str, Delegation] = {}
    for delegation, org_name in ctx.session.execute(
        select(Delegation, Organisation.name)
        .join(Organisation, Organisation.id == Delegation.organisation_id)
        .where(Delegation.event_id == event_id)
    ):
        known.setdefault(fold(org_name), delegation)
        known.setdefault(fold(delegation.name), delegation)
    first_of_new: dict[str, Line] = {}
    for row in rows:
        name = row.values.get("delegation", "")
        if not name:
            continue
        found = known.get(fold(name))
        if found is not None:
            row.delegation = found
            if not organiser and found.id not in own:
                row.fail(
                    "delegation",
                    N_("you may only import lines of your own delegation, not {delegation!r}"),
                    delegation=found.name,
                )
            continue
        if not organiser:
            row.fail("delegation", N_("no delegation {name!r} at this event"), name=name)
            continue
        row.new_delegation = fold(name)
        first = first_of_new.setdefault(row.new_delegation, row)
        for column in ("delegation_kind", "delegation_country"):
            mine, theirs = row.values.get(column, ""), first.values.get(column, "")
            if mine and mine.casefold() != theirs.casefold():
                row.fail(
                    column, N_("differs from line {line} for the same delegation"), line=first.line
                )
        if first is row and row.values.get("delegation_country"):
            try:
                country_code(country(row.values["delegation_country"]))
            except ValueError as exc:
                row.fail("delegation_country", str(exc))
