"""A real server on a free port and Debian's chromium driven by Playwright."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright

from helpers import serving

sys.path.insert(0, str(Path(__file__).parent))
from flows import ORGANISER

from smallball.app.users import UserIn, create_user
from smallball.db.migrate import upgrade
from smallball.settings import Settings
from smallball.web.app import create_app

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture
def browser_app(tmp_path: Path) -> Iterator[Any]:
    url = f"sqlite:///{tmp_path / 'browser.sqlite3'}"
    upgrade(url)
    app = create_app(Settings(database_url=url, secret_key="browser-test"))
    app.state.services.run(
        None,
        create_user,
        UserIn(
            email=ORGANISER["email"],
            display_name="Host",
            password=ORGANISER["password"],
            is_admin=True,
        ),
    )
    yield app
    app.state.engine.dispose()


@pytest.fixture
def live_server(browser_app: Any) -> Iterator[str]:
    with serving(browser_app) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def shoot(request: pytest.FixtureRequest) -> Any:
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(page: Any, name: str) -> None:
        page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}-{name}.png"), full_page=True)

    return take
