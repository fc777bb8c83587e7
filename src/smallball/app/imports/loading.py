"""The file's header and lines, each line checked on its own and against the others."""

from __future__ import annotations

import codecs

from smallball.app.context import Context
from smallball.app.imports.checks import (
    check_already_registered,
    check_duplicates,
    resolve_competitions,
    resolve_delegations,
)
from smallball.app.imports.columns import COLUMNS, EXPORT_ONLY, MAX_BYTES, REQUIRED
from smallball.app.imports.lines import Line, parse_line
from smallball.app.imports.reading import clean, header_name, read_sheet
from smallball.app.imports.views import ImportPreview, LineError, Unreadable, line_error
from smallball.i18n import N_


def check_file(
    ctx: Context,
    event_id: int,
    filename: str,
    content: bytes,
    encoding: str | None,
    preview: ImportPreview,
    organiser: bool,
    own: set[int],
) -> list[Line] | None:
    """The file's lines, checked one by one; None when the file itself cannot be used."""
    try:
        if len(content) > MAX_BYTES:
            raise Unreadable(
                None, "file", N_("larger than {megabytes} MB"), megabytes=MAX_BYTES // (1024 * 1024)
            )
        if not content.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
            raise Unreadable(1, "file", N_("the file is empty"))
        sheet = read_sheet(filename, content, encoding)
    except Unreadable as exc:
        preview.errors.append(exc.error)
        return None
    preview.format, preview.encoding = sheet.format, sheet.encoding
    filled = [(n, [clean(c) for c in cells]) for n, cells in sheet.rows]
    filled = [(n, cells) for n, cells in filled if any(cells)]
    if not filled:
        preview.errors.append(line_error(1, "file", N_("the file is empty")))
        return None
    header_line, header_cells = filled[0]
    header = [header_name(c) for c in header_cells]
    preview.columns = [h for h in header if h]
    problems = _header_problems(header_line, header)
    if problems:
        preview.errors.extend(problems)
        return None
    if len(filled) == 1:
        preview.errors.append(
            line_error(header_line + 1, "file", N_("no lines under the header: nothing to import"))
        )
        return None
    rows: list[Line] = []
    for number, cells in filled[1:]:
        row = Line(number, {h: c for h, c in zip(header, cells, strict=False) if h})
        if any(cells[len(header) :]) or any(
            c for h, c in zip(header, cells, strict=False) if not h
        ):
            row.fail("row", N_("more cells than named columns (is a cell missing its quotes?)"))
        else:
            parse_line(row)
        rows.append(row)
    resolve_delegations(ctx, event_id, rows, organiser, own)
    resolve_competitions(ctx, event_id, rows)
    check_duplicates(rows)
    check_already_registered(ctx, event_id, rows)
    return rows


def _header_problems(line: int, header: list[str]) -> list[LineError]:
    problems = [line_error(line, c, N_("missing column")) for c in REQUIRED if c not in header]
    seen: set[str] = set()
    for name in header:
        if not name:
            continue
        if name in seen:
            problems.append(line_error(line, name, N_("the column appears twice")))
        elif name not in COLUMNS and name not in EXPORT_ONLY:
            problems.append(
                line_error(
                    line,
                    name,
                    N_("unknown column (the columns are: {columns})"),
                    columns=", ".join(COLUMNS),
                )
            )
        seen.add(name)
    return problems
