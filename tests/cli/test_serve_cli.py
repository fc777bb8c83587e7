from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_several_workers_are_refused_on_sqlite(tmp_path: Path) -> None:
    """On SQLite a point reaches only the scoreboards of its own process, so one process."""
    db = tmp_path / "serve.sqlite3"
    env = {**os.environ, "SMALLBALL_DATABASE_URL": f"sqlite:///{db}"}
    done = subprocess.run(
        [sys.executable, "-m", "smallball", "serve", "--workers", "2", "--port", "1"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: --workers: more than one app process needs PostgreSQL"
    ]
    assert not db.exists()  # refused before touching the database
