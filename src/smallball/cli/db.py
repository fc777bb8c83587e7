"""``smallball db upgrade|downgrade``: migrate the configured database."""

from __future__ import annotations

import typer

from smallball.db.migrate import downgrade, upgrade
from smallball.settings import get_settings

db = typer.Typer(help="The database: migrations.", no_args_is_help=True)


@db.command("upgrade")
def upgrade_command(revision: str = typer.Argument("head")) -> None:
    """Migrate SMALLBALL_DATABASE_URL up to REVISION (default: the newest)."""
    upgrade(get_settings().database_url, revision)


@db.command("downgrade")
def downgrade_command(revision: str = typer.Argument(...)) -> None:
    """Migrate SMALLBALL_DATABASE_URL down to REVISION ('base' empties it)."""
    downgrade(get_settings().database_url, revision)


def register(app: typer.Typer) -> None:
    app.add_typer(db, name="db")
