"""JSON in, JSON out, and one clear line with exit code 2 for bad input."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

from smallball.errors import N_, InputError
from smallball.i18n import environment_language, refusal_in, said_in, sentence_in

EXIT_BAD_INPUT = 2

InputFile = typer.Argument(None, help="JSON input file; standard input when omitted or '-'.")


def words(template: str, /, **params: object) -> str:
    """A catalogue ``template`` in the run's language (``environment_language``), filled."""
    return sentence_in(template, environment_language(), **params)


def fail(message: str) -> typer.Exit:
    """Print one line to stderr and return the exit to raise."""
    prefix = sentence_in(N_("error"), environment_language())
    typer.echo(f"{prefix}: {message}", err=True)
    return typer.Exit(EXIT_BAD_INPUT)


def refuse(exc: Exception) -> typer.Exit:
    """``fail`` with a refusal, worded in the run's language (``environment_language``)."""
    return fail(refusal_in(exc, environment_language()))


def read_json(path: Path | None) -> Any:
    try:
        if path is None or str(path) == "-":
            text = sys.stdin.read()
        else:
            text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise refuse(
            InputError("input", N_("cannot read {path}: {reason}"), path=path, reason=exc.strerror)
        ) from None
    except UnicodeDecodeError:
        raise refuse(InputError("input", N_("not UTF-8 text"))) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise refuse(
            InputError(
                "input",
                N_("invalid JSON at line {line} column {column}: {reason}"),
                line=exc.lineno,
                column=exc.colno,
                reason=exc.msg,
            )
        ) from None


def write_json(data: Any) -> None:
    """``data`` as JSON; its sentences (``words.Said``) in the run's language."""
    shown = said_in(data, environment_language())
    sys.stdout.write(json.dumps(shown, ensure_ascii=False, indent=1))
    sys.stdout.write("\n")


@contextmanager
def bad_input_exits() -> Iterator[None]:
    """Turn an ``InputError`` from any core into one line on stderr and exit 2."""
    try:
        yield
    except InputError as exc:
        raise refuse(exc) from None


def engine(path: Path | None, run: Callable[[Any], Any]) -> None:
    """Read JSON, run an engine on it, write JSON; bad input exits 2 with one line."""
    data = read_json(path)
    with bad_input_exits():
        result = run(data)
    write_json(result)
