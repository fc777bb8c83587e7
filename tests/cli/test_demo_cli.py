from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from smallball.cli.demo import demo_match
from smallball.sport import TableTennis, fold


def test_demo_match_goes_to_a_deciding_game() -> None:
    setup, events = demo_match(71)
    state = fold(TableTennis(), setup, events)
    assert state.status == "completed" and len(state.games) == 5


def _rules_demo(lang: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smallball", "rules", "demo", "--delay", "0"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SMALLBALL_LANG": lang},
    )


def test_demo_runs_in_the_terminal() -> None:
    done = _rules_demo("en")
    assert done.returncode == 0, done.stderr
    assert "change ends" in done.stdout
    assert " win " in done.stdout.splitlines()[-1]


def test_demo_runs_in_chinese() -> None:
    done = _rules_demo("zh_CN")
    assert done.returncode == 0, done.stderr
    assert "交换方位" in done.stdout and "change ends" not in done.stdout
    assert "获胜" in done.stdout.splitlines()[-1]


def test_demo_event_loads_into_a_fresh_database(tmp_path: Path) -> None:
    database = tmp_path / "demo.sqlite3"
    done = subprocess.run(
        [sys.executable, "-m", "smallball", "demo", "--no-serve", "--database", str(database)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "14 delegations" in done.stdout
    assert "organiser@friendship-open.example" in done.stdout
    with sqlite3.connect(database) as db:
        results = db.execute("SELECT count(*) FROM match WHERE result IS NOT NULL").fetchone()
        cross = db.execute(
            "SELECT count(*) FROM entry e JOIN competition c ON c.id = e.competition_id "
            "WHERE c.code = 'XD' AND (SELECT count(DISTINCT p.country) FROM entry_player ep "
            "JOIN person p ON p.id = ep.person_id WHERE ep.entry_id = e.id) = 2"
        ).fetchone()
        teams = db.execute(
            "SELECT e.name FROM entry e JOIN competition c ON c.id = e.competition_id "
            "WHERE c.code = 'MT'"
        ).fetchall()
    assert results[0] > 20
    assert cross[0] == 28  # every mixed pair is from two countries
    # One team per delegation, each by its own (country) name.
    names = [name for (name,) in teams]
    assert len(names) == 14 and len(set(names)) == 14
