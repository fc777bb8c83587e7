"""An app on a freshly migrated database, per backend, with a site administrator."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))

from support import ADMIN, Api, fixed_clock, sign_in

from smallball.app.users import UserIn, create_user
from smallball.db.migrate import upgrade
from smallball.settings import Settings
from smallball.web.app import create_app


@pytest.fixture
def app(empty_database_url: str) -> Iterator[Any]:
    upgrade(empty_database_url)
    application = create_app(
        Settings(database_url=empty_database_url, secret_key="test"), clock=fixed_clock
    )
    application.state.services.run(
        None,
        create_user,
        UserIn(
            email=ADMIN["email"],
            display_name="Organiser",
            password=ADMIN["password"],
            is_admin=True,
        ),
    )
    yield application
    application.state.engine.dispose()


@pytest.fixture
def organiser(app: Any) -> Api:
    return sign_in(app, ADMIN["email"], ADMIN["password"])


@pytest.fixture
def public(app: Any) -> Api:
    return Api(TestClient(app))
