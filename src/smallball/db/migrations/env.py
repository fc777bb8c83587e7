"""Alembic environment: the same migrations for SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context

import smallball.db.models  # noqa: F401  (registers the tables)
from smallball.db.base import Base, UTCDateTime
from smallball.db.session import make_engine

config = context.config


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | Literal[False]:
    # Migrations use plain SQLAlchemy types so they never depend on our module layout.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run() -> None:
    url = config.get_main_option("sqlalchemy.url")
    assert url, "sqlalchemy.url is not set"
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=True,  # SQLite alters tables by copying them
            render_item=render_item,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run()
