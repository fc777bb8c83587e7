"""CI must fail, not skip, when PostgreSQL is asked for and cannot be reached."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_unreachable_postgresql_fails_the_run() -> None:
    env = {**os.environ, "SMALLBALL_TEST_PG_URL": "postgresql+psycopg://postgres@127.0.0.1:1/none"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/db/test_migrations.py::test_upgrade_to_head_and_back_to_base",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "PostgreSQL is unreachable" in done.stdout
    assert "skipped" not in done.stdout


def test_db_upgrade_command_migrates_the_configured_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    env = {**os.environ, "SMALLBALL_DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, "-m", "smallball", "db", "upgrade"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    tables = {
        row[0]
        for row in sqlite3.connect(tmp_path / "cli.sqlite3").execute(
            "SELECT name FROM sqlite_master WHERE type='table'"
        )
    }
    assert {"event", "match", "point_event", "audit_record"} <= tables
