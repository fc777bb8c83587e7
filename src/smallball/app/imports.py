"""Import entries from a CSV or XLSX file: read, check every line, preview, then commit.

One line per player entry (a player in two competitions is on two lines) or per player of a
pair or team. Every line is checked and every problem is reported with the line number the
user sees in the file (the header is line 1). Writing goes through the same use cases as the
API (``invite_delegation``, ``register_member``, ``enter``), so eligibility is checked by the
same rules. A preview runs them inside a savepoint that is rolled back; a commit runs them in
the use case's one transaction and refuses the whole file if any line fails.

Columns and their meaning are documented in docs/import.md.
"""

from __future__ import annotations

import codecs
import csv
import gettext
import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any, Literal

import pycountry
from pydantic import BaseModel, ValidationError
from sqlalchemy import select

from smallball.app.context import Context
from smallball.app.delegations import (
    DelegationIn,
    MemberIn,
    PersonIn,
    invite_delegation,
    register_member,
)
from smallball.app.entries import EntryIn, enter
from smallball.app.errors import AppError, PermissionDenied
from smallball.app.events import OrganisationIn, get_event_row
from smallball.app.permissions import is_organiser, require_user
from smallball.app.validation import country_code
from smallball.db.models import Competition, Delegation, DelegationMember, Organisation, Person
from smallball.errors import InputError

REQUIRED = ("delegation", "country", "name_native", "name_latin", "gender")
OPTIONAL = (
    "birth_year",
    "rating",
    "languages",
    "role",
    "competition",
    "partner",
    "delegation_kind",
    "delegation_country",
)
COLUMNS = REQUIRED + OPTIONAL
# Written by the entries export; ignored here so an exported file can be imported elsewhere.
EXPORT_ONLY = ("entry_id", "status", "seed", "waiting_position")

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
ROLES = ("player", "coach", "official", "guest")
KINDS = ("association", "university", "club", "friendship_society", "other")

_GENDERS = {
    "m": "M",
    "male": "M",
    "man": "M",
    "男": "M",
    "f": "F",
    "female": "F",
    "woman": "F",
    "女": "F",
    "x": "X",
}
_ROLES = {
    "运动员": "player",
    "教练": "coach",
    "教练员": "coach",
    "官员": "official",
    "嘉宾": "guest",
}
_PERSON_FIELDS = ("name_native", "gender", "birth_year", "rating", "languages")


# -- what the import returns ---------------------------------------------------------------


class LineError(BaseModel):
    line: int | None  # None when the file as a whole cannot be read
    column: str
    message: str
    detail: str  # "line 7: country: unknown country 'Atlantis' ..."


class ImportLine(BaseModel):
    """One line of the file: what it creates (or created), or why it cannot."""

    line: int
    delegation: str
    new_delegation: bool = False
    name_latin: str
    name_native: str
    country: str
    role: str
    competition: str | None = None
    partners: list[str] = []  # the other players of the pair or team
    team: str | None = None
    # Set only when the import was committed.
    person_id: int | None = None
    entry_id: int | None = None
    errors: list[LineError] = []


class ImportSummary(BaseModel):
    delegations_invited: list[str] = []
    people: int = 0
    entries: int = 0


class ImportPreview(BaseModel):
    filename: str
    format: Literal["csv", "xlsx", "unknown"]
    encoding: str | None
    committed: bool
    valid: bool
    columns: list[str]
    lines: list[ImportLine]
    errors: list[LineError]  # every problem of the file, in line order
    summary: ImportSummary


class ImportRejected(InputError):
    """A commit refused: names the first failing line and carries the whole preview."""

    def __init__(self, preview: ImportPreview) -> None:
        first = preview.errors[0]
        if first.line is None:
            super().__init__(first.column, first.message)
        else:
            super().__init__(f"line {first.line}", f"{first.column}: {first.message}")
        self.preview = preview


def _error(line: int | None, column: str, message: str) -> LineError:
    where = f"line {line}: " if line is not None else ""
    return LineError(
        line=line, column=column, message=message, detail=f"{where}{column}: {message}"
    )


class _Unreadable(Exception):
    def __init__(self, line: int | None, column: str, message: str) -> None:
        super().__init__(message)
        self.error = _error(line, column, message)


# -- reading the file ----------------------------------------------------------------------


