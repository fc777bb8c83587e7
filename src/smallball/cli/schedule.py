"""``smallball schedule``: tables and start times for every match, with lower bounds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from smallball.cli._io import InputFile, engine
from smallball.errors import N_, InputError
from smallball.schedule import SolveOptions, make_plan
from smallball.schedule.codec import options_from, parse_instance, parse_sessions, report_json


def run_schedule(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise InputError("input", N_("must be a JSON object"))
    instance = parse_instance(data)
    _, sessions = parse_sessions(data["sessions"])
    solver, seconds, workers = options_from(data)
    report = make_plan(instance, solver, SolveOptions(time_limit_s=seconds, workers=workers))
    return report_json(instance, sessions, report)


def schedule_command(file: Path | None = InputFile) -> None:
    """Plan every match on a table and a start time; print the plan, its bounds and checks."""
    engine(file, run_schedule)


def register(app: typer.Typer) -> None:
    app.command("schedule")(schedule_command)
