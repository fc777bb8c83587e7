"""What an import returns: the preview of every line and every problem, by line number."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from smallball.errors import InputError, fill


class LineError(BaseModel):
    line: int | None  # None when the file as a whole cannot be read
    column: str
    message: str
    detail: str  # "line 7: country: unknown country 'Atlantis' ..."
    # The catalogue template and its fields, for a page in the reader's language.
    template: str = Field(default="", exclude=True)
    params: dict[str, Any] = Field(default_factory=dict, exclude=True)


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


def line_error(line: int | None, column: str, message: str, /, **params: object) -> LineError:
    """``message`` may be a catalogue template filled from ``params`` (see ``smallball.errors``):
    the page shows it in the reader's language, the API in English."""
    where = f"line {line}: " if line is not None else ""
    text = fill(message, params)
    return LineError(
        line=line,
        column=column,
        message=text,
        detail=f"{where}{column}: {text}",
        template=message,
        params=params,
    )


class Unreadable(Exception):
    """The file as a whole cannot be used; carries the one problem to report."""

    def __init__(self, line: int | None, column: str, message: str, /, **params: object) -> None:
        super().__init__(fill(message, params))
        self.error = line_error(line, column, message, **params)
