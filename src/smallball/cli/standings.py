"""``smallball standings``: a group ranked by ITTF Regulation 3.7.5, with its tie-break steps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from smallball.cli._io import InputFile, engine
from smallball.competition.standings import standings
from smallball.competition.standings_codec import parse_group, standings_json


def run_standings(data: Any) -> dict[str, Any]:
    entries, matches, rules = parse_group(data)
    return standings_json(standings(entries, matches, rules), rules.team)


def standings_command(file: Path | None = InputFile) -> None:
    """Rank a round-robin group; explain every tie-break step and name ties that need a lot."""
    engine(file, run_standings)


def register(app: typer.Typer) -> None:
    app.command("standings")(standings_command)
