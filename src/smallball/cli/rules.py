"""``smallball rules replay``: the state after every point of a match."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from smallball.cli._io import InputFile, engine
from smallball.errors import N_, InputError
from smallball.sport import get_sport, replay
from smallball.sport.codec import parse_events, parse_setup, replay_json

rules = typer.Typer(help="The laws of the game.", no_args_is_help=True)


def run_replay(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise InputError("input", N_("must be a JSON object"))
    sport = get_sport(str(data.get("sport", "table-tennis")))
    setup = parse_setup(data)
    events = parse_events(data.get("events"))
    return replay_json(replay(sport, setup, events))


@rules.command("replay")
def replay_command(file: Path | None = InputFile) -> None:
    """Replay a match's events; print every rally and the state before the next one."""
    engine(file, run_replay)


def register(app: typer.Typer) -> None:
    from smallball.cli.demo import register_rules_demo

    register_rules_demo(rules)
    app.add_typer(rules, name="rules")
