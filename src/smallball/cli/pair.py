"""``smallball pair``: cross-national pairs and teams, or the score of a given grouping."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from smallball.cli._io import InputFile, engine
from smallball.errors import N_, InputError
from smallball.pairing import evaluate, pair
from smallball.pairing.codec import evaluation_json, parse_groups, parse_problem, result_json


def run_pair(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise InputError("input", N_("must be a JSON object"))
    problem = parse_problem(data)
    if "groups" in data:
        return evaluation_json(evaluate(problem, parse_groups(data["groups"])))
    return result_json(pair(problem))


def pair_command(file: Path | None = InputFile) -> None:
    """Form cross-national doubles pairs, mixed doubles or mixed teams (JSON in, JSON out)."""
    engine(file, run_pair)


def register(app: typer.Typer) -> None:
    app.command("pair")(pair_command)
