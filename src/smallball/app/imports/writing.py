"""Writing the checked lines through the API's use cases (``invite_delegation``,
``register_member``, ``enter``), so eligibility is checked by the same rules; a failure is
put on the line it belongs to."""

from __future__ import annotations

from pydantic import ValidationError

from smallball.app.context import Context
from smallball.app.delegations import DelegationIn, MemberIn, invite_delegation, register_member
from smallball.app.entries import EntryIn, enter
from smallball.app.errors import AppError
from smallball.app.events import OrganisationIn
from smallball.app.imports.lines import Line, country
from smallball.app.imports.views import ImportPreview
from smallball.errors import InputError


def write(
    ctx: Context,
    event_id: int,
    rows: list[Line],
    entries: list[list[Line]],
    preview: ImportPreview,
) -> None:
    """Run the use cases for every line that passed its checks; failures go on the lines."""
    invited: dict[str, int] = {}
    people: dict[tuple[str, str], int] = {}
    entries_made: set[int] = set()
    for row in rows:
        if row.errors or row.person is None or row.key in people:
            continue
        delegation_id = _delegation_id(ctx, event_id, row, rows, invited, preview)
        if delegation_id is None:
            continue
        try:
            member = register_member(ctx, delegation_id, MemberIn(person=row.person, role=row.role))
        except (InputError, AppError) as exc:
            if exc.field:  # the field is the app's, not a column of the file: keep it in the text
                row.fail("row", str(exc))
            else:
                row.fail("row", exc.template, **exc.params)
            continue
        people[row.key] = member.person.id
    for entry in entries:
        if any(r.errors or r.key not in people for r in entry):
            continue
        first = entry[0]
        assert first.competition is not None
        delegations = {invited.get(r.new_delegation) or _existing(r) for r in entry}
        common = delegations.pop() if len(delegations) == 1 else None
        try:
            data = EntryIn(
                delegation_id=common,
                person_ids=[people[r.key] for r in entry],
                name=first.team or "",
            )
            view = enter(ctx, first.competition.id, data)
        except ValidationError as exc:
            message = str(exc.errors()[0].get("msg", "invalid"))
            for row in entry:
                row.fail("competition", message)
            continue
        except (InputError, AppError) as exc:
            for row in entry:
                row.fail("competition", exc.template, **exc.params)
            continue
        entries_made.add(view.id)
        for row in entry:
            row.entry_id = view.id
    preview.summary.people = len(people)
    preview.summary.entries = len(entries_made)
    for row in rows:
        row.person_id = people.get(row.key) if not row.errors else None


def _existing(row: Line) -> int | None:
    return row.delegation.id if row.delegation is not None else None


def _delegation_id(
    ctx: Context,
    event_id: int,
    row: Line,
    rows: list[Line],
    invited: dict[str, int],
    preview: ImportPreview,
) -> int | None:
    if row.delegation is not None:
        return row.delegation.id
    if row.new_delegation in invited:
        return invited[row.new_delegation]
    first = next(r for r in rows if r.new_delegation == row.new_delegation)
    assert row.person is not None
    country_value = first.values.get("delegation_country") or row.person.country
    kind = (first.values.get("delegation_kind") or "association").casefold()
    try:
        view = invite_delegation(
            ctx,
            event_id,
            DelegationIn(
                organisation=OrganisationIn.model_validate(
                    {
                        "name": first.values["delegation"],
                        "kind": kind,
                        "country": country(country_value),
                    }
                )
            ),
        )
    except (InputError, AppError, ValidationError) as exc:
        row.fail("delegation", f"cannot invite {first.values['delegation']!r}: {exc}")
        return None
    invited[row.new_delegation] = view.id
    preview.summary.delegations_invited.append(view.name)
    return view.id
