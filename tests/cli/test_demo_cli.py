from __future__ import annotations

import subprocess
import sys

from smallball.cli.demo import demo_match
from smallball.sport import TableTennis, fold


def test_demo_match_goes_to_a_deciding_game() -> None:
    setup, events = demo_match(71)
    state = fold(TableTennis(), setup, events)
    assert state.status == "completed" and len(state.games) == 5


def test_demo_runs_in_the_terminal() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "smallball", "demo", "--delay", "0"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "change ends" in done.stdout
    assert " win " in done.stdout.splitlines()[-1]
