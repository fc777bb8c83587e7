"""Pairs and teams formed from the lines of a file."""

from __future__ import annotations

from smallball.app.imports.lines import Line, fold
from smallball.i18n import N_


def form_entries(rows: list[Line]) -> list[list[Line]]:
    """Singles lines stand alone; pair lines name each other; team lines share a team name.

    Lines that failed their own checks still take part, so that their partners are not
    blamed for them; the entries they are in are not written.
    """
    entries: list[list[Line]] = []
    pairs: dict[tuple[int, str], list[Line]] = {}
    teams: dict[tuple[int, str], list[Line]] = {}
    for row in rows:
        comp = row.competition
        if comp is not None and comp.entry_kind == "pair":
            pairs.setdefault((comp.id, fold(row.label())), []).append(row)
        elif comp is not None and comp.entry_kind == "team" and row.values.get("partner"):
            teams.setdefault((comp.id, fold(row.values["partner"])), []).append(row)
    done: set[int] = set()
    for row in rows:
        comp = row.competition
        if comp is None or row.line in done:
            continue
        partner = row.values.get("partner", "")
        made: list[Line] | None = None
        if comp.entry_kind == "player":
            if partner:
                row.fail(
                    "partner", N_("not used in a singles competition ({code})"), code=comp.code
                )
            else:
                made = [row]
        elif comp.entry_kind == "team":
            if partner:
                made = teams[(comp.id, fold(partner))]
                for member in made:
                    member.team = made[0].values["partner"]
            else:
                row.fail(
                    "partner",
                    N_("give the team name for the team competition {code}"),
                    code=comp.code,
                )
        elif row.person is not None:
            made = _pair(row, pairs)
        if made:
            entries.append(made)
            done.update(r.line for r in made)
    for entry in entries:
        for row in entry:
            row.partners = [r for r in entry if r is not row]
    return entries


def _pair(row: Line, pairs: dict[tuple[int, str], list[Line]]) -> list[Line] | None:
    assert row.competition is not None
    code, partner = row.competition.code, row.values.get("partner", "")
    if not partner:
        row.fail(
            "partner",
            N_("give the partner's name_latin for the doubles competition {code}"),
            code=code,
        )
        return None
    found = [r for r in pairs.get((row.competition.id, fold(partner)), []) if r is not row]
    if not found:
        row.fail(
            "partner",
            N_("{partner!r} has no line for {code} in this file"),
            partner=partner,
            code=code,
        )
        return None
    if len(found) > 1:
        lines = ", ".join(str(r.line) for r in found)
        row.fail(
            "partner", N_("{partner!r} is ambiguous: lines {lines}"), partner=partner, lines=lines
        )
        return None
    other = found[0]
    if fold(other.values.get("partner", "")) != fold(row.label()):
        row.fail(
            "partner",
            N_("line {line} ({other}) does not name {player!r} as partner"),
            line=other.line,
            other=other.label(),
            player=row.label(),
        )
        return None
    return [row, other]
