"""Databases for tests: SQLite always, PostgreSQL too when SMALLBALL_TEST_PG_URL is set.

With the variable set, a PostgreSQL that cannot be reached fails the run: CI must never pass
by skipping it. Each test database is created for the session and dropped afterwards.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

# Shared helpers (tests/helpers.py) are importable from every test directory.
sys.path.insert(0, str(Path(__file__).parent))

from helpers import fresh_pg_database

# Messages are asserted in English whatever the machine's locale; tests of another language set
# their own (the command line follows SMALLBALL_LANG, then the locale).
os.environ["SMALLBALL_LANG"] = "en"

PG_URL = os.environ.get("SMALLBALL_TEST_PG_URL")
BACKENDS = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]


@pytest.fixture(scope="session")
def _pg_admin_url() -> str:
    assert PG_URL is not None
    engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:  # any failure to connect must stop CI
        pytest.fail(f"SMALLBALL_TEST_PG_URL is set but PostgreSQL is unreachable: {exc}")
    finally:
        engine.dispose()
    return PG_URL


@pytest.fixture(params=BACKENDS)
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database on each backend under test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
    else:
        yield from fresh_pg_database(request.getfixturevalue("_pg_admin_url"))