@dataclass(slots=True)
class _Sheet:
    format: Literal["csv", "xlsx", "unknown"]
    encoding: str | None = None
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def _read(filename: str, content: bytes, encoding: str | None) -> _Sheet:
    name = filename.lower()
    if name.endswith(".xls"):
        raise _Unreadable(None, "file", "the old .xls format is not read; save as .xlsx or CSV")
    # A workbook is a zip file, whatever its name says.
    if name.endswith((".xlsx", ".xlsm")) or content[:4] == b"PK\x03\x04":
        return _Sheet("xlsx", None, _xlsx_rows(content))
    text, used = _decode(content, encoding)
    return _Sheet("csv", used, _csv_rows(text))


def _decode(content: bytes, encoding: str | None) -> tuple[str, str]:
    """The text and the encoding it was read with: UTF-8 (BOM or not), UTF-16 with a BOM,
    or GB18030/GBK as Chinese Excel writes it; anything else is refused, naming the line."""
    if encoding:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise _Unreadable(None, "encoding", f"unknown encoding {encoding!r}") from None
        return _strict(content, name), name
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(content, "utf-16"), "utf-16"
    if content.startswith(codecs.BOM_UTF8):
        # The mark holds no line break, so line numbers are counted the same without it.
        return _strict(content[len(codecs.BOM_UTF8) :], "utf-8"), "utf-8"
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first = exc
    try:
        text = content.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if text and _looks_chinese(text):
        return text, "gb18030"
    line = content.count(b"\n", 0, first.start) + 1
    raise _Unreadable(
        line,
        "encoding",
        f"the file is neither UTF-8 nor Chinese GB18030/GBK (byte 0x{content[first.start]:02X} "
        "cannot be read); save it as 'CSV UTF-8', or name its encoding (e.g. encoding=latin-1)",
    )


def _strict(content: bytes, encoding: str) -> str:
    try:
        return content.decode(encoding)
    except UnicodeDecodeError as exc:
        line = content.count(b"\n", 0, exc.start) + 1
        raise _Unreadable(
            line,
            "encoding",
            f"byte 0x{content[exc.start]:02X} is not valid {encoding}; "
            "save the file as 'CSV UTF-8'",
        ) from None


def _looks_chinese(text: str) -> bool:
    """Text decoded as GB18030 is taken for Chinese when its non-ASCII characters are mostly
    common (GB2312) characters; Latin-1 or Windows-1252 bytes read as GB18030 give rare ones."""
    wide = [c for c in text if ord(c) > 0x7F and not c.isspace()]
    if not wide:
        return False
    common = 0
    for c in wide:
        try:
            c.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common >= 0.8 * len(wide)


