"""``smallball tie``: a team tie's line-ups checked against its format, and its state."""

from __future__ import annotations

from pathlib import Path

import typer

from smallball.cli._io import InputFile, engine
from smallball.competition.tie_codec import run_tie


def tie_command(file: Path | None = InputFile) -> None:
    """Check both line-ups against the team format and give the tie's state after its rubbers."""
    engine(file, run_tie)


def register(app: typer.Typer) -> None:
    app.command("tie")(tie_command)
