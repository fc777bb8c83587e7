"""``smallball draw ...``: knockout draws, group compositions, group qualifiers to knockout."""

from __future__ import annotations

from pathlib import Path

import typer

from smallball.cli._io import InputFile, engine
from smallball.competition.draw_codec import run_groups, run_knockout, run_qualifiers

draw = typer.Typer(help="Draws: knockout, groups, groups to knockout.", no_args_is_help=True)


@draw.command("knockout")
def knockout_command(file: Path | None = InputFile) -> None:
    """Seeded, separated (or friendship) knockout draw; positions top to bottom."""
    engine(file, run_knockout)


@draw.command("groups")
def groups_command(file: Path | None = InputFile) -> None:
    """Round-robin groups: snake seeding, then a separated or friendship lot."""
    engine(file, run_groups)


@draw.command("qualifiers")
def qualifiers_command(file: Path | None = InputFile) -> None:
    """Knockout of group qualifiers: winners on seed lines, same group apart."""
    engine(file, run_qualifiers)


def register(app: typer.Typer) -> None:
    app.add_typer(draw, name="draw")