def _csv_rows(text: str) -> list[tuple[int, list[str]]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            # A quoted cell may hold line breaks: report the line the record starts on.
            rows.append((start, cells))
            start = reader.line_num + 1
            _check_size(rows, start)
    except csv.Error as exc:
        raise _Unreadable(start, "file", f"not readable as CSV ({exc})") from None
    return rows


def _xlsx_rows(content: bytes) -> list[tuple[int, list[str]]]:
    import openpyxl  # type: ignore[import-untyped]  # no stubs installed
    from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise _Unreadable(
            None, "file", f"not a readable XLSX workbook ({exc}); save it again from Excel"
        ) from None
    try:
        if not book.worksheets:
            return []
        sheet = book.worksheets[0]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # some writers store wrong dimensions
        rows: list[tuple[int, list[str]]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            rows.append((number, [_cell_text(v) for v in values]))
            _check_size(rows, number)
        return rows
    finally:
        book.close()


def _check_size(rows: Sequence[object], line: int) -> None:
    if len(rows) > MAX_ROWS + 1:
        raise _Unreadable(line, "file", f"more than {MAX_ROWS} lines; split the file")


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _clean(value: str) -> str:
    text = unicodedata.normalize("NFC", value).strip()
    # The entries export quotes cells that a spreadsheet would run as formulas.
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        text = text[1:]
    return text


def _header_name(value: str) -> str:
    return _clean(value).lstrip("\ufeff").lower().replace(" ", "_").replace("-", "_")


# -- checking each line --------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    line: int
    values: dict[str, str]
    errors: list[LineError] = field(default_factory=list)
    person: PersonIn | None = None
    role: str = "player"
    competition: Competition | None = None
    delegation: Delegation | None = None
    new_delegation: str = ""  # the folded name of a delegation to invite
    partners: list[_Line] = field(default_factory=list)
    team: str | None = None
    person_id: int | None = None
    entry_id: int | None = None

    def fail(self, column: str, message: str) -> None:
        self.errors.append(_error(self.line, column, message))

    @property
    def key(self) -> tuple[str, str]:
        """Who the player is: the Latin name (case and spacing aside) and the country."""
        country = self.person.country if self.person else self.values.get("country", "")
        return _fold(self.values.get("name_latin", "")), country

    def label(self) -> str:
        return self.values.get("name_latin", "")


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@cache
def _chinese_country_names() -> dict[str, str]:
    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    names: dict[str, str] = {}
    for country in pycountry.countries:
        names[translation.gettext(country.name)] = country.alpha_3
        common = getattr(country, "common_name", None)
        if common:
            names.setdefault(translation.gettext(common), country.alpha_3)
    return names


def _country(value: str) -> str:
    """An ISO code or English name (the API's rule), or a Chinese name such as 中国."""
    found = _chinese_country_names().get(value)
    return found or value


def _parse_line(row: _Line) -> None:
    v = row.values
    for column in REQUIRED:
        if column != "name_native" and not v.get(column):
            row.fail(column, "required")
    gender = _GENDERS.get(v.get("gender", "").casefold(), "")
    if v.get("gender") and not gender:
        row.fail("gender", f"unknown gender {v['gender']!r} (use M, F or X)")
    role = v.get("role", "").casefold() or "player"
    row.role = _ROLES.get(role, role)
    if row.role not in ROLES:
        row.fail("role", f"unknown role {v['role']!r} (use {', '.join(ROLES)})")
    kind = v.get("delegation_kind", "")
    if kind and kind.casefold() not in KINDS:
        row.fail("delegation_kind", f"unknown kind {kind!r} (use {', '.join(KINDS)})")
    if row.errors:
        return
    data: dict[str, Any] = {
        "name_native": v.get("name_native") or v["name_latin"],
        "name_latin": v["name_latin"],
        "gender": gender,
        "country": _country(v["country"]),
        "languages": [x for x in re.split(r"[\s,;/]+", v.get("languages", "")) if x],
    }
    for column in ("birth_year", "rating"):
        if v.get(column):
            data[column] = v[column]
    try:
        row.person = PersonIn.model_validate(data)
    except ValidationError as exc:
        for problem in exc.errors():
            loc = problem.get("loc") or ("row",)
            message = str(problem.get("msg", "invalid")).removeprefix("Value error, ")
            if loc[0] == "country":  # name the value the user wrote, not the one looked up
                message = message.replace(repr(data["country"]), repr(v["country"]))
            row.fail(str(loc[0]), message)


def _check_duplicates(rows: list[_Line]) -> None:
    seen: dict[tuple[str, str], list[_Line]] = {}
    for row in rows:
        if row.person is None:
            continue
        for earlier in seen.get(row.key, []):
            if _fold(earlier.values.get("competition", "")) == _fold(
                row.values.get("competition", "")
            ):
                code = f" for {row.competition.code}" if row.competition else ""
                row.fail(
                    "name_latin",
                    f"duplicate player: {row.label()!r} ({row.key[1]}) is also on line "
                    f"{earlier.line}{code}",
                )
                break
            differ = _differences(earlier, row)
            if differ:
                row.fail(
                    "name_latin",
                    f"{row.label()!r} ({row.key[1]}) is on line {earlier.line} with a different "
                    f"{', '.join(differ)}",
                )
                break
        seen.setdefault(row.key, []).append(row)


def _differences(a: _Line, b: _Line) -> list[str]:
    assert a.person is not None and b.person is not None
    differ = [f for f in _PERSON_FIELDS if getattr(a.person, f) != getattr(b.person, f)]
    if a.role != b.role:
        differ.append("role")
    if _fold(a.values["delegation"]) != _fold(b.values["delegation"]):
        differ.append("delegation")
    return differ


def _check_already_registered(ctx: Context, event_id: int, rows: list[_Line]) -> None:
    registered: dict[tuple[str, str], str] = {}
    for person, delegation in ctx.session.execute(
        select(Person, Delegation.name)
        .join(DelegationMember, DelegationMember.person_id == Person.id)
        .join(Delegation, Delegation.id == DelegationMember.delegation_id)
        .where(Delegation.event_id == event_id)
    ):
        registered[(_fold(person.name_latin), person.country)] = delegation
    for row in rows:
        if row.person is not None and row.key in registered:
            row.fail(
                "name_latin",
                f"{row.label()!r} ({row.key[1]}) is registered at this event already "
                f"({registered[row.key]}); enter them from the entries page",
            )


def _resolve_competitions(ctx: Context, event_id: int, rows: list[_Line]) -> None:
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
                row.fail("partner", "a partner or team needs a competition")
            continue
        row.competition = by_code.get(code.casefold())
        if row.competition is None:
            known = ", ".join(c.code for c in competitions) or "none yet"
            row.fail("competition", f"unknown competition {code!r} (this event has: {known})")
        elif row.role != "player":
            row.fail("competition", f"only players are entered, not a {row.role}")


def _resolve_delegations(
    ctx: Context, event_id: int, rows: list[_Line], organiser: bool, own: set[int]
) -> None:
    known: dict[str, Delegation] = {}
    for delegation, org_name in ctx.session.execute(
        select(Delegation, Organisation.name)
        .join(Organisation, Organisation.id == Delegation.organisation_id)
        .where(Delegation.event_id == event_id)
    ):
        known.setdefault(_fold(org_name), delegation)
        known.setdefault(_fold(delegation.name), delegation)
    first_of_new: dict[str, _Line] = {}
    for row in rows:
        name = row.values.get("delegation", "")
        if not name:
            continue
        found = known.get(_fold(name))
        if found is not None:
            row.delegation = found
            if not organiser and found.id not in own:
                row.fail(
                    "delegation",
                    f"you may only import lines of your own delegation, not {found.name!r}",
                )
            continue
        if not organiser:
            row.fail("delegation", f"no delegation {name!r} at this event")
            continue
        row.new_delegation = _fold(name)
        first = first_of_new.setdefault(row.new_delegation, row)
        for column in ("delegation_kind", "delegation_country"):
            mine, theirs = row.values.get(column, ""), first.values.get(column, "")
            if mine and mine.casefold() != theirs.casefold():
                row.fail(column, f"differs from line {first.line} for the same delegation")
        if first is row and row.values.get("delegation_country"):
            try:
                country_code(_country(row.values["delegation_country"]))
            except ValueError as exc:
                row.fail("delegation_country", str(exc))


def _form_entries(rows: list[_Line]) -> list[list[_Line]]:
    """Singles lines stand alone; pair lines name each other; team lines share a team name.

    Lines that failed their own checks still take part, so that their partners are not
    blamed for them; the entries they are in are not written.
    """
    entries: list[list[_Line]] = []
    pairs: dict[tuple[int, str], list[_Line]] = {}
    teams: dict[tuple[int, str], list[_Line]] = {}
    for row in rows:
        comp = row.competition
        if comp is not None and comp.entry_kind == "pair":
            pairs.setdefault((comp.id, _fold(row.label())), []).append(row)
        elif comp is not None and comp.entry_kind == "team" and row.values.get("partner"):
            teams.setdefault((comp.id, _fold(row.values["partner"])), []).append(row)
    done: set[int] = set()
    for row in rows:
        comp = row.competition
        if comp is None or row.line in done:
            continue
        partner = row.values.get("partner", "")
        made: list[_Line] | None = None
        if comp.entry_kind == "player":
            if partner:
                row.fail("partner", f"not used in a singles competition ({comp.code})")
            else:
                made = [row]
        elif comp.entry_kind == "team":
            if partner:
                made = teams[(comp.id, _fold(partner))]
                for member in made:
                    member.team = made[0].values["partner"]
            else:
                row.fail("partner", f"give the team name for the team competition {comp.code}")
        elif row.person is not None:
            made = _pair(row, pairs)
        if made:
            entries.append(made)
            done.update(r.line for r in made)
    for entry in entries:
        for row in entry:
            row.partners = [r for r in entry if r is not row]
    return entries


def _pair(row: _Line, pairs: dict[tuple[int, str], list[_Line]]) -> list[_Line] | None:
    assert row.competition is not None
    code, partner = row.competition.code, row.values.get("partner", "")
    if not partner:
        row.fail("partner", f"give the partner's name_latin for the doubles competition {code}")
        return None
    found = [r for r in pairs.get((row.competition.id, _fold(partner)), []) if r is not row]
    if not found:
        row.fail("partner", f"{partner!r} has no line for {code} in this file")
        return None
    if len(found) > 1:
        lines = ", ".join(str(r.line) for r in found)
        row.fail("partner", f"{partner!r} is ambiguous: lines {lines}")
        return None
    other = found[0]
    if _fold(other.values.get("partner", "")) != _fold(row.label()):
        row.fail(
            "partner",
            f"line {other.line} ({other.label()}) does not name {row.label()!r} as partner",
        )
        return None
    return [row, other]


# -- the use case ----------------------------------------------------------------------------


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
        raise PermissionDenied("only the event's organisers and delegation leaders import entries")

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
    rows = _check_file(ctx, event.id, filename, content, encoding, preview, organiser, own)
    if rows is not None:
        entries = _form_entries(rows)
        if commit:
            _write(ctx, event.id, rows, entries, preview)
        else:
            savepoint = ctx.session.begin_nested()
            try:
                _write(ctx, event.id, rows, entries, preview)
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


def _check_file(
    ctx: Context,
    event_id: int,
    filename: str,
    content: bytes,
    encoding: str | None,
    preview: ImportPreview,
    organiser: bool,
    own: set[int],
) -> list[_Line] | None:
    """The file's lines, checked one by one; None when the file itself cannot be used."""
    try:
        if len(content) > MAX_BYTES:
            raise _Unreadable(None, "file", f"larger than {MAX_BYTES // (1024 * 1024)} MB")
        if not content.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
            raise _Unreadable(1, "file", "the file is empty")
        sheet = _read(filename, content, encoding)
    except _Unreadable as exc:
        preview.errors.append(exc.error)
        return None
    preview.format, preview.encoding = sheet.format, sheet.encoding
    filled = [(n, [_clean(c) for c in cells]) for n, cells in sheet.rows]
    filled = [(n, cells) for n, cells in filled if any(cells)]
    if not filled:
        preview.errors.append(_error(1, "file", "the file is empty"))
        return None
    header_line, header_cells = filled[0]
    header = [_header_name(c) for c in header_cells]
    preview.columns = [h for h in header if h]
    problems = _header_problems(header_line, header)
    if problems:
        preview.errors.extend(problems)
        return None
    if len(filled) == 1:
        preview.errors.append(
            _error(header_line + 1, "file", "no lines under the header: nothing to import")
        )
        return None
    rows: list[_Line] = []
    for number, cells in filled[1:]:
        row = _Line(number, {h: c for h, c in zip(header, cells, strict=False) if h})
        if any(cells[len(header) :]) or any(
            c for h, c in zip(header, cells, strict=False) if not h
        ):
            row.fail("row", "more cells than named columns (is a cell missing its quotes?)")
        else:
            _parse_line(row)
        rows.append(row)
    _resolve_delegations(ctx, event_id, rows, organiser, own)
    _resolve_competitions(ctx, event_id, rows)
    _check_duplicates(rows)
    _check_already_registered(ctx, event_id, rows)
    return rows


def _header_problems(line: int, header: list[str]) -> list[LineError]:
    problems = [_error(line, c, "missing column") for c in REQUIRED if c not in header]
    seen: set[str] = set()
    for name in header:
        if not name:
            continue
        if name in seen:
            problems.append(_error(line, name, "the column appears twice"))
        elif name not in COLUMNS and name not in EXPORT_ONLY:
            problems.append(
                _error(line, name, f"unknown column (the columns are: {', '.join(COLUMNS)})")
            )
        seen.add(name)
    return problems


def _write(
    ctx: Context,
    event_id: int,
    rows: list[_Line],
    entries: list[list[_Line]],
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
            row.fail("row", str(exc))
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
            message = exc.message if isinstance(exc, InputError) else str(exc)
            for row in entry:
                row.fail("competition", message.removeprefix("person_ids: "))
            continue
        entries_made.add(view.id)
        for row in entry:
            row.entry_id = view.id
    preview.summary.people = len(people)
    preview.summary.entries = len(entries_made)
    for row in rows:
        row.person_id = people.get(row.key) if not row.errors else None


def _existing(row: _Line) -> int | None:
    return row.delegation.id if row.delegation is not None else None


def _delegation_id(
    ctx: Context,
    event_id: int,
    row: _Line,
    rows: list[_Line],
    invited: dict[str, int],
    preview: ImportPreview,
) -> int | None:
    if row.delegation is not None:
        return row.delegation.id
    if row.new_delegation in invited:
        return invited[row.new_delegation]
    first = next(r for r in rows if r.new_delegation == row.new_delegation)
    assert row.person is not None
    country = first.values.get("delegation_country") or row.person.country
    kind = (first.values.get("delegation_kind") or "association").casefold()
    try:
        view = invite_delegation(
            ctx,
            event_id,
            DelegationIn(
                organisation=OrganisationIn.model_validate(
                    {"name": first.values["delegation"], "kind": kind, "country": _country(country)}
                )
            ),
        )
    except (InputError, AppError, ValidationError) as exc:
        row.fail("delegation", f"cannot invite {first.values['delegation']!r}: {exc}")
        return None
    invited[row.new_delegation] = view.id
    preview.summary.delegations_invited.append(view.name)
    return view.id


def _line_view(row: _Line, committed: bool) -> ImportLine:
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
