"""JSON in, JSON out, and one clear line with exit code 2 for bad input."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

from smallball.errors import InputError

EXIT_BAD_INPUT = 2

InputFile = typer.Argument(None, help="JSON input file; standard input when omitted or '-'.")


def fail(message: str) -> typer.Exit:
    """Print one line to stderr and return the exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(EXIT_BAD_INPUT)


def read_json(path: Path | None) -> Any:
    try:
        if path is None or str(path) == "-":
            text = sys.stdin.read()
        else:
            text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise fail(f"input: cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise fail("input: not UTF-8 text") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise fail(
            f"input: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None


def write_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1))
    sys.stdout.write("\n")


@contextmanager
def bad_input_exits() -> Iterator[None]:
    """Turn an ``InputError`` from any core into one line on stderr and exit 2."""
    try:
        yield
    except InputError as exc:
        raise fail(str(exc)) from None


def engine(path: Path | None, run: Callable[[Any], Any]) -> None:
    """Read JSON, run an engine on it, write JSON; bad input exits 2 with one line."""
    data = read_json(path)
    with bad_input_exits():
        result = run(data)
    write_json(result)
