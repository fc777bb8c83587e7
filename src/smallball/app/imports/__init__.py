"""Import entries from a CSV or XLSX file: read, check every line, preview, then commit.

One line per player entry (a player in two competitions is on two lines) or per player of a
pair or team. Every line is checked and every problem is reported with the line number the
user sees in the file (the header is line 1). Writing goes through the same use cases as the
API (``invite_delegation``, ``register_member``, ``enter``), so eligibility is checked by the
same rules. A preview runs them inside a savepoint that is rolled back; a commit runs them in
the use case's one transaction and refuses the whole file if any line fails.

Columns and their meaning are documented in docs/import.md. The steps live in their own
modules: ``reading`` (bytes to rows), ``lines`` and ``checks`` (each line, and the lines
together), ``loading`` (the file as a whole), ``grouping`` (pairs and teams) and ``writing``.
"""

from __future__ import annotations

from smallball.app.context import Context
from smallball.app.errors import PermissionDenied
from smallball.app.events import get_event_row
from smallball.app.imports.columns import (
    COLUMNS,
    EXPORT_ONLY,
    KINDS,
    MAX_BYTES,
    MAX_ROWS,
    OPTIONAL,
    REQUIRED,
    ROLES,
)
from smallball.app.imports.grouping import form_entries
from smallball.app.imports.lines import Line
from smallball.app.imports.loading import check_file
from smallball.app.imports.views import (
    ImportLine,
    ImportPreview,
    ImportRejected,
    ImportSummary,
    LineError,
)
from smallball.app.imports.writing import write
from smallball.app.permissions import is_organiser, require_user
from smallball.i18n import N_

__all__ = [
    "COLUMNS",
    "EXPORT_ONLY",
    "KINDS",
    "MAX_BYTES",
    "MAX_ROWS",
    "OPTIONAL",
    "REQUIRED",
    "ROLES",
    "ImportLine",
    "ImportPreview",
    "ImportRejected",
    "ImportSummary",
    "LineError",
    "import_entries",
]


def import_entries(
    ctx: Context,
    event_id: int,
    filename: str,
    content: bytes,
    *,
    commit: bool,
    encoding: str | None = None,
) -> ImportPreview:
    """Check a file of entries and preview it, or (``commit``) write it all or nothing.

    Organisers may import any delegation and invite new ones on the fly. Delegation leaders
    may import only lines of their own delegation(s), and pairs and teams within it.
    """
    event = get_event_row(ctx, event_id)
    require_user(ctx.actor)
    organiser = is_organiser(ctx.actor, event.id)
    own = {
        g.delegation_id
        for g in ctx.actor.grants
        if g.event_id == event.id and g.role == "delegation_leader" and g.delegation_id
    }
    if not organiser and not own:
        raise PermissionDenied(
            N_("only the event's organisers and delegation leaders import entries")
        )

    preview = ImportPreview(
        filename=filename,
        format="unknown",
        encoding=None,
        committed=False,
        valid=False,
        columns=[],
        lines=[],
        errors=[],
        summary=ImportSummary(),
    )
    rows = check_file(ctx, event.id, filename, content, encoding, preview, organiser, own)
    if rows is not None:
        entries = form_entries(rows)
        if commit:
            write(ctx, event.id, rows, entries, preview)
        else:
            savepoint = ctx.session.begin_nested()
            try:
                write(ctx, event.id, rows, entries, preview)
            finally:
                savepoint.rollback()
        preview.lines = [_line_view(row, commit) for row in rows]
        preview.errors.extend(e for row in rows for e in row.errors)
    preview.errors.sort(key=lambda e: e.line or 0)
    preview.valid = not preview.errors
    if commit and not preview.valid:
        raise ImportRejected(preview)  # the transaction is rolled back: nothing is written
    if commit:
        preview.committed = True
        ctx.audit(
            "entries.import",
            "event",
            event.id,
            event_id=event.id,
            after={"filename": filename, **preview.summary.model_dump()},
        )
    return preview


def _line_view(row: Line, committed: bool) -> ImportLine:
    v = row.values
    return ImportLine(
        line=row.line,
        delegation=row.delegation.name if row.delegation else v.get("delegation", ""),
        new_delegation=bool(row.new_delegation),
        name_latin=row.person.name_latin if row.person else v.get("name_latin", ""),
        name_native=row.person.name_native if row.person else v.get("name_native", ""),
        country=row.person.country if row.person else v.get("country", ""),
        role=row.role,
        competition=row.competition.code if row.competition else None,
        partners=[p.label() for p in row.partners] if row.competition else [],
        team=row.team,
        person_id=row.person_id if committed else None,
        entry_id=row.entry_id if committed else None,
        errors=row.errors,
    )
