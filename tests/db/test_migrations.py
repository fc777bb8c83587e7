"""The same migrations build the schema on SQLite and PostgreSQL, and take it down again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic import command
from sqlalchemy import inspect, select

from smallball.db.base import Base
from smallball.db.migrate import alembic_config, downgrade, upgrade
from smallball.db.models import Event, Organisation
from smallball.db.session import make_engine, session_factory, transaction


def test_upgrade_to_head_and_back_to_base(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    engine = make_engine(empty_database_url)
    tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
    assert tables == set(Base.metadata.tables)
    # The models and the migrations describe the same schema.
    command.check(alembic_config(empty_database_url))
    downgrade(empty_database_url)
    assert set(inspect(engine).get_table_names()) - {"alembic_version"} == set()
    engine.dispose()


def test_timestamps_come_back_timezone_aware_utc(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    engine = make_engine(empty_database_url)
    beijing = timezone(timedelta(hours=8))
    made = datetime(2026, 5, 1, 9, 0, tzinfo=beijing)
    with transaction(session_factory(engine)) as session:
        session.add(Organisation(name="CTTA", kind="association", country="CHN", created_at=made))
    with session_factory(engine)() as session:
        stored = session.scalars(select(Organisation.created_at)).one()
    assert stored == made and stored.tzinfo is not None
    assert stored.utcoffset() == timedelta(0) and stored.hour == 1
    engine.dispose()


def test_a_failed_transaction_leaves_the_database_as_it_was(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    engine = make_engine(empty_database_url)
    factory = session_factory(engine)
    with pytest.raises(RuntimeError), transaction(factory) as session:
        session.add(
            Event(
                slug="open",
                name={"en": "Friendship Open"},
                starts_on=datetime(2026, 5, 1, tzinfo=UTC).date(),
                ends_on=datetime(2026, 5, 3, tzinfo=UTC).date(),
                time_zone="Asia/Shanghai",
            )
        )
        session.flush()
        raise RuntimeError("use case failed after writing")
    with factory() as session:
        assert session.scalars(select(Event)).all() == []
    engine.dispose()


def test_naive_timestamps_are_refused(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    engine = make_engine(empty_database_url)
    with (
        pytest.raises(Exception, match="timezone-aware"),
        transaction(session_factory(engine)) as session,
    ):
        session.add(
            Organisation(name="X", kind="club", country="USA", created_at=datetime(2026, 1, 1))
        )
        session.flush()
    engine.dispose()
