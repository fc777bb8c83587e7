"""Bytes to rows of cells with the line numbers the user sees: CSV in its encoding and
dialect, or the first sheet of an XLSX workbook."""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from smallball.app.imports.columns import MAX_ROWS
from smallball.app.imports.views import Unreadable
from smallball.i18n import N_


@dataclass(slots=True)
class Sheet:
    format: Literal["csv", "xlsx", "unknown"]
    encoding: str | None = None
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def read_sheet(filename: str, content: bytes, encoding: str | None) -> Sheet:
    name = filename.lower()
    if name.endswith(".xls"):
        raise Unreadable(None, "file", N_("the old .xls format is not read; save as .xlsx or CSV"))
    # A workbook is a zip file, whatever its name says.
    if name.endswith((".xlsx", ".xlsm")) or content[:4] == b"PK\x03\x04":
        return Sheet("xlsx", None, _xlsx_rows(content))
    text, used = _decode(content, encoding)
    return Sheet("csv", used, _csv_rows(text))


def _decode(content: bytes, encoding: str | None) -> tuple[str, str]:
    """The text and the encoding it was read with: UTF-8 (BOM or not), UTF-16 with a BOM,
    or GB18030/GBK as Chinese Excel writes it; anything else is refused, naming the line."""
    if encoding:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise Unreadable(
                None, "encoding", N_("unknown encoding {encoding!r}"), encoding=encoding
            ) from None
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
    raise Unreadable(
        line,
        "encoding",
        N_(
            "the file is neither UTF-8 nor Chinese GB18030/GBK (byte 0x{byte:02X} cannot be "
            "read); save it as 'CSV UTF-8', or name its encoding (e.g. encoding=latin-1)"
        ),
        byte=content[first.start],
    )


def _strict(content: bytes, encoding: str) -> str:
    try:
        return content.decode(encoding)
    except UnicodeDecodeError as exc:
        line = content.count(b"\n", 0, exc.start) + 1
        raise Unreadable(
            line,
            "encoding",
            N_("byte 0x{byte:02X} is not valid {encoding}; save the file as 'CSV UTF-8'"),
            byte=content[exc.start],
            encoding=encoding,
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
        raise Unreadable(
            start, "file", N_("not readable as CSV ({problem})"), problem=str(exc)
        ) from None
    return rows


def _xlsx_rows(content: bytes) -> list[tuple[int, list[str]]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise Unreadable(
            None,
            "file",
            N_("not a readable XLSX workbook ({problem}); save it again from Excel"),
            problem=str(exc),
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
        raise Unreadable(
            line, "file", N_("more than {count} lines; split the file"), count=MAX_ROWS
        )


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def clean(value: str) -> str:
    text = unicodedata.normalize("NFC", value).strip()
    # The entries export quotes cells that a spreadsheet would run as formulas.
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        text = text[1:]
    return text


def header_name(value: str) -> str:
    return clean(value).lstrip("\ufeff").lower().replace(" ", "_").replace("-", "_")
